"""Each review as titled tables of text cells: what text, Markdown and CSV print.

One table per part of a tab, the tab's main table first. Every word comes from the
vocabulary's `rev_` words (and the method's own labels: funnel levels, verdicts,
tiers, outcomes), so English and Chinese print alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from followup_tui.core.base.config import Settings
from followup_tui.core.review.activity import NO_OUTCOME, OUTCOME_KEYS, ActivityReview, Tally
from followup_tui.core.review.health import Health
from followup_tui.core.review.heat_review import BANDS, HeatReview, band_label
from followup_tui.core.review.pipeline import Pipeline, PipelineRow, Total
from followup_tui.core.review.review_words import (
    PROPOSAL_WORDS as PROPOSAL_WORDS,
)
from followup_tui.core.review.review_words import (
    TABS as TABS,
)
from followup_tui.core.review.review_words import (
    TITLE_WORDS as TITLE_WORDS,
)
from followup_tui.core.review.review_words import (
    TREND_WORDS as TREND_WORDS,
)
from followup_tui.core.review.review_words import (
    money as money,
)
from followup_tui.core.review.review_words import month_name
from followup_tui.core.review.year_end import PROPOSALS, YearEnd
from followup_tui.core.sheet.position import kind_label
from followup_tui.core.sheet.sheet_records import position_word


@dataclass(frozen=True)
class Table:
    """A titled table of text cells; `right` marks the columns of numbers."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = field(default_factory=frozenset)


def percent(share: float) -> str:
    """A share 0..1 as '42%'."""
    return f"{share * 100:.0f}%"


def rev_words(settings: Settings) -> Mapping[str, str]:
    """The reviews' words (the vocabulary's `rev_` table) in the configured language."""
    return settings.words("rev_")  # kept by the settings: no copy per row


def tab_title(tab: str, settings: Settings) -> str:
    """The title of a tab: 'Pipeline', '销售管道'."""
    return rev_words(settings)[TITLE_WORDS[tab]]


def heading(tab: str, period: str, day: date, settings: Settings) -> str:
    """A tab's heading line: 'Pipeline · 2026-11 · as of 2026-11-22'."""
    return rev_words(settings)["heading"].format(
        title=tab_title(tab, settings), period=period, day=day.isoformat()
    )


def flags_of(row: PipelineRow, settings: Settings) -> str:
    """A pipeline row's flags in words, joined."""
    w = rev_words(settings)
    out = []
    if row.stalled:
        out.append(w["flag_stalled"].format(days=row.idle_days))
    if row.out_of_control:
        out.append(w["flag_out_of_control"])
    if row.effort_on_lost:
        out.append(w["flag_effort"])
    return w["join"].join(out)


