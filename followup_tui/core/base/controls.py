"""Control characters in the rep's data, kept out of what reaches a terminal.

A name or a note may hold an escape sequence (pasted, imported, written by a
script): stored as it came, but drawn or printed raw it clears the screen or
retitles the window. C0 controls, DEL and the C1 controls are dropped; they take
no cells, so nothing else moves.
"""

from __future__ import annotations

import re

# Everything but line feed and tab, which printed text needs.
_PRINTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Everything: a drawn line has no line breaks of its own.
_DRAWN = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    """Whether a drawn line holds a control character."""
    return _DRAWN.search(text) is not None


def drawn(text: str) -> str:
    """A line for the screen, without control characters."""
    return _DRAWN.sub("", text)


def printed(text: str) -> str:
    """Text for a terminal, without control characters but its line breaks and tabs."""
    return _PRINTED.sub("", text)
