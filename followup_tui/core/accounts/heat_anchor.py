"""A heat anchor: "on this day the account's heat was this value".

An import keeps the heat a document holds this way. Activities before the
anchor's day, and those of its day already in the document (ids up to its
third part), no longer move heat; a contact logged later that day earns on top
of the kept value, and decay and gains continue from there (the heat replay
honours it). An anchor is only set where the history does not give
the value already: one on every account would make every imported book forget,
for heat, the contacts that earned it.
"""

from __future__ import annotations

from datetime import date

# (day, value) or (day, value, the last activity id the value holds): without the
# third part every activity of the day is in the value.
HeatAnchor = tuple[date, float] | tuple[date, float, int]
EVERY_ID = 2**62  # an anchor without an id holds its whole day
# Heat this close to the history's is the history's: an export writes heat rounded
# to four places, and the replay's floats differ in the last bits.
KEPT_TOLERANCE = 0.001


def anchor_of(
    on: date | None, value: float | None, after: int | None = None
) -> HeatAnchor | None:
    """The anchor stored as its day, value and last held activity id, or None unless
    day and value are set."""
    if on is None or value is None:
        return None
    if after is None:
        return on, float(value)
    return on, float(value), int(after)


def held_until(anchor: HeatAnchor) -> int:
    """The last activity id of the anchor's day that its value already holds."""
    return anchor[2] if len(anchor) > 2 else EVERY_ID


def anchor_to_keep(kept: float, replayed: float, on: date) -> HeatAnchor | None:
    """The anchor that makes heat `kept` on day `on`, or None when the history already gives it.

    `replayed` is the heat the account's history gives on `on`.
    """
    if abs(kept - replayed) < KEPT_TOLERANCE:
        return None
    return on, float(kept)
