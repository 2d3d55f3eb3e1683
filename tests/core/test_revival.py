"""Dormant revival as a plan, the buying season's usual months, and their words (seed 004)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts.account_view import usual_months_text
from followup_tui.core.accounts.buying_season import season_due, usual_months
from followup_tui.core.accounts.revival import (
    attempt_number,
    attempt_words,
    next_revival,
    revival_gap,
)
from followup_tui.core.base.config import RevivalParams, Settings, load_settings
from followup_tui.core.base.errors import ConfigError
from followup_tui.core.base.records import AccountRec, ActivityRec, FollowUpRec
from followup_tui.core.call.script import ScriptContext, fill_script
from followup_tui.core.queue.account_states import QUEUE_FIELDS, account_states, queue_keys
from followup_tui.core.queue.queue_builder import build_queue

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def zh(tmp_path: Path) -> Settings:
    """The shipped defaults in Chinese."""
    user = tmp_path / "zh.yaml"
    user.write_text("language: zh\n", encoding="utf-8")
    return load_settings(user)


# -- the revival cadence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("rejections", "gap"),
    [(0, 30), (1, 30), (4, 30), (5, 30), (6, 45), (7, 60), (8, 75), (9, 90), (10, 90), (99, 90)],
)
def test_revival_gap_is_monthly_then_slows_to_quarterly(
    settings: Settings, rejections: int, gap: int
) -> None:
    assert revival_gap(rejections, settings.revival) == gap


def test_next_revival_from_the_last_attempt(settings: Settings) -> None:
    rules = settings.revival
    assert next_revival(None, 4, rules) is None  # never tried: at once
    assert next_revival(dt.date(2026, 11, 1), 4, rules) == dt.date(2026, 12, 1)
    assert next_revival(dt.date(2026, 11, 1), 7, rules) == dt.date(2026, 12, 31)


def test_attempts_count_from_the_rejections() -> None:
    assert [attempt_number(n) for n in (0, 4, 5)] == [1, 5, 6]
    assert attempt_words(4, "en") == "attempt 5 - selling starts at the fifth rejection"
    assert attempt_words(9, "en") == "attempt 10 - past the fifth rejection: keep at it"
    assert attempt_words(4, "zh") == "第5次尝试——销售从第五次被拒绝开始"


@pytest.mark.parametrize(
    ("yaml", "key"),
    [
        ("dormant:\n  revival_days: 0\n", "dormant.revival_days"),
        ("dormant:\n  revival_days: 40\n  slowest_days: 35\n", "dormant.slowest_days"),
        ("dormant:\n  slow_step_days: -1\n", "dormant.slow_step_days"),
        ("buying_season:\n  lead_days: 60\n", "buying_season.lead_days"),
        ("buying_season:\n  must_reach_days: -5\n", "buying_season.must_reach_days"),
    ],
)
def test_revival_and_season_settings_are_checked(tmp_path: Path, yaml: str, key: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(yaml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(user)
    assert caught.value.key == key


# -- never dropped: a property over any rejections, history and cadence settings --------

DAY0 = dt.date(2026, 1, 1)


@st.composite
def revival_rules(draw: st.DrawFn) -> RevivalParams:
    every = draw(st.integers(1, 60))
    slowest = draw(st.integers(every, 200))
    return RevivalParams(every, draw(st.integers(0, 8)), draw(st.integers(0, 40)), slowest)


@hsettings(max_examples=150, deadline=None)
@given(
    rules=revival_rules(),
    rejections=st.integers(0, 40),
    attempts=st.lists(st.integers(0, 300), max_size=6),
    outcome=st.sampled_from(["rejected", "no_answer", "reached", None]),
    ahead=st.integers(0, 400),
)
def test_a_dormant_account_is_never_dropped(
    rules: RevivalParams,
    rejections: int,
    attempts: list[int],
    outcome: str | None,
    ahead: int,
) -> None:
    """With no open step, a dormant account is in the queue, or due back within the
    slowest configured cadence of its last attempt; both queue builders say the same."""
    settings = dataclasses.replace(load_settings(None), revival=rules)
    account = AccountRec(1, "Sleeper", "D", "dormant", rejection_count=rejections)
    days = sorted(DAY0 + dt.timedelta(days=n) for n in attempts)
    history = [ActivityRec(k, 1, d, "call", outcome) for k, d in enumerate(days)]
    last = days[-1] if days else None
    today = (last or DAY0) + dt.timedelta(days=ahead)
    queue = build_queue(today, settings, [account], [], [], history, [], [], [])
    listed = [i.account_id for i in queue.section("dormant").items]
    due = next_revival(last, rejections, rules)
    if listed:
        assert due is None or due <= today
    else:
        assert last is not None and due is not None
        assert today < due <= last + dt.timedelta(days=rules.slowest_days)
    states = account_states([account], {1: history}, [], [], [], [], settings, today)
    placed = queue_keys([s[:QUEUE_FIELDS] for s in states], today, settings)
    assert [k[3] for k in placed["dormant"]] == listed


def test_a_scheduled_step_takes_the_place_of_revival(settings: Settings) -> None:
    account = AccountRec(1, "Sleeper", "D", "dormant", rejection_count=4)
    history = [ActivityRec(1, 1, TODAY - dt.timedelta(days=40), "call", "rejected")]
    step = FollowUpRec(1, 1, TODAY + dt.timedelta(days=3), "send the new sample")
    queue = build_queue(TODAY, settings, [account], [], [step], history, [], [], [])
    assert queue.section("dormant").items == []
    later = build_queue(
        TODAY + dt.timedelta(days=3), settings, [account], [], [step], history, [], [], []
    )
    assert [i.account_id for i in later.section("today").items] == [1]


# -- the buying season's mark and usual months ------------------------------------------


def test_season_due_is_the_mark_until_a_contact_in_the_season() -> None:
    opened, predicted = 1000, 1090  # ordinals: a 90-day lead
    assert season_due(opened, predicted, None, 60, 999) is None  # not open yet
    assert season_due(opened, predicted, None, 60, 1000) == 1030
    assert season_due(opened, predicted, 990, 60, 1040) == 1030  # contact before it opened
    assert season_due(opened, predicted, 1000, 60, 1040) is None  # contacted in the season
    assert season_due(opened, predicted, None, 60, 1090) is None  # the purchase day: over


@pytest.mark.parametrize(
    ("dates", "months"),
    [
        ([dt.date(y, m, 5) for y in (2023, 2024, 2025) for m in (3, 9)], [3, 9]),
        ([dt.date(2025, 1, 10), dt.date(2026, 1, 12)], [1]),
        ([dt.date(2026, m, 1) for m in range(1, 12)], []),  # every month: no season
        ([dt.date(2026, 3, 1), dt.date(2026, 3, 20)], []),  # one year is no habit
        ([dt.date(2026, 3, 1)], []),
        ([], []),
    ],
)
def test_usual_months(dates: list[dt.date], months: list[int]) -> None:
    assert usual_months(dates) == months


def test_usual_months_said_in_both_languages(settings: Settings, zh: Settings) -> None:
    assert usual_months_text([3, 9], settings) == "usually buys in: Mar, Sep"
    assert usual_months_text([3, 9], zh) == "通常采购月份：3月、9月"
    assert usual_months_text([], settings) == ""


# -- the call script before a revival call --------------------------------------------


def _revival(**kw: object) -> ScriptContext:
    values: dict = {
        "account_name": "北方重工",
        "today": TODAY,
        "quadrant": "D",
        "dormant": True,
        "rejections": 4,
        "start_reason": "Best lead time\nin the region",
        "stop_reason": "A late delivery stopped their line",
    }
    values.update(kw)
    return ScriptContext(**values)


def test_a_revival_call_reads_the_post_mortem_and_asks_what_is_new(settings: Settings) -> None:
    script = fill_script(_revival(), settings)
    assert script.revival == (
        "Revival call, attempt 5 - selling starts at the fifth rejection",
        "Why they came to us: Best lead time in the region",
        "Why they left: A late delivery stopped their line",
        "What is new since the last attempt? A new product, a sample, a process change: "
        "pick or type it below.",
    )
    assert script.warnings[0].startswith("A revival attempt needs a new reason to call")
    with_sample = fill_script(_revival(value_reason="new_sample"), settings)
    assert with_sample.value == "A new sample to send" and with_sample.warnings == ()


def test_a_revival_call_without_a_post_mortem_says_so(zh: Settings) -> None:
    script = fill_script(_revival(start_reason="", stop_reason=" "), zh)
    assert script.revival[1] == "当初合作的原因：还没有记录（可在客户表单中填写）"
    assert script.revival[2] == "后来离开的原因：还没有记录（可在客户表单中填写）"
    assert script.warnings[0].startswith("每次激活尝试都需要一个新的理由")


def test_other_calls_have_no_revival_brief(settings: Settings) -> None:
    script = fill_script(_revival(dormant=False), settings)
    assert script.revival == ()
    assert script.warnings[0].startswith("Nothing new of value")


def test_a_revival_call_proposes_the_revival_plan_not_the_class_cadence(settings) -> None:
    # After a call with a dormant account, the next attempt follows the revival
    # plan; the fifth rejection past the slowing point waits longer, never forever.
    from followup_tui.core.accounts.cadence import propose_next
    from followup_tui.core.accounts.revival import revival_gap

    day = dt.date(2026, 11, 23)  # a Monday
    plain = propose_next(day, "A", settings)
    assert plain.source == "cadence"
    revival = propose_next(day, "A", settings, dormant_rejections=2, outcome="reached")
    assert revival.source == "revival"
    gap = (revival.date - day).days
    assert gap >= revival_gap(2, settings.revival)  # a weekend may push it on
    many = propose_next(day, "A", settings, dormant_rejections=9, outcome="rejected")
    slow = revival_gap(10, settings.revival)
    assert slow > revival_gap(2, settings.revival)
    assert slow <= (many.date - day).days <= slow + 2  # the rejection counted; a weekend at most
