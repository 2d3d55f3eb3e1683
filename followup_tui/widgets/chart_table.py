"""A review table of text cells (`core.review.review_tables.Table`) drawn with its title.

The numbers beside a chart, and the reviews' small tables (totals, flags, the
book's figures): the same cells `followup review` prints, so the screen and the
command line never disagree. Rich measures the cells, so Chinese keeps its columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table as RichTable
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from followup_tui.core.review.review_tables import Table


def rich_table(table: Table, *, empty: str = "") -> FittedTable:
    """A core table as a Rich renderable: title above, numbers right-aligned, rows unwrapped."""
    return cells_table(table.title, table.headers, table.rows, table.right, empty=empty)


def cells_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int],
    *,
    empty: str = "",
) -> FittedTable:
    """Titled cells as a Rich renderable: numbers (the columns in `right`) right-aligned."""
    return FittedTable(
        title, tuple(headers), tuple(tuple(r) for r in rows), frozenset(right), empty
    )


GAP = 2  # cells between two columns
LEAST = 3  # the narrowest a text column gets: two characters and the …
FIRST = 12  # the narrowest the first column gets


class FittedTable:
    """A table that fits the width it is drawn at (80 columns too).

    Rich's own table, short of room, cut a number or dropped the first column. Here the
    widths are worked out first: each column as wide as its widest cell and header; if
    that is too wide, the widest columns give way a cell at a time, a number column never
    below its widest number and a text column never below 3 cells. Headers then wrap at
    their spaces ('Meeting / booked'), and a long word or text cell ends in … .
    """

    def __init__(
        self,
        title: str,
        headers: tuple[str, ...],
        rows: tuple[tuple[str, ...], ...],
        right: frozenset[int],
        empty: str = "",
    ) -> None:
        self.title, self.headers, self.rows, self.right, self.empty = (
            title,
            headers,
            rows,
            right,
            empty,
        )
        cells = [
            max((cell_len(r[n]) for r in rows if n < len(r)), default=0)
            for n in range(len(headers))
        ]
        self._drawn: dict[tuple[int, int | None], list[Segment]] = {}
        self.natural = [max(c, cell_len(h)) for c, h in zip(cells, headers, strict=True)]
        # A row's label (a week, a quarter, a class) stays whole when short; a name gives way.
        self.least = [
            max(c, 1) if n in right else min(self.natural[n], FIRST if n == 0 else LEAST)
            for n, c in enumerate(cells)
        ]

    def _total(self, widths: Sequence[int]) -> int:
        return sum(widths) + GAP * max(0, len(widths) - 1)

    def widths(self, room: int) -> list[int]:
        """Each column's width in `room` cells (wider than `room` only when it cannot fit)."""
        widths = list(self.natural)
        while self._total(widths) > room:
            slack = [n for n in range(len(widths)) if widths[n] > self.least[n]]
            if not slack:
                break
            widest = max(slack, key=lambda n: widths[n] - self.least[n])
            widths[widest] -= 1
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as its natural widths (its title too), at least its narrowest."""
        natural = max(self._total(self.natural), cell_len(self.title))
        least = self._total(self.least)
        return Measurement(min(least, options.max_width), min(natural, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table drawn at the room given: once per width (Textual measures a table
        and draws it several times as a tab is laid out)."""
        key = (options.max_width, options.height)
        if key not in self._drawn:
            self._drawn[key] = list(console.render(self._table(options.max_width), options))
        yield from self._drawn[key]

    def _table(self, room: int) -> RichTable:
        """The Rich table with the widths fitted to `room` cells."""
        out = RichTable(
            title=Text(self.title, style="bold"),
            title_justify="left",
            box=None,
            pad_edge=False,
            show_edge=False,
            header_style="bold",
            expand=False,
        )
        for n, (head, width) in enumerate(zip(self.headers, self.widths(room), strict=True)):
            out.add_column(
                Text(head, overflow="ellipsis"),
                justify="right" if n in self.right else "left",
                width=width,
            )
        for row in self.rows:
            out.add_row(*(Text(cell, overflow="ellipsis", no_wrap=True) for cell in row))
        if not self.rows and self.empty:
            out.caption = self.empty
            out.caption_justify = "left"
        return out


class ChartTable(Static):
    """One titled table of a review."""

    DEFAULT_CSS = """
    ChartTable { height: auto; width: auto; max-width: 100%; margin: 0 2 1 0; }
    """

    def show(self, table: Table, *, empty: str = "") -> None:
        """Draw this table (`empty`: said under the header when it has no rows)."""
        self.update(rich_table(table, empty=empty))

    def show_cells(
        self,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        right: Collection[int] = (),
    ) -> None:
        """Draw titled cells that are not a core table (the board's months)."""
        self.update(cells_table(title, headers, rows, right))
