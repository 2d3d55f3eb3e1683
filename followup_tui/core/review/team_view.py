"""The manager's team view (#19): every rep's board, pipeline and activity side by side.

Each rep's figures are the one-rep reviews run on that rep's slice of the book - the
board (`board.board_review`), the pipeline (`pipeline.build_pipeline`) and the activity
(`activity.counted_review`) - and then summed up in a row: the same rules, never a
second copy of them. The team's row adds the reps' rows up; its board status is the
board's rule on every rep's plans together (`plan_track.tier_track`, as a tier's is
judged on its accounts' sums), and its reach rate is reached over contacts, not an
average of rates.

A rep is a database login (`account.rep`); on a rep's own file every account's rep is
'' - one rep, one book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import TIERS
from followup_tui.core.review.action_plan import ActionPlan
from followup_tui.core.review.activity import (
    ActivityCount,
    ActivityReview,
    FollowUpDone,
    counted_review,
)
from followup_tui.core.review.board import BoardAccount, BoardReview, board_review
from followup_tui.core.review.periods import Period
from followup_tui.core.review.pipeline import (
    RISK_ORDER,
    Judgements,
    Pipeline,
    PipelineDeal,
    build_pipeline,
)
from followup_tui.core.review.plan_track import tier_track
from followup_tui.core.review.review_config import review_config

TEAM = "team"  # the review screen's tab and `followup review team`
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class RepBook:
    """One rep's slice of the team's book, as the one-rep reviews read it."""

    rep: str
    board: tuple[BoardAccount, ...] = ()
    deals: tuple[PipelineDeal, ...] = ()
    activity: tuple[ActivityCount, ...] = ()
    follow_ups: tuple[FollowUpDone, ...] = ()


@dataclass(frozen=True, slots=True)
class RepFigures:
    """What the team view shows of one rep (or of the team: `rep` is None)."""

    rep: str | None
    tier_counts: tuple[int, ...]  # accounts per tier, TIERS order
    empty_slots: int
    over_by: int
    expected: Decimal | None  # the plans' expected to date (None: no plan at all)
    actual: Decimal  # the year's actual so far
    status: str  # the board's plan status (plan_track.PLAN_STATUSES)
    deals: int  # open deals
    amount: Decimal
    weighted: Decimal
    verdicts: tuple[int, ...]  # open deals per verdict, RISK_ORDER
    stalled: int
    out_of_control: int
    effort_on_lost: int
    contacts: int
    reached: int
    on_time: int
    late: int
    missed: int
    notes: int

    @property
    def reach_rate(self) -> float:
        """Reached over contacts, 0..1."""
        return self.reached / self.contacts if self.contacts else 0.0

    @property
    def board_count(self) -> int:
        """Accounts on the board."""
        return sum(self.tier_counts)


@dataclass(frozen=True, slots=True)
class RepReview:
    """One rep's three reviews, as the rep's own review screen shows them."""

    rep: str
    board: BoardReview
    pipeline: Pipeline
    activity: ActivityReview
    figures: RepFigures


@dataclass(frozen=True, slots=True)
class TeamReview:
    """The team on a day: a review per rep (sorted by name) and the team's row."""

    period: Period
    as_of: date
    reps: tuple[RepReview, ...]
    total: RepFigures
    slots: int  # a tier's slots (`review.tier_slots`)


def rep_review(
    book: RepBook,
    plans: Mapping[int, ActionPlan],
    sales: Mapping[int, list[Decimal]],
    period: Period,
    as_of: date,
    today: date,
    settings: Settings,
    judgements: Judgements | None = None,
) -> RepReview:
    """One rep's board, pipeline and activity: the one-rep reviews on the rep's slice.

    `plans` and `sales` may hold every rep's accounts: the board reads only its own.
    `as_of` is the day board and pipeline are judged on (`review_view.as_of`), `today`
    the activity's (as the review screen's tabs)."""
    cfg = review_config(settings)
    year = period.start.year
    board = board_review(
        book.board,
        plans,
        sales,
        year,
        min(as_of, date(year, 12, 31)),
        cfg.tier_slots,
        cfg.plan_tolerance_percent,
    )
    pipeline = build_pipeline(book.deals, as_of, settings, judgements)
    activity = counted_review(period, book.activity, book.follow_ups, today)
    return RepReview(
        book.rep, board, pipeline, activity, figures(book.rep, board, pipeline, activity)
    )


def figures(
    rep: str | None, board: BoardReview, pipeline: Pipeline, activity: ActivityReview
) -> RepFigures:
    """The row of figures of a board, a pipeline and an activity review."""
    rows = pipeline.rows
    return RepFigures(
        rep=rep,
        tier_counts=tuple(len(t.entries) for t in board.tiers),
        empty_slots=sum(t.empty_slots for t in board.tiers),
        over_by=sum(t.over_by for t in board.tiers),
        expected=board.track.expected_to_date,
        actual=board.track.actual,
        status=board.track.status,
        deals=len(pipeline.rows),
        amount=sum((r.amount or ZERO for r in rows), ZERO),
        weighted=sum((r.weighted or ZERO for r in rows), ZERO),
        verdicts=tuple(sum(1 for r in rows if r.verdict == k) for k in RISK_ORDER),
        stalled=pipeline.stalled,
        out_of_control=pipeline.out_of_control,
        effort_on_lost=pipeline.effort_on_lost,
        contacts=activity.contacts,
        reached=activity.reached,
        on_time=activity.on_time,
        late=activity.late,
        missed=activity.missed,
        notes=activity.notes,
    )


