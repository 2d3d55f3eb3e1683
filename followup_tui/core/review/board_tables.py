"""The 5+5+5 board as tables of text cells: what `followup review board` prints.

Text and Markdown print the slots with each account's status to date, each tier's
and the board's months, then each account's plan (goals and steps) and months.
CSV prints one table a spreadsheet can filter: a row per account and month, per
tier and month, per goal and per step, told apart by the `kind` column.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from followup_tui.core.base.config import Settings
from followup_tui.core.review.action_plan import ActionPlan, PlanStep
from followup_tui.core.review.board import BoardEntry, BoardReview
from followup_tui.core.review.plan_track import MonthFigure, Track
from followup_tui.core.review.review_tables import Table, money, rev_words

# Each step status's and plan status's word in the `rev_` table.
STEP_WORDS = {"open": "step_open", "done": "step_done", "missed": "step_missed"}
PLAN_WORDS = {
    "ahead": "plan_ahead",
    "on_track": "plan_on_track",
    "behind": "plan_behind",
    "no_plan": "plan_no_plan",
    "upcoming": "plan_upcoming",
}


def month_label(year: int, month: int) -> str:
    """'2026-03': the same in both languages, and it sorts."""
    return f"{year}-{month:02d}"


def step_word(s: PlanStep, today: date, settings: Settings) -> str:
    """'done', 'open (late)' in the rep's language."""
    w = rev_words(settings)
    said = w[STEP_WORDS[s.status]]
    return f"{said} ({w['step_late']})" if s.late(today) else said


def step_state(s: PlanStep, today: date, settings: Settings) -> str:
    """'done 2026-03-02', 'open (late)': the status and the day it was marked."""
    said = step_word(s, today, settings)
    return f"{said} {s.marked_on.isoformat()}" if s.marked_on is not None else said


def step_counts(plan: ActionPlan) -> str:
    """'2 / 1 / 3': done, missed, open."""
    c = plan.counts()
    return f"{c['done']} / {c['missed']} / {c['open']}"


def _month_rows(t: Track, w: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            month_label(t.year, m.month),
            money(m.expected),
            money(m.actual),
            money(m.cum_expected),
            money(m.cum_actual),
            w[PLAN_WORDS[m.status]],
        )
        for m in t.months
    )


def _months_table(title: str, t: Track, w: Mapping[str, str]) -> Table:
    headers = (
        w["col_month"],
        w["col_expected"],
        w["col_actual"],
        w["col_cum_expected"],
        w["col_cum_actual"],
        w["col_status"],
    )
    return Table(title, headers, _month_rows(t, w), frozenset({1, 2, 3, 4}))


def _steps_table(e: BoardEntry, today: date, settings: Settings) -> Table:
    w = rev_words(settings)
    rows: list[tuple[str, ...]] = [(w["col_goal"], g, "", "", "", "") for g in e.plan.goals]
    rows += [
        (s.when.text, s.who, s.how, s.why, s.what_for, step_state(s, today, settings))
        for s in e.plan.steps
    ]
    if not e.plan.steps:
        rows.append(("", w["no_steps"], "", "", "", ""))
    headers = (
        w["col_when"],
        w["col_who"],
        w["col_how"],
        w["col_why"],
        w["col_what_for"],
        w["col_status"],
    )
    return Table(w["t_plan_steps"].format(name=e.account.name), headers, tuple(rows))


