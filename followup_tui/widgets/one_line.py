"""One line of text that is cut, not wrapped, to the width it gets."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.widgets import Static

from followup_tui.widgets.cells import truncate_cell


class OneLine(Static):
    """A line cut to its width, the ellipsis flush after the last word kept.

    Textual's own `text-overflow: ellipsis` leaves the blank a cut after a
    space or a wide character makes ('改造 …'): a detail line cut at every width
    would show it at some.
    """

    DEFAULT_CSS = "OneLine { height: 1; }"

    def render(self) -> RenderResult:
        """The text, cut to the content width once laid out."""
        content = self.content
        text = content.copy() if isinstance(content, Text) else Text(str(content))
        width = self.size.width
        if width and text.cell_len > width:
            truncate_cell(text, width)
            kept = text.plain[:-1]
            if kept != kept.rstrip():
                text.plain = kept.rstrip() + "…"
        return text
