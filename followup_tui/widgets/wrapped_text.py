"""Styled paragraphs wrapped at a widget's width by `core.base.wrap`, hanging indents kept.

Rich wraps a Chinese line before a full stop and starts the next line at the
left edge; the call script's parts, its prepared offers and the person card
read as columns only if each wrapped line hangs under the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from followup_tui.core.base.wrap import wrap_spans


@dataclass(frozen=True)
class Para:
    """One paragraph: its lead on the first line (a number, a marker, a label), its
    text, and the cells each further line is indented by."""

    text: Text
    lead: Text = field(default_factory=Text)
    hang: int = 0


def wrap_paras(paras: Sequence[Para], width: int) -> tuple[Text, list[int]]:
    """The paragraphs wrapped to `width` cells, and the line each starts on."""
    out = Text(no_wrap=True, overflow="crop")
    starts: list[int] = []
    row = 0
    for para in paras:
        starts.append(row)
        spans = wrap_spans(para.text.plain, max(width, 2), para.lead.cell_len, para.hang)
        for n, (a, b) in enumerate(spans):
            if row:
                out.append("\n")
            out.append_text(para.lead if n == 0 else Text(" " * para.hang))
            out.append_text(para.text[a:b])
            row += 1
    return out, starts


class WrappedStatic(Static):
    """A Static whose paragraphs are wrapped afresh at its width (see `Para`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.paras: tuple[Para, ...] = ()

    def set_paras(self, paras: Sequence[Para]) -> None:
        """Show these paragraphs."""
        self.paras = tuple(paras)
        self.refresh(layout=True)

    def render(self) -> Text:
        """The paragraphs at the width the widget has now."""
        return wrap_paras(self.paras, self.content_region.width or self.size.width)[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the paragraphs take at this width."""
        return len(wrap_paras(self.paras, width)[0].plain.split("\n"))
