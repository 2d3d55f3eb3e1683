"""Text helpers that treat CJK correctly: search keys and display widths."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """A normalised form for matching: NFKC folds full-width forms, casefold folds case."""
    return unicodedata.normalize("NFKC", text).casefold()


def display_width(text: str) -> int:
    """Terminal cells a string takes: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