def _add(values: Iterable[Decimal | None]) -> Decimal | None:
    given = [v for v in values if v is not None]
    return sum(given, ZERO) if given else None


def _columns(rows: Sequence[tuple[int, ...]], width: int) -> tuple[int, ...]:
    return tuple(sum(r[i] for r in rows) for i in range(width))


def team_total(
    reps: Sequence[RepReview],
    plans: Mapping[int, ActionPlan],
    sales: Mapping[int, list[Decimal]],
    year: int,
    as_of: date,
    settings: Settings,
) -> RepFigures:
    """The team's row: every figure the reps' rows add up to; the board's status judged on
    every rep's plans and sales together (as a tier's is on its accounts')."""
    cfg = review_config(settings)
    rows = [r.figures for r in reps]
    every = {
        e.account.account_id: e.plan.milestones
        for r in reps
        for t in r.board.tiers
        for e in t.entries
    }
    whole = tier_track(
        year, every, sales, min(as_of, date(year, 12, 31)), cfg.plan_tolerance_percent
    )
    return RepFigures(
        rep=None,
        tier_counts=_columns([f.tier_counts for f in rows], len(TIERS)),
        empty_slots=sum(f.empty_slots for f in rows),
        over_by=sum(f.over_by for f in rows),
        expected=_add(f.expected for f in rows),
        actual=sum((f.actual for f in rows), ZERO),
        status=whole.status,
        deals=sum(f.deals for f in rows),
        amount=sum((f.amount for f in rows), ZERO),
        weighted=sum((f.weighted for f in rows), ZERO),
        verdicts=_columns([f.verdicts for f in rows], len(RISK_ORDER)),
        stalled=sum(f.stalled for f in rows),
        out_of_control=sum(f.out_of_control for f in rows),
        effort_on_lost=sum(f.effort_on_lost for f in rows),
        contacts=sum(f.contacts for f in rows),
        reached=sum(f.reached for f in rows),
        on_time=sum(f.on_time for f in rows),
        late=sum(f.late for f in rows),
        missed=sum(f.missed for f in rows),
        notes=sum(f.notes for f in rows),
    )


def rep_sort_key(rep: str) -> tuple[str, str]:
    """Reps by login, case aside ('' - a file's own rep - first)."""
    return (rep.casefold(), rep)


def team_review(
    books: Iterable[RepBook],
    plans: Mapping[int, ActionPlan],
    sales: Mapping[int, list[Decimal]],
    period: Period,
    as_of: date,
    today: date,
    settings: Settings,
) -> TeamReview:
    """Every rep's reviews side by side, sorted by rep, and the team's row.

    A rep given twice is one rep: the slices are put together."""
    merged: dict[str, RepBook] = {}
    for b in books:
        had = merged.get(b.rep)
        merged[b.rep] = (
            b
            if had is None
            else RepBook(
                b.rep,
                had.board + b.board,
                had.deals + b.deals,
                had.activity + b.activity,
                had.follow_ups + b.follow_ups,
            )
        )
    reps = tuple(
        rep_review(merged[r], plans, sales, period, as_of, today, settings)
        for r in sorted(merged, key=rep_sort_key)
    )
    total = team_total(reps, plans, sales, period.start.year, as_of, settings)
    return TeamReview(period, as_of, reps, total, review_config(settings).tier_slots)


# The team view's orders on the review screen: by rep (its own), plans most behind first,
# largest weighted pipeline first, most follow-ups late or missed first. Ties fall back on
# the rep, so rows never swap places between redraws.
_PLAN_RISK = ("behind", "no_plan", "on_track", "ahead", "upcoming")


def _behind(r: RepReview) -> tuple[object, ...]:
    f = r.figures
    gap = (f.expected - f.actual) if f.expected is not None else ZERO
    risk = _PLAN_RISK.index(f.status) if f.status in _PLAN_RISK else len(_PLAN_RISK)
    return (risk, -gap, *rep_sort_key(r.rep))


TEAM_SORTS: dict[str, Callable[[RepReview], tuple[object, ...]]] = {
    "rep": lambda r: rep_sort_key(r.rep),
    "behind": _behind,
    "weighted": lambda r: (-r.figures.weighted, *rep_sort_key(r.rep)),
    "late": lambda r: (-(r.figures.late + r.figures.missed), *rep_sort_key(r.rep)),
}
TEAM_SORT_ORDER = tuple(TEAM_SORTS)


def next_team_sort(current: str) -> str:
    """The order after `current`, round again after the last."""
    return TEAM_SORT_ORDER[(TEAM_SORT_ORDER.index(current) + 1) % len(TEAM_SORT_ORDER)]


def sort_reps(reps: Sequence[RepReview], order: str) -> list[RepReview]:
    """The reps in `order` (one of TEAM_SORT_ORDER)."""
    return sorted(reps, key=TEAM_SORTS[order])