def pipeline_tables(p: Pipeline, settings: Settings) -> list[Table]:
    """The pipeline: deals by risk, totals by funnel level and by verdict, the flags."""
    w = rev_words(settings)
    # Thousands of rows take a handful of verdicts, positions and levels: each said once.
    verdicts: dict[str, str] = {}
    positions: dict[int | None, str] = {}
    levels: dict[str, str] = {}

    def said(r: PipelineRow) -> tuple[str, str, str]:
        verdict = verdicts.get(r.verdict)
        if verdict is None:
            verdict = verdicts[r.verdict] = kind_label(r.verdict, settings)
        position = positions.get(r.position)
        if position is None:
            position = positions[r.position] = position_word(r.position, settings)
        level = levels.get(r.funnel)
        if level is None:
            level = levels[r.funnel] = settings.label("funnel_levels", r.funnel)
        return verdict, position, level

    rows = tuple(
        (
            r.account_name,
            r.title,
            *said(r),
            money(r.amount),
            money(r.weighted),
            r.completion_date.isoformat() if r.completion_date else "-",
            str(r.landmines),
            r.last_review.isoformat() if r.last_review else "-",
            flags_of(r, settings) if r.stalled or r.out_of_control or r.effort_on_lost else "",
        )
        for r in p.rows
    )
    headers = (
        w["col_account"],
        w["col_deal"],
        w["col_verdict"],
        w["col_position"],
        w["col_funnel"],
        w["col_amount"],
        w["col_weighted"],
        w["col_completion"],
        w["col_landmines"],
        w["col_last_review"],
        w["col_flags"],
    )
    total_headers = (w["col_count"], w["col_amount"], w["col_weighted"])

    def totals(
        title: str, head: str, items: tuple[Total, ...], label: Callable[[str], str]
    ) -> Table:
        body = tuple(
            (label(t.key), str(t.count), money(t.amount), money(t.weighted)) for t in items
        )
        return Table(title, (head, *total_headers), body, frozenset({1, 2, 3}))

    empty = [settings.label("funnel_levels", k) for k in p.empty_levels]
    flags = (
        (w["flag_stalled_n"], str(p.stalled)),
        (w["flag_out_of_control"], str(p.out_of_control)),
        (w["flag_effort"], str(p.effort_on_lost)),
        (w["empty_levels"], w["join"].join(empty) if empty else w["none"]),
    )
    return [
        Table(w["t_deals"], headers, rows, frozenset({5, 6, 8})),
        totals(
            w["t_by_funnel"],
            w["col_funnel"],
            p.by_funnel,
            lambda k: settings.label("funnel_levels", k),
        ),
        totals(
            w["t_by_verdict"], w["col_verdict"], p.by_verdict, lambda k: kind_label(k, settings)
        ),
        Table(w["t_flags"], (w["col_flag"], w["col_count"]), flags, frozenset({1})),
    ]


def health_tables(h: Health, settings: Settings) -> list[Table]:
    """Health: the quarters against their goal, live prospects by class and by level."""
    w = rev_words(settings)
    quarters = tuple(
        (
            q.label,
            str(q.live_at_start),
            str(q.goal),
            str(q.entered) + (w["behind"] if q.entered_behind else ""),
            str(q.converted) + (w["behind"] if q.converted_behind else ""),
        )
        for q in h.quarters
    )
    trend = (
        (w["col_entered"], w[TREND_WORDS[h.entered_trend]]),
        (w["col_converted"], w[TREND_WORDS[h.converted_trend]]),
    )
    return [
        Table(
            w["t_quarters"],
            (w["col_quarter"], w["col_live"], w["col_goal"], w["col_entered"], w["col_converted"]),
            quarters,
            frozenset({1, 2, 3, 4}),
        ),
        Table(w["t_trend"], (w["col_figure"], w["col_trend"]), trend),
        Table(
            w["t_live_class"].format(n=h.live),
            (w["col_class"], w["col_count"]),
            tuple((k, str(n)) for k, n in h.by_class),
            frozenset({1}),
        ),
        Table(
            w["t_live_funnel"],
            (w["col_funnel"], w["col_count"]),
            tuple((settings.label("funnel_levels", k), str(n)) for k, n in h.by_funnel),
            frozenset({1}),
        ),
    ]


def month_names(months: tuple[int, ...], settings: Settings) -> str:
    """Usual months as 'Mar, Sep' ('3月、9月' in Chinese); '-' when none."""
    if not months:
        return "-"
    return rev_words(settings)["months_join"].join(month_name(m, settings.word) for m in months)


