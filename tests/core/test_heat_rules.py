"""The heat rules a rep must be able to trust, as properties over every shipped scheme.

- Steady state: an account reached on its class cadence never goes cold and is
  never "cooling", from its first contact on; from any heat at all, it settles
  above its threshold within a bounded number of cadences.
- No pumping: no sequence of logs within one day raises heat more than one
  meeting would.
- A new account's first reached contact does not make it cold.
- Cooling means "cold before the next scheduled contact": rising heat is never
  cooling, nor is an account whose next follow-up comes in time.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts.heat import earned, heat_model, heat_on, heat_report, scan_heat
from followup_tui.core.accounts.heat_state import heat_state
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import ActivityRec

START = dt.date(2025, 1, 6)
CLASSES = ("A", "B", "C", "D")
OUTCOMES = (None, "reached", "no_answer", "voicemail", "rejected", "meeting_booked", "won", "lost")


def _scheme_settings() -> dict[str, Settings]:
    """The shipped settings under each shipped class scheme (module level, for hypothesis)."""
    folder = Path(tempfile.mkdtemp(prefix="followup-schemes-"))
    found = {}
    for name in load_settings(None).data["class_schemes"]:
        user = folder / f"{name}.yaml"
        user.write_text(f"class_scheme: {name}\n", encoding="utf-8")
        found[name] = load_settings(user)
    return found


SCHEMES = _scheme_settings()
schemes = st.sampled_from(sorted(SCHEMES))
classes = st.sampled_from(CLASSES)


def _calls(klass: str, settings: Settings, cycles: int, first: dt.date) -> list[ActivityRec]:
    """A reached call every cadence of the class, from `first`."""
    cadence = settings.classes[klass].cadence_days
    return [
        ActivityRec(i + 1000, 1, first + dt.timedelta(days=i * cadence), "call", "reached")
        for i in range(cycles)
    ]


def _state_on(
    history: list[ActivityRec], day: dt.date, klass: str, settings: Settings, next_in: int | None
) -> str:
    model = heat_model(settings, klass)
    trend_days = int(settings.data["heat"].get("trend_days", 7))
    facts = scan_heat(
        sorted(history, key=lambda a: a.occurred_on),
        day,
        model,
        trend_days=trend_days,
        window_days=settings.heat.was_hot_days,
    )
    return heat_state(
        facts.value,
        facts.trend,
        settings.heat.threshold[klass],
        model.rate,
        hot=settings.heat.hot,
        window=settings.heat.cooling_window_days,
        contacted=facts.last is not None,
        next_in=next_in,
    ).kind


@given(schemes, classes, st.integers(1, 12))
@hsettings(max_examples=80, deadline=None)
def test_an_account_followed_on_its_cadence_never_cools(
    scheme: str, klass: str, cycles: int
) -> None:
    settings = SCHEMES[scheme]
    cadence = settings.classes[klass].cadence_days
    calls = _calls(klass, settings, cycles, START)
    report = heat_report(calls, calls[-1].occurred_on, klass, settings)
    threshold = settings.heat.threshold[klass]
    for n in range((cycles - 1) * cadence + 1):
        day = START + dt.timedelta(days=n)
        # Between calls the next one is always scheduled, at the cadence.
        next_in = cadence - n % cadence if n % cadence else cadence
        assert heat_on(report, day) >= threshold, (scheme, klass, n)
        assert _state_on(calls, day, klass, settings, next_in) in ("hot", "warm"), (n, day)


@given(
    schemes,
    classes,
    st.lists(st.tuples(st.integers(0, 400), st.sampled_from(OUTCOMES)), max_size=12),
)
@hsettings(max_examples=80, deadline=None)
def test_from_any_heat_the_cadence_settles_above_the_threshold(
    scheme: str, klass: str, before: list[tuple[int, str | None]]
) -> None:
    """Whatever came before (a long silence, a string of rejections), the rhythm wins."""
    settings = SCHEMES[scheme]
    cadence = settings.classes[klass].cadence_days
    history = [
        ActivityRec(i, 1, START - dt.timedelta(days=back + 1), "call", outcome)
        for i, (back, outcome) in enumerate(before)
    ]
    settle = 25  # cadences: the slowest case (D from 0) needs about 13
    calls = _calls(klass, settings, settle + 5, START)
    report = heat_report(history + calls, calls[-1].occurred_on, klass, settings)
    threshold = settings.heat.threshold[klass]
    for n in range(settle * cadence, (settle + 4) * cadence):
        assert heat_on(report, START + dt.timedelta(days=n)) >= threshold


@given(
    schemes,
    classes,
    st.lists(st.tuples(st.integers(1, 200), st.sampled_from(OUTCOMES)), max_size=10),
    st.lists(st.sampled_from(OUTCOMES), min_size=1, max_size=12),
)
@hsettings(max_examples=150, deadline=None)
def test_no_logs_within_a_day_raise_heat_more_than_one_meeting(
    scheme: str,
    klass: str,
    before: list[tuple[int, str | None]],
    logs: list[str | None],
) -> None:
    settings = SCHEMES[scheme]
    day = START
    history = [
        ActivityRec(i, 1, day - dt.timedelta(days=back), "call", outcome)
        for i, (back, outcome) in enumerate(before)
    ]
    pumped = [ActivityRec(100 + i, 1, day, "call", o) for i, o in enumerate(logs)]
    meeting = [ActivityRec(100, 1, day, "call", "meeting_booked")]
    with_logs = heat_report(history + pumped, day, klass, settings).value
    with_meeting = heat_report(history + meeting, day, klass, settings).value
    assert with_logs <= with_meeting


@given(schemes, classes, st.floats(0, 100), st.lists(st.sampled_from(OUTCOMES), max_size=8))
@hsettings(max_examples=150, deadline=None)
def test_gains_shrink_near_the_top(
    scheme: str, klass: str, base: float, outcomes: list[str | None]
) -> None:
    model = heat_model(SCHEMES[scheme], klass)
    best = max((model.gains[o] for o in outcomes), default=0.0)
    after = earned(base, best, model.taper_from)
    assert 0 <= after <= 100
    if best > 0 and base > model.taper_from:
        # The room left below 100 shrinks by at most the outcome's share of it.
        assert after - base <= best * (100 - base) / (100 - model.taper_from) + 1e-9
        assert after < 100 or base == 100


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("klass", CLASSES)
def test_a_first_reached_contact_does_not_make_an_account_cold(scheme: str, klass: str) -> None:
    # Issue 13: a new class-A account was cold from its first call (30 + 12 < 60).
    settings = SCHEMES[scheme]
    first = [ActivityRec(1, 1, START, "call", "reached")]
    assert heat_report(first, START, klass, settings).value > settings.heat.threshold[klass]
    cadence = settings.classes[klass].cadence_days
    assert _state_on(first, START, klass, settings, cadence) in ("hot", "warm")


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("klass", CLASSES)
def test_a_class_left_alone_goes_cold_within_three_cadences(scheme: str, klass: str) -> None:
    settings = SCHEMES[scheme]
    cadence = settings.classes[klass].cadence_days
    calls = _calls(klass, settings, 30, START)
    last = calls[-1].occurred_on
    report = heat_report(calls, last, klass, settings)
    cold_on = last + dt.timedelta(days=3 * cadence)
    assert heat_on(report, cold_on) < settings.heat.threshold[klass]
    assert heat_on(report, last + dt.timedelta(days=cadence)) >= settings.heat.threshold[klass]


values = st.floats(0, 100, allow_nan=False)
rates = st.floats(0.1, 5, allow_nan=False)
thresholds = st.floats(1, 99, allow_nan=False)
trends = st.sampled_from(["rising", "falling", "steady"])
nexts = st.one_of(st.none(), st.integers(-30, 60))


@given(values, trends, thresholds, rates, nexts)
def test_rising_heat_is_never_cooling(
    value: float, trend: str, threshold: float, rate: float, next_in: int | None
) -> None:
    state = heat_state(
        value, "rising", threshold, rate, hot=80, window=7, contacted=True, next_in=next_in
    )
    assert not state.cooling


@given(values, trends, thresholds, rates, nexts)
def test_cooling_means_cold_before_the_next_scheduled_contact(
    value: float, trend: str, threshold: float, rate: float, next_in: int | None
) -> None:
    state = heat_state(
        value, trend, threshold, rate, hot=80, window=7, contacted=True, next_in=next_in
    )
    if state.kind == "cooling":
        assert state.below_in is not None and 1 <= state.below_in <= 7
        assert next_in is None or state.below_in < next_in
        # Idle until the crossing day, heat really is below then, and not before it.
        assert value - state.below_in * rate < threshold <= value - (state.below_in - 1) * rate
    elif value >= threshold and trend != "rising":
        below = state.below_in
        assert below is None or below > 7 or (next_in is not None and next_in <= below)


def test_a_contact_a_minute_ago_with_tomorrow_scheduled_is_not_cooling() -> None:
    # Issue 13: reached a minute ago, next step tomorrow, shown under Cooling.
    settings = SCHEMES["seed000"]
    calls = [ActivityRec(1, 1, START, "call", "reached")]
    assert _state_on(calls, START, "B", settings, 1) in ("hot", "warm")


def test_the_class_d_cadence_no_longer_drifts_cold() -> None:
    # Issue 13: a class-D account contacted every 30 days lost 22.5 between calls and
    # gained 12, so it showed as Cooling between every two contacts.
    settings = SCHEMES["seed000"]
    calls = _calls("D", settings, 12, START)
    for i in range(1, 12):
        day = calls[i].occurred_on - dt.timedelta(days=1)
        assert _state_on(calls[:i], day, "D", settings, 1) in ("hot", "warm")
