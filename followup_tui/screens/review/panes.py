"""The review screen's tabs: each draws one review (`review_data.TabData`) it is given.

A tab reads nothing itself: the screen reads (in a thread when slow) and hands
the result over. Until then a tab says it is reading; a review with nothing in
it says so in words, with what would fill it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from followup_tui.core.base.config import Settings
from followup_tui.core.review.review_charts import (
    Chart,
    activity_charts,
    health_charts,
    heat_charts,
    pipeline_charts,
)
from followup_tui.core.review.review_words import PROPOSAL_WORDS
from followup_tui.screens.review.review_data import TabData
from followup_tui.widgets.chart_bars import BarChart
from followup_tui.widgets.chart_table import ChartTable
from followup_tui.widgets.virtual_table import Column, Row, VirtualTable

if TYPE_CHECKING:
    # Each tab's rules are imported when it is first read (`review_data`), not with the
    # screen: key 4 shows the board alone.
    from followup_tui.core.review.activity import ActivityReview
    from followup_tui.core.review.health import Health
    from followup_tui.core.review.heat_review import HeatReview
    from followup_tui.core.review.pipeline import Pipeline, PipelineRow
    from followup_tui.core.review.review_tables import Table
    from followup_tui.core.review.year_end import YearEnd, YearEndRow

VERDICT_STYLES = {
    "first_choice": "green",
    "contender": "",
    "unknown": "dim",
    "stand_in": "yellow",
    "out": "red",
}
PROPOSAL_STYLES = {"move_up": "green", "breaking_in": "", "drop": "red"}


def _f(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _money(value: float) -> str:
    return f"{value:,.0f}"


class ReviewTab(Vertical):
    """A tab: a message line (reading, or nothing to show) and the review under it."""

    def __init__(self, settings: Settings, *, id: str) -> None:
        super().__init__(id=id, classes="review-tab -message")
        self.settings = settings
        self.data: TabData | None = None

    def word(self, key: str) -> str:
        """A vocabulary word."""
        return self.settings.word(key)

    def compose(self) -> ComposeResult:
        """The message, then the tab's own widgets."""
        yield Static(self.word("rs_loading"), classes="review-message")
        with Vertical(classes="review-body"):
            yield from self.body()

    def body(self) -> ComposeResult:
        """The tab's widgets."""
        yield from ()

    def key(self, binding_id: str, default: str) -> str:
        """The key a screen binding is on now (the user may have moved it), shown the same
        whether or not the binding is active yet: `key_of` alone said "enter" before the
        tab took the focus and "⏎" after, as the first frame's timing fell."""
        return self.keys({binding_id: default})[binding_id]

    def keys(self, defaults: dict[str, str]) -> dict[str, str]:
        """`key` for several bindings at once (binding id -> its default key): the active
        bindings gathered once, not once per key (Textual asks each binding's
        `check_action` each time)."""
        from followup_tui.screens.key_words import bound_keys

        found = bound_keys(self.screen, defaults)
        return {i: found[i] or default for i, default in defaults.items()}

    def say(self, text: str) -> None:
        """Show only a message (reading, or an empty review)."""
        self.query_one(".review-message", Static).update(text)
        self.add_class("-message")

    def reading(self) -> None:
        """Say the tab is being read."""
        self.say(self.word("rs_loading"))

    def show(self, data: TabData) -> None:
        """Draw a review; an empty one says so instead."""
        if not self.query(".review-body"):
            # Made a moment ago (a tab read ahead while the rep opens it): once composed.
            self.call_after_refresh(self.show, data)
            return
        self.data = data
        empty = self.empty_text(data)
        if empty:
            self.say(empty)
            return
        self.remove_class("-message")
        self.fill(data)

    def empty_text(self, data: TabData) -> str:
        """What to say when the review holds nothing ('' when it has something)."""
        return ""

    def fill(self, data: TabData) -> None:
        """Draw the review into the tab's widgets."""

    def charts(self, widget_ids: Sequence[str], charts: Sequence[Chart]) -> None:
        """Draw charts (`core.review.review_charts`, as the handout) in these BarCharts."""
        for widget_id, c in zip(widget_ids, charts, strict=True):
            self.query_one(f"#{widget_id}", BarChart).show(c.rows, c.names, shape=c.shape)

    def tables(self, items: Sequence[tuple[str, Table]]) -> None:
        """Show core tables in the ChartTables of these ids."""
        for widget_id, table in items:
            self.query_one(f"#{widget_id}", ChartTable).show(table, empty=self.word("rs_none"))


def _cells_table(table: Table, widths: dict[int, int], drops: dict[int, int]) -> list[Column]:
    """VirtualTable columns for a core table's headers (width 0: shares what is left)."""
    return [
        Column(
            str(n),
            head,
            widths.get(n, 0),
            "right" if n in table.right else "left",
            drops.get(n, 0),
        )
        for n, head in enumerate(table.headers)
    ]


