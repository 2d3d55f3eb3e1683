"""Bar charts drawn as a grid of text cells: the review screen's charts and the handout's.

A chart is a list of lines, each a list of parts (text, role); every line takes
exactly the width asked for, counted in terminal cells by `width_of` (the core's
`display_width`; the screen passes Rich's `cell_len`, and the two agree), so a
Chinese label never pushes a bar out of line. The role says what a part is: a
series' bar (its index, 0 up) or `LABEL`, `VALUE` or `BLANK`, so the screen can
colour bars by series and the handout can print the plain text.

Three shapes:
- **grouped** bars: per label, one line per series (expected, then actual);
- **stacked** bars: per label, one line whose bar is cut into each series' share
  (heat bands of a class, outcomes of a week);
- **centred** bars: one series, each bar centred on the same axis (the funnel).

Bars are scaled to the largest value (the largest total, stacked), so the
longest bar fills the room left by the labels and the numbers. A bar of a value
above zero is at least one cell: a level with one deal is never drawn empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from followup_tui.core.base.text import display_width

LABEL, VALUE, BLANK = -1, -2, -3
# One mark per series, told apart without colour too (a handout is printed in grey).
MARKS = ("█", "▒", "░", "▓", "#", "=", "+", "*")
MIN_BAR = 4  # fewer cells than this for the bars: the chart is the table alone
ELLIPSIS = "…"

Part = tuple[str, int]
Line = list[Part]
WidthOf = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One label and its value in each series."""

    label: str
    values: tuple[float, ...]


def _default_number(value: float) -> str:
    return f"{value:,.0f}"


def cut(text: str, width: int, width_of: WidthOf = display_width) -> str:
    """`text` in at most `width` cells, ending in … when cut (a wide character is never halved)."""
    if width_of(text) <= width:
        return text
    if width <= 0:
        return ""
    out, used = "", 0
    for ch in text:
        cells = width_of(ch)
        if used + cells > width - 1:  # the last cell is the ellipsis's
            break
        out += ch
        used += cells
    return out + ELLIPSIS


def pad(text: str, width: int, width_of: WidthOf = display_width, *, right: bool = False) -> str:
    """`text` cut or filled with spaces to exactly `width` cells."""
    text = cut(text, width, width_of)
    gap = " " * (width - width_of(text))
    return gap + text if right else text + gap


def line_width(line: Line, width_of: WidthOf = display_width) -> int:
    """Cells a chart line takes."""
    return sum(width_of(text) for text, _role in line)


def line_text(line: Line) -> str:
    """A chart line as plain text."""
    return "".join(text for text, _role in line)


def _fit(line: Line, width: int, width_of: WidthOf) -> Line:
    """A line made exactly `width` cells: parts past the edge cut, the rest filled."""
    out: Line = []
    used = 0
    for text, role in line:
        room = width - used
        if room <= 0:
            break
        cells = width_of(text)
        if cells > room:
            text = pad(text, room, width_of)
            cells = room
        out.append((text, role))
        used += cells
    if used < width:
        out.append((" " * (width - used), BLANK))
    return out


def bar_chart(
    rows: Sequence[ChartRow],
    width: int,
    *,
    shape: str = "grouped",
    number: Callable[[float], str] = _default_number,
    width_of: WidthOf = display_width,
    marks: Sequence[str] = MARKS,
    max_label: int | None = None,
) -> list[Line]:
    """The chart of `rows` in lines of exactly `width` cells (see the module doc).

    `shape`: grouped, stacked or centred. `max_label` caps the label column (a
    third of the width by default); a longer label is cut with … .
    """
    if width <= 0 or not rows:
        return []
    series = max(len(r.values) for r in rows)
    totals = [sum(max(v, 0.0) for v in r.values) for r in rows]
    numbers = (
        [number(t) for t in totals]
        if shape == "stacked"
        else [number(v) for r in rows for v in r.values]
    )
    label_w = min(
        max(width_of(r.label) for r in rows), max_label if max_label is not None else width // 3
    )
    value_w = max(width_of(n) for n in numbers)
    room = width - label_w - value_w - 2  # a space after the label and before the number
    if room < MIN_BAR:
        room = 0
    if shape == "stacked":
        top = max(totals, default=0.0)
    else:
        top = max((max(v, 0.0) for r in rows for v in r.values), default=0.0)
    out: list[Line] = []

    def scaled(value: float) -> int:
        if room == 0 or top <= 0 or value <= 0:
            return 0
        return max(1, round(value / top * room))

    for r, total in zip(rows, totals, strict=True):
        label = pad(r.label, label_w, width_of)
        if shape == "stacked":
            parts: Line = [(label, LABEL), (" ", BLANK)]
            cells = scaled(total)
            # Each series' share of the bar, rounded so the shares add up to the bar.
            run, drawn = 0.0, 0
            for n, value in enumerate(r.values):
                run += max(value, 0.0)
                upto = round(run / total * cells) if total > 0 else 0
                if upto > drawn:
                    parts.append((marks[n % len(marks)] * (upto - drawn), n))
                    drawn = upto
            parts.append((" " * (room - drawn + 1), BLANK))
            parts.append((pad(number(total), value_w, width_of, right=True), VALUE))
            out.append(_fit(parts, width, width_of))
            continue
        for n in range(series):
            value = r.values[n] if n < len(r.values) else 0.0
            cells = scaled(value)
            head = label if n == 0 else " " * label_w
            parts = [(head, LABEL), (" ", BLANK)]
            mark = marks[n % len(marks)]
            if shape == "centred":
                left = (room - cells) // 2
                right = room - cells - left
                parts += [(" " * left, BLANK), (mark * cells, n), (" " * right, BLANK)]
            else:
                parts += [(mark * cells, n), (" " * (room - cells), BLANK)]
            parts += [(" ", BLANK), (pad(number(value), value_w, width_of, right=True), VALUE)]
            out.append(_fit(parts, width, width_of))
    return out


