"""The joined-text search of the account list gives exactly what the plain predicate gives.

`AccountIndex.view` finds words with `str.find` over one joined string, narrows
recent results and returns cached lists; `ListFilter.matcher()` over a sorted
order is the simple definition it must agree with, whatever is typed, filtered,
sorted or changed in between.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts import account_list, list_matches
from followup_tui.core.accounts.account_list import (
    CLASS_FILTERS,
    SORT_KEYS,
    TIER_FILTERS,
    AccountEntry,
    AccountIndex,
    ListFilter,
)
from followup_tui.core.base.kinds import RELATIONSHIP_TYPES
from followup_tui.core.base.text import search_key

# Few letters, so words often match: Latin, CJK, full-width, a space and a newline
# (notes hold newlines; the joined text uses one as its separator).
ALPHABET = "anorth上海张伟明远李ＡＮ \n"
TIERS = ("big_below_potential", "some_business", "no_business")


def expected(index: AccountIndex, flt: ListFilter, key: str, descending: bool) -> list[int]:
    """The definition: every entry of the order that the filter's predicate accepts."""
    match = flt.matcher()
    return [e.id for e in index.sorted(key, descending) if match(e)]


@st.composite
def entries(draw: st.DrawFn) -> list[AccountEntry]:
    """A small book with names, search texts and states drawn from narrow sets."""
    count = draw(st.integers(min_value=0, max_value=25))
    out = []
    for i in range(count):
        name = draw(st.text(ALPHABET, min_size=1, max_size=6))
        extra = draw(st.text(ALPHABET, max_size=10))
        out.append(
            AccountEntry(
                id=i + 1,
                name=name,
                quadrant=draw(st.sampled_from(("A", "B", "C", "D", None))),
                relationship=draw(st.sampled_from(RELATIONSHIP_TYPES)),
                tier=draw(st.sampled_from((*TIERS, None))),
                heat=float(draw(st.integers(0, 3))),
                last_contact_at=draw(st.sampled_from((None, dt.datetime(2026, 11, 1)))),
                next_follow_up=draw(st.sampled_from((None, dt.date(2026, 11, 20)))),
                open_amount=draw(st.sampled_from((None, Decimal(5), Decimal(1)))),
                archived=draw(st.booleans()),
                search_text=search_key(f"{name} {extra}"),
            )
        )
    return out


filters = st.builds(
    ListFilter,
    text=st.text(ALPHABET, max_size=5),
    quadrant=st.sampled_from((None, *CLASS_FILTERS)),
    relationship=st.sampled_from((None, *RELATIONSHIP_TYPES)),
    tier=st.sampled_from((None, *TIER_FILTERS)),
    archived=st.booleans(),
)


@hsettings(max_examples=300, deadline=None)
@given(book=entries(), data=st.data())
def test_view_equals_the_predicate_through_typing_filters_sorts_and_upserts(
    book: list[AccountEntry], data: st.DataObject
) -> None:
    """Any run of typing, deleting, one-key filters, sorts and edits agrees with the predicate."""
    # Narrow cached results always, at the shipped share, or never: every path is checked.
    share = data.draw(st.sampled_from((0, account_list.NARROW_SHARE, 10**9)))
    saved, account_list.NARROW_SHARE = account_list.NARROW_SHARE, share
    index = AccountIndex(book)
    if data.draw(st.booleans()):
        index.warm()  # as the loading thread does: first keys found ahead of time
    try:
        check_session(index, book, data)
    finally:
        account_list.NARROW_SHARE = saved


def check_session(index: AccountIndex, book: list[AccountEntry], data: st.DataObject) -> None:
    """Random steps on one index, each view compared with the predicate."""
    flt = ListFilter()
    key, descending = "name", False
    for _ in range(data.draw(st.integers(min_value=1, max_value=12))):
        step = data.draw(st.sampled_from(("type", "delete", "filter", "sort", "upsert")))
        if step == "type":
            flt = dataclasses.replace(flt, text=flt.text + data.draw(st.text(ALPHABET, max_size=3)))
        elif step == "delete":
            flt = dataclasses.replace(flt, text=flt.text[: -data.draw(st.integers(1, 3))])
        elif step == "filter":
            flt = dataclasses.replace(data.draw(filters), text=flt.text)
        elif step == "sort":
            key, descending = data.draw(st.sampled_from(SORT_KEYS)), data.draw(st.booleans())
        elif book:  # archive, restore or change the text of one entry
            old = index.get(data.draw(st.sampled_from([e.id for e in book])))
            assert old is not None
            index.upsert(
                dataclasses.replace(
                    old,
                    archived=not old.archived,
                    search_text=data.draw(st.sampled_from((old.search_text, "上海 north"))),
                )
            )
        got = [e.id for e in index.view(flt, key, descending)]
        assert got == expected(index, flt, key, descending), (flt, key, descending)
        for account_id in [e.id for e in book]:
            at = index.position_in_view(account_id)
            assert at == (got.index(account_id) if account_id in got else None)