def year_end_tables(y: YearEnd, settings: Settings) -> list[Table]:
    """Year-end: each account against the year before, and the book's figures."""
    w = rev_words(settings)
    rows = tuple(
        (
            r.account_name,
            str(r.orders),
            money(r.amount),
            str(r.orders_before),
            money(r.amount_before),
            percent(r.reorder_rate),
            month_names(r.usual_months, settings),
            w[PROPOSAL_WORDS[r.proposal]],
            r.reason,
            w[PROPOSAL_WORDS[r.verdict]] if r.verdict else "-",
        )
        for r in y.rows
    )
    headers = (
        w["col_account"],
        w["col_orders"],
        w["col_amount"],
        w["col_orders_before"],
        w["col_amount_before"],
        w["col_reorder"],
        w["col_months"],
        w["col_proposal"],
        w["col_reason"],
        w["col_kept"],
    )
    counts = {p: sum(1 for r in y.rows if r.proposal == p) for p in PROPOSALS}
    book = (
        (w["col_amount"], money(y.amount)),
        (w["col_amount_before"], money(y.amount_before)),
        (w["book_reorder"], percent(y.reorder_rate)),
        *((w[PROPOSAL_WORDS[p]], str(n)) for p, n in counts.items()),
    )
    revisit = tuple(
        (
            r.name,
            w[PROPOSAL_WORDS[r.verdict]],
            settings.label("tiers", r.tier) if r.tier else "-",
            r.quadrant or "-",
            settings.label("relationship_types", r.relationship),
            w["yes"] if r.followed else w["no"],
        )
        for r in y.revisits
    )
    revisit_head = (
        w["col_account"],
        w["col_kept"],
        w["col_tier"],
        w["col_class"],
        w["col_relationship"],
        w["col_followed"],
    )
    out = [
        Table(w["t_accounts"], headers, rows, frozenset({1, 2, 3, 4, 5})),
        Table(w["t_book"], (w["col_figure"], w["col_value"]), book, frozenset({1})),
    ]
    if revisit:
        out.append(Table(w["t_revisit"].format(year=y.year - 1), revisit_head, revisit))
    return out


def heat_tables(h: HeatReview, settings: Settings) -> list[Table]:
    """Heat: the bands by class, cold by class, the biggest falls."""
    w = rev_words(settings)
    cold = dict(h.cold)
    bands = tuple(
        (k, *(str(n) for n in counts), str(sum(counts)), str(cold[k])) for k, counts in h.bands
    )
    fell = tuple(
        (r.name, r.klass, f"{r.before:.0f}", f"{r.now:.0f}", f"-{r.fall:.0f}") for r in h.fell
    )
    return [
        Table(
            w["t_distribution"],
            (w["col_class"], *(band_label(b) for b in BANDS), w["col_total"], w["col_cold"]),
            bands,
            frozenset(range(1, len(BANDS) + 3)),
        ),
        Table(
            w["t_fell"].format(days=h.days),
            (
                w["col_account"],
                w["col_class"],
                w["col_heat_before"],
                w["col_heat_now"],
                w["col_fall"],
            ),
            fell,
            frozenset({2, 3, 4}),
        ),
    ]


def outcome_label(key: str, settings: Settings) -> str:
    """An outcome's word; 'no outcome' for a contact logged without one."""
    if key == NO_OUTCOME:
        return rev_words(settings)["no_outcome"]
    return settings.label("outcomes", key)


def activity_tables(a: ActivityReview, settings: Settings) -> list[Table]:
    """Activity: contacts per day and per week by outcome, reach, follow-ups, notes."""
    w = rev_words(settings)
    heads = tuple(outcome_label(k, settings) for k in OUTCOME_KEYS)
    right = frozenset(range(1, len(OUTCOME_KEYS) + 2))

    def tallies(title: str, head: str, items: tuple[Tally, ...]) -> Table:
        body = tuple((t.label, *(str(n) for n in t.counts), str(t.total)) for t in items)
        return Table(title, (head, *heads, w["col_total"]), body, right)

    summary = (
        (w["contacts"], str(a.contacts)),
        (w["reached"], str(a.reached)),
        (w["reach_rate"], percent(a.reach_rate)),
        (w["on_time"], str(a.on_time)),
        (w["late"], str(a.late)),
        (w["missed"], str(a.missed)),
        (w["notes"], str(a.notes)),
        (w["notes_in_sheets"], str(a.notes_in_sheets)),
    )
    return [
        tallies(w["t_by_day"], w["col_day"], a.by_day),
        tallies(w["t_by_week"], w["col_week"], a.by_week),
        Table(w["t_summary"], (w["col_figure"], w["col_value"]), summary, frozenset({1})),
    ]
