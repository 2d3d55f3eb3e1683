"""Heat: rise per outcome, decay per class, clamping, explanation, trend and projections."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts.heat import (
    days_until_below,
    heat_model,
    heat_on,
    heat_path,
    heat_report,
    scan_heat,
    trend,
)
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import ActivityRec

TODAY = dt.date(2026, 11, 22)  # a Sunday
SETTINGS = load_settings(None)  # module-level for hypothesis, which cannot take fixtures


def act(
    day: dt.date, outcome: str | None = "reached", kind: str = "call", i: int = 1, account: int = 1
) -> ActivityRec:
    """An activity of account 1."""
    return ActivityRec(i, account, day, kind, outcome)


def days_ago(n: int) -> dt.date:
    """A day before TODAY."""
    return TODAY - dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("reached", 42),
        ("no_answer", 32),
        ("voicemail", 33),
        ("rejected", 15),
        ("meeting_booked", 55),
        ("won", 60),
        ("lost", 0),
        (None, 36),
        ("mystery", 36),
    ],
)
def test_one_contact_today_adds_its_outcome_gain(
    settings: Settings, outcome: str | None, expected: float
) -> None:
    report = heat_report([act(TODAY, outcome)], TODAY, "A", settings)
    assert report.value == expected


@pytest.mark.parametrize(
    ("quadrant", "expected"),
    [
        ("A", 12.0),
        ("B", 22.0),
        ("C", 27.0),
        ("D", 34.5),
        (None, 27.0),  # unjudged decays as C
    ],
)
def test_ten_idle_days_decay_at_the_class_rate(
    settings: Settings, quadrant: str | None, expected: float
) -> None:
    report = heat_report([act(days_ago(10))], TODAY, quadrant, settings)
    assert report.value == expected  # 30 + 12 = 42, then 10 idle days


def test_no_history_sits_at_start_and_does_not_decay(settings: Settings) -> None:
    report = heat_report([], TODAY, "A", settings)
    assert report.value == settings.heat.start == 30
    assert report.explanation == ["start: 30"]
    assert heat_on(report, TODAY + dt.timedelta(days=100)) == 30


def test_the_explanation_lists_every_step(settings: Settings) -> None:
    history = [
        act(dt.date(2026, 11, 10), "reached", "visit", 2),
        act(dt.date(2026, 11, 2), "meeting_booked", "call", 1),
    ]  # any order
    report = heat_report(history, TODAY, "B", settings)
    assert report.explanation == [
        "start: 30",
        "2026-11-02 call, meeting booked: +25 -> 55",
        "8 idle days x 2: -16 -> 39",
        "2026-11-10 visit, reached: +12 -> 51",
        "12 idle days x 2: -24 -> 27",
    ]
    assert report.value == 27
    assert [s.delta for s in report.steps] == [0, 25, -16, 12, -24]


def test_heat_is_clamped_at_every_step_and_says_so(settings: Settings) -> None:
    history = [
        act(days_ago(3), "won", i=1),
        act(days_ago(3), "won", i=2),
        act(days_ago(3), "won", i=3),
        act(days_ago(2), "lost", i=4),
        act(days_ago(2), "lost", i=5),
        act(days_ago(2), "lost", i=6),
        act(days_ago(2), "lost", i=7),
        act(days_ago(1), "reached", i=8),
    ]
    report = heat_report(history, TODAY, "C", settings)
    lines = report.explanation
    assert lines[3] == "2026-11-19 call, won: +30 -> 100 (capped at 100)"
    assert lines[8] == "2026-11-20 call, lost: -30 -> 0 (floor 0)"
    # From 0, not from a negative sum: the path matters.
    assert lines[9] == "1 idle day x 1.5: -1.5 -> 0 (floor 0)"
    assert lines[10] == "2026-11-21 call, reached: +12 -> 12"
    assert report.value == 10.5


def test_same_day_activities_apply_in_the_given_order(settings: Settings) -> None:
    # Capped then lowered: 30+30+30 -> 90, +30 -> 100 (cap), -15 -> 85.
    history = [
        act(TODAY, "won", i=3),
        act(TODAY, "won", i=1),
        act(TODAY, "won", i=2),
        act(TODAY, "rejected", i=4),
    ]
    assert heat_report(history, TODAY, "A", settings).value == 85
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert facts.value == 85


def test_activities_after_today_are_ignored(settings: Settings) -> None:
    history = [act(days_ago(1)), act(TODAY + dt.timedelta(days=1), "won", i=2)]
    assert heat_report(history, TODAY, "A", settings).value == 39
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert (facts.value, facts.last) == (39, history[0])


def test_heat_on_reads_the_past_and_projects_the_future(settings: Settings) -> None:
    history = [act(dt.date(2026, 11, 2), "meeting_booked"), act(dt.date(2026, 11, 10), i=2)]
    report = heat_report(history, TODAY, "B", settings)
    assert heat_on(report, dt.date(2026, 11, 1)) == 30  # before the first contact
    assert heat_on(report, dt.date(2026, 11, 2)) == 55
    assert heat_on(report, dt.date(2026, 11, 9)) == 41
    assert heat_on(report, TODAY) == report.value == 27
    assert heat_on(report, TODAY + dt.timedelta(days=5)) == 17  # nobody calls
    assert heat_on(report, TODAY + dt.timedelta(days=50)) == 0
    assert heat_on(history, dt.date(2026, 11, 9), settings, "B") == 41
    with pytest.raises(ValueError):
        heat_on(history, TODAY)


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (62, 40, "rising"),
        (40, 62, "falling"),
        (50, 50, "steady"),
        (50.5, 50, "steady"),
        (51, 50, "rising"),
        (49, 50, "falling"),
    ],
)
def test_trend(now: float, before: float, expected: str) -> None:
    assert trend(now, before) == expected


@pytest.mark.parametrize(
    ("value", "rate", "threshold", "expected"),
    [
        (62, 3, 60, 1),
        (63, 3, 60, 2),
        (60, 3, 60, 1),
        (59, 3, 60, 0),
        (80, 3, 60, 7),
        (45, 0.75, 25, 27),
        (50, 0, 40, None),
        (10, 1, 0, None),
        (40.5, 1.5, 40, 1),
    ],
)
def test_days_until_below(
    value: float, rate: float, threshold: float, expected: int | None
) -> None:
    assert days_until_below(value, rate, threshold) == expected


def test_report_days_until_below_uses_its_rate(settings: Settings) -> None:
    report = heat_report([act(days_ago(1), "meeting_booked")], TODAY, "A", settings)
    assert report.value == 52
    assert report.days_until_below(50) == 1
    assert report.days_until_below(60) == 0


def test_scan_reads_trend_and_peak(settings: Settings) -> None:
    history = [act(days_ago(5), "meeting_booked"), act(days_ago(5), "meeting_booked", i=2)]
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert (facts.value, facts.before, facts.peak, facts.trend) == (65, 30, 80, "rising")


def test_scan_sorts_unsorted_input(settings: Settings) -> None:
    history = [act(days_ago(2), "won", i=2), act(days_ago(9), "lost", i=1)]
    model = heat_model(settings, "B")
    unsorted = scan_heat(history, TODAY, model, trend_days=7, window_days=7)
    ordered = scan_heat(history[::-1], TODAY, model, trend_days=7, window_days=7)
    assert unsorted == ordered
    assert unsorted.value == 26  # 0 after the loss, 5 idle days floor at 0, +30, -4


OUTCOMES = [
    None,
    "reached",
    "no_answer",
    "voicemail",
    "rejected",
    "meeting_booked",
    "won",
    "lost",
    "unknown",
]
histories = st.lists(
    st.tuples(st.integers(0, 120), st.sampled_from(OUTCOMES)),
    max_size=25,
).map(lambda rows: [ActivityRec(i, 1, days_ago(n), "call", o) for i, (n, o) in enumerate(rows)])
quadrants = st.sampled_from(["A", "B", "C", "D", None])


@given(histories, quadrants, st.integers(0, 150))
@hsettings(max_examples=150, deadline=None)
def test_heat_always_stays_within_0_and_100(
    history: list[ActivityRec], quadrant: str | None, back: int
) -> None:
    day = days_ago(back)
    report = heat_report(history, day, quadrant, SETTINGS)
    assert 0 <= report.value <= 100
    assert all(0 <= step.value <= 100 for step in report.steps)
    facts = scan_heat(history, day, heat_model(SETTINGS, quadrant), trend_days=7, window_days=7)
    assert all(0 <= x <= 100 for x in (facts.value, facts.before, facts.peak))


@given(histories, quadrants)
@hsettings(max_examples=150, deadline=None)
def test_heat_never_rises_without_a_contact(
    history: list[ActivityRec], quadrant: str | None
) -> None:
    report = heat_report(history, TODAY, quadrant, SETTINGS)
    contact_days = {a.occurred_on for a in history}
    for n in range(129, -1, -1):  # from day n+1 ago to day n ago
        if days_ago(n) not in contact_days:
            assert heat_on(report, days_ago(n)) <= heat_on(report, days_ago(n + 1))


@given(histories, quadrants, st.integers(0, 10), st.integers(0, 10))
@hsettings(max_examples=150, deadline=None)
def test_scan_agrees_with_the_explained_report(
    history: list[ActivityRec], quadrant: str | None, trend_days: int, window: int
) -> None:
    model = heat_model(SETTINGS, quadrant)
    facts = scan_heat(
        sorted(history, key=lambda a: a.occurred_on),
        TODAY,
        model,
        trend_days=trend_days,
        window_days=window,
    )
    report = heat_report(history, TODAY, quadrant, SETTINGS)
    assert facts.value == report.value
    assert facts.before == heat_on(report, days_ago(trend_days))
    assert facts.peak == max(heat_on(report, days_ago(n)) for n in range(window + 1))


@given(histories, quadrants, st.integers(0, 10), st.integers(0, 10), st.data())
@hsettings(max_examples=200, deadline=None)
def test_a_stored_running_heat_seeds_the_same_replay(
    history: list[ActivityRec],
    quadrant: str | None,
    trend_days: int,
    window: int,
    data: st.DataObject,
) -> None:
    """Starting from any activity's stored heat before the window gives the full replay's facts."""
    model = heat_model(SETTINGS, quadrant)
    ordered = sorted(history, key=lambda a: a.occurred_on)
    path = heat_path(ordered, model)
    full = scan_heat(ordered, TODAY, model, trend_days=trend_days, window_days=window)
    mark = days_ago(max(trend_days, window))
    early = [i for i, a in enumerate(ordered) if a.occurred_on <= mark]
    if not early:
        return
    i = data.draw(st.sampled_from(early))
    seeded = scan_heat(
        ordered[i:], TODAY, model, trend_days=trend_days, window_days=window, seed=path[i]
    )
    assert seeded == full


def test_heat_path_is_the_running_value_and_ends_at_the_report(settings: Settings) -> None:
    history = [act(days_ago(10), "meeting_booked", i=1), act(days_ago(4), "rejected", i=2)]
    model = heat_model(settings, "B")
    path = heat_path(history, model)
    gain = settings.heat.outcome_gain
    first = min(100.0, settings.heat.start + gain["meeting_booked"])
    assert path[0] == first
    assert path[1] == max(0.0, max(0.0, first - 6 * model.rate) + gain["rejected"])
    assert path[-1] == heat_report(history, days_ago(4), "B", settings).value


def test_a_seed_inside_the_window_is_refused(settings: Settings) -> None:
    model = heat_model(settings, "A")
    with pytest.raises(ValueError, match="before the trend"):
        scan_heat([act(days_ago(2))], TODAY, model, trend_days=7, window_days=7, seed=50.0)


def test_the_explanation_speaks_the_configured_language(tmp_path) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(config)
    history = [
        act(days_ago(3), "meeting_booked", i=1),
        act(days_ago(3), None, kind="email", i=2),
        act(days_ago(2), "rejected", i=3),
    ]
    lines = heat_report(history, TODAY, "A", zh).explanation
    assert lines[0].startswith("起点")
    assert any("无结果" in line for line in lines)
    assert any("闲置1天" in line for line in lines)
    assert any("闲置2天" in line for line in lines)
    assert not any(word in " ".join(lines) for word in ("start", "idle", "no outcome"))
