"""The team view (#19): each rep's figures are the one-rep reviews on that rep's slice,
and the team's row adds the reps' rows up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.kinds import FUNNEL_LEVELS, OUTCOMES, TIERS
from followup_tui.core.review.action_plan import ActionPlan
from followup_tui.core.review.activity import ActivityCount, FollowUpDone, counted_review
from followup_tui.core.review.board import BoardAccount, board_review
from followup_tui.core.review.periods import period_of
from followup_tui.core.review.pipeline import RISK_ORDER, PipelineDeal, build_pipeline
from followup_tui.core.review.review_config import review_config
from followup_tui.core.review.team_tables import board_cell, team_tables
from followup_tui.core.review.team_view import RepBook, figures, team_review
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetDeal

SHIPPED = load_settings(None)
TODAY = dt.date(2026, 11, 22)
PERIOD = period_of("month", TODAY)
EVIDENCE = {
    f"evidence_{k}": "seen" for k in ("customer", "product", "amount", "completion_date", "status")
}
REPS = ("anna", "bo", "陈静", "")


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    config = tmp_path_factory.mktemp("zh") / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return load_settings(config)


def deal(deal_id: int, account_id: int, amount: int | None, funnel: str, proof: bool) -> BlueSheet:
    evidence = EVIDENCE if proof else {**EVIDENCE, "evidence_amount": ""}
    return BlueSheet(
        SheetDeal(  # type: ignore[arg-type]
            id=deal_id,
            account_id=account_id,
            account_name=f"Account {account_id}",
            title=f"Deal {deal_id}",
            amount=None if amount is None else Decimal(amount),
            funnel=funnel,
            created_at=dt.datetime(2026, 1, 1),
            **evidence,
        )
    )


@st.composite
def team_book(draw: st.DrawFn) -> tuple[list[RepBook], dict[int, ActionPlan], dict]:
    """Two to four reps, each with accounts on the board, deals and a month's activity;
    plans and sales for every account, in one map as the data layer reads them."""
    reps = draw(st.lists(st.sampled_from(REPS), min_size=1, max_size=4, unique=True))
    money = st.integers(0, 5000).map(Decimal)
    plans: dict[int, ActionPlan] = {}
    sales: dict[int, list[Decimal]] = {}
    books = []
    next_id = 1
    for rep in reps:
        board = []
        deals = []
        for tier in draw(st.lists(st.sampled_from(TIERS), max_size=7)):
            aid = next_id
            next_id += 1
            board.append(BoardAccount(aid, f"{rep} {aid}", tier))
            if draw(st.booleans()):
                milestones = tuple(draw(st.one_of(st.none(), money)) for _ in range(12))
                plans[aid] = ActionPlan(aid, 2026, (), milestones)
            if draw(st.booleans()):
                sales[aid] = [draw(money) for _ in range(12)]
            for _ in range(draw(st.integers(0, 2))):
                did = 1000 + next_id * 10 + len(deals)
                sheet = deal(
                    did,
                    aid,
                    draw(st.one_of(st.none(), st.integers(0, 90000))),
                    draw(st.sampled_from(FUNNEL_LEVELS)),
                    draw(st.booleans()),
                )
                last = draw(st.one_of(st.none(), st.dates(dt.date(2026, 9, 1), TODAY)))
                deals.append(PipelineDeal(sheet, last))
        activity = tuple(
            ActivityCount(day, kind, outcome, in_sheet, n)
            for day, kind, outcome, in_sheet, n in draw(
                st.lists(
                    st.tuples(
                        st.dates(dt.date(2026, 10, 20), TODAY),
                        st.sampled_from(("call", "email", "note")),
                        st.sampled_from((*OUTCOMES, None)),
                        st.booleans(),
                        st.integers(1, 5),
                    ),
                    max_size=8,
                )
            )
        )
        follow_ups = tuple(
            FollowUpDone(due, done)
            for due, done in draw(
                st.lists(
                    st.tuples(
                        st.dates(dt.date(2026, 10, 20), TODAY),
                        st.one_of(st.none(), st.dates(dt.date(2026, 10, 20), TODAY)),
                    ),
                    max_size=6,
                )
            )
        )
        books.append(RepBook(rep, tuple(board), tuple(deals), activity, follow_ups))
    return books, plans, sales


ADDED = (
    "empty_slots",
    "over_by",
    "actual",
    "deals",
    "amount",
    "weighted",
    "stalled",
    "out_of_control",
    "effort_on_lost",
    "contacts",
    "reached",
    "on_time",
    "late",
    "missed",
    "notes",
)


@hsettings(max_examples=60, deadline=None)
@given(team_book())
def test_the_teams_row_is_the_sum_of_the_reps_rows(book) -> None:  # type: ignore[no-untyped-def]
    books, plans, sales = book
    team = team_review(books, plans, sales, PERIOD, TODAY, TODAY, SHIPPED)
    rows = [r.figures for r in team.reps]
    for name in ADDED:
        assert getattr(team.total, name) == sum(getattr(f, name) for f in rows), name
    for i in range(len(TIERS)):
        assert team.total.tier_counts[i] == sum(f.tier_counts[i] for f in rows)
    for i in range(len(RISK_ORDER)):
        assert team.total.verdicts[i] == sum(f.verdicts[i] for f in rows)
    known = [f.expected for f in rows if f.expected is not None]
    assert team.total.expected == (sum(known, Decimal(0)) if known else None)
    assert team.total.reach_rate == (
        team.total.reached / team.total.contacts if team.total.contacts else 0.0
    )
    # The whole team's pipeline and board, read as one book, come to the same totals.
    everyone = build_pipeline([d for b in books for d in b.deals], TODAY, SHIPPED)
    assert team.total.deals == len(everyone.rows)
    assert team.total.weighted == sum((t.weighted for t in everyone.by_verdict), Decimal(0))
    assert team.total.stalled == everyone.stalled
    cfg = review_config(SHIPPED)
    whole = board_review(
        [a for b in books for a in b.board],
        plans,
        sales,
        2026,
        TODAY,
        cfg.tier_slots,
        cfg.plan_tolerance_percent,
    )
    assert team.total.status == whole.track.status
    assert team.total.actual == whole.track.actual


@hsettings(max_examples=60, deadline=None)
@given(team_book())
def test_each_rep_is_the_one_rep_review_of_their_accounts_alone(book) -> None:  # type: ignore[no-untyped-def]
    books, plans, sales = book
    team = team_review(books, plans, sales, PERIOD, TODAY, TODAY, SHIPPED)
    assert [r.rep for r in team.reps] == sorted((b.rep for b in books), key=str.casefold)
    cfg = review_config(SHIPPED)
    by_rep = {b.rep: b for b in books}
    for r in team.reps:
        b = by_rep[r.rep]
        mine = {a.account_id for a in b.board}
        # Only this rep's plans and sales: nothing of another rep's can reach the slice.
        alone = board_review(
            b.board,
            {k: v for k, v in plans.items() if k in mine},
            {k: v for k, v in sales.items() if k in mine},
            2026,
            TODAY,
            cfg.tier_slots,
            cfg.plan_tolerance_percent,
        )
        pipeline = build_pipeline(b.deals, TODAY, SHIPPED)
        activity = counted_review(PERIOD, b.activity, b.follow_ups, TODAY)
        assert r.board == alone
        assert r.pipeline == pipeline
        assert r.activity == activity
        assert r.figures == figures(r.rep, alone, pipeline, activity)
        assert r.figures.board_count == len(b.board)
        assert r.figures.reach_rate == activity.reach_rate


@hsettings(max_examples=30, deadline=None)
@given(team_book())
def test_the_table_has_a_row_per_rep_then_the_team(book) -> None:  # type: ignore[no-untyped-def]
    books, plans, sales = book
    team = team_review(books, plans, sales, PERIOD, TODAY, TODAY, SHIPPED)
    for settings in (SHIPPED,):
        (table,) = team_tables(team, settings)
        assert len(table.rows) == len(books) + 1
        assert all(len(row) == len(table.headers) for row in table.rows)
        assert [row[1] for row in table.rows] == [
            *(board_cell(r.figures) for r in team.reps),
            board_cell(team.total),
        ]


def test_a_rep_named_twice_is_one_rep_and_no_rep_is_an_empty_table() -> None:
    a = RepBook("anna", (BoardAccount(1, "A", TIERS[0]),))
    b = RepBook("anna", (BoardAccount(2, "B", TIERS[1]),))
    team = team_review([a, b], {}, {}, PERIOD, TODAY, TODAY, SHIPPED)
    assert [r.rep for r in team.reps] == ["anna"]
    assert team.reps[0].figures.tier_counts == (1, 1, 0)
    assert team.reps[0].figures.empty_slots == 13
    empty = team_review([], {}, {}, PERIOD, TODAY, TODAY, SHIPPED)
    assert empty.reps == () and empty.total.deals == 0
    (table,) = team_tables(empty, SHIPPED)
    assert table.rows == ()


def test_words_of_the_table_in_both_languages(zh: Settings) -> None:
    team = team_review([RepBook("")], {}, {}, PERIOD, TODAY, TODAY, SHIPPED)
    (en,) = team_tables(team, SHIPPED)
    (zh,) = team_tables(team, zh)
    assert en.rows[0][0] == "(no rep)" and en.rows[-1][0] == "Team total"
    assert zh.rows[0][0] == "（无销售）" and zh.rows[-1][0] == "团队合计"
    assert en.headers[0] == "Rep" and zh.headers[0] == "销售"


@hsettings(max_examples=30, deadline=None)
@given(team_book())
def test_every_order_shows_every_rep_once(book) -> None:  # type: ignore[no-untyped-def]
    from followup_tui.core.review.team_view import TEAM_SORT_ORDER, next_team_sort, sort_reps

    books, plans, sales = book
    team = team_review(books, plans, sales, PERIOD, TODAY, TODAY, SHIPPED)
    order = TEAM_SORT_ORDER[0]
    for _ in TEAM_SORT_ORDER:
        shown = sort_reps(team.reps, order)
        assert sorted(r.rep for r in shown) == sorted(r.rep for r in team.reps)
        order = next_team_sort(order)
    assert order == TEAM_SORT_ORDER[0]  # round again
    weighted = [r.figures.weighted for r in sort_reps(team.reps, "weighted")]
    assert weighted == sorted(weighted, reverse=True)
    late = [r.figures.late + r.figures.missed for r in sort_reps(team.reps, "late")]
    assert late == sorted(late, reverse=True)
    behind = [r.figures.status == "behind" for r in sort_reps(team.reps, "behind")]
    assert behind == sorted(behind, reverse=True)  # plans behind first
