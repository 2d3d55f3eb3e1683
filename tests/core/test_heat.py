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
        # Class A starts on its line, 60; from there gains are tapered to 80%.
        ("reached", 76),
        ("no_answer", 60),
        ("voicemail", 60.8),
        ("rejected", 45),  # losses are never tapered
        ("meeting_booked", 84),
        ("won", 80),
        ("lost", 30),
        (None, 68),
        ("mystery", 68),
    ],
)
def test_one_contact_today_adds_its_outcome_gain(
    settings: Settings, outcome: str | None, expected: float
) -> None:
    report = heat_report([act(TODAY, outcome)], TODAY, "A", settings)
    assert report.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("quadrant", "expected"),
    [
        ("A", 76 - 10 * 9 / 3),  # start 60, +16 (tapered), 10 days of 9 per 3-day cadence
        ("B", 70 - 10 * 12 / 7),  # start 50 + 20, 12 per 7-day cadence
        ("C", 60 - 10 * 15 / 14),
        ("D", 45 - 10 * 18 / 30),
        (None, 60 - 10 * 15 / 14),  # unjudged starts and decays as C
    ],
)
def test_ten_idle_days_decay_at_the_class_rate(
    settings: Settings, quadrant: str | None, expected: float
) -> None:
    report = heat_report([act(days_ago(10))], TODAY, quadrant, settings)
    assert report.value == pytest.approx(expected)


def test_no_history_sits_at_start_and_does_not_decay(settings: Settings) -> None:
    report = heat_report([], TODAY, "A", settings)
    assert report.value == settings.heat.start["A"] == settings.heat.threshold["A"] == 60
    assert report.explanation == ["start: 60"]
    assert heat_on(report, TODAY + dt.timedelta(days=100)) == 60


def test_the_explanation_lists_every_step(settings: Settings) -> None:
    history = [
        act(dt.date(2026, 11, 10), "reached", "visit", 2),
        act(dt.date(2026, 11, 2), "meeting_booked", "call", 1),
    ]  # any order
    report = heat_report(history, TODAY, "A", settings)
    assert report.explanation == [
        "start: 60",
        "2026-11-02 call, meeting booked: +24 -> 84 (less room near 100: 30 earns 24)",
        "8 idle days x 3: -24 -> 60",
        "2026-11-10 visit, reached: +16 -> 76 (less room near 100: 20 earns 16)",
        "12 idle days x 3: -36 -> 40",
    ]
    assert report.value == 40
    assert [s.delta for s in report.steps] == [0, 24, -24, 16, -36]


def test_heat_is_clamped_at_every_step_and_says_so(settings: Settings) -> None:
    history = [
        act(days_ago(3), "won", i=1),
        act(days_ago(3), "won", i=2),
        act(days_ago(3), "won", i=3),
        act(days_ago(2), "lost", i=4),
        act(days_ago(2), "lost", i=5),
        act(days_ago(1), "lost", i=6),
        act(TODAY, "reached", i=7),
    ]
    report = heat_report(history, TODAY, "D", settings)
    lines = report.explanation
    # One contact a day, at its best outcome: the second and third wins add nothing.
    assert lines[1] == "2026-11-19 call, won: +25 -> 50"
    assert "same day" in lines[2] and "+0 -> 50" in lines[3] and "same day" in lines[3]
    assert lines[4] == "1 idle day x 0.6: -0.6 -> 49.4"
    assert lines[5] == "2026-11-20 call, lost: -30 -> 19.4"
    assert lines[8] == "2026-11-21 call, lost: -18.8 -> 0 (floor 0)"
    # From 0, not from a negative sum: the path matters.
    assert lines[9] == "1 idle day x 0.6: -0.6 -> 0 (floor 0)"
    assert lines[10] == "2026-11-22 call, reached: +20 -> 20"
    assert report.value == 20


def test_several_logs_on_one_day_count_once_at_the_best_outcome(settings: Settings) -> None:
    # Issue 13: three notes within a minute took an account from 64 to 91. Now a
    # day earns its best outcome once, whatever else was logged that day.
    history = [
        act(TODAY, "won", i=3),
        act(TODAY, "reached", i=1),
        act(TODAY, "won", i=2),
        act(TODAY, "rejected", i=4),
    ]
    assert heat_report(history, TODAY, "A", settings).value == 80  # 60 + 25 x 0.8
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert facts.value == 80
    notes = [act(TODAY, None, i=i) for i in range(1, 4)]
    assert heat_report(notes, TODAY, "A", settings).value == 68  # one no-outcome log: 10 x 0.8


def test_no_answer_and_voicemail_barely_heat(settings: Settings) -> None:
    # Issue 13: a "No answer" took an account from 97 to 99.
    high = [act(days_ago(1), "meeting_booked", i=1), act(TODAY, "no_answer", i=2)]
    report = heat_report(high, TODAY, "A", settings)
    assert report.value < heat_report(high[:1], days_ago(1), "A", settings).value
    one = heat_report([act(TODAY, "voicemail")], TODAY, "A", settings).value
    assert one - settings.heat.start["A"] <= 1


