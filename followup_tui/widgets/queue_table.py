"""The due queue's table: draws the lines it was given, and asks for the others.

A large book queues thousands of rows and a screen shows forty: a row is made
(its account's records read) only when it is about to be shown. That reading is
the screen's: it gives the table the lines around the cursor and in view
(`wanted`, `give`), and a line scrolled into view before it was given is drawn
blank while the table posts `RowsWanted` for its page. Drawing reads nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from textual.message import Message

from followup_tui.core.base.config import Settings
from followup_tui.core.queue.queue_lines import Line
from followup_tui.widgets.queue_rows import fit_why, plan_columns, queue_columns, render_loaded
from followup_tui.widgets.virtual_table import PAGE_SIZE, Row, VirtualTable

ROWS_KEPT = 4000  # drawn rows' cells kept, as the table keeps its drawn strips


def _no_rows(offset: int, limit: int) -> Sequence[Row]:
    return ()


class QueueTable(VirtualTable):
    """The queue's or a plan's lines, drawn from loaded lines only."""

    class RowsWanted(Message):
        """Lines `start` to `end` (not included) are to be drawn and were not given:
        load and `give` them. (Not `stop`: a message's `stop()` is Textual's.)"""

        def __init__(self, table: QueueTable, start: int, end: int) -> None:
            super().__init__()
            self.table, self.start, self.end = table, start, end

        @property
        def control(self) -> QueueTable:
            """The table, so `@on(QueueTable.RowsWanted, "#id")` can match it."""
            return self.table

    def __init__(
        self, settings: Settings, *, id: str | None = None, page_size: int | None = None
    ) -> None:
        super().__init__(queue_columns(settings), id=id, page_size=page_size or PAGE_SIZE)
        self.settings = settings
        self._loaded: dict[int, Line] = {}
        self._cells: dict[int, Row] = {}
        self._asked: set[int] = set()  # pages asked for and not given yet
        self._blanks = False  # a line was drawn blank: redraw when lines come
        self._headings: frozenset[int] = frozenset()
        self.today: date | None = None  # the queue's day, given with its lines

    def show(
        self,
        view: str,
        count: int,
        *,
        cursor: int,
        today: date,
        headings: Collection[int] = (),
    ) -> None:
        """Show `count` lines of the queue (`view` "queue") or of a plan, none given yet.

        The cursor goes on line `cursor`, or the first row after it if that is a
        heading: headings are not rows to act on. `today`: the queue's day.
        """
        self.today = today
        self._loaded.clear()
        self._cells.clear()
        self._asked.clear()
        self._headings = frozenset(headings)
        settings = self.settings
        self.set_columns(queue_columns(settings) if view == "queue" else plan_columns(settings))
        cursor = n = max(0, min(cursor, count - 1))
        while n in self._headings:
            n += 1
        self.set_source(count, _no_rows, cursor=n if n < count else cursor)

    def watch_cursor(self, old: int, new: int) -> None:
        """On a heading the cursor steps over it the way it went (back from the last line)."""
        if new in self._headings:
            step = 1 if new >= old else -1
            if not 0 <= new + step < self.row_count:
                step = -step
            if 0 <= new + step < self.row_count:
                top = int(self.scroll_y)
                # The heading comes into view first (home shows the first section's
                # title), then the cursor goes on to the row beside it.
                self._scroll_to_cursor()
                if int(self.scroll_y) == top:
                    self.refresh_line(old - top + 1)  # no longer under the cursor
                self.cursor = new + step
                return
        super().watch_cursor(old, new)

    def _widths(self, total: int) -> list[int]:
        """The table's widths, the Why column kept to its short reasons when narrow."""
        return fit_why(self.columns, super()._widths(total))

    def has(self, index: int) -> bool:
        """Whether the line at `index` was given."""
        return index in self._loaded

    def wanted(self, *, in_view: bool = False) -> list[tuple[int, int]]:
        """The pages, as (start, end), under the cursor or in view that are not all given.

        With `in_view`, only their lines in view: what the next frame draws.
        """
        size = self.page_size
        top = int(self.scroll_y)
        shown = max(1, self._rows_in_view())
        pages = {self.cursor // size, *range(top // size, (top + shown - 1) // size + 1)}
        out = []
        for page in sorted(pages):
            start, stop = page * size, min((page + 1) * size, self.row_count)
            if in_view:
                start, stop = max(start, top), min(stop, top + shown)
            if start < stop and not all(n in self._loaded for n in range(start, stop)):
                out.append((start, stop))
        return out

    def _rows_in_view(self) -> int:
        """The rows in view; before the first layout (the first frame is drawn right after
        it), the terminal's height less the fixed heights of the widgets around the table."""
        if self.size.height:
            return self.size.height - 1  # the column headings
        around = 0
        for widget in self.parent.children if self.parent is not None else ():
            height = widget.styles.height
            if widget is not self and widget.display and height is not None and height.is_cells:
                around += int(height.value)
                if widget.styles.box_sizing == "content-box":  # else the height holds it
                    around += widget.styles.gutter.height
        return self.app.size.height - around - 1

    def give(self, lines: Mapping[int, Line]) -> None:
        """Loaded lines by index (queue items made): drawn from now on."""
        if not lines:
            return
        self._loaded.update(lines)
        self._asked.difference_update({n // self.page_size for n in lines})
        if self._blanks:
            self._blanks = False
            self._strips.clear()
            self.refresh()

    @property
    def cursor_row_id(self) -> int | None:
        """The line under the cursor: a line's row id is its index, known without drawing it."""
        return self.cursor if 0 <= self.cursor < self.row_count else None

    def row_at(self, index: int) -> Row | None:
        """The cells of a given line; None, and its page asked for, if not given yet."""
        if not 0 <= index < self.row_count:
            return None
        row = self._cells.get(index)
        if row is not None:
            return row
        line = self._loaded.get(index)
        if line is None:
            self._want(index)
            return None
        if len(self._cells) > ROWS_KEPT:
            self._cells.clear()
        assert self.today is not None  # lines are given after `show`
        row = self._cells[index] = render_loaded(index, line, self.settings, self.today)
        return row

    def _want(self, index: int) -> None:
        self._blanks = True
        page = index // self.page_size
        if page not in self._asked:
            self._asked.add(page)
            stop = min((page + 1) * self.page_size, self.row_count)
            self.post_message(self.RowsWanted(self, page * self.page_size, stop))
