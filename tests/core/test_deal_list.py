"""Filtering and sorting deal rows in memory."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from followup_tui.core.accounts.account_list import cycle
from followup_tui.core.sheet.deal_list import (
    DESCENDING_FIRST,
    OUTCOME_FILTERS,
    SORT_KEYS,
    DealFilter,
    DealIndex,
)
from followup_tui.core.sheet.sheet_records import DealRow

D = dt.date
DEC_1 = D(2026, 12, 1)


def row(
    deal_id: int,
    title: str,
    account: str = "Acme",
    *,
    amount: int | None = 100,
    due: dt.date | None = DEC_1,
    status: str = "in_progress",
    funnel: str = "in",
    position: int | None = 0,
    mines: int = 0,
    outcome: str = "open",
    score: int | None = 50,
) -> DealRow:
    return DealRow(
        deal_id,
        deal_id * 10,
        account,
        title,
        None if amount is None else Decimal(amount),
        due,
        status,
        funnel,
        position,
        mines,
        outcome,
        score,
    )


ROWS = [
    row(1, "MES licences", "上海明远机电", amount=860_000, due=D(2026, 11, 17), position=-3),
    row(2, "设备状态监测平台", "华为技术", amount=2_600_000, status="urgent", mines=4),
    row(3, "Cold-chain monitoring", "Fabrikam Foods", amount=None, due=None, funnel="best_few"),
    row(4, "Hangar tool tracking", "Blue Yonder", outcome="lost", position=None, score=None),
    row(5, "IoT API 集成", "杭州云帆科技", outcome="won", status="later", funnel="universe"),
    row(6, "ＧＭＰ cleanroom", "北京京华制药", amount=1_500_000, status="getting_started", mines=1),
]


def ids(rows: list[DealRow]) -> list[int]:
    return [r.id for r in rows]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (DealFilter(), [1, 2, 3, 6]),  # open deals by default
        (DealFilter(outcome=None), [1, 2, 3, 4, 5, 6]),
        (DealFilter(outcome="won"), [5]),
        (DealFilter(outcome="lost"), [4]),
        (DealFilter(text="mes"), [1]),  # title, any case
        (DealFilter(text="华为"), [2]),  # account name, Chinese
        (DealFilter(text="监测"), [2]),  # part of a Chinese title
        (DealFilter(text="gmp"), [6]),  # full-width title found by half-width typing
        (DealFilter(text="ＣＯＬＤ"), [3]),  # and the other way round
        (DealFilter(text="cold fabrikam"), [3]),  # every word, title or account
        (DealFilter(text="cold 华为"), []),
        (DealFilter(text="集成", outcome=None), [5]),
        (DealFilter(status="urgent"), [2]),
        (DealFilter(funnel="best_few"), [3]),
        (DealFilter(status="later"), []),  # the later deal is won, not open
        (DealFilter(status="later", outcome=None), [5]),
        (DealFilter(text="  "), [1, 2, 3, 6]),
    ],
)
def test_filters(flt: DealFilter, expected: list[int]) -> None:
    assert sorted(ids(DealIndex(ROWS).view(flt))) == expected


@pytest.mark.parametrize(
    ("key", "descending", "expected"),
    [
        ("title", False, [3, 6, 4, 5, 1, 2]),  # folded: ＧＭＰ sorts as gmp; CJK after Latin
        ("account", False, [4, 3, 1, 6, 2, 5]),
        ("amount", True, [2, 6, 1, 4, 5, 3]),  # ties by title; missing amount last
        ("amount", False, [4, 5, 1, 6, 2, 3]),  # missing still last
        ("completion_date", False, [1, 6, 4, 5, 2, 3]),
        ("status", False, [2, 3, 4, 1, 6, 5]),  # urgent first, later last
        ("funnel", False, [3, 6, 4, 1, 2, 5]),  # best few first, universe last
        ("position", False, [1, 3, 6, 5, 2, 4]),  # panic first; unknown last
        ("open_landmines", True, [2, 6, 3, 4, 5, 1]),
        ("completeness", False, [3, 6, 5, 1, 2, 4]),
    ],
)
def test_sorts(key: str, descending: bool, expected: list[int]) -> None:
    index = DealIndex(ROWS)
    assert ids(index.view(DealFilter(outcome=None), key, descending)) == expected


def test_every_sort_key_works_and_missing_values_stay_last() -> None:
    index = DealIndex(ROWS)
    for key in SORT_KEYS:
        for descending in (False, True):
            order = index.sorted(key, descending)
            assert sorted(ids(order)) == [1, 2, 3, 4, 5, 6]
    assert ids(index.sorted("completion_date", True))[-1] == 3
    assert ids(index.sorted("position", True))[-1] == 4
    assert set(SORT_KEYS) >= DESCENDING_FIRST


def test_upsert_replaces_a_row_and_resorts() -> None:
    index = DealIndex(ROWS)
    assert ids(index.view(DealFilter(), "amount", True))[0] == 2
    index.upsert(row(1, "MES licences", "上海明远机电", amount=9_000_000))
    assert ids(index.view(DealFilter(), "amount", True))[0] == 1
    index.upsert(row(7, "新商机", "华为技术"))
    assert len(index) == 7
    assert ids(index.view(DealFilter(text="新"))) == [7]
    assert index.count("open") == 5 and index.count(None) == 7


def test_outcome_filter_cycles_open_won_lost_all() -> None:
    seen = []
    value: str | None = "open"
    for _ in range(4):
        value = cycle(OUTCOME_FILTERS, value)
        seen.append(value)
    assert seen == ["won", "lost", None, "open"]
