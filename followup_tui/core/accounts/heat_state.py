"""What an account's heat means today: hot, warm, cooling, cold, warming or new.

One function decides it, so the due queue, the call script, the account page
and `followup due` can never disagree about an account. The rules:
- An account never contacted is "new": nothing has cooled yet.
- Below its class threshold it is "cold", or "warming" while its heat rises
  (a reached call has lifted it, but not yet over the line).
- "Cooling" means it will go cold before the next scheduled contact: heat
  falls below the threshold within the cooling window, and no follow-up comes
  first. Rising heat is never cooling; neither is an account whose next
  follow-up falls on or before the day it would cross.
- Otherwise "hot" at or above `heat.hot`, else "warm".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from followup_tui.core.accounts.heat import HeatReport, heat_on, heat_report, trend
from followup_tui.core.accounts.heat_anchor import HeatAnchor
from followup_tui.core.accounts.heat_model import days_until_below
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec

KINDS = ("new", "hot", "warm", "cooling", "cold", "warming")


class HeatState(NamedTuple):
    """An account's heat state and the idle days until it is below its threshold."""

    kind: str  # one of KINDS
    below_in: int | None  # 0: already below; None: never (or not decaying yet)

    @property
    def cooling(self) -> bool:
        """Whether the queue's Cooling section wants it: cooling now, or gone cold."""
        return self.kind == "cooling" or self.kind == "cold"


def heat_state(
    value: float,
    trend: str,
    threshold: float,
    rate: float,
    *,
    hot: float,
    window: int,
    contacted: bool,
    next_in: int | None,
) -> HeatState:
    """The state of heat `value` (see the module rules).

    `trend` is 'rising', 'falling' or 'steady'; `rate` the class's decay per
    idle day; `window` the cooling window in days; `next_in` the days until the
    next scheduled contact (a follow-up or a best action; 0 or less: due now),
    None when nothing is scheduled.
    """
    if not contacted:
        return HeatState("new", None)
    rising = trend == "rising"
    if value < threshold:
        return HeatState("warming" if rising else "cold", 0)
    below_in = days_until_below(value, rate, threshold)
    if (
        not rising
        and below_in is not None
        and below_in <= window
        and (next_in is None or below_in < next_in)
    ):
        return HeatState("cooling", below_in)
    return HeatState("hot" if value >= hot else "warm", below_in)


def state_for(
    settings: Settings,
    klass: str,
    value: float,
    trend: str,
    *,
    contacted: bool,
    next_in: int | None,
) -> HeatState:
    """`heat_state` with a class's threshold and decay and the window from the settings."""
    h = settings.heat
    return heat_state(
        value,
        trend,
        h.threshold[klass],
        h.decay_per_day[klass],
        hot=h.hot,
        window=h.cooling_window_days,
        contacted=contacted,
        next_in=next_in,
    )


class HeatNow(NamedTuple):
    """An account's heat today: the explained replay, its trend and what it means."""

    report: HeatReport
    trend: str
    state: HeatState


def heat_now(
    history: Iterable[ActivityRec],
    today: date,
    quadrant: str | None,
    settings: Settings,
    *,
    anchor: HeatAnchor | None = None,
    next_due: date | None = None,
) -> HeatNow:
    """The heat of one account's history on `today`, as a page or a script shows it.

    `next_due` is the next scheduled contact (follow-up or best action), what
    "cooling" looks ahead to, as the queue does.
    """
    report = heat_report(history, today, quadrant, settings, anchor)
    before = heat_on(report, today - timedelta(days=settings.heat.trend_days))
    direction = trend(report.value, before)
    state = state_for(
        settings,
        report.klass,
        report.value,
        direction,
        contacted=bool(report.points),
        next_in=None if next_due is None else (next_due - today).days,
    )
    return HeatNow(report, direction, state)