class PipelineTab(ReviewTab):
    """Every open deal, riskiest first (another order with a key), totals and flags."""

    order = "risk"

    def body(self) -> ComposeResult:
        """The deals, then the funnel, the totals and the flags."""
        yield Static(id="pipeline-status", classes="review-status")
        yield VirtualTable([], id="pipeline-table")
        with VerticalScroll(classes="review-more"):
            with Horizontal(classes="review-row"):
                yield BarChart(id="pipeline-funnel")
                yield ChartTable(id="pipeline-by-funnel")
            with Horizontal(classes="review-row"):
                yield ChartTable(id="pipeline-by-verdict")
                yield ChartTable(id="pipeline-flags")

    def empty_text(self, data: TabData) -> str:
        """No open deal."""
        p: Pipeline = data.result  # type: ignore[assignment]
        return "" if p.rows else self.word("rs_empty_pipeline")

    def rows(self) -> list[PipelineRow]:
        """The deals in the order chosen."""
        from followup_tui.core.review.pipeline_sort import sort_pipeline

        p: Pipeline = self.data.result  # type: ignore[union-attr,assignment]
        if self.order == "risk":  # the pipeline's own order (`build_pipeline`): as it is
            return list(p.rows)
        return sort_pipeline(p.rows, self.order)

    def fill(self, data: TabData) -> None:
        """The deals in the order chosen; the funnel by level; totals and flags."""
        p: Pipeline = data.result  # type: ignore[assignment]
        self.resort()
        self.charts(["pipeline-funnel"], pipeline_charts(p, self.settings))
        self.tables(
            [
                ("pipeline-by-funnel", data.tables[1]),
                ("pipeline-by-verdict", data.tables[2]),
                ("pipeline-flags", data.tables[3]),
            ]
        )

    def resort(self, keep: int | None = None) -> None:
        """Show the deals in `order`, the cursor staying on its deal."""
        if self.data is None or self.has_class("-message"):
            return
        p: Pipeline = self.data.result  # type: ignore[assignment]
        main = self.data.tables[0]
        cells = {r.deal_id: row for r, row in zip(p.rows, main.rows, strict=True)}
        rows = self.rows()
        table = self.query_one("#pipeline-table", VirtualTable)
        keep = keep if keep is not None else table.cursor_row_id
        table.set_columns(
            _cells_table(
                main,
                {2: 13, 3: 15, 4: 17, 5: 14, 6: 14, 7: 11, 8: 5, 9: 11},
                {3: 6, 9: 5, 6: 4, 4: 3, 7: 2, 10: 1},
            )
        )

        def line(r: PipelineRow) -> Row:
            text = cells[r.deal_id]
            verdict = VERDICT_STYLES.get(r.verdict, "")
            styled = [Text(c) for c in text]
            styled[2].stylize(verdict)
            styled[10].stylize("red" if r.stalled or r.out_of_control else "yellow")
            return (r.deal_id, styled)

        position = next((n for n, r in enumerate(rows) if r.deal_id == keep), 0)
        table.set_source(
            len(rows), lambda o, n: [line(r) for r in rows[o : o + n]], cursor=position
        )
        keys = self.keys({"review.sort": "s", "review.open": "enter"})
        status = self.word("rs_pipeline_status").format(
            n=len(rows),
            order=self.word(f"rs_sort_{self.order}"),
            stalled=p.stalled,
            out=p.out_of_control,
            sort=keys["review.sort"],
            open=keys["review.open"],
        )
        self.query_one("#pipeline-status", Static).update(status)

    def current_deal(self) -> int | None:
        """The deal under the cursor."""
        if self.has_class("-message"):
            return None
        return self.query_one("#pipeline-table", VirtualTable).cursor_row_id


class HealthTab(ReviewTab):
    """Entered and converted per quarter against the goal; live prospects by class and level."""

    def body(self) -> ComposeResult:
        """Quarter bars and their table, the funnel of live prospects, classes, trend."""
        with VerticalScroll(classes="review-scroll"):
            with Horizontal(classes="review-row"):
                yield BarChart(id="health-quarters")
                yield ChartTable(id="health-quarter-table")
            with Horizontal(classes="review-row"):
                yield BarChart(id="health-funnel")
                yield ChartTable(id="health-funnel-table")
            with Horizontal(classes="review-row"):
                yield ChartTable(id="health-class")
                yield ChartTable(id="health-trend")

    def empty_text(self, data: TabData) -> str:
        """No account at all."""
        h: Health = data.result  # type: ignore[assignment]
        seen = h.live or any(q.entered or q.converted or q.live_at_start for q in h.quarters)
        return "" if seen else self.word("rs_empty_health")

    def fill(self, data: TabData) -> None:
        """Bars of entered, converted and the goal per quarter; the live funnel."""
        h: Health = data.result  # type: ignore[assignment]
        self.charts(["health-quarters", "health-funnel"], health_charts(h, self.settings))
        q, trend, by_class, by_funnel = data.tables
        self.tables(
            [
                ("health-quarter-table", q),
                ("health-funnel-table", by_funnel),
                ("health-class", by_class),
                ("health-trend", trend),
            ]
        )


