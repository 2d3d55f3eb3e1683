"""A table row drawn straight to segments is the line Rich's `Text` draws, cell for cell.

`table_line.row_segments` skips building Rich text for each row; whatever the cells
(plain or styled text, styled parts, CJK, too long, empty), widths, alignment
and row style, its segments must be those of the `Text` way it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from followup_tui.widgets.cells import truncate_cell
from followup_tui.widgets.table_line import row_segments, styled_strip

CONSOLE = Console(width=200, color_system="truecolor")
# Combined styles kept across every example, as a table keeps them across its rows.
COMBINED: dict = {}
STYLES = ("", "bold", "dim", "red", "bold green", Style(color="blue", italic=True))
ROW_STYLES = (Style(), Style(bgcolor="grey23"), Style(color="black", bgcolor="cyan", bold=True))


def text_way(
    cells: Sequence[Text | str],
    widths: Sequence[int],
    right: Sequence[bool],
    style: Style,
    width: int,
) -> Strip:
    """The row as the table drew it before: Rich text cut, padded, joined and rendered."""
    line = Text(no_wrap=True, overflow="ellipsis")
    first = True
    for cell, cell_width, to_right in zip(cells, widths, right, strict=False):
        if not cell_width:
            continue
        text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
        truncate_cell(text, cell_width)
        pad = cell_width - text.cell_len
        if to_right:
            text = Text(" " * pad) + text
        else:
            text.pad_right(pad)
        if not first:
            line.append(" ")
        first = False
        line.append_text(text)
    strip = Strip(list(line.render(CONSOLE))).crop_extend(0, width, style)
    return strip.apply_style(style) if style else strip


@st.composite
def cells(draw: st.DrawFn) -> Text | str:
    """A plain string, or a Rich text with a style and styled parts (as cells.py makes)."""
    words = st.text("ab李明 …\t\r-", max_size=8)
    if draw(st.booleans()):
        return draw(words)
    text = Text(draw(words), style=draw(st.sampled_from(STYLES)))
    for _ in range(draw(st.integers(0, 2))):
        text.append(draw(words), style=draw(st.sampled_from(STYLES)))
    return text


@hsettings(max_examples=400, deadline=None)
@given(
    row=st.lists(st.tuples(cells(), st.integers(0, 7), st.booleans()), min_size=1, max_size=6),
    style=st.sampled_from(ROW_STYLES),
    spare=st.integers(-4, 3),
)
def test_a_row_drawn_straight_is_the_row_drawn_through_rich_text(
    row: list[tuple[Text | str, int, bool]], style: Style, spare: int
) -> None:
    """Same segments, texts and styles, for any cells, widths, alignment and row style."""
    texts, widths, right = zip(*row, strict=True)
    width = max(0, sum(w + 1 for w in widths if w) + spare)  # sometimes narrower than the row
    want = text_way(texts, widths, right, style, width)
    got = styled_strip(row_segments(texts, widths, right, CONSOLE, {}), style, width)
    assert list(got) == list(want)
    assert got.cell_length == want.cell_length == width
    kept = styled_strip(row_segments(texts, widths, right, CONSOLE, COMBINED), style, width)
    assert list(kept) == list(want)