# Typed as a rep types: each prefix in turn, then deleted again, on a fixed book.
BOOK = [
    AccountEntry(1, "Northwind", "A", "existing", None, 9.0, None, None, None, False, "northwind"),
    AccountEntry(2, "上海明远机电", "B", "target", "no_business", 5.0, None, None, None, False,
                 search_key("上海明远机电 张伟\nnotes: north 深圳")),
    AccountEntry(3, "Apex 深圳", None, "dormant", None, 1.0, None, None, None, False,
                 search_key("Apex 深圳 李雷")),
    AccountEntry(4, "Nord Archive", "A", "existing", "some_business", 2.0, None, None, None,
                 True, "nord archive north"),
    AccountEntry(5, "ＮＯＲＴＨ Star", "B", "target", None, 3.0, None, None, None, False,
                 search_key("ＮＯＲＴＨ Star 张三")),
]  # fmt: skip


def test_typing_then_deleting_words_in_english_and_chinese() -> None:
    """Each keystroke of a session agrees with the predicate, CJK and two words included."""
    index = AccountIndex(BOOK)
    seen: dict[str, list[int]] = {}
    for phrase in ("north", "上海", "张伟", "apex 深圳", "north 张", "nor ", "李"):
        texts = [phrase[:n] for n in range(len(phrase) + 1)]
        for text in texts + texts[::-1]:
            flt = ListFilter(text=text)
            got = [e.id for e in index.view(flt)]
            assert got == expected(index, flt, "name", False), text
            seen[text] = got
    assert seen["north"] == [5, 1, 2]  # ＮＯＲＴＨ folds; 上海… holds "north" in its notes
    assert seen["apex 深圳"] == [3]
    assert seen["north 张"] == [5, 2]
    assert seen["李"] == [3]


def test_words_combine_with_class_type_tier_and_archived() -> None:
    """The text narrows inside the one-key filters and the archived view, never across them."""
    index = AccountIndex(BOOK)
    table = [
        (ListFilter(text="north", quadrant="B"), [5, 2]),
        (ListFilter(text="north", quadrant="B", relationship="target", tier="any"), [2]),
        (ListFilter(text="north", tier="none"), [5, 1]),
        (ListFilter(text="north", archived=True), [4]),
        (ListFilter(text="north", archived=True, tier="some_business"), [4]),
        (ListFilter(text="深圳", quadrant="-"), [3]),
        (ListFilter(text="深圳 notes"), [2]),
        (ListFilter(quadrant="A"), [1]),
    ]
    for flt, ids in table:
        assert [e.id for e in index.view(flt)] == ids, flt
        assert ids == expected(index, flt, "name", False)


def test_upsert_after_archive_moves_the_entry_between_views() -> None:
    """Archiving through upsert takes the entry out of a cached search and into the archive."""
    index = AccountIndex(BOOK)
    assert [e.id for e in index.view(ListFilter(text="north"))] == [5, 1, 2]
    index.upsert(dataclasses.replace(BOOK[0], archived=True))
    assert [e.id for e in index.view(ListFilter(text="north"))] == [5, 2]
    assert [e.id for e in index.view(ListFilter(text="north", archived=True))] == [4, 1]
    assert index.archived_count == 2


def test_the_empty_filter_returns_the_cached_order_without_matching(monkeypatch) -> None:
    """No text and no one-key filter: the order's live entries as they are, no predicate run."""
    index = AccountIndex(BOOK)
    first = index.view(ListFilter())
    assert [e.id for e in first] == [3, 5, 1, 2]

    def refuse(self: ListFilter) -> None:
        raise AssertionError("the empty filter must not build a predicate")

    monkeypatch.setattr(ListFilter, "matcher", refuse)
    assert index.view(ListFilter(text="  ")) is first  # the same cached list, not a copy
    assert index.view(ListFilter(text="")) is first
    with_text = index.view(ListFilter(text="north"))  # no one-key filter: no predicate either
    assert [e.id for e in with_text] == [5, 1, 2]


# The order each column defines, written the plain way: name first, then the column.
COLUMN_VALUE = {
    "name": lambda e: e.sort_name,
    "class": lambda e: e.quadrant or "Z",
    "relationship": lambda e: e.relationship,
    "tier": lambda e: {"big_below_potential": 0, "some_business": 1, "no_business": 2}.get(
        e.tier, 3
    ),
    "heat": lambda e: e.heat,
    "last_contact": lambda e: e.last_contact_at,
    "next_follow_up": lambda e: e.next_follow_up,
    "open_amount": lambda e: e.open_amount,
}