class YearEndTab(ReviewTab):
    """Each account's year against the year before, and its proposed verdict."""

    def body(self) -> ComposeResult:
        """The book's line, the accounts, the book's figures."""
        yield Static(id="year-end-status", classes="review-status")
        yield VirtualTable([], id="year-end-table")
        with VerticalScroll(classes="review-more"):
            yield ChartTable(id="year-end-book")

    def empty_text(self, data: TabData) -> str:
        """Nobody bought by the year's end."""
        y: YearEnd = data.result  # type: ignore[assignment]
        return "" if y.rows else self.word("rs_empty_year_end").format(year=y.year)

    def fill(self, data: TabData) -> None:
        """The accounts, proposals coloured; the book's figures."""
        y: YearEnd = data.result  # type: ignore[assignment]
        main = data.tables[0]
        words = {p: self.word("rev_" + k) for p, k in PROPOSAL_WORDS.items()}
        not_kept = self.word("rs_not_kept")

        def line(r: YearEndRow, cells: tuple[str, ...]) -> Row:
            # The table's own kept verdict (its last column) is drawn here beside the
            # proposal, coloured and marked when changed: not twice.
            styled = [Text(c) for c in cells[:-1]]
            styled[7].stylize(PROPOSAL_STYLES[r.proposal])
            if r.verdict is None:
                kept = Text(not_kept, "dim")
            else:
                mark = "" if r.verdict == r.proposal else " ✎"
                kept = Text(words[r.verdict] + mark, PROPOSAL_STYLES[r.verdict] or "bold")
            styled.insert(8, kept)
            return (r.account_id, styled)

        # Styled as the table shows them, a screenful at a time (as the pipeline's): the
        # thousands of accounts of a large book made up front were most of a first switch.
        pairs = list(zip(y.rows, main.rows, strict=True))
        table = self.query_one("#year-end-table", VirtualTable)
        columns = _cells_table(
            main, {1: 7, 2: 14, 3: 7, 4: 14, 5: 8, 6: 11, 7: 13}, {3: 5, 4: 4, 6: 3, 8: 2}
        )[:-1]
        columns.insert(8, Column("kept", self.word("rs_col_kept"), 12))
        table.set_columns(columns)
        keep = table.cursor_row_id
        at = next((n for n, r in enumerate(y.rows) if r.account_id == keep), table.cursor)
        table.set_source(
            len(pairs), lambda o, n: [line(r, cells) for r, cells in pairs[o : o + n]], cursor=at
        )
        keys = self.keys({"review.confirm": "c", "review.change": "v", "review.undo": "u"})
        self.query_one("#year-end-status", Static).update(
            self.word("rs_year_end_status").format(
                year=y.year,
                n=len(y.rows),
                confirm=keys["review.confirm"],
                change=keys["review.change"],
                undo=keys["review.undo"],
            )
        )
        self.tables([("year-end-book", data.tables[1])])

    def current_account(self) -> int | None:
        """The account under the cursor."""
        if self.has_class("-message"):
            return None
        return self.query_one("#year-end-table", VirtualTable).cursor_row_id


class HeatTab(ReviewTab):
    """Heat bands by class, and the accounts whose heat fell most."""

    def body(self) -> ComposeResult:
        """The stacked bands, their table, the falls."""
        with VerticalScroll(classes="review-scroll"):
            yield BarChart(id="heat-chart")
            yield ChartTable(id="heat-table")
            yield ChartTable(id="heat-fell")

    def empty_text(self, data: TabData) -> str:
        """No live account."""
        h: HeatReview = data.result  # type: ignore[assignment]
        return "" if any(sum(c) for _k, c in h.bands) else self.word("rs_empty_heat")

    def fill(self, data: TabData) -> None:
        """One stacked bar per class, a band per mark."""
        h: HeatReview = data.result  # type: ignore[assignment]
        self.charts(["heat-chart"], heat_charts(h, self.settings))
        self.tables([("heat-table", data.tables[0]), ("heat-fell", data.tables[1])])


class ActivityTab(ReviewTab):
    """Contacts per week by outcome, the summary, contacts per day."""

    def body(self) -> ComposeResult:
        """Stacked weeks, the week table, the summary, the days."""
        with VerticalScroll(classes="review-scroll"):
            yield BarChart(id="activity-chart")
            with Horizontal(classes="review-row"):
                yield ChartTable(id="activity-weeks")
                yield ChartTable(id="activity-summary")
            yield ChartTable(id="activity-days")

    def empty_text(self, data: TabData) -> str:
        """Nothing done in the period."""
        a: ActivityReview = data.result  # type: ignore[assignment]
        busy = a.contacts or a.notes or a.on_time or a.late or a.missed
        return "" if busy else self.word("rs_empty_activity").format(period=a.period.label)

    def fill(self, data: TabData) -> None:
        """One stacked bar per ISO week, an outcome per mark."""
        a: ActivityReview = data.result  # type: ignore[assignment]
        self.charts(["activity-chart"], activity_charts(a, self.settings))
        days, weeks, summary = data.tables
        self.tables(
            [("activity-weeks", weeks), ("activity-summary", summary), ("activity-days", days)]
        )
