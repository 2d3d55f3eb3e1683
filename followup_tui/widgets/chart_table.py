"""A review table of text cells (`core.review.review_tables.Table`) drawn with its title.

The numbers beside a chart, and the reviews' small tables (totals, flags, the
book's figures): the same cells `followup review` prints, so the screen and the
command line never disagree. Rich measures the cells, so Chinese keeps its columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from rich.table import Table as RichTable
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from followup_tui.core.review.review_tables import Table


def rich_table(table: Table, *, empty: str = "") -> RichTable:
    """A core table as a Rich table: title above, numbers right-aligned, rows unwrapped."""
    return cells_table(table.title, table.headers, table.rows, table.right, empty=empty)


def cells_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int],
    *,
    empty: str = "",
) -> RichTable:
    """Titled cells as a Rich table: numbers (the columns in `right`) right-aligned."""
    out = RichTable(
        title=Text(title, style="bold"),
        title_justify="left",
        box=None,
        pad_edge=False,
        show_edge=False,
        header_style="bold",
        expand=False,
    )
    for n, head in enumerate(headers):
        out.add_column(Text(head), justify="right" if n in right else "left", no_wrap=n in right)
    for row in rows:
        out.add_row(*(Text(cell) for cell in row))
    if not rows and empty:
        out.caption = empty
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
