"""The blue sheet's section bar: every section's key on one line that always fits.

A tab strip scrolls its last tabs off a narrow terminal; this bar shortens the
titles of the sections not in view instead, down to their keys alone, so every
section stays one visible key away.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from followup_tui.widgets.cells import cut_to_cells


def bar_layout(
    entries: Sequence[tuple[str, str, str]], active: str, width: int
) -> tuple[Text, list[tuple[str, int, int]]]:
    """'o Overview  s SSO  …': titles of the sections not shown cut until the line fits;
    with each section's span of cells, for a click.

    Each entry is ' key title ' (the active one reversed), so two entries stand two cells
    apart: the widest gap that lets the English titles fit whole at 120 columns.
    """
    longest = max((cell_len(title) for _, _, title in entries), default=0)
    for room in range(longest, -1, -1):
        line, spans = Text(), []
        for section, key, title in entries:
            start = line.cell_len
            shown = title if section == active or cell_len(title) <= room else _cut(title, room)
            style = "bold reverse" if section == active else ""
            line.append(f" {key}", style=f"bold underline {style}".strip())
            if shown:
                line.append(f" {shown}", style=style)
            line.append(" ", style=style)
            spans.append((section, start, line.cell_len))
        if line.cell_len <= width or room == 0:
            return line, spans
    return Text(), []


def bar_line(entries: Sequence[tuple[str, str, str]], active: str, width: int) -> Text:
    """The bar's line for `width` cells (`bar_layout` without the spans)."""
    return bar_layout(entries, active, width)[0]


def _cut(title: str, room: int) -> str:
    return "" if room <= 1 else cut_to_cells(title, room)


class SectionBar(Widget):
    """One line of section keys; posts `Chosen` when a section is clicked."""

    DEFAULT_CSS = """
    SectionBar { height: 1; padding: 0 1; background: $boost; }
    """

    class Chosen(Message):
        """A section was clicked."""

        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[str, str, str]] = []  # (section, key, title)
        self.active = ""

    def show(self, entries: Sequence[tuple[str, str, str]], active: str) -> None:
        """Draw these sections with `active` highlighted."""
        self.entries, self.active = list(entries), active
        self.refresh()

    def render(self) -> Text:
        """The bar for the width the widget has now."""
        return bar_line(self.entries, self.active, self.content_size.width)

    def on_click(self, event: events.Click) -> None:
        """A click on a section's key or title chooses it."""
        _line, spans = bar_layout(self.entries, self.active, self.content_size.width)
        x = event.x - 1  # 1: the padding
        for section, start, end in spans:
            if start <= x < end:
                self.post_message(self.Chosen(section))
                return
