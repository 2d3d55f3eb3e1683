"""The heat model: an account class's heat parameters and the closed-form arithmetic on them.

Decay with nobody calling, days until heat drops below a threshold, the trend
between two values, and how a heat number reads. Replaying a history (the fast
`scan_heat` and the explained `heat_report`) is in `followup_tui.core.accounts.heat`,
which re-exports these names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import effective_class

MIN_HEAT = 0.0
MAX_HEAT = 100.0
# A change smaller than this over the trend period reads as "steady".
STEADY_BAND = 1.0


class _Gains(dict[str | None, float]):
    """Outcome gains; a missing outcome (None or unknown) gains the default.

    Plain indexing with `__missing__` is cheaper than `.get` in the replay loop.
    """

    def __init__(self, gains: Mapping[str, float], default: float) -> None:
        super().__init__()
        self.update(gains.items())
        self[None] = default
        self.default = default

    def __missing__(self, key: str | None) -> float:
        """The default gain, for an outcome the config does not know."""
        return self.default


class HeatModel(NamedTuple):
    """The heat parameters one account's history is replayed with.

    A named tuple, like the records: made at every start, where a frozen
    dataclass's generated methods cost a millisecond of imports each.
    """

    klass: str
    start: float
    rate: float
    gains: Mapping[str | None, float]  # never raises: None and unknown give the default
    default_gain: float
    taper_from: float = 50.0


def earned(base: float, gain: float, taper_from: float) -> float:
    """Heat after a contact day that started at `base` and whose best outcome gains `gain`.

    A gain shrinks in proportion to the room left below 100 once `base` is past
    `taper_from`: near the top there is little left to earn, so no amount of
    logging pumps an account to 100. Losses apply in full. Clamped to [0, 100].
    """
    if gain > 0 and base > taper_from:
        gain *= (MAX_HEAT - base) / (MAX_HEAT - taper_from)
        if base + gain >= MAX_HEAT > base:
            # The taper always leaves room below 100; a base a rounding error short of
            # it can still sum to 100.0, which would be the top it promises to keep.
            return math.nextafter(MAX_HEAT, MIN_HEAT)
    h = base + gain
    if h > MAX_HEAT:
        return MAX_HEAT
    if h < MIN_HEAT:
        return MIN_HEAT
    return h


def heat_model(settings: Settings, quadrant: str | None) -> HeatModel:
    """The heat parameters for an account of this class (C's while unjudged)."""
    params = settings.heat
    klass = effective_class(quadrant)
    fallback = params.outcome_gain.get("reached", 0.0) / 2
    default = float(settings.data["heat"].get("no_outcome_gain", fallback))
    gains = _Gains(params.outcome_gain, default)
    return HeatModel(
        klass,
        params.start[klass],
        params.decay_per_day[klass],
        gains,
        default,
        params.gain_taper_from,
    )


def trend(now: float, before: float) -> str:
    """'rising', 'falling' or 'steady' from heat now and heat some days before."""
    if now - before >= STEADY_BAND:
        return "rising"
    if before - now >= STEADY_BAND:
        return "falling"
    return "steady"


def decayed(stored: float, last_contact: date | None, today: date, rate: float) -> float:
    """Heat today from the heat stored at the end of the last contact day.

    With nobody calling, heat only decays; an account never contacted keeps its start value.
    """
    if last_contact is None or today <= last_contact:
        return stored
    return max(MIN_HEAT, stored - (today - last_contact).days * rate)


def days_until_below(value: float, rate: float, threshold: float) -> int | None:
    """Idle days until heat is below `threshold` (0 if it already is; None if never)."""
    if value < threshold:
        return 0
    if rate <= 0 or threshold <= MIN_HEAT:
        return None  # heat never decays, or can never drop below a floor of 0
    days = math.floor((value - threshold) / rate) + 1
    # Guard the float division: make `days` the first day strictly below.
    while days > 1 and value - (days - 1) * rate < threshold:
        days -= 1
    while value - days * rate >= threshold:
        days += 1
    return days


def fmt(value: float) -> str:
    """A heat number for people: 47, 47.5."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)
