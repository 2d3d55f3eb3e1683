"""Which charts each review draws, as data: the screen's and the handout's are the same.

Expected against actual is drawn as two lines through the months, from January,
so far (seed 001's one chart: a month behind that the next makes up is caught up);
the actual stops at the month being judged. The funnel is centred bars, entered and
converted per quarter grouped bars against the goal, the heat bands and a week's
outcomes stacked bars.

The handout (`followup review --format md`) prints each chart as text in a fenced
block under the heading of the table holding its numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_tui.core.base.config import Settings
from followup_tui.core.review.review_words import month_name
from followup_tui.core.review.text_chart import (
    GAP,
    LINE_MARKS,
    ChartRow,
    Line,
    bar_chart,
    legend,
    line_chart,
)

if TYPE_CHECKING:
    from followup_tui.core.review.activity import ActivityReview
    from followup_tui.core.review.board import BoardReview
    from followup_tui.core.review.health import Health
    from followup_tui.core.review.heat_review import HeatReview
    from followup_tui.core.review.pipeline import Pipeline
    from followup_tui.core.review.plan_track import Track

HANDOUT_WIDTH = 76  # cells of a chart in the handout: a printed page, a mail
LINE_HEIGHT = 8  # lines of a line chart's plot in the handout


@dataclass(frozen=True)
class Chart:
    """One chart: the title of the table with its numbers, its rows, series and shape."""

    title: str
    rows: tuple[ChartRow, ...]
    names: tuple[str, ...] = ()
    shape: str = "grouped"  # grouped, stacked, centred (bars) or lines


def track_lines(track: Track, word: Callable[[str], str]) -> tuple[ChartRow, ...]:
    """A track's months as points: expected and actual from January, by month name.

    No milestone yet leaves the expected out; a month still to come, the actual.
    """
    return tuple(
        ChartRow(
            month_name(m.month, word),
            (
                GAP if m.cum_expected is None else float(m.cum_expected),
                GAP if m.status == "upcoming" else float(m.cum_actual),
            ),
        )
        for m in track.months
    )


def _track_chart(title: str, track: Track, settings: Settings) -> Chart:
    names = (settings.word("rs_col_cum_expected"), settings.word("rs_col_cum_actual"))
    return Chart(title, track_lines(track, settings.word), names, "lines")


def board_charts(review: BoardReview, settings: Settings) -> list[Chart]:
    """The board's expected against actual: the whole board, each tier, each account."""
    w = settings.words("rev_")
    out = [_track_chart(w["t_board_months"], review.track, settings)]
    for t in review.tiers:
        if t.entries:
            title = w["t_tier_months"].format(tier=settings.label("tiers", t.tier))
            out.append(_track_chart(title, t.track, settings))
    for t in review.tiers:
        for e in t.entries:
            title = w["t_plan_months"].format(name=e.account.name)
            out.append(_track_chart(title, e.track, settings))
    return out


def funnel_chart(title: str, counts: Sequence[tuple[str, int]], settings: Settings) -> Chart:
    """Counts by funnel level as centred bars (the funnel's shape)."""
    rows = tuple(ChartRow(settings.label("funnel_levels", k), (float(n),)) for k, n in counts)
    return Chart(title, rows, shape="centred")


def pipeline_charts(p: Pipeline, settings: Settings) -> list[Chart]:
    """The open deals by funnel level."""
    counts = [(t.key, t.count) for t in p.by_funnel]
    return [funnel_chart(settings.word("rev_t_by_funnel"), counts, settings)]


def health_charts(h: Health, settings: Settings) -> list[Chart]:
    """Entered and converted per quarter against the goal; live prospects by level."""
    w = settings.words("rev_")
    quarters = tuple(
        ChartRow(q.label, (float(q.entered), float(q.converted), float(q.goal))) for q in h.quarters
    )
    names = (w["col_entered"], w["col_converted"], w["col_goal"])
    return [
        Chart(w["t_quarters"], quarters, names),
        funnel_chart(w["t_live_funnel"], h.by_funnel, settings),
    ]


def heat_charts(h: HeatReview, settings: Settings) -> list[Chart]:
    """One stacked bar per class, a band per mark."""
    from followup_tui.core.review.heat_review import BANDS, band_label

    rows = tuple(ChartRow(k, tuple(float(n) for n in counts)) for k, counts in h.bands)
    names = tuple(band_label(b) for b in BANDS)
    return [Chart(settings.word("rev_t_distribution"), rows, names, "stacked")]


def activity_charts(a: ActivityReview, settings: Settings) -> list[Chart]:
    """One stacked bar per ISO week, an outcome per mark."""
    from followup_tui.core.review.activity import OUTCOME_KEYS
    from followup_tui.core.review.review_tables import outcome_label

    rows = tuple(ChartRow(t.label, tuple(float(n) for n in t.counts)) for t in a.by_week)
    names = tuple(outcome_label(k, settings) for k in OUTCOME_KEYS)
    return [Chart(settings.word("rev_t_by_week"), rows, names, "stacked")]


def tab_charts(tab: str, review: object, settings: Settings) -> list[Chart]:
    """The charts of a tab's review (the year-end has only tables)."""
    makers: dict[str, Callable[[object, Settings], list[Chart]]] = {
        "board": board_charts,  # type: ignore[dict-item]
        "pipeline": pipeline_charts,  # type: ignore[dict-item]
        "health": health_charts,  # type: ignore[dict-item]
        "heat": heat_charts,  # type: ignore[dict-item]
        "activity": activity_charts,  # type: ignore[dict-item]
    }
    make = makers.get(tab)
    return make(review, settings) if make is not None else []


def chart_lines(chart: Chart, width: int = HANDOUT_WIDTH) -> list[Line]:
    """A chart drawn at `width` cells: its legend (several series), then the chart."""
    marks = LINE_MARKS if chart.shape == "lines" else None
    head = (
        (legend(chart.names, width, marks=marks) if marks else legend(chart.names, width))
        if len(chart.names) > 1
        else []
    )
    if chart.shape == "lines":
        body = line_chart(chart.rows, width, LINE_HEIGHT)
    else:
        body = bar_chart(chart.rows, width, shape=chart.shape)
    return head + body if body else []
