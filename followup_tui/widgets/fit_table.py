"""A row-cursor DataTable whose columns always fit its width, so it never scrolls sideways.

DataTable sizes a column to the widest cell it has ever held and scrolls sideways when the
columns outgrow the screen; scrolled, it cuts a Chinese character in half at the left edge.
This table sizes the columns from the rows it shows now and shrinks the widest ones until
they fit, cutting long cells with … at a whole character.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from followup_tui.widgets.cells import truncate_cell, wrap_to_lines

Cell = Text | str
FLOOR = 3  # the narrowest a shrunk column gets: two characters and the …
# More than any cell can show (a few lines of the widest terminal): a 1 MB note is
# measured, wrapped and fitted by its first characters only, not in seconds.
SHOWN_AT_MOST = 4_000


def fit_widths(
    natural: Sequence[int],
    budget: int,
    floor: int = FLOOR,
    keep: Collection[int] = (),
    weights: Mapping[int, float] | None = None,
) -> list[int]:
    """Column widths within `budget` cells: the widest give way one cell at a time.

    The columns in `keep` give way only once every other column is down to the floor.
    A column's weight (1 unless given) scales its width when the widest is sought: at
    1/3 a column keeps three times the width of the others while they give way.
    """
    weight = weights or {}
    widths = list(natural)
    while widths and sum(widths) > budget:
        shrinkable = [n for n in range(len(widths)) if widths[n] > floor]
        if not shrinkable:
            break  # too narrow to fit at all: better cut columns than none
        first = [n for n in shrinkable if n not in keep] or shrinkable
        widest = max(first, key=lambda n: widths[n] * weight.get(n, 1.0))
        widths[widest] -= 1
    return widths


def _as_text(cell: Cell) -> Text:
    """A cell as Text: DataTable reads a plain str as markup, and a name may hold '['.
    Cut to what a cell can show (it ends in … on screen all the same)."""
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    return text[:SHOWN_AT_MOST] if len(text) > SHOWN_AT_MOST else text


def _cut(cell: Text, width: int) -> Text:
    """A cell no wider than `width`, its ellipsis flush after the text (CJK counts double)."""
    cut = cell.copy()
    cut.no_wrap = True
    truncate_cell(cut, width)
    return cut


def _wrapped(cell: Text, width: int, lines: int) -> Text:
    """A cell in up to `lines` lines of `width`, its last line cut with … (its style kept)."""
    shown = wrap_to_lines(cell.plain, width, lines)
    if len(shown) <= 1:
        return _cut(cell, width)
    return Text("\n".join(shown), style=cell.style, no_wrap=True)


class FitTable(DataTable[Text]):
    """A DataTable shown through `show`: columns fitted to the width on every change or resize."""

    DEFAULT_CSS = """
    FitTable { overflow-x: hidden; }
    """

    def __init__(
        self,
        labels: Sequence[str],
        keep: Collection[int] = (),
        *,
        wrap: Collection[int] = (),
        lines: int = 2,
        weights: Mapping[int, float] | None = None,
        **kwargs: object,
    ) -> None:
        """`keep`: the columns (by index) cut only once the others are as narrow as they go.

        `wrap`: the columns that take up to `lines` lines (a row is as tall as its
        tallest cell); `weights`: see `fit_widths`.
        """
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.labels = [Text(label) for label in labels]
        self.keep = frozenset(keep)
        self.wrap = frozenset(wrap)
        self.lines = lines
        self.weights = dict(weights or {})
        self._rows: list[tuple[str | None, list[Text]]] = []

    def show(self, rows: Sequence[tuple[str | None, Sequence[Cell]]]) -> None:
        """Show (row key, cells) rows, the cursor staying on its row number."""
        self._rows = [(key, [_as_text(cell) for cell in cells]) for key, cells in rows]
        self._fit()

    def _need(self, column: int, cells: int) -> int:
        """The width a cell asks for: a wrapped one, its length shared over its lines."""
        if column not in self.wrap or cells <= 1:
            return cells
        return -(-cells // self.lines) + 1  # a cell more: lines rarely break evenly

    def on_resize(self, event: events.Resize) -> None:
        """A new width, new column widths; a hidden tab gets its first ones here."""
        self._fit()

    def _fit(self) -> None:
        count = len(self.labels)
        natural = [
            max(
                [self.labels[n].cell_len]
                + [self._need(n, cells[n].cell_len) for _key, cells in self._rows]
            )
            for n in range(count)
        ]
        width = self.size.width
        if len(self._rows) + 1 > self.size.height:  # +1: the header
            width -= self.styles.scrollbar_size_vertical
        # Not laid out yet (a hidden tab): the rows go in at once, since the screen reads
        # the cursor's row before the tab shows, and the first resize fits them.
        budget = width - 2 * self.cell_padding * count if self.size.width else sum(natural)
        widths = fit_widths(natural, budget, keep=self.keep, weights=self.weights)
        # Room left over goes to the wrapped columns, favoured first: fewer of their cells cut.
        spare = budget - sum(widths)
        for n in sorted(self.wrap, key=lambda n: self.weights.get(n, 1.0)):
            whole = max(cells[n].cell_len for _key, cells in self._rows) if self._rows else 0
            grow = max(0, min(spare, whole - widths[n]))
            widths[n] += grow
            spare -= grow
        row = self.cursor_row
        self.clear(columns=True)
        for label, column_width in zip(self.labels, widths, strict=True):
            self.add_column(_cut(label, column_width), width=column_width)
        for key, cells in self._rows:
            fitted = [
                _wrapped(cell, w, self.lines) if n in self.wrap else _cut(cell, w)
                for n, (cell, w) in enumerate(zip(cells, widths, strict=True))
            ]
            height = max(len(cell.plain.split("\n")) for cell in fitted)
            self.add_row(*fitted, key=key, height=height)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)
