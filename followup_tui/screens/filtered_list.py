"""What the account and deal lists share: a `/` filter line and one-key filters."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual import on
from textual.widgets import Input

from followup_tui.screens.base import AppScreen
from followup_tui.widgets.virtual_table import VirtualTable


class FilteredListScreen(AppScreen[None]):
    """A list screen whose `filter` dataclass narrows rows as the rep types."""

    filter: Any

    def refresh_rows(self, keep_id: int | None = None) -> None:
        """Apply filter and sort, and show the result (each list says how)."""
        raise NotImplementedError

    def _set_filter(self, **changes: Any) -> None:
        self.filter = dataclasses.replace(self.filter, **changes)
        self.refresh_rows()

    def action_search(self) -> None:
        """Focus the filter line."""
        self.query_one(Input).focus()

    @on(Input.Changed)
    def filter_typed(self, event: Input.Changed) -> None:
        """Narrow the list as each key is typed."""
        self._set_filter(text=event.value)

    @on(Input.Submitted)
    def filter_done(self) -> None:
        """Enter in the filter returns to the table, keeping the filter."""
        self.query_one(VirtualTable).focus()

    def action_to_list(self) -> None:
        """Down in the filter line goes to the list, keeping the filter (the table's own
        down moves its cursor, so this is reached from the filter line only)."""
        if isinstance(self.focused, Input):
            self.query_one(VirtualTable).focus()

    @on(VirtualTable.AboveTop)
    def back_to_filter(self) -> None:
        """Up on the first row goes back to the filter line, as down left it: the cursor at
        the end, so the next key narrows the filter rather than replace it (as `/` does)."""
        box = self.query_one(Input)
        box.focus()
        box.call_after_refresh(setattr, box, "cursor_position", len(box.value))

    def action_clear_filters(self) -> None:
        """Clear the text and every one-key filter: back to the list as it opens.

        A fresh filter is that state (live accounts, open deals): the archived
        view is a filter too, and "clear every filter" must leave it.
        """
        self.clear_filter_text()
        self.filter = type(self.filter)()
        self.refresh_rows()
        self.query_one(VirtualTable).focus()

    def clear_filter_text(self) -> None:
        """Empty the filter line without treating it as typing."""
        box = self.query_one(Input)
        with box.prevent(Input.Changed):
            box.value = ""
