"""The quadrant class A/B/C/D from willingness (意愿) and need (需求)."""

from __future__ import annotations

_QUADRANTS = {
    ("high", "strong"): "A",
    ("low", "strong"): "B",
    ("high", "weak"): "C",
    ("low", "weak"): "D",
}


def quadrant(willingness: str | None, need: str | None) -> str | None:
    """The class for a pair of judgements, or None while either is still unjudged.

    A = high will + strong need, B = low will + strong need,
    C = high will + weak need, D = low will + weak need.
    """
    return _QUADRANTS.get((willingness or "", need or ""))