def test_activities_after_today_are_ignored(settings: Settings) -> None:
    history = [act(days_ago(1)), act(TODAY + dt.timedelta(days=1), "won", i=2)]
    assert heat_report(history, TODAY, "A", settings).value == 73  # 76, one idle day
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert (facts.value, facts.last) == (73, history[0])


def test_heat_on_reads_the_past_and_projects_the_future(settings: Settings) -> None:
    history = [act(dt.date(2026, 11, 2), "meeting_booked"), act(dt.date(2026, 11, 10), i=2)]
    report = heat_report(history, TODAY, "A", settings)
    assert heat_on(report, dt.date(2026, 11, 1)) == 60  # before the first contact
    assert heat_on(report, dt.date(2026, 11, 2)) == 84
    assert heat_on(report, dt.date(2026, 11, 9)) == 63
    assert heat_on(report, TODAY) == report.value == 40
    assert heat_on(report, TODAY + dt.timedelta(days=5)) == 25  # nobody calls
    assert heat_on(report, TODAY + dt.timedelta(days=50)) == 0
    assert heat_on(history, dt.date(2026, 11, 9), settings, "A") == 63
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
    assert report.value == 81  # 84, one idle day of 3
    assert report.days_until_below(79) == 1
    assert report.days_until_below(82) == 0


def test_scan_reads_trend_and_peak(settings: Settings) -> None:
    history = [act(days_ago(5), "meeting_booked"), act(days_ago(5), "meeting_booked", i=2)]
    facts = scan_heat(history, TODAY, heat_model(settings, "A"), trend_days=7, window_days=7)
    assert (facts.value, facts.before, facts.peak, facts.trend) == (69, 60, 84, "rising")
    assert facts.peak_on == days_ago(5).toordinal()


def test_scan_sorts_unsorted_input(settings: Settings) -> None:
    history = [act(days_ago(2), "won", i=2), act(days_ago(9), "lost", i=1)]
    model = heat_model(settings, "B")
    unsorted = scan_heat(history, TODAY, model, trend_days=7, window_days=7)
    ordered = scan_heat(history[::-1], TODAY, model, trend_days=7, window_days=7)
    assert unsorted == ordered
    # B: 50 - 30 after the loss, 7 idle days of 12/7, +25 for the win, 2 idle days.
    assert unsorted.value == pytest.approx(50 - 30 - 7 * 12 / 7 + 25 - 2 * 12 / 7)


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
    # A seed is its day's end: the last activity of a day before the window.
    early = [
        i
        for i, a in enumerate(ordered)
        if a.occurred_on <= mark
        and (i + 1 == len(ordered) or ordered[i + 1].occurred_on != a.occurred_on)
    ]
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
    first = min(100.0, settings.heat.start["B"] + gain["meeting_booked"])  # B's 50: no taper
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


anchors = st.one_of(
    st.none(),
    st.tuples(st.integers(0, 120).map(days_ago), st.floats(0, 100)),
    st.tuples(st.integers(0, 120).map(days_ago), st.floats(0, 100), st.integers(-1, 30)),
)


@given(histories, quadrants, anchors, st.integers(0, 10), st.integers(0, 40))
@hsettings(max_examples=200, deadline=None)
def test_an_anchored_scan_agrees_with_the_explained_report(
    history: list[ActivityRec], quadrant: str | None, anchor, trend_days: int, window: int
) -> None:
    """An import's kept heat: the fast replay and the explained one agree on every figure."""
    model = heat_model(SETTINGS, quadrant)
    ordered = sorted(history, key=lambda a: a.occurred_on)
    facts = scan_heat(
        ordered, TODAY, model, trend_days=trend_days, window_days=window, anchor=anchor
    )
    report = heat_report(history, TODAY, quadrant, SETTINGS, anchor)
    assert facts.value == report.value
    assert facts.before == heat_on(report, days_ago(trend_days))
    assert facts.peak == max(heat_on(report, days_ago(n)) for n in range(window + 1))
    if anchor is not None:
        held = anchor[2] if len(anchor) > 2 else 10**9
        later = [
            a
            for a in history
            if a.occurred_on > anchor[0] or (a.occurred_on == anchor[0] and a.id > held)
        ]
        if not later:  # nothing after it: the kept value, decayed from its day
            idle = (TODAY - anchor[0]).days
            assert report.value == pytest.approx(max(0.0, anchor[1] - idle * model.rate))


def test_a_tapered_gain_says_tapered_not_capped(settings: Settings) -> None:
    # QA: a meeting near the top read "+16.3 -> 89.1 (capped at 100)".
    history = [act(days_ago(2), "meeting_booked", i=1), act(days_ago(1), "meeting_booked", i=2)]
    lines = heat_report(history, TODAY, "A", settings).explanation
    assert "capped" not in " ".join(lines)
    assert "less room near 100: 30 earns" in lines[3]
