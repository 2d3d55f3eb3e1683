"""Filtering and sorting the account list in memory."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from followup_tui.core.accounts.account_list import AccountEntry, AccountIndex, ListFilter, cycle
from followup_tui.core.base.text import search_key


def entry(i: int, name: str, **kw) -> AccountEntry:
    base = dict(
        id=i,
        name=name,
        quadrant="A",
        relationship="target",
        tier=None,
        heat=50.0,
        last_contact_at=None,
        next_follow_up=None,
        open_amount=None,
        archived=False,
        search_text=search_key(name),
    )
    base.update(kw)
    return AccountEntry(**base)  # type: ignore[arg-type]


INDEX = AccountIndex(
    [
        entry(
            1,
            "Northwind Logistics",
            quadrant="A",
            heat=95.0,
            open_amount=Decimal(100),
            search_text=search_key("Northwind Logistics Ann Lee"),
        ),
        entry(
            2,
            "华为技术",
            quadrant="B",
            relationship="existing",
            tier="some_business",
            search_text=search_key("华为技术 王经理"),
            next_follow_up=dt.date(2026, 11, 20),
        ),
        entry(3, "ＡＣＭＥ Ltd", quadrant=None, heat=10.0, next_follow_up=dt.date(2026, 11, 25)),
        entry(4, "Archived Co", archived=True),
        entry(5, "上海明远", quadrant="B", tier="no_business", heat=60.0),
    ]
)


def names(entries) -> list[str]:
    return [e.name for e in entries]


def test_text_matches_names_and_contacts_case_and_width_insensitively() -> None:
    assert names(INDEX.view(ListFilter(text="north"))) == ["Northwind Logistics"]
    assert names(INDEX.view(ListFilter(text="ann lee"))) == ["Northwind Logistics"]
    assert names(INDEX.view(ListFilter(text="王经理"))) == ["华为技术"]
    assert names(INDEX.view(ListFilter(text="acme"))) == ["ＡＣＭＥ Ltd"]
    assert names(INDEX.view(ListFilter(text="华为 王"))) == ["华为技术"]
    assert INDEX.view(ListFilter(text="nothing like this")) == []


def test_one_key_filters_combine() -> None:
    # By pinyin: 华为 (hua wei) before 上海 (shang hai).
    assert names(INDEX.view(ListFilter(quadrant="B"))) == ["华为技术", "上海明远"]
    assert names(INDEX.view(ListFilter(quadrant="B", tier="some_business"))) == ["华为技术"]
    assert names(INDEX.view(ListFilter(quadrant="-"))) == ["ＡＣＭＥ Ltd"]
    assert names(INDEX.view(ListFilter(tier="any"))) == ["华为技术", "上海明远"]
    assert len(INDEX.view(ListFilter(tier="none"))) == 2
    assert names(INDEX.view(ListFilter(relationship="existing"))) == ["华为技术"]
    assert names(INDEX.view(ListFilter(archived=True))) == ["Archived Co"]


def test_sorts_put_missing_values_last_either_way() -> None:
    assert names(INDEX.view(ListFilter(), "heat", descending=True))[0] == "Northwind Logistics"
    assert names(INDEX.view(ListFilter(), "heat"))[0] == "ＡＣＭＥ Ltd"
    due = names(INDEX.view(ListFilter(), "next_follow_up"))
    assert due[:2] == ["华为技术", "ＡＣＭＥ Ltd"]
    due_desc = names(INDEX.view(ListFilter(), "next_follow_up", descending=True))
    assert due_desc[:2] == ["ＡＣＭＥ Ltd", "华为技术"]
    assert names(INDEX.view(ListFilter(), "open_amount"))[0] == "Northwind Logistics"


def test_upsert_invalidates_cached_orders() -> None:
    index = AccountIndex([entry(1, "b"), entry(2, "a")])
    assert names(index.sorted("name")) == ["a", "b"]
    index.upsert(entry(3, "0 first"))
    assert names(index.sorted("name")) == ["0 first", "a", "b"]


def test_cycle_goes_round_through_any() -> None:
    options = ("x", "y")
    assert [cycle(options, None), cycle(options, "x"), cycle(options, "y")] == ["x", "y", None]


def test_typing_narrows_and_deleting_widens_again() -> None:
    index = AccountIndex(
        [
            entry(1, "Northwind"),
            entry(2, "Norway Fish"),
            entry(3, "Nanjing 南京"),
            entry(4, "Archived North", archived=True),
        ]
    )
    assert names(index.view(ListFilter(text="n"))) == ["Nanjing 南京", "Northwind", "Norway Fish"]
    assert names(index.view(ListFilter(text="no"))) == ["Northwind", "Norway Fish"]
    assert names(index.view(ListFilter(text="nor"))) == ["Northwind", "Norway Fish"]
    assert names(index.view(ListFilter(text="nort"))) == ["Northwind"]
    assert names(index.view(ListFilter(text="n"))) == ["Nanjing 南京", "Northwind", "Norway Fish"]
    assert names(index.view(ListFilter(text="no", quadrant="B"))) == []
    assert names(index.view(ListFilter(text="no", archived=True))) == ["Archived North"]
    assert names(index.view(ListFilter(text="南"))) == ["Nanjing 南京"]