def legend(names: Sequence[str], width: int, *, width_of: WidthOf = display_width,
           marks: Sequence[str] = MARKS) -> list[Line]:  # fmt: skip
    """Which mark is which series ('█ expected  ▒ actual'), wrapped to `width` cells."""
    if width <= 0:
        return []
    out: list[Line] = []
    line: Line = []
    used = 0
    for n, name in enumerate(names):
        item: Line = [(marks[n % len(marks)], n), (" " + name, LABEL)]
        cells = line_width(item, width_of) + (2 if line else 0)
        if line and used + cells > width:
            out.append(_fit(line, width, width_of))
            line, used = [], 0
            cells -= 2
        if line:
            line.append(("  ", BLANK))
        line += item
        used += cells
    if line:
        out.append(_fit(line, width, width_of))
    return out


def chart_text(lines: Sequence[Line]) -> str:
    """A chart as plain text lines (for the Markdown handout, in a code block)."""
    return "\n".join(line_text(line).rstrip() for line in lines)


# One mark per line series: the plan dotted, the actual solid (told apart in grey too).
LINE_MARKS = ("·", "●", "+", "x")
GAP = float("nan")  # a point not drawn (an actual in a month still to come)
AXIS_UP, AXIS_CORNER, AXIS_FLAT = "┤", "└", "─"


def _is_gap(value: float) -> bool:
    return value != value  # NaN: the one float not equal to itself


def line_chart(
    rows: Sequence[ChartRow],
    width: int,
    height: int = 8,
    *,
    number: Callable[[float], str] = _default_number,
    width_of: WidthOf = display_width,
    marks: Sequence[str] = LINE_MARKS,
) -> list[Line]:
    """Lines through each series' values, one point per row, in `height` lines of plot,
    an axis line and a line of labels, each exactly `width` cells.

    The y axis runs from 0 to the largest value (its number on the top line, 0 on the
    bottom one); between two points a series is drawn at the value interpolated in each
    cell, so it reads as a line. A value of `GAP` leaves its point and the segments to
    it out. The labels sit under their points; when they do not all fit, every second
    (third, ...) one is shown, always the first.
    """
    if width <= 0 or not rows or height <= 0:
        return []
    values = [v for r in rows for v in r.values if not _is_gap(v)]
    top = max((max(v, 0.0) for v in values), default=0.0)
    value_w = max(width_of(number(top)), width_of(number(0.0)))
    plot = width - value_w - 2  # the number, a space, the axis
    if plot < len(rows):
        return []
    n = len(rows)
    label_w = max(width_of(r.label) for r in rows)
    # The last point leaves room for its label after it, when there is room to leave.
    span = plot - label_w if plot - label_w >= n else plot
    xs = [round(i * (span - 1) / (n - 1)) if n > 1 else 0 for i in range(n)]
    grid: list[list[Part]] = [[(" ", BLANK)] * plot for _ in range(height)]

    def level(value: float) -> int:
        if top <= 0:
            return 0
        return max(0, min(height - 1, round(max(value, 0.0) / top * (height - 1))))

    series = max(len(r.values) for r in rows)
    for s in range(series):
        mark = marks[s % len(marks)]
        ys = [r.values[s] if s < len(r.values) else GAP for r in rows]
        for i, y in enumerate(ys):
            if _is_gap(y):
                continue
            grid[height - 1 - level(y)][xs[i]] = (mark, s)
            if i + 1 < n and not _is_gap(ys[i + 1]):
                apart = xs[i + 1] - xs[i]
                for c in range(1, apart):
                    at = y + (ys[i + 1] - y) * c / apart
                    grid[height - 1 - level(at)][xs[i] + c] = (mark, s)
    out: list[Line] = []
    for row_n, cells in enumerate(grid):
        if row_n == 0:
            head = pad(number(top), value_w, width_of, right=True)
        elif row_n == height - 1:
            head = pad(number(0.0), value_w, width_of, right=True)
        else:
            head = " " * value_w
        axis = AXIS_UP if row_n in (0, height - 1) else "│"
        out.append(_fit([(head, VALUE), (" " + axis, BLANK), *cells], width, width_of))
    out.append(
        _fit([(" " * value_w + " " + AXIS_CORNER + AXIS_FLAT * plot, BLANK)], width, width_of)
    )
    room = span / n if n > 1 else span
    every = 1
    while every < n and room * every < label_w + 1:
        every += 1
    labels: Line = [(" " * (value_w + 2), BLANK)]
    used = 0
    for i in range(0, n, every):
        gap = xs[i] - used
        if gap < (1 if used else 0):  # never two labels touching
            continue
        text = cut(rows[i].label, plot - xs[i], width_of)
        labels += [(" " * gap, BLANK), (text, LABEL)]
        used = xs[i] + width_of(text)
    out.append(_fit(labels, width, width_of))
    return out
