"""A tab holding one table of records, and the line it shows instead while there are none."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static, TabPane


class RecordPane(TabPane):
    """A tab with a table and its empty line; `-empty` on the tab shows the line instead."""

    def __init__(self, title: str, table: DataTable, empty: str, *, id: str) -> None:
        super().__init__(title, id=id)
        self.table = table
        self.empty = empty

    def compose(self) -> ComposeResult:
        """The table, then its empty line (the stylesheet shows one of the two)."""
        yield self.table
        yield Static(self.empty, id=f"{self.table.id}-empty", classes="empty-state", markup=False)

    def mark_empty(self) -> None:
        """Show the table, or its empty line when it has no rows."""
        self.set_class(not self.table.row_count, "-empty")

    @property
    def row_key(self) -> str | None:
        """The key of the row under the cursor (None: no rows)."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
