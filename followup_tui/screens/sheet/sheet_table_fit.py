"""The blue sheet's tables fitted to the terminal: columns by need, side-by-side rows shared.

A mixin of `BlueSheetScreen`: it fills the influences, landmines, bullets, best actions
and signals tables with the rows the renderers give, each column as wide as its cells
need or as its share of the room (`widgets.sheet_columns`), every cut cell ending in an
ellipsis; below `STACK_BELOW` cells the side-by-side tables go one under the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.widgets import DataTable

from followup_tui.screens.base import AppScreen
from followup_tui.widgets import sheet_render as render
from followup_tui.widgets.sheet_columns import cut, fit_widths

if TYPE_CHECKING:
    _Base = AppScreen[bool]
else:
    _Base = object

STACK_BELOW = 150  # narrower than this, side-by-side tables go one under the other


class SheetTables(_Base):
    """Fill and fit the sheet's tables."""

    rows: dict[str, list[tuple[Any, Any]]]  # table id -> (row key, cells), as last filled
    labels: dict[str, tuple[str, ...]]  # table id -> column labels
    mines_width: int  # the landmines table's share of its row

    def _fill(self, table_id: str, rows: list[tuple[Any, Any]]) -> None:
        """Refill a table, its columns fitted to the width, keeping the cursor's line."""
        self.rows[table_id] = rows
        table = self.query_one(table_id, DataTable)
        row = table.cursor_row
        labels = self.labels[table_id]
        natural = self._natural(table_id, rows)
        # Every column has a cell of padding each side; two more for a vertical scroll bar.
        room = self._table_width(table_id) - 2 * len(labels) - 2
        widths = fit_widths(room, natural, render.WEIGHTS[table_id])
        table.clear(columns=True)
        for label, width in zip(labels, widths, strict=True):
            table.add_column(cut(label, width), width=width)
        for key, cells in rows:
            table.add_row(*(cut(c, n) for c, n in zip(cells, widths, strict=True)), key=str(key))
        if rows:
            table.move_cursor(row=max(0, min(row, len(rows) - 1)), animate=False)

    def _natural(self, table_id: str, rows: list[tuple[Any, Any]]) -> list[int]:
        """Each column's width with nothing cut: its widest cell or its label."""
        natural = [cell_len(label) for label in self.labels[table_id]]
        for _key, cells in rows:
            natural = [max(n, cell_len(str(c))) for n, c in zip(natural, cells, strict=True)]
        return natural

    def _split_mines(self) -> None:
        """Share the landmines row between its two tables by what their cells need, so a
        category is not cut beside a bullets table with cells to spare (a third at least)."""
        mines, bullets = self.query_one("#landmines"), self.query_one("#bullets")
        width = self.query_one("#sheet-tabs").size.width or self.app.size.width
        if self._stacked():
            mines.styles.width = bullets.styles.width = None  # the stylesheet's 1fr
            self.mines_width = width
            return

        def need(table_id: str) -> int:
            natural = self._natural(table_id, self.rows.get(table_id, []))
            return sum(natural) + 2 * len(natural) + 2  # padding and a scroll bar

        need_m, need_b = need("#landmines"), need("#bullets") + 1  # its border
        if need_m + need_b <= width:
            split = need_m + (width - need_m - need_b) // 2
        else:
            split = width * need_m // (need_m + need_b)
        self.mines_width = max(width // 3, min(width - width // 3, split))
        mines.styles.width = self.mines_width
        bullets.styles.width = width - self.mines_width

    def _table_width(self, table_id: str) -> int:
        """The cells a table has across: the sections' width, shared by tables side by side."""
        width = self.query_one("#sheet-tabs").size.width or self.app.size.width
        if self._stacked():
            return width
        if table_id == "#landmines":
            return self.mines_width
        if table_id == "#bullets":
            return width - self.mines_width - 1  # its border
        if table_id == "#signals":
            return width * 3 // 5
        return width

    def _stacked(self) -> bool:
        """Whether tables that stand side by side go one under the other (a narrow terminal)."""
        width = self.query_one("#sheet-tabs").size.width or self.app.size.width
        return width < STACK_BELOW
