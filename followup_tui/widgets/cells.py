"""Small renderers for table cells: class badges, heat bars, dates and amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text

from followup_tui.core.base.wrap import CLOSING, wrap_spans

CLASS_STYLES = {"A": "bold green", "B": "bold yellow", "C": "bold cyan", "D": "bold magenta"}
HEAT_BAR_WIDTH = 5


def truncate_cell(text: Text, width: int) -> None:
    """Cut `text` in place to at most `width` cells, ending in an ellipsis when cut.

    The ellipsis follows the last character that fits: when a double-width
    character does not, the cell comes up one short and the caller pads after it.
    (Rich's own truncate pads before the ellipsis: '采购 …'.)
    """
    if text.cell_len <= width:
        return
    # Setting `plain` keeps the styles of what stays; the ellipsis takes the cut text's.
    text.plain = cut_to_cells(text.plain, width)


def cut_to_cells(plain: str, width: int) -> str:
    """`plain`, longer than `width` cells, cut to fit with an ellipsis (see `truncate_cell`)."""
    if width <= 0:
        return ""
    keep = used = 0
    for char in plain:
        used += cell_len(char)
        if used >= width:  # the last cell is the ellipsis's
            break
        keep += 1
    return plain[:keep] + "…"


def wrap_to_lines(plain: str, width: int, lines: int) -> list[str]:
    """`plain` in at most `lines` lines of `width` cells, the last ending in … when cut.

    Lines break as `core.base.wrap` breaks them: between words, or between Chinese
    characters with a full stop or comma kept on the line of the character before it.
    """
    if cell_len(plain) <= width:
        return [plain] if plain else []
    spans = wrap_spans(plain, width)
    out = [plain[a:b] for a, b in spans[: lines - 1]]
    if len(spans) == len(out):
        return out
    start, end = spans[len(out)]
    rest = plain[start:]
    if rest[0] in CLOSING and len(spans) > len(out) + 1:
        # A run of punctuation too long for a line has a line of its own: what follows it
        # would start a line with punctuation, so the last line ends at that run instead.
        rest = cut_to_cells(rest, min(cell_len(plain[start:end]) + 1, width))
    out.append(rest if cell_len(rest) <= width else cut_to_cells(rest, width))
    return out


def class_cell(code: str | None) -> Text:
    """The quadrant class, coloured, or a dash while unjudged."""
    if not code:
        return Text("-", style="dim")
    return Text(code, style=CLASS_STYLES.get(code, "bold"))


def heat_cell(heat: float) -> Text:
    """A small bar and the number: hot is red, cold is blue."""
    value = max(0.0, min(100.0, heat))
    filled = round(value / 100 * HEAT_BAR_WIDTH)
    style = "red" if value >= 80 else "yellow" if value >= 50 else "blue"
    bar = Text("█" * filled, style=style)
    bar.append("░" * (HEAT_BAR_WIDTH - filled), style="dim")
    bar.append(f" {value:>3.0f}")
    return bar


def date_cell(value: dt.date | dt.datetime | None) -> Text:
    """A date (the day of a timestamp), dim when missing."""
    if value is None:
        return Text("-", style="dim")
    day = value.date() if isinstance(value, dt.datetime) else value
    return Text(day.isoformat())


def due_cell(value: dt.date | None, today: dt.date) -> Text:
    """A next follow-up date: red when overdue, bold when today."""
    if value is None:
        return Text("none", style="bold red")
    style = "red" if value < today else "bold" if value == today else ""
    return Text(value.isoformat(), style=style)


def amount_cell(value: Decimal | None) -> Text:
    """An amount with thousands separators, right-aligned."""
    if value is None:
        return Text("-", style="dim", justify="right")
    return Text(f"{value:,.0f}", justify="right")
