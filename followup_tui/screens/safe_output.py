"""No control character from the rep's data reaches the terminal.

A name or note may hold an escape sequence (pasted from a web page, imported from a
CRM, written by a script): stored as it came, as the rep's data must be. Rich and
Textual drop some control characters when they draw, but not ESC or the C1 codes,
so `\\x1b[2J` in an account's name cleared the rep's terminal and `\\x1b]0;...\\x07`
retitled it. Every screen's compositor here drops them from what each widget drew,
whatever the widget (ours, Textual's, the palette's): one place for all text.
Control characters take no cells, so dropping them moves nothing on the screen.
"""

from __future__ import annotations

from collections.abc import Iterable

import textual.screen
from rich.segment import Segment
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

from followup_tui.core.base.controls import drawn, has_controls


def safe_strip(strip: Strip) -> Strip:
    """`strip` without control characters in its text (itself when it has none)."""
    if not has_controls(strip.text):  # one search of the joined line: the usual case
        return strip
    return Strip(
        [Segment(drawn(text), style, control) for text, style, control in strip],
        strip.cell_length,
    )


class SafeCompositor(Compositor):
    """Textual's compositor, dropping control characters from every widget's lines."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        for region, clip, strips in super()._get_renders(crop):
            yield region, clip, [safe_strip(strip) for strip in strips]


def install() -> None:
    """Make every screen, Textual's own included, compose through `SafeCompositor`."""
    # Textual's Screen makes its compositor from this module global (textual 8); a test
    # checks that a screen's compositor is ours, so an upgrade that moves it is caught.
    textual.screen.Compositor = SafeCompositor  # type: ignore[misc]
