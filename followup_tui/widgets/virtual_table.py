"""A table that draws only the rows on screen, fetching them page by page.

Textual's DataTable builds every row up front (seconds at 10,000 rows); this one
asks its owner for a row count and a `fetch(offset, limit)` function and keeps a
small page cache, so 100,000 rows cost no more to show than 100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from followup_tui.widgets.cells import truncate_cell
from followup_tui.widgets.table_line import row_segments, styled_strip


class HasId(Protocol):
    """Anything with an integer id: the rows a list screen shows (frozen ones too)."""

    @property
    def id(self) -> int:
        """The row's id."""
        ...


class Fitted:
    """A cell that words itself for the width its column gets: briefly when narrow."""

    def at(self, width: int) -> Text:
        """The cell's text for a column `width` cells wide (the table cuts what is over)."""
        raise NotImplementedError


Cell = Text | str | Fitted
Row = tuple[int, Sequence[Cell]]  # (row id, cells)
_StripKey = tuple[int, bool, bool, int, bool, str]
Fetch = Callable[[int, int], Sequence[Row]]

PAGE_SIZE = 100
MIN_FLEX = 12  # the narrowest a flexible column (a name) may get before others are hidden
PAGES_KEPT = 8


@dataclass(frozen=True)
class Column:
    """One column: key, header label, width in cells (0 = take the remaining width)."""

    key: str
    label: str
    width: int = 0
    justify: str = "left"
    drop_rank: int = 0  # > 0: hidden on narrow screens, highest rank first
    # A flexible column's share of the remaining width (against the other flexible
    # ones' `grow`), and the fewest cells it takes before optional columns are hidden.
    grow: int = 1
    least: int = MIN_FLEX

    @property
    def fitted_width(self) -> int:
        """The width, grown to the header's: a sort arrow must not cut 'Last contact ▲'."""
        return max(self.width, cell_len(self.label)) if self.width else 0


def _no_rows(offset: int, limit: int) -> Sequence[Row]:
    return ()