def board_tables(review: BoardReview, settings: Settings) -> list[Table]:
    """The board for text and Markdown: slots, tiers, months, then each account's plan."""
    w = rev_words(settings)
    today = review.as_of
    slots_rows: list[tuple[str, ...]] = []
    tier_rows = []
    for t in review.tiers:
        tier = settings.label("tiers", t.tier)
        for n, e in enumerate(t.entries, 1):
            slots_rows.append(
                (
                    tier,
                    str(n),
                    e.account.name,
                    e.account.quadrant or "-",
                    money(e.track.expected),
                    money(e.track.expected_to_date),
                    money(e.track.actual),
                    w[PLAN_WORDS[e.track.status]],
                    step_counts(e.plan),
                    str(len(e.plan.late_steps(today))),
                    w["over_full"] if n > review.slots else "",
                )
            )
        for n in range(len(t.entries) + 1, review.slots + 1):
            slots_rows.append((tier, str(n), w["slot_empty"], *([""] * 8)))
        tier_rows.append(
            (
                tier,
                str(len(t.entries)),
                str(t.empty_slots),
                str(t.over_by),
                money(t.track.expected_to_date),
                money(t.track.actual),
                w[PLAN_WORDS[t.track.status]],
            )
        )
    slots_head = (
        w["col_tier"],
        w["col_slot"],
        w["col_account"],
        w["col_class"],
        w["col_year_expected"],
        w["col_cum_expected"],
        w["col_actual"],
        w["col_status"],
        w["col_steps"],
        w["col_late"],
        w["col_flags"],
    )
    tiers_head = (
        w["col_tier"],
        w["col_count"],
        w["col_empty"],
        w["col_over"],
        w["col_cum_expected"],
        w["col_actual"],
        w["col_status"],
    )
    out = [
        Table(w["t_board"], slots_head, tuple(slots_rows), frozenset({1, 4, 5, 6, 9})),
        Table(w["t_tiers"], tiers_head, tuple(tier_rows), frozenset({1, 2, 3, 4, 5})),
        _months_table(w["t_board_months"], review.track, w),
    ]
    for t in review.tiers:
        if t.entries:
            title = w["t_tier_months"].format(tier=settings.label("tiers", t.tier))
            out.append(_months_table(title, t.track, w))
    for t in review.tiers:
        for e in t.entries:
            out.append(_steps_table(e, today, settings))
            out.append(_months_table(w["t_plan_months"].format(name=e.account.name), e.track, w))
    return out


def _csv_month(
    tier: str, slot: str, name: str, year: int, m: MonthFigure, w: Mapping[str, str]
) -> tuple[str, ...]:
    return (
        w["kind_month"],
        tier,
        slot,
        name,
        month_label(year, m.month),
        money(m.expected),
        money(m.actual),
        money(m.cum_expected),
        money(m.cum_actual),
        w[PLAN_WORDS[m.status]],
        *([""] * 7),
    )


def board_csv(review: BoardReview, settings: Settings) -> Table:
    """The board as one table for a spreadsheet (see the module doc)."""
    w = rev_words(settings)
    rows: list[tuple[str, ...]] = []
    blank_month = [""] * 6
    for t in review.tiers:
        tier = settings.label("tiers", t.tier)
        for m in t.track.months:
            rows.append(_csv_month(tier, "", w["tier_total"], review.year, m, w))
        for n, e in enumerate(t.entries, 1):
            name = e.account.name
            for m in e.track.months:
                rows.append(_csv_month(tier, str(n), name, review.year, m, w))
            for g in e.plan.goals:
                rows.append((w["kind_goal"], tier, str(n), name, *blank_month, g, *([""] * 6)))
            for s in e.plan.steps:
                rows.append(
                    (
                        w["kind_step"],
                        tier,
                        str(n),
                        name,
                        *blank_month[:5],
                        step_word(s, review.as_of, settings),
                        "",
                        s.when.text,
                        s.who,
                        s.how,
                        s.why,
                        s.what_for,
                        s.marked_on.isoformat() if s.marked_on else "",
                    )
                )
    headers = (
        w["col_kind"],
        w["col_tier"],
        w["col_slot"],
        w["col_account"],
        w["col_month"],
        w["col_expected"],
        w["col_actual"],
        w["col_cum_expected"],
        w["col_cum_actual"],
        w["col_status"],
        w["col_goal"],
        w["col_when"],
        w["col_who"],
        w["col_how"],
        w["col_why"],
        w["col_what_for"],
        w["col_marked"],
    )
    return Table(w["t_board"], headers, tuple(rows), frozenset({5, 6, 7, 8}))
