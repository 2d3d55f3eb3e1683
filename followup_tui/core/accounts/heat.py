"""Heat (水温): a number 0-100 per account, replayed from its contact history.

The rules, all parameters from `settings.heat`:
- An account with no history sits at `start`; it does not decay before its
  first contact (there is nothing to cool yet).
- Each activity adds `outcome_gain[outcome]`; an activity without an outcome,
  or with an outcome the config does not know, adds `heat.no_outcome_gain`
  (default: half of 'reached').
- Each idle day between contact days costs `decay_per_day[class]`; an unjudged
  account decays at class C's rate (see `records.effective_class`).
- The value is clamped to [0, 100] after every step, so the history is a path,
  not a sum: a rejection at 5 leaves 0, and the next call starts from there.
- Several activities on one day are applied in order with no decay between.

"Heat on a day" means the value at the end of that day. Because heat is
replayed from history it is always explainable: `heat_report` lists the steps.
`scan_heat` is the fast, text-free replay the due queue runs for every account;
both use the same arithmetic, so they agree to the last bit. The parameters and
the closed-form arithmetic (decay, days until below, trend) are in `heat_model`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

# The model and its arithmetic, re-exported (`x as x`): callers import heat from here.
from followup_tui.core.accounts.heat_anchor import HeatAnchor, held_until
from followup_tui.core.accounts.heat_model import MAX_HEAT as MAX_HEAT
from followup_tui.core.accounts.heat_model import MIN_HEAT as MIN_HEAT
from followup_tui.core.accounts.heat_model import STEADY_BAND as STEADY_BAND
from followup_tui.core.accounts.heat_model import HeatModel as HeatModel
from followup_tui.core.accounts.heat_model import days_until_below as days_until_below
from followup_tui.core.accounts.heat_model import decayed as decayed
from followup_tui.core.accounts.heat_model import earned as earned
from followup_tui.core.accounts.heat_model import fmt as fmt
from followup_tui.core.accounts.heat_model import heat_model as heat_model
from followup_tui.core.accounts.heat_model import trend as trend
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec

# Stable sorts by day keep the given order within a day (the data layer gives it by time).
_BY_DAY = attrgetter("occurred_on")


class HeatFacts(NamedTuple):
    """What the due queue needs to know about one account's heat.

    A named tuple, not a dataclass: one is built per account per queue, and a
    frozen dataclass costs several times more to construct.
    """

    value: float  # heat today
    before: float  # heat `trend_days` ago
    peak: float  # highest end-of-day heat within the "was hot" window
    last: ActivityRec | None  # the last activity on or before today
    peak_on: int = -1  # the day (ordinal) of `peak`; -1 when nothing was ever contacted

    @property
    def trend(self) -> str:
        """'rising', 'falling' or 'steady' over the trend period."""
        return trend(self.value, self.before)


def heat_path(
    acts: Iterable[ActivityRec], model: HeatModel, anchor: HeatAnchor | None = None
) -> list[float]:
    """The heat right after each activity, for activities in replay order.

    Within a day the heat after an activity is the day's start plus the best
    outcome so far (`earned`), so the last activity of a day holds the day's
    end. The same arithmetic as `scan_heat`, step for step, so a value stored
    from here and used as a seed gives the very float a full replay gives.
    With an `anchor`, activities on or before its day hold the anchor's value
    (they no longer move heat; never a seed) and the replay goes on from it.
    """
    rate, gains, taper = model.rate, model.gains, model.taper_from
    h = base = model.start
    best = -math.inf
    prev = -1
    a_o = held = -1
    if anchor is not None:
        a_o, h, held = anchor[0].toordinal(), anchor[1], held_until(anchor)
        prev, base = a_o, h
    path = []
    for a in acts:
        d = a.occurred_on.toordinal()
        if d < a_o or (d == a_o and a.id <= held):
            path.append(anchor[1])  # type: ignore[index]
            continue
        if d != prev:
            if prev >= 0:
                base = h - (d - prev) * rate
                if base < MIN_HEAT:
                    base = MIN_HEAT
            else:
                base = h
            best = -math.inf
            prev = d
        g = gains[a.outcome]
        if g > best:
            best = g
            h = earned(base, g, taper)
        path.append(h)
    return path


def scan_heat(
    acts: Sequence[ActivityRec],
    today: date,
    model: HeatModel,
    *,
    trend_days: int,
    window_days: int,
    seed: float | None = None,
    anchor: HeatAnchor | None = None,
) -> HeatFacts:
    """Replay one account's activities in one pass, without building any text.

    Activities may come in any order; in date order (within a day: the order to
    apply them, which the data layer gives by time) the replay runs once,
    otherwise it sorts a copy (stably, by day) and replays that. Activities
    after `today` are ignored, so a queue for a past date is what that day showed.
    `window_days` is how far back the peak ("was it hot?") looks.

    With `seed`, the history before `acts[0]` is left out and `seed` is the heat
    at the end of `acts[0]`'s day (see `heat_path`): the replay starts there. The
    seed's day must precede both reference days, no other activity may share
    it, and the rest must be in order.

    With an `anchor` on or before `today` (see `heat_anchor`), heat is the
    anchor's value at the end of its day: activities on or before that day
    still count as contacts (`last`) but no longer move heat, and a seed from
    one of them is ignored.
    """
    rate, gains, taper = model.rate, model.gains, model.taper_from
    today_o = today.toordinal()
    t_o = today_o - trend_days  # the trend's reference day
    w_o = today_o - window_days  # the first day of the "was it hot?" window
    h = base = model.start
    best = -math.inf
    prev = -1  # ordinal of the last contact day so far; -1: none yet
    before = at_w = -1.0  # heat on t_o and on w_o, once known
    peak = MIN_HEAT
    peak_on = -1
    last = None
    a_o = held = -1
    if anchor is not None and anchor[0].toordinal() <= today_o:
        a_o, held = anchor[0].toordinal(), held_until(anchor)
        if seed is not None and acts:
            first = acts[0].occurred_on.toordinal()
            if first < a_o or (first == a_o and acts[0].id <= held):
                seed = None  # the anchor holds it: start there instead
        if seed is None:
            # The kept value is its day's start: a contact logged later that day earns on it.
            h = base = anchor[1]
            prev = a_o
            # Before its day nothing is known but the kept value: read it as flat.
            if t_o < a_o:
                before = h
            if w_o < a_o:
                at_w = h
    it = iter(acts)
    if seed is not None:
        last = next(it, None)
        if last is None or last.occurred_on.toordinal() > min(t_o, w_o):
            raise ValueError("a heat seed needs an activity before the trend and peak window")
        h, prev = seed, last.occurred_on.toordinal()
        best = math.inf  # the seed is its day's end: nothing more is earned on it
    for a in it:
        d = a.occurred_on.toordinal()
        if d < a_o or (d == a_o and a.id <= held):
            if last is None or d >= last.occurred_on.toordinal():
                last = a
            continue
        if d != prev:
            if d > today_o:
                continue
            if d < prev:
                if seed is not None:
                    raise ValueError("a seeded history must be in date order, a day at a time")
                return scan_heat(
                    sorted(acts, key=_BY_DAY),
                    today,
                    model,
                    trend_days=trend_days,
                    window_days=window_days,
                    anchor=anchor,
                )
            # Close day `prev`: a reference day before `d` takes its value now.
            if prev < 0:
                base = h
                if t_o < d:
                    before = h
                if w_o < d:
                    at_w = h
            else:
                if before < 0 and t_o < d:
                    before = max(MIN_HEAT, h - (t_o - prev) * rate)
                if at_w < 0 and w_o < d:
                    at_w = max(MIN_HEAT, h - (w_o - prev) * rate)
                if prev >= w_o and h >= peak:
                    peak, peak_on = h, prev
                base = h - (d - prev) * rate
                if base < MIN_HEAT:
                    base = MIN_HEAT
            best = -math.inf
            prev = d
        elif seed is not None and best == math.inf:
            raise ValueError("a heat seed's day must hold no other activity")
        g = gains[a.outcome]
        if g > best:
            best = g
            h = earned(base, g, taper)
        last = a
    if prev < 0:
        return HeatFacts(h, h, h, None)
    if prev >= w_o and h >= peak:
        peak, peak_on = h, prev
    if before < 0:
        before = max(MIN_HEAT, h - (t_o - prev) * rate)
    if at_w < 0:
        at_w = max(MIN_HEAT, h - (w_o - prev) * rate)
    if at_w > peak or peak_on < 0:
        peak, peak_on = at_w, w_o
    value = max(MIN_HEAT, h - (today_o - prev) * rate)
    return HeatFacts(value, before, peak, last, peak_on)


class HeatStep(NamedTuple):
    """One step of the replay: what happened, the change, and the heat after it."""

    on: date
    text: str
    delta: float
    value: float


class HeatReport(NamedTuple):
    """Heat on one day, with the steps that explain it."""

    value: float
    on: date
    klass: str
    rate: float
    start: float
    steps: tuple[HeatStep, ...]
    # End-of-day heat on each contact day, for `heat_on` and the trend.
    points: tuple[tuple[int, float], ...]

    @property
    def explanation(self) -> list[str]:
        """The steps as lines: '2026-11-02 call, meeting booked: +25 -> 71'."""
        return [step.text for step in self.steps]

    def days_until_below(self, threshold: float) -> int | None:
        """Idle days from `on` until heat is below `threshold` if nobody calls."""
        return days_until_below(self.value, self.rate, threshold)


def _clamp_note(raw: float, value: float, settings: Settings) -> str:
    """A note when clamping changed the result, so the arithmetic still reads right."""
    if raw > value:
        return settings.word("heat_capped")
    if raw < value:
        return settings.word("heat_floor")
    return ""


def heat_report(
    activities: Iterable[ActivityRec],
    today: date,
    quadrant: str | None,
    settings: Settings,
    anchor: HeatAnchor | None = None,
) -> HeatReport:
    """Heat on `today` from an account's activities (any order), with its explanation.

    An `anchor` on or before `today` replaces everything up to its day (see `scan_heat`).
    """
    model = heat_model(settings, quadrant)
    rate, gains, taper = model.rate, model.gains, model.taper_from
    today_o = today.toordinal()
    acts = sorted((a for a in activities if a.occurred_on <= today), key=_BY_DAY)
    h = base = model.start
    best = -math.inf
    start_text = settings.word("heat_step_start").format(value=fmt(h))
    steps = [HeatStep(today if not acts else acts[0].occurred_on, start_text, 0.0, h)]
    points: list[tuple[int, float]] = []
    prev = -1
    if anchor is not None and anchor[0] <= today:
        h = base = anchor[1]
        prev, held = anchor[0].toordinal(), held_until(anchor)
        acts = [
            a
            for a in acts
            if a.occurred_on > anchor[0] or (a.occurred_on == anchor[0] and a.id > held)
        ]
        kept = settings.word("heat_step_anchor").format(day=anchor[0].isoformat(), value=fmt(h))
        steps = [HeatStep(anchor[0], kept, 0.0, h)]
    for a in acts:
        d = a.occurred_on.toordinal()
        if d != prev:
            if prev >= 0:
                points.append((prev, h))
                steps.append(_idle_step(h, prev, d, rate, settings))
                h = steps[-1].value
            base, best, prev = h, -math.inf, d
        gain = gains[a.outcome]
        if gain > best:
            best = gain
            value = earned(base, gain, taper)
            note = _gain_note(base, gain, value, settings)
        else:
            value, note = h, settings.word("heat_same_day")
        what = settings.label("activity_kinds", a.kind).lower()
        outcome = (
            settings.label("outcomes", a.outcome).lower()
            if a.outcome
            else settings.word("heat_no_outcome")
        )
        change = value - h
        sign = "+" if change >= 0 else "-"
        text = settings.word("heat_step_contact").format(
            day=a.occurred_on.isoformat(),
            what=what,
            outcome=outcome,
            change=f"{sign}{fmt(abs(change))}",
            value=fmt(value),
            note=note,
        )
        steps.append(HeatStep(a.occurred_on, text, change, value))
        h = value
    if prev >= 0:
        points.append((prev, h))
        if today_o > prev:
            steps.append(_idle_step(h, prev, today_o, rate, settings))
            h = steps[-1].value
    # Before the first point: the start, or an anchor's value (read as flat before its day).
    first = anchor[1] if anchor is not None and anchor[0] <= today else model.start
    return HeatReport(h, today, model.klass, rate, first, tuple(steps), tuple(points))


def _gain_note(base: float, gain: float, value: float, settings: Settings) -> str:
    """Why a day's gain is not the outcome's full gain: the taper near 100, or a clamp."""
    raw = base + gain
    if (raw > MAX_HEAT and value == MAX_HEAT) or (raw < MIN_HEAT and value == MIN_HEAT):
        return _clamp_note(raw, value, settings)
    if abs(raw - value) > 1e-9:
        return settings.word("heat_tapered").format(full=fmt(gain), got=fmt(value - base))
    return ""


def _idle_step(h: float, prev: int, day: int, rate: float, settings: Settings) -> HeatStep:
    """The decay over the idle days from contact day `prev` to `day`."""
    days = day - prev
    raw = h - days * rate
    value = max(MIN_HEAT, raw)
    template = settings.word("heat_step_idle_one" if days == 1 else "heat_step_idle")
    text = template.format(
        days=days,
        # A rate of 0.75 must read as 0.75 (the loss is days x rate); 12/7 reads 1.71.
        rate=f"{round(rate, 2):g}",
        loss=fmt(days * rate),
        value=fmt(value),
        note=_clamp_note(raw, value, settings),
    )
    return HeatStep(date.fromordinal(day), text, value - h, value)


def heat_on(
    source: HeatReport | Iterable[ActivityRec],
    day: date,
    settings: Settings | None = None,
    quadrant: str | None = None,
) -> float:
    """Heat at the end of `day`, from a report or from an activity history.

    From a report, days after `report.on` are a projection with nobody calling.
    From a history, `settings` is required and `quadrant` picks the decay rate.
    """
    if not isinstance(source, HeatReport):
        if settings is None:
            raise ValueError("heat_on needs settings to replay a history")
        return heat_report(source, day, quadrant, settings).value
    points = source.points
    i = bisect_right(points, (day.toordinal(), math.inf)) - 1
    if i < 0:
        return source.start
    on, value = points[i]
    return max(MIN_HEAT, value - (day.toordinal() - on) * source.rate)
