"""Action plans and expected against actual: fixed figures, and properties on any data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.records import PurchaseRec
from followup_tui.core.review.action_plan import (
    ActionPlan,
    PlanStep,
    StepWhen,
    check_step,
    clean_goals,
    milestones_of,
    parse_step_when,
    sorted_steps,
)
from followup_tui.core.review.board import BoardAccount, board_review
from followup_tui.core.review.plan_track import (
    WonDeal,
    add_actuals,
    add_milestones,
    judge,
    sales_by_month,
    tier_track,
    track,
)
from followup_tui.core.review.year_end_verdicts import AccountNow, Verdict, follows, revisits

D = dt.date
Z = Decimal(0)


def money(n: int | str) -> Decimal:
    return Decimal(n)


# -- steps and plans --------------------------------------------------------------------


def test_when_is_a_day_or_a_month_of_the_plans_year() -> None:
    assert parse_step_when("2026-3") == StepWhen(2026, 3)
    assert parse_step_when(" 2026-03-31 ").last_day == D(2026, 3, 31)
    assert StepWhen(2026, 2).last_day == D(2026, 2, 28)
    assert StepWhen(2026, 2, 5).text == "2026-02-05"
    for bad in ("2026-02-30", "2026-00", "March", "2026/03", ""):
        with pytest.raises(FollowupError, match="when"):
            parse_step_when(bad)
    with pytest.raises(FollowupError, match="plan's year 2025"):
        parse_step_when("2026-01", 2025)


def step(n: int, when: str, status: str = "open", marked: D | None = None) -> PlanStep:
    return PlanStep(n, 1, 2026, n, "Me", f"step {n}", parse_step_when(when), "", "", status, marked)


def test_a_step_is_late_only_while_open_after_its_day_or_month() -> None:
    month = step(1, "2026-03")
    assert not month.late(D(2026, 3, 31)) and month.late(D(2026, 4, 1))
    day = step(2, "2026-03-10")
    assert day.late(D(2026, 3, 11))
    assert not step(3, "2026-03-10", "done", D(2026, 3, 9)).late(D(2026, 12, 1))
    assert not step(4, "2026-03-10", "missed", D(2026, 3, 20)).late(D(2026, 12, 1))
    plan = ActionPlan(1, 2026, steps=(month, day, step(3, "2026-05", "done", D(2026, 5, 2))))
    assert plan.counts() == {"open": 2, "done": 1, "missed": 0}
    assert plan.late_steps(D(2026, 4, 1)) == (month, day)
    # a month sorts before its days
    assert [s.step_id for s in sorted_steps([step(5, "2026-03-01"), month])] == [1, 5]


def test_fields_are_checked_and_cleaned() -> None:
    assert clean_goals([" a ", "", "b\n\n c"]) == ("a", "b", "c")
    assert check_step({"how": " Call ", "when": "2026-04"}, 2026) == {
        "how": "Call",
        "when": "2026-04",
    }
    with pytest.raises(FollowupError, match="how"):
        check_step({"how": ""}, 2026)
    months = milestones_of({1: "1,200.5", 2: "", 3: 0})
    assert months[:3] == (Decimal("1200.50"), None, Z) and months[3] is None
    with pytest.raises(FollowupError, match="month 2"):
        milestones_of({2: "-5"})
    with pytest.raises(FollowupError, match="month 2"):
        milestones_of({2: "NaN"})
    assert ActionPlan(1, 2026).expected is None
    assert ActionPlan(1, 2026, milestones=months).expected == Decimal("1200.50")


# -- actual: purchases and won deals ----------------------------------------------------


def test_a_won_deal_booked_as_a_purchase_counts_once_on_the_purchase_day() -> None:
    purchases = [
        PurchaseRec(1, D(2026, 3, 5), money(500)),
        PurchaseRec(1, D(2026, 6, 1), money(200)),
        PurchaseRec(2, D(2026, 1, 3), money(900)),  # booked after a deal won in December
    ]
    won = [
        WonDeal(10, 1, D(2026, 2, 20), money(500)),  # the March purchase
        WonDeal(11, 1, D(2026, 7, 1), money(999)),  # no purchase of its amount: its own
        WonDeal(12, 2, D(2025, 12, 28), money(900)),  # across the new year
        WonDeal(13, 3, D(2026, 9, 9), None),  # no amount: counts 0
    ]
    sales = sales_by_month(2026, purchases, won, match_days=31)
    assert sales[1][2] == 500 and sales[1][1] == 0  # March, not February
    assert sales[1][5] == 200 and sales[1][6] == 999
    assert sales[2][0] == 900 and sum(sales[2]) == 900
    assert sum(sales[3]) == 0
    # too far apart: two sales
    apart = sales_by_month(2026, purchases[:1], won[:1], match_days=5)
    assert apart[1][1] == 500 and apart[1][2] == 500


def test_one_purchase_matches_one_deal_the_nearest() -> None:
    purchases = [PurchaseRec(1, D(2026, 3, 1), money(100))]
    won = [WonDeal(1, 1, D(2026, 2, 1), money(100)), WonDeal(2, 1, D(2026, 3, 2), money(100))]
    sales = sales_by_month(2026, purchases, won, match_days=31)
    # deal 1 (earlier) takes the purchase first: deal 2 is a sale of its own
    assert sum(sales[1]) == 200


amounts = st.integers(min_value=0, max_value=10_000).map(Decimal)
days = st.dates(min_value=D(2025, 11, 1), max_value=D(2027, 2, 1))


gap = st.integers(-40, 40)


@st.composite
def book(draw: st.DrawFn) -> tuple[list[PurchaseRec], list[WonDeal]]:
    purchases = draw(
        st.lists(
            st.builds(PurchaseRec, st.integers(1, 3), days, st.one_of(st.none(), amounts)),
            max_size=12,
        )
    )
    won = [
        WonDeal(
            i,
            p.account_id,
            p.purchased_on + dt.timedelta(days=draw(st.integers(-40, 40))),
            p.amount,
        )
        for i, p in enumerate(purchases)
        if draw(st.booleans())
    ]
    won += draw(
        st.lists(
            st.builds(WonDeal, st.integers(100, 200), st.integers(1, 3), days, amounts),
            max_size=5,
        )
    )
    return purchases, won


@hsettings(max_examples=150, deadline=None)
@given(book(), st.integers(0, 60))
def test_actual_never_counts_a_purchase_twice(
    data: tuple[list[PurchaseRec], list[WonDeal]], match_days: int
) -> None:
    purchases, won = data
    sales = sales_by_month(2026, purchases, won, match_days)
    bought = sum((p.amount or Z for p in purchases if p.purchased_on.year == 2026), Z)
    deals = sum((d.amount or Z for d in won if d.closed_on.year == 2026), Z)
    total = sum((sum(m, Z) for m in sales.values()), Z)
    # every purchase once; a won deal at most once more
    assert bought <= total <= bought + deals


purchase = st.builds(PurchaseRec, st.integers(1, 3), days, st.one_of(st.none(), amounts))


@hsettings(max_examples=150, deadline=None)
@given(
    st.lists(purchase, max_size=12, unique_by=lambda p: (p.account_id, p.amount)),
    st.lists(st.integers(-31, 31), min_size=12, max_size=12),
)
def test_a_sale_booked_as_deal_and_purchase_counts_once(
    purchases: list[PurchaseRec], gaps: list[int]
) -> None:
    won = [
        WonDeal(i, p.account_id, p.purchased_on + dt.timedelta(days=g), p.amount)
        for i, (p, g) in enumerate(zip(purchases, gaps, strict=False))
    ]
    sales = sales_by_month(2026, purchases, won, 31)
    total = sum((sum(m, Z) for m in sales.values()), Z)
    assert total == sum((p.amount or Z for p in purchases if p.purchased_on.year == 2026), Z)


# -- expected against actual ------------------------------------------------------------


def month_plan(*amounts: int | None) -> tuple[Decimal | None, ...]:
    padded = [*amounts, *([None] * (12 - len(amounts)))]
    return tuple(None if a is None else Decimal(a) for a in padded)


def test_statuses_with_a_ten_percent_tolerance() -> None:
    assert judge(None, money(5), 10) == "no_plan"
    assert judge(Z, Z, 10) == "on_track" and judge(Z, money(1), 10) == "ahead"
    assert judge(money(100), money(110), 10) == "on_track"
    assert judge(money(100), money(111), 10) == "ahead"
    assert judge(money(100), money(90), 10) == "on_track"
    assert judge(money(100), money(89), 10) == "behind"


def test_a_year_judged_in_november() -> None:
    plan = month_plan(100, 100, None, 100, *([100] * 8))
    actual = [money(a) for a in (50, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    t = track(2026, plan, actual, D(2026, 4, 15), 10)
    statuses = [m.status for m in t.months]
    # Jan 50 of 100 behind; Feb 250 of 200 ahead; March (no milestone) 250 of 200 ahead;
    # April pro rata: 200 + 100 x 15/30 = 250: on track; May on: to come.
    assert statuses[:4] == ["behind", "ahead", "ahead", "on_track"]
    assert set(statuses[4:]) == {"upcoming"}
    assert t.months[3].cum_expected == Decimal(250) and t.status == "on_track"
    assert t.expected == Decimal(1100) and t.actual == Decimal(250)
    assert t.expected_to_date == Decimal(250)
    assert track(2026, month_plan(), None, D(2026, 6, 1), 10).status == "no_plan"
    assert track(2027, plan, actual, D(2026, 6, 1), 10).status == "upcoming"
    # the whole year gone: December decides
    assert track(2025, plan, actual, D(2026, 6, 1), 10).months[11].status != "upcoming"


milestones = st.lists(st.one_of(st.none(), amounts), min_size=12, max_size=12)
actuals = st.lists(amounts, min_size=12, max_size=12)
as_of = st.dates(min_value=D(2025, 12, 1), max_value=D(2027, 1, 31))


@hsettings(max_examples=200, deadline=None)
@given(milestones, st.lists(amounts, min_size=12, max_size=12), as_of, st.floats(0, 50))
def test_a_plan_met_every_month_is_never_behind(
    plan: list[Decimal | None], extra: list[Decimal], day: D, tolerance: float
) -> None:
    actual = [(m or Z) + e for m, e in zip(plan, extra, strict=True)]
    t = track(2026, plan, actual, day, tolerance)
    assert "behind" not in {m.status for m in t.months} and t.status != "behind"


@hsettings(max_examples=100, deadline=None)
@given(st.dictionaries(st.integers(1, 20), st.tuples(milestones, actuals), max_size=6), as_of)
def test_a_tiers_months_are_the_sum_of_its_accounts(
    accounts: dict[int, tuple[list[Decimal | None], list[Decimal]]], day: D
) -> None:
    plans = {a: p for a, (p, _) in accounts.items()}
    got = {a: g for a, (_, g) in accounts.items()}
    tier = tier_track(2026, plans, got, day, 10)
    for i, m in enumerate(tier.months):
        assert m.actual == sum((got[a][i] for a in accounts), Z)
        planned = [e for a in accounts if (e := plans[a][i]) is not None]
        assert m.expected == (sum(planned, Z) if planned else None)
    assert tier.actual == sum((sum(g, Z) for g in got.values()), Z)
    assert add_milestones([]) == (None,) * 12 and add_actuals([]) == (Z,) * 12


def test_board_review_fills_tiers_and_gives_empty_plans() -> None:
    accounts = [
        BoardAccount(1, "Acme", "big_below_potential"),
        BoardAccount(2, "Beta", "big_below_potential"),
        BoardAccount(3, "Gamma", "no_business"),
    ]
    plans = {1: ActionPlan(1, 2026, milestones=month_plan(100, 100), plan_id=7)}
    sales = {1: [money(100), money(50), *([Z] * 10)], 2: [money(30), *([Z] * 11)]}
    b = board_review(accounts, plans, sales, 2026, D(2026, 2, 28), 5, 10)
    first = b.tiers[0]
    assert [e.account.name for e in first.entries] == ["Acme", "Beta"]
    assert first.entries[1].plan.plan_id is None and first.entries[1].track.status == "no_plan"
    assert first.entries[0].track.status == "behind"  # 150 of 200
    assert first.track.months[0].actual == Decimal(130) and first.empty_slots == 3
    assert b.tiers[1].entries == () and b.track.actual == Decimal(180)


# -- year-end verdicts ------------------------------------------------------------------


def test_verdicts_as_next_years_targets() -> None:
    on = D(2026, 12, 30)
    kept = [
        Verdict(1, 2026, "move_up", "move_up", on),
        Verdict(2, 2026, "drop", "breaking_in", on),
        Verdict(3, 2026, "breaking_in", "", on),
        Verdict(9, 2026, "drop", "", on),  # deleted since
    ]
    now = {
        1: AccountNow(1, "Acme", "some_business", "A", "target", False),
        2: AccountNow(2, "Beta", None, "C", "existing", False),
        3: AccountNow(3, "Gamma", None, "B", "target", False),
    }
    got = revisits(kept, now)
    assert [(r.name, r.followed) for r in got] == [
        ("Acme", False),
        ("Gamma", False),
        ("Beta", True),
    ]
    assert kept[1].changed and not kept[2].changed
    assert follows("move_up", AccountNow(1, "Acme", "some_business", "A", "existing", False))
    assert follows("drop", AccountNow(5, "x", "some_business", None, "target", True))
    assert not follows("breaking_in", AccountNow(5, "x", "some_business", None, "target", True))