class VirtualTable(ScrollView, can_focus=True):
    """A read-only, row-cursor table over a row source of any size."""

    DEFAULT_CSS = """
    VirtualTable { height: 1fr; overflow-x: hidden; }
    VirtualTable > .virtual-table--header { text-style: bold; color: $text-accent; }
    VirtualTable > .virtual-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    VirtualTable:blur > .virtual-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    VirtualTable > .virtual-table--odd { background: $surface-lighten-1 20%; }
    """
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor", "virtual-table--odd"}
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    # Drawn lines kept. Each is a few dozen objects that a full garbage collection walks,
    # and one lands on a keystroke: a table whose rows change often keeps fewer.
    STRIPS_KEPT = 4000

    # No repaint: watch_cursor redraws just the two rows that changed.
    cursor = reactive(0, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: VirtualTable, row_id: int | None) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

        @property
        def control(self) -> VirtualTable:
            """The table, so `@on(VirtualTable.Highlighted, "#id")` can match it."""
            return self.table

    class AboveTop(Message):
        """Up was pressed on the first row: the screen may hand the focus to what is above."""

        def __init__(self, table: VirtualTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> VirtualTable:
            """The table, so `@on(VirtualTable.AboveTop, "#id")` can match it."""
            return self.table

    class Selected(Message):
        """Enter was pressed on a row."""

        def __init__(self, table: VirtualTable, row_id: int) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

        @property
        def control(self) -> VirtualTable:
            """The table, so `@on(VirtualTable.Selected, "#id")` can match it."""
            return self.table

    def __init__(
        self, columns: Sequence[Column], *, id: str | None = None, page_size: int | None = None
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        # Rows fetched at a time: where a row costs something to make, a screenful.
        self.page_size = page_size or PAGE_SIZE
        self.row_count = 0
        self._fetch: Fetch = _no_rows
        self._pages: OrderedDict[int, Sequence[Row]] = OrderedDict()
        # Rendered rows by (row id, odd, under cursor, width, focus, theme), each kept with
        # the row it was drawn from: scrolling re-renders only the row that comes into
        # view, and a new source (the next filter key) redraws only rows it has not
        # drawn before, as long as its owner hands out the same row object again.
        self._strips: dict[_StripKey, tuple[Row, Strip]] = {}
        # Each row's segments before its style, by (row id, width), with the row.
        self._lines: dict[tuple[int, int], tuple[Row, list[Segment]]] = {}
        self._combined: dict[tuple[StyleType, ...], Style] = {}  # see `row_segments`
        self._widths_at: tuple[int, list[int]] | None = None  # (table width, column widths)

    # -- data -------------------------------------------------------------
    def set_source(self, row_count: int, fetch: Fetch, *, cursor: int = 0) -> None:
        """Show a new row source with the cursor on row index `cursor`."""
        self.row_count = row_count
        self._fetch = fetch
        self._pages.clear()
        self.virtual_size = Size(self.size.width, row_count + 1)  # +1: the header line
        self.set_reactive(VirtualTable.cursor, max(0, min(cursor, row_count - 1)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor_row_id))

    def show_items(
        self,
        items: Sequence[HasId],
        render: Callable[[Any], Row],
        *,
        keep_id: int | None = None,
        find: Callable[[int], int | None] | None = None,
    ) -> None:
        """Show items that have an `id`, keeping the cursor on `keep_id` (default: where it is).

        `find(id)` gives an item's position without a scan, when the caller can; a
        scan of 100,000 items on every keystroke costs milliseconds.
        """
        if keep_id is None:
            keep_id = self.cursor_row_id

        def fetch(offset: int, limit: int) -> list[Row]:
            return [render(item) for item in items[offset : offset + limit]]

        position: int | None = None
        if keep_id is not None:
            if find is not None:
                position = find(keep_id)
            else:
                position = next((n for n, item in enumerate(items) if item.id == keep_id), None)
        self.set_source(len(items), fetch, cursor=self.cursor if position is None else position)

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Replace the columns (e.g. to show a new sort arrow); the same ones change nothing."""
        if list(columns) == self.columns:
            return
        self.columns = list(columns)
        self._strips.clear()
        self._lines.clear()
        self._widths_at = None
        self.refresh()

    def _page(self, number: int) -> Sequence[Row]:
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number * self.page_size, self.page_size)
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, index: int) -> Row | None:
        """The (id, cells) at a row index, fetched if needed."""
        if not 0 <= index < self.row_count:
            return None
        page = self._page(index // self.page_size)
        offset = index % self.page_size
        return page[offset] if offset < len(page) else None

    @property
    def cursor_row_id(self) -> int | None:
        """The id of the row under the cursor."""
        row = self.row_at(self.cursor)
        return row[0] if row else None

    def shown_column_keys(self) -> list[str]:
        """The keys of the columns the current width shows (narrow screens hide some)."""
        widths = self._widths(self.scrollable_content_region.width)
        return [c.key for c, width in zip(self.columns, widths, strict=True) if width]

    # -- drawing ----------------------------------------------------------
    def _widths(self, total: int) -> list[int]:
        """Each column's width; 0 hides it. Optional columns go first when space is short."""
        shown = list(self.columns)
        by_rank = sorted((c for c in shown if c.drop_rank), key=lambda c: -c.drop_rank)
        while True:
            fixed = sum(c.fitted_width for c in shown) + len(shown) - 1
            flexible = [c for c in shown if not c.width]
            spare = total - fixed
            needed = sum(c.least for c in flexible) if flexible else MIN_FLEX
            if spare >= needed or not by_rank:
                break
            shown.remove(by_rank.pop(0))
        # Each flexible column its least, and what is left in proportion to `grow`:
        # a wider terminal widens each.
        extra = max(0, spare - sum(c.least for c in flexible))
        weight = sum(c.grow for c in flexible) or 1
        return [
            (c.fitted_width or c.least + extra * c.grow // weight) if c in shown else 0
            for c in self.columns
        ]

    def _column_widths(self, total: int) -> list[int]:
        """`_widths` for the table's width, worked out once per width and set of columns."""
        if self._widths_at is None or self._widths_at[0] != total:
            self._widths_at = (total, self._widths(total))
        return self._widths_at[1]

    def _segments(self, cells: Sequence[Cell], widths: list[int]) -> list[Segment]:
        """A row's segments before the row's style: cells side by side, or one heading."""
        console = self.app.console
        if len(cells) == 1:  # a heading row: one cell across the whole width
            width = self.scrollable_content_region.width
            cell = cells[0]
            if isinstance(cell, Fitted):
                cell = cell.at(width)
            text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
            truncate_cell(text, width)
            return list(text.render(console))
        shown = [
            cell.at(width) if isinstance(cell, Fitted) else cell
            for cell, width in zip(cells, widths, strict=False)
        ]
        right = [column.justify == "right" for column in self.columns]
        return row_segments(shown, widths, right, console, self._combined)

    def _line(self, cells: Sequence[Cell], widths: list[int], style: Style) -> Strip:
        """One row (or the header) drawn across the table in `style`."""
        width = self.scrollable_content_region.width
        return styled_strip(self._segments(cells, widths), style, width)

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header; the rest are rows scrolled by `scroll_y`."""
        width = self.scrollable_content_region.width
        widths = self._column_widths(width)
        if y == 0:
            header = self.get_component_rich_style("virtual-table--header")
            return self._line([c.label for c in self.columns], widths, header)
        index = int(self.scroll_y) + y - 1
        row = self.row_at(index)
        if row is None:
            return Strip([Segment(" " * width)])
        key = (row[0], bool(index % 2), index == self.cursor, width, self.has_focus, self.app.theme)
        kept = self._strips.get(key)
        if kept is not None and kept[0] is row:
            return kept[1]
        if len(self._strips) > self.STRIPS_KEPT:
            self._strips.clear()
            self._lines.clear()
        # The row's own segments serve every style it is drawn in (stripe, cursor, focus).
        line = self._lines.get((row[0], width))
        if line is None or line[0] is not row:
            line = self._lines[(row[0], width)] = (row, self._segments(row[1], widths))
        if index == self.cursor:
            style = self.get_component_rich_style("virtual-table--cursor")
        elif index % 2:
            style = self.get_component_rich_style("virtual-table--odd")
        else:
            style = Style()
        strip = styled_strip(line[1], style, width)
        self._strips[key] = (row, strip)
        return strip

    def on_resize(self) -> None:
        """Keep the virtual size's width in step so nothing scrolls sideways."""
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    # -- cursor -----------------------------------------------------------
    def _scroll_to_cursor(self) -> None:
        body = max(1, self.size.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two rows that changed and keep the cursor in view."""
        top = int(self.scroll_y)
        self._scroll_to_cursor()
        if int(self.scroll_y) == top:
            self.refresh_line(old - top + 1)
            self.refresh_line(new - top + 1)
        self.post_message(self.Highlighted(self, self.cursor_row_id))

    def _move(self, delta: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self.cursor + delta))

    def action_cursor_up(self) -> None:
        """Move up one row; on the first, say so (a filter line above may take the focus)."""
        if self.cursor <= 0:
            self.post_message(self.AboveTop(self))
        self._move(-1)

    def action_cursor_down(self) -> None:
        """Move down one row."""
        self._move(1)

    def action_page_up(self) -> None:
        """Move up one screen."""
        self._move(-max(1, self.size.height - 2))

    def action_page_down(self) -> None:
        """Move down one screen."""
        self._move(max(1, self.size.height - 2))

    def action_first(self) -> None:
        """Go to the first row."""
        self._move(-self.row_count)

    def action_last(self) -> None:
        """Go to the last row."""
        self._move(self.row_count)

    def action_select(self) -> None:
        """Report the row under the cursor as chosen."""
        row_id = self.cursor_row_id
        if row_id is not None:
            self.post_message(self.Selected(self, row_id))

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there."""
        index = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < self.row_count:
            self.cursor = index
