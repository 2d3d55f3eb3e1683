"""The review screen's Team tab (#19): every rep's board, pipeline and activity side by
side, for a manager on a team's server.

The tab is there only for a manager (`db.review_team.is_manager`): a rep on the server
and a rep on their own file never see it. It reads nothing itself: the screen reads it
as the other tabs (`review_data.load_tab`) and hands over the team's review and its
table (`core.review.team_tables`), a row per rep then the team's row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static, TabPane

from followup_tui.core.base.config import Settings
from followup_tui.screens.review.board_tab import STATUS_STYLES
from followup_tui.screens.review.panes import ReviewTab, _cells_table
from followup_tui.screens.review.review_data import TabData
from followup_tui.widgets.virtual_table import Column, Row, VirtualTable
from followup_tui.widgets.wrapped_text import Para, WrappedStatic

if TYPE_CHECKING:
    # The team's rules and tables are imported when the tab is first read: key 4 shows
    # the board alone (`review_data`).
    from followup_tui.core.review.team_tables import Table
    from followup_tui.core.review.team_view import RepFigures, TeamReview

TEAM = "team"  # `core.review.team_view.TEAM`, without the rules it brings
# Each order's word (`core.review.team_view.TEAM_SORTS`).
SORT_WORDS = {
    "rep": "rs_team_sort_rep",
    "behind": "rs_team_sort_behind",
    "weighted": "rs_sort_weighted",
    "late": "rs_team_sort_late",
}


def columns(table: Table, verdicts: str) -> list[Column]:
    """The table's columns: fixed widths, and what a narrow screen hides first; the deals
    per verdict in one column headed `verdicts` (each verdict's own header is a word or
    two wide: five of them would take a quarter of a wide screen)."""
    from followup_tui.core.review import team_tables as tt

    # Cells each fixed column takes (a column grows to its header's width); the rep's
    # name takes what is left.
    widths = {
        tt.BOARD: 8,
        tt.EMPTY: 5,
        tt.EXPECTED: 14,
        tt.ACTUAL: 14,
        tt.STATUS: 9,
        tt.DEALS: 6,
        tt.AMOUNT: 14,
        tt.WEIGHTED: 14,
        tt.STALLED: 5,
        tt.OUT_OF_CONTROL: 5,
        tt.CONTACTS: 6,
        tt.REACH: 6,
        tt.ON_TIME: 5,
        tt.LATE: 5,
        tt.MISSED: 5,
    }
    # Hidden first on a narrow screen (highest first): at 80 columns the rep, the board,
    # its status, the deals, the weighted amount, contacts, reach rate and late stay.
    drops = {
        tt.AMOUNT: 8,
        tt.MISSED: 7,
        tt.EMPTY: 7,
        tt.OUT_OF_CONTROL: 6,
        tt.ON_TIME: 5,
        tt.EXPECTED: 4,
        tt.ACTUAL: 4,
        tt.STALLED: 3,
        tt.LATE: 2,
    }
    out = _cells_table(table, widths, drops)
    first, last = tt.VERDICTS[0], tt.VERDICTS[-1]
    merged = Column("verdicts", verdicts, 2 * len(tt.VERDICTS) + 1, "right", 6)
    return [*out[:first], merged, *out[last + 1 :]]


def team_panes(settings: Settings, manager: bool) -> Iterator[TabPane]:
    """The Team tab's pane, for a manager only (its widget is made when first shown)."""
    if manager:
        yield TabPane(settings.word("rev_title_team"), id=f"tab-{TEAM}")


class TeamTab(ReviewTab):
    """A row per rep - board, pipeline, activity - then the team's row; by rep, or in
    another order with the pipeline's sort key."""

    order = "rep"

    def body(self) -> ComposeResult:
        """What is shown and how to read it, the reps, the columns' help."""
        yield Static(id="team-status", classes="review-status")
        yield VirtualTable([], id="team-table")
        # Wrapped by the Chinese line-break rules (Rich would start a line with '：').
        yield WrappedStatic(id="team-help")

    def empty_text(self, data: TabData) -> str:
        """No rep owns an account yet."""
        team: TeamReview = data.result  # type: ignore[assignment]
        return "" if team.reps else self.word("rs_empty_team")

    def fill(self, data: TabData) -> None:
        """The reps in the order chosen, the team's row last and bold; a behind plan and
        stalled or out-of-control deals in red."""
        (main,) = data.tables
        table = self.query_one("#team-table", VirtualTable)
        table.set_columns(columns(main, self.word("rs_col_verdicts")))
        from followup_tui.core.review.pipeline import RISK_ORDER
        from followup_tui.core.sheet.position import kind_label

        self.resort()
        order = self.word("rs_team_join").join(kind_label(k, self.settings) for k in RISK_ORDER)
        said = self.word("rs_team_help").format(verdicts=self.word("rs_col_verdicts"), order=order)
        self.query_one("#team-help", WrappedStatic).set_paras([Para(Text(said))])

    def resort(self) -> None:
        """Show the reps in `order`, the cursor staying on its rep; the team's row last."""
        from followup_tui.core.review.team_view import sort_reps

        if self.data is None or self.has_class("-message"):
            return
        team: TeamReview = self.data.result  # type: ignore[assignment]
        (main,) = self.data.tables
        table = self.query_one("#team-table", VirtualTable)
        keep = table.cursor_row_id
        # Row ids: a rep's place in the table as read (by rep), the team's after them.
        place = {r.rep: n for n, r in enumerate(team.reps)}
        shown = sort_reps(team.reps, self.order)
        rows: list[Row] = [
            (place[r.rep], self._styled(r.figures, main.rows[place[r.rep]], False)) for r in shown
        ]
        total = len(team.reps)
        rows.append((total, self._styled(team.total, main.rows[total], True)))
        at = next((n for n, (rid, _c) in enumerate(rows) if rid == keep), 0)
        table.set_source(len(rows), lambda o, n: rows[o : o + n], cursor=at)
        self.query_one("#team-status", Static).update(
            self.word("rs_team_status").format(
                order=self.word(SORT_WORDS[self.order]),
                sort=self.key("review.sort", "s"),
                n=len(team.reps),
                year=team.period.start.year,
                period=team.period.label,
                stalled=team.total.stalled,
                out=team.total.out_of_control,
                reload=self.key("review.reload", "f5"),
            )
        )

    def _styled(self, f: RepFigures, cells: tuple[str, ...], total: bool) -> list[Text | str]:
        from followup_tui.core.review import team_tables as tt

        styled = [Text(c, "bold" if total else "") for c in cells]
        styled[tt.STATUS].stylize(STATUS_STYLES.get(f.status, ""))
        for n, flagged in ((tt.STALLED, f.stalled), (tt.OUT_OF_CONTROL, f.out_of_control)):
            if flagged:
                styled[n].stylize("red")
        first, last = tt.VERDICTS[0], tt.VERDICTS[-1]
        verdicts = Text("·", "dim").join(styled[first : last + 1])
        return [*styled[:first], verdicts, *styled[last + 1 :]]

    def next_order(self) -> None:
        """The next order (`review.sort`)."""
        from followup_tui.core.review.team_view import next_team_sort

        self.order = next_team_sort(self.order)
        self.resort()

    def rep_at_cursor(self) -> str | None:
        """The rep under the cursor (None: the team's row, or nothing shown)."""
        if self.data is None or self.has_class("-message"):
            return None
        team: TeamReview = self.data.result  # type: ignore[assignment]
        at = self.query_one("#team-table", VirtualTable).cursor_row_id
        return team.reps[at].rep if isinstance(at, int) and at < len(team.reps) else None