@hsettings(max_examples=200, deadline=None)
@given(book=entries(), key=st.sampled_from(SORT_KEYS), descending=st.booleans())
def test_each_sort_is_the_column_then_name_with_missing_values_last(
    book: list[AccountEntry], key: str, descending: bool
) -> None:
    """Sorting the name order once by the column equals sorting by name, then by column."""
    value = COLUMN_VALUE[key]
    by_name = sorted(book, key=lambda e: e.sort_name)
    present = sorted((e for e in by_name if value(e) is not None), key=value, reverse=descending)
    missing = [e for e in by_name if value(e) is None]
    index = AccountIndex(book)
    if key != "name":
        index.sorted("name", descending=True)  # another order cached first changes nothing
    assert [e.id for e in index.sorted(key, descending)] == [e.id for e in present + missing]


def test_one_key_filters_are_answered_from_value_groups_without_a_predicate(
    monkeypatch,
) -> None:
    """Class, type and tier filters intersect kept groups: no predicate over every entry."""

    def refuse(self: ListFilter) -> None:
        raise AssertionError("a one-key filter must not build a predicate")

    monkeypatch.setattr(ListFilter, "matcher", refuse)
    index = AccountIndex(BOOK)
    assert [e.id for e in index.view(ListFilter(quadrant="B"))] == [5, 2]
    assert [e.id for e in index.view(ListFilter(quadrant="B", tier="any"))] == [2]
    assert [e.id for e in index.view(ListFilter(relationship="dormant", quadrant="-"))] == [3]
    assert [e.id for e in index.view(ListFilter(tier="none", text="north"))] == [5, 1]
    assert [e.id for e in index.view(ListFilter(quadrant="D"))] == []


@hsettings(max_examples=300, deadline=None)
@given(book=entries(), data=st.data())
def test_views_read_lazily_in_any_order_equal_the_predicate(
    book: list[AccountEntry], data: st.DataObject
) -> None:
    """A view read as the screen reads it - the kept cursor's row, the count, one page -
    before or without reading it all, agrees with the predicate on any book and text,
    whether a search lists everything at once or next to nothing."""
    eager = data.draw(st.sampled_from((0, 1, 3, list_matches.EAGER_MATCHES)))
    share = data.draw(st.sampled_from((0, account_list.NARROW_SHARE, 10**9)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(list_matches, "EAGER_MATCHES", eager)
        patch.setattr(account_list, "NARROW_SHARE", share)
        index = AccountIndex(book)
        if data.draw(st.booleans()):
            index.warm()
        flt = ListFilter()
        key, descending = "name", False
        for _ in range(data.draw(st.integers(min_value=1, max_value=10))):
            step = data.draw(st.sampled_from(("type", "type", "delete", "filter", "sort")))
            if step == "type":
                more = data.draw(st.text(ALPHABET, max_size=3))
                flt = dataclasses.replace(flt, text=flt.text + more)
            elif step == "delete":
                flt = dataclasses.replace(flt, text=flt.text[: -data.draw(st.integers(1, 3))])
            elif step == "filter":
                flt = dataclasses.replace(data.draw(filters), text=flt.text)
            else:
                key, descending = data.draw(st.sampled_from(SORT_KEYS)), data.draw(st.booleans())
            want = expected(index, flt, key, descending)
            view = index.view(flt, key, descending)
            if data.draw(st.booleans()):
                index.list_last()  # as the screen does between keys
            for account_id in data.draw(st.lists(st.sampled_from([0, *[e.id for e in book]]))):
                at = index.position_in_view(account_id)
                assert at == (want.index(account_id) if account_id in want else None)
            start = data.draw(st.integers(0, 30))
            stop = start + data.draw(st.integers(0, 8))
            assert [e.id for e in view[start:stop]] == want[start:stop]
            if want:
                assert view[-1].id == want[-1]
            assert len(view) == len(want)
            assert [e.id for e in view] == want


def test_between_keys_the_last_result_is_listed_if_a_longer_text_could_narrow_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A few matches are listed for the next key to check; a third of the book is not."""
    monkeypatch.setattr(list_matches, "EAGER_MATCHES", 1)
    book = [
        AccountEntry(n, f"Name {n}", None, "target", None, 0.0, None, None, None, False,
                     "north star" if n % 10 == 0 else f"nanjing {n}")
        for n in range(1, 41)
    ]  # fmt: skip
    index = AccountIndex(book)
    few = index.view(ListFilter(text="north"))  # 4 of 40: a tenth, under 1/8
    assert isinstance(few, list_matches.FoundEntries) and not few.matches.complete
    index.list_last()
    assert few.matches.complete
    assert [e.id for e in index.view(ListFilter(text="north s"))] == [10, 20, 30, 40]
    many = index.view(ListFilter(text="nanjing"))  # 36 of 40: searched again, not narrowed
    index.list_last()
    assert isinstance(many, list_matches.FoundEntries) and not many.matches.complete
    assert len(many) == 36
