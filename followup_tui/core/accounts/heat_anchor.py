"""A heat anchor: "on this day the account's heat was this value".

An import keeps the heat a document holds this way. Activities on or before the
anchor's day no longer move heat; decay and gains continue from the anchor (the
heat replay honours it). An anchor is only set where the history does not give
the value already: one on every account would make every imported book forget,
for heat, the contacts that earned it.
"""

from __future__ import annotations

from datetime import date

HeatAnchor = tuple[date, float]

# Heat this close to the history's is the history's: an export writes heat rounded
# to four places, and the replay's floats differ in the last bits.
KEPT_TOLERANCE = 0.001


def anchor_of(on: date | None, value: float | None) -> HeatAnchor | None:
    """The anchor stored as its day and value, or None unless both are set."""
    if on is None or value is None:
        return None
    return on, float(value)


def anchor_to_keep(kept: float, replayed: float, on: date) -> HeatAnchor | None:
    """The anchor that makes heat `kept` on day `on`, or None when the history already gives it.

    `replayed` is the heat the account's history gives on `on`.
    """
    if abs(kept - replayed) < KEPT_TOLERANCE:
        return None
    return on, float(kept)
