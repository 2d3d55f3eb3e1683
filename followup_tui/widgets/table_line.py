"""One table row drawn as one terminal line: its cells cut, padded and styled, as segments.

Drawing a row through Rich `Text` (a copy of each cell, cut, padded, appended,
rendered, then three strips) took about 0.1 ms, most of the time a filter key
spends drawing a screen of new rows. This builds the same segments directly: the
same cut and ellipsis (`cells.cut_to_cells`), the same padding, a segment
wherever a style starts or stops, each with the styles over it combined in the
order Rich combines them, so the screen is the same cell for cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text
from textual.strip import Strip

from followup_tui.widgets.cells import cut_to_cells

_Span = tuple[int, int, StyleType]


def row_segments(
    cells: Sequence[Text | str],
    widths: Sequence[int],
    right: Sequence[bool],
    console: Console,
    combined: dict[tuple[StyleType, ...], Style],
) -> list[Segment]:
    """The segments of a row's cells, before the row's own style and padding.

    Cells sit side by side, one space apart, each cut or padded to its width (0:
    hidden); `right` says which are right-aligned. `combined` keeps the style of
    each run of overlapping cell styles between calls: pass the same dict for rows
    drawn on the same console. `styled_strip` makes the line.
    """
    parts: list[str] = []
    spans: list[_Span] = []
    offset = 0
    first = True
    for cell, cell_width, to_right in zip(cells, widths, right, strict=False):
        if not cell_width:
            continue
        inner: list[_Span] = []
        if isinstance(cell, Text):
            plain, base = cell.plain, cell.style
            inner = [(s, e, st) for s, e, st in cell.spans]
        else:
            plain, base = strip_control_codes(str(cell)), ""
        used = cell_len(plain)
        if used > cell_width:
            plain = cut_to_cells(plain, cell_width)
            end = len(plain)
            inner = [(s, min(end, e), st) for s, e, st in inner if s < end]
            used = cell_len(plain)
        pad = " " * (cell_width - used)
        if not first:
            parts.append(" ")
            offset += 1
        first = False
        if to_right:
            # As `Text(pad) + cell`: the padding unstyled, the cell's styles over its text
            # (an empty cell adds none).
            offset += len(pad)
            parts.append(pad)
            if not plain:
                inner = []
            elif base:
                spans.append((offset, offset + len(plain), base))
        elif base:  # as `cell.pad_right`: the cell's style over its padding too
            spans.append((offset, offset + len(plain) + len(pad), base))
        spans.extend((offset + s, offset + e, st) for s, e, st in inner)
        parts.append(plain)
        offset += len(plain)
        if not to_right:
            parts.append(pad)
            offset += len(pad)
    return text_segments("".join(parts), spans, console, combined)


def text_segments(
    text: str,
    spans: Sequence[_Span],
    console: Console,
    combined: dict[tuple[StyleType, ...], Style],
) -> list[Segment]:
    """Text with styled spans as Rich renders it: a segment between any two span edges,
    styled with the spans over it combined in their order."""
    if not spans:
        return [Segment(text)]
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in pairwise(edges):
        on = tuple(st for s, e, st in spans if s <= start < e)
        found = combined.get(on)
        if found is None:
            null = Style.null()
            styles = [console.get_style(st, default=null) for st in on]
            found = combined[on] = Style.combine([null, *styles])
        out.append(Segment(text[start:end], found))
    return out


def styled_strip(segments: list[Segment], style: Style, width: int) -> Strip:
    """A row's segments as a line `width` cells wide, in the row's style under its own.

    Padded with spaces in the row's style, or cropped, as `Strip.crop_extend` does.
    """
    used = sum(cell_len(text) for text, _, _ in segments)
    if used > width:  # wider than the table: crop as a strip does
        strip = Strip(segments).crop_extend(0, width, style)
        return strip.apply_style(style) if style else strip
    line = list(segments)
    if used < width:
        line.append(Segment(" " * (width - used), style))
    if style:
        add = style.__add__
        line = [Segment(t, None if control else add(s), control) for t, s, control in line]
    return Strip(line, width)
