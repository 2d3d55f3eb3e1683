"""The start-up floor for bench/bench_startup.py: a bare Textual app drawing an empty table.

    python bench/startup_floor.py      # q quits

Its one widget is an empty `DataTable`; the table's single column header carries
MARKER, so the benchmark can see from outside, in the terminal, that the table
is drawn.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

MARKER = "BENCH-EMPTY-TABLE"


class EmptyTableApp(App[None]):
    """Nothing but an empty DataTable."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """One empty table."""
        yield DataTable()

    def on_mount(self) -> None:
        """Name the one column: the header is what shows the table was drawn."""
        self.query_one(DataTable).add_column(MARKER)


if __name__ == "__main__":
    EmptyTableApp().run()
