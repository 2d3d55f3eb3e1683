"""The account page's timeline: activities newest first; enter asks to see one in full."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import DataTable

from followup_tui.core.accounts.account_view import ActivityView
from followup_tui.core.base.config import Settings
from followup_tui.widgets.fit_table import FitTable
from followup_tui.widgets.record_pane import RecordPane

# Notes last: they run long, and take the room the other columns leave.
COLUMNS = ("when", "what", "who", "outcome", "we_promised", "they_promised", "notes")


class TimelinePane(RecordPane):
    """The account's activities; posts ActivityChosen when enter picks one."""

    @dataclass
    class ActivityChosen(Message):
        """The rep chose an activity to read in full: the columns cut notes and promises."""

        activity: ActivityView

    def __init__(self, settings: Settings, *, id: str) -> None:
        labels = [settings.word(f"col_{name}") for name in COLUMNS]
        # When, what and the outcome stay whole; who, promises and notes give way.
        # Promises and notes take two lines; the notes keep three times the promises' width.
        table = FitTable(
            labels,
            keep=(0, 1, 3),
            wrap=(4, 5, 6),
            weights={6: 1 / 3},
            id="timeline",
            cursor_type="row",
            zebra_stripes=True,
        )
        super().__init__(
            settings.word("tab_timeline"), table, settings.word("empty_timeline"), id=id
        )
        self.activities: dict[str, ActivityView] = {}

    def show(self, activities: Sequence[ActivityView]) -> None:
        """Show the activities, newest first as given."""
        self.activities = {activity.key: activity for activity in activities}
        rows = [(activity.key, activity.cells()) for activity in activities]
        self.query_one(FitTable).show(rows)
        self.mark_empty()

    @on(DataTable.RowSelected, "#timeline")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.ActivityChosen(self.activities[str(event.row_key.value)]))
