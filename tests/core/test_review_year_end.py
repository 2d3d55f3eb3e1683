"""The year-end analysis: purchases against the year before, reorder rate, proposals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import PurchaseRec
from followup_tui.core.review.periods import year
from followup_tui.core.review.year_end import reorder_rate, year_end

D = dt.date
SHIPPED = load_settings(None)


def buy(account: int, day: D, amount: str = "100") -> PurchaseRec:
    return PurchaseRec(account, day, Decimal(amount))


def test_fixed_book(settings: Settings) -> None:
    names = {1: "Regular", 2: "New", 3: "Fell", 4: "Gone", 5: "Archived elsewhere"}
    purchases = [
        # 1: bought in March and September for three years: three repeat orders in 2026.
        *(buy(1, D(y, m, 10)) for y in (2024, 2025, 2026) for m in (3, 9)),
        buy(1, D(2026, 11, 1)),
        # 2: first order ever in 2026, then one more: half are repeat orders.
        buy(2, D(2026, 4, 1)),
        buy(2, D(2026, 6, 1)),
        # 3: 1,000 the year before, 200 this year: fell by 80%.
        buy(3, D(2025, 5, 1), "1000"),
        buy(3, D(2026, 5, 1), "200"),
        # 4: last bought in 2023.
        buy(4, D(2023, 2, 1)),
        # 6: not among the accounts considered.
        buy(6, D(2026, 1, 1)),
    ]
    y = year_end(2026, names, purchases, settings)
    rows = {r.account_id: r for r in y.rows}
    assert set(rows) == {1, 2, 3, 4}
    one = rows[1]
    assert (one.orders, one.amount, one.orders_before, one.amount_before) == (
        3,
        Decimal(300),
        2,
        Decimal(200),
    )
    assert one.reorder_rate == 1.0
    assert one.usual_months == (3, 9)
    assert one.proposal == "move_up"
    assert rows[2].reorder_rate == 0.5 and rows[2].proposal == "move_up"
    assert rows[3].proposal == "drop" and "80%" in rows[3].reason
    assert rows[4].proposal == "drop" and rows[4].orders == 0
    # The book: of the two accounts that bought in 2025 (1 and 3), both bought again.
    assert y.reorder_rate == 1.0
    assert [r.proposal for r in y.rows] == ["move_up", "move_up", "drop", "drop"]


def test_reorder_rate() -> None:
    assert reorder_rate(0, True) == 0.0
    assert reorder_rate(1, False) == 0.0
    assert reorder_rate(4, False) == 0.75
    assert reorder_rate(4, True) == 1.0


@hsettings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 5),
            st.dates(D(2023, 1, 1), D(2027, 6, 30)),
            st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
        ),
        max_size=25,
    )
)
def test_rules_that_hold_on_any_book(rows: list[tuple[int, D, Decimal]]) -> None:
    names = {i: f"Account {i}" for i in range(1, 6)}
    y = year_end(2026, names, [PurchaseRec(a, d, m) for a, d, m in rows], SHIPPED)
    for r in y.rows:
        assert 0.0 <= r.reorder_rate <= 1.0
        if r.orders == 0:
            assert r.proposal != "move_up"
    assert 0.0 <= y.reorder_rate <= 1.0
    assert y.amount == sum((r.amount for r in y.rows), Decimal(0))


def _each_account_counted(
    the_year: int, names: dict[int, str], purchases: list[PurchaseRec]
) -> dict[int, tuple[int, Decimal, int, Decimal, float]]:
    """Each account's orders, amounts and reorder rate, its purchases filtered once per
    figure: what `year_end`'s one pass over them must equal."""
    now, before = year(the_year), year(the_year - 1)
    out = {}
    for account in names:
        bought = [p for p in purchases if p.account_id == account and p.purchased_on <= now.end]
        if not bought:
            continue
        mine = [p for p in bought if now.holds(p.purchased_on)]
        prev = [p for p in bought if before.holds(p.purchased_on)]
        first = min(p.purchased_on for p in bought)
        out[account] = (
            len(mine),
            sum((p.amount or Decimal(0) for p in mine), Decimal(0)),
            len(prev),
            sum((p.amount or Decimal(0) for p in prev), Decimal(0)),
            reorder_rate(len(mine), first < now.start),
        )
    return out


@hsettings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6),
            st.dates(D(2022, 1, 1), D(2027, 6, 30)),
            st.one_of(
                st.none(),
                st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
                st.sampled_from([Decimal("5"), Decimal("5.0"), Decimal("5.00")]),
            ),
        ),
        max_size=30,
    ),
    st.sampled_from([2025, 2026]),
)
def test_one_pass_is_each_figure_counted_apart(
    rows: list[tuple[int, D, Decimal | None]], the_year: int
) -> None:
    names = {i: f"Account {i}" for i in range(1, 6)}  # 6 is not considered
    purchases = [PurchaseRec(a, d, m) for a, d, m in rows]
    y = year_end(the_year, names, purchases, SHIPPED)
    got = {
        r.account_id: (r.orders, r.amount, r.orders_before, r.amount_before, r.reorder_rate)
        for r in y.rows
    }
    expected = _each_account_counted(the_year, names, purchases)
    assert got == expected
    # Equal as Decimals is not enough: the amounts print as they were summed.
    assert {a: (str(v[1]), str(v[3])) for a, v in got.items()} == {
        a: (str(v[1]), str(v[3])) for a, v in expected.items()
    }
