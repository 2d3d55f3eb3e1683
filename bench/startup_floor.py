"""The start-up floor for bench/bench_startup.py: a bare Textual app drawing an empty table.

    python bench/startup_floor.py             # q quits
    python bench/startup_floor.py --chrome    # with a Header and a 14-key Footer too

Its one widget is an empty `DataTable`; the table's single column header carries
MARKER, so the benchmark can see from outside, in the terminal, that the table
is drawn. `--chrome` adds what every followup screen has around its table - a
`Header` and a `Footer` showing as many keys as the due queue's - to tell
Textual's own cost of those widgets from followup's.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header

MARKER = "BENCH-EMPTY-TABLE"
CHROME_KEYS = 13  # the due queue's footer shows 13 keys besides the palette's


class EmptyTableApp(App[None]):
    """Nothing but an empty DataTable."""

    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """One empty table."""
        yield DataTable()

    def on_mount(self) -> None:
        """Name the one column: the header is what shows the table was drawn."""
        self.query_one(DataTable).add_column(MARKER)


class ChromeApp(EmptyTableApp):
    """The empty table between a Header and a Footer of 13 keys."""

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        # One action each: the Footer shows one key per action.
        *(Binding(f"f{n}", f"key({n})", f"Key {n}") for n in range(1, CHROME_KEYS)),
    ]

    def compose(self) -> ComposeResult:
        """Header, table, footer."""
        yield Header()
        yield DataTable()
        yield Footer()

    def action_key(self, number: int) -> None:
        """A stand-in for one of the queue's keys."""
        self.bell()


if __name__ == "__main__":
    (ChromeApp if "--chrome" in sys.argv[1:] else EmptyTableApp)().run()
