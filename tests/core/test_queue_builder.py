"""The due queue: every section's rule, priority order, callable now, JSON and planning."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from followup_tui.core.accounts.buying_season import predict_next_purchase
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    ContactRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
)
from followup_tui.core.call.call_window import callable_now
from followup_tui.core.queue.planning import plan
from followup_tui.core.queue.queue_builder import (
    SECTIONS,
    DueQueue,
    QueueItem,
    build_queue,
    order_for_work_through,
    queue_to_dict,
    summary_counts,
)

TODAY = dt.date(2026, 11, 22)  # a Sunday


def ago(n: int) -> dt.date:
    """A day before TODAY (negative: after)."""
    return TODAY - dt.timedelta(days=n)


@dataclass
class World:
    """A small database in records, built up by each test."""

    accounts: list[AccountRec] = field(default_factory=list)
    contacts: list[ContactRec] = field(default_factory=list)
    follow_ups: list[FollowUpRec] = field(default_factory=list)
    activities: list[ActivityRec] = field(default_factory=list)
    deals: list[DealRec] = field(default_factory=list)
    purchases: list[PurchaseRec] = field(default_factory=list)
    best_actions: list[BestActionRec] = field(default_factory=list)

    def account(
        self, name: str, quadrant: str | None = "B", relationship: str = "existing", **kw: Any
    ) -> int:
        """Add an account; returns its id."""
        aid = len(self.accounts) + 1
        self.accounts.append(AccountRec(aid, name, quadrant, relationship, **kw))
        return aid

    def follow_up(self, aid: int, due: dt.date, purpose: str = "call back", **kw: Any) -> int:
        """Add a follow-up; returns its id."""
        fid = len(self.follow_ups) + 1
        self.follow_ups.append(FollowUpRec(fid, aid, due, purpose, **kw))
        return fid

    def contact_on(
        self, aid: int, day: dt.date, outcome: str | None = "reached", **kw: Any
    ) -> None:
        """Log an activity."""
        self.activities.append(
            ActivityRec(len(self.activities) + 1, aid, day, "call", outcome, **kw)
        )

    def person(self, aid: int, name: str, **kw: Any) -> int:
        """Add a contact; returns its id."""
        cid = len(self.contacts) + 1
        self.contacts.append(ContactRec(cid, aid, name, **kw))
        return cid

    def deal(
        self,
        aid: int,
        title: str,
        amount: int | None = None,
        completion: dt.date | None = None,
        outcome: str = "open",
    ) -> int:
        """Add a deal; returns its id."""
        did = len(self.deals) + 1
        self.deals.append(
            DealRec(
                did, aid, title, None if amount is None else Decimal(amount), completion, outcome
            )
        )
        return did

    def queue(
        self, settings: Settings, today: dt.date = TODAY, now_utc: dt.datetime | None = None
    ) -> DueQueue:
        """The queue for this world."""
        return build_queue(
            today,
            settings,
            self.accounts,
            self.contacts,
            self.follow_ups,
            self.activities,
            self.deals,
            self.purchases,
            self.best_actions,
            now_utc=now_utc,
        )


def names(queue: DueQueue, section: str) -> list[str]:
    """Account names in a section, in order."""
    return [item.account_name for item in queue.section(section).items]


def item(queue: DueQueue, section: str, name: str) -> QueueItem:
    """The row of an account in a section."""
    return next(i for i in queue.section(section).items if i.account_name == name)


def test_an_empty_world_has_every_section_in_order(settings: Settings) -> None:
    queue = World().queue(settings)
    assert (
        [s.id for s in queue.sections]
        == list(SECTIONS)
        == ["overdue", "today", "no_next_step", "cooling", "dormant", "buying_season"]
    )
    assert [s.title for s in queue.sections] == [
        "Overdue",
        "Today",
        "No next step",
        "Cooling",
        "Dormant to revive",
        "Buying season ahead",
    ]
    assert summary_counts(queue) == dict.fromkeys(SECTIONS, 0)


def test_titles_follow_the_language(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    queue = World().queue(load_settings(config))
    assert queue.section("cooling").title == "正在降温"


def test_overdue_and_today_take_the_earliest_open_follow_up_once(settings: Settings) -> None:
    w = World()
    late = w.account("Late")
    w.follow_up(late, ago(3), "send the quote")
    w.follow_up(late, TODAY, "second, should not exist")
    w.follow_up(late, ago(9), "long done", done=True)
    due = w.account("Due")
    w.follow_up(due, TODAY, "confirm the demo")
    later = w.account("Later")
    w.follow_up(later, ago(-2))
    queue = w.queue(settings)
    assert names(queue, "overdue") == ["Late"]
    assert names(queue, "today") == ["Due"]
    row = item(queue, "overdue", "Late")
    assert row.follow_up is not None and row.follow_up.purpose == "send the quote"
    assert row.reasons[:2] == ("overdue by 3 days", "2 open follow-ups: keep one dated next step")
    assert item(queue, "today", "Due").reasons[0] == "due today"
    assert "Later" not in names(queue, "overdue") + names(queue, "today")


def test_archived_accounts_never_appear(settings: Settings) -> None:
    w = World()
    gone = w.account("Gone", "A", archived=True)
    w.follow_up(gone, ago(5))
    w.contact_on(gone, ago(1), "meeting_booked")
    w.purchases += [
        PurchaseRec(gone, dt.date(2025, 1, 10)),
        PurchaseRec(gone, dt.date(2026, 1, 10)),
    ]
    queue = w.queue(settings)
    assert all(not s.items for s in queue.sections)


def test_overdue_best_actions_join_overdue_and_today(settings: Settings) -> None:
    w = World()
    acme = w.account("Acme")
    w.follow_up(acme, ago(-5))
    deal = w.deal(acme, "Gateway upgrade")
    w.best_actions.append(BestActionRec(1, deal, "Li Wei", "send the ROI sheet", ago(2)))
    w.best_actions.append(BestActionRec(2, deal, "me", "done already", ago(9), done=True))
    lost = w.deal(w.account("Lost", relationship="target"), "Old bid", outcome="lost")
    w.best_actions.append(BestActionRec(3, lost, "me", "a closed deal's action", ago(9)))
    w.follow_up(2, ago(-1))
    queue = w.queue(settings)
    assert names(queue, "overdue") == ["Acme"]
    row = item(queue, "overdue", "Acme")
    assert row.follow_up is None and row.best_action is not None and row.best_action.id == 1
    assert row.reasons[0] == (
        "best action overdue by 2 days: Li Wei: send the ROI sheet (Gateway upgrade)"
    )


def test_no_next_step_covers_live_accounts_without_an_open_follow_up(settings: Settings) -> None:
    w = World()
    w.account("Existing", relationship="existing")
    w.account("Target", relationship="target")
    w.account("Resting", relationship="dormant")  # not live: waits for revival
    w.contact_on(3, ago(10), "rejected")
    w.deal(w.account("Dormant with deal", relationship="dormant"), "Comeback")
    w.contact_on(4, ago(10))
    w.follow_up(w.account("Scheduled", relationship="target"), ago(-3))
    closed = w.account("Only done", relationship="target")
    w.follow_up(closed, ago(1), done=True)
    queue = w.queue(settings)
    assert sorted(names(queue, "no_next_step")) == [
        "Dormant with deal",
        "Existing",
        "Only done",
        "Target",
    ]
    assert (
        item(queue, "no_next_step", "Target").reasons[0]
        == "no next step scheduled (target account)"
    )
    assert (
        item(queue, "no_next_step", "Dormant with deal").reasons[0]
        == "no next step scheduled (open deal)"
    )


def test_cooling_by_heat_and_the_hot_ones_first(settings: Settings) -> None:
    w = World()
    # Hot: a meeting 8 days ago (60 -> 84), reached 5 days ago (75 -> 85),
    # 70 today and falling: below A's 60 in 4 days, the follow-up only in 10.
    hot = w.account("Hot", "A")
    w.contact_on(hot, ago(8), "meeting_booked")
    w.contact_on(hot, ago(5), "reached")
    # Not hot, but richer and closing soon: a C at 60 twelve days ago, 47.1 today.
    rich = w.account("Rich", "C")
    w.contact_on(rich, ago(12), "reached")
    w.deal(rich, "Big one", 1_000_000, ago(-5))
    # Warm: class B, 70 thirteen days ago, 47.7 today: already below its 50.
    warm = w.account("Warm", "B")
    w.contact_on(warm, ago(13), "reached")
    # Safe: class D at 45 a day ago, decaying 0.6 a day: weeks above 25.
    safe = w.account("Safe", "D")
    w.contact_on(safe, ago(1), "reached")
    for aid in (hot, rich, warm, safe):
        w.follow_up(aid, ago(-10))
    queue = w.queue(settings)
    assert names(queue, "cooling") == ["Hot", "Rich", "Warm"]
    hot_row, rich_row = item(queue, "cooling", "Hot"), item(queue, "cooling", "Rich")
    assert hot_row.was_hot and not rich_row.was_hot
    assert hot_row.priority < rich_row.priority  # hot first regardless
    assert hot_row.reasons == (
        "was 85 on 2026-11-17, will be below 60 in 4 days",
        "next follow-up only in 10 days",
        "last contact 5 days ago; class A cadence is 3 days",
    )
    assert rich_row.reasons[0] == "heat 47.1, will be below 40 in 7 days"
    assert item(queue, "cooling", "Warm").reasons[0] == "cold: heat 47.7 is below 50"
    assert "was hot (85 on 2026-11-17): sorts first in Cooling" in hot_row.priority_explained


def test_was_hot_is_remembered_over_its_window(settings: Settings) -> None:
    # Issue 13: "was hot" looked back a fixed 7 days, so an A account at 85 nine
    # days ago was forgotten. It now looks back `heat.was_hot_days` (30).
    w = World()
    aid = w.account("Boiling", "A")
    w.contact_on(aid, ago(12), "meeting_booked")  # 84
    w.contact_on(aid, ago(9), "meeting_booked")  # 75 + 30 x 0.5 = 90
    w.follow_up(aid, ago(-5))
    row = item(w.queue(settings), "cooling", "Boiling")
    assert row.was_hot
    assert row.heat == 63 and row.heat_trend == "falling"
    assert row.reasons == (
        "was 90 on 2026-11-13, will be below 60 in 2 days",
        "next follow-up only in 5 days",
        "last contact 9 days ago; class A cadence is 3 days",
    )
    assert "was hot (90 on 2026-11-13): sorts first in Cooling" in row.priority_explained
    stale = World()
    old = stale.account("Long ago", "A")
    stale.contact_on(old, ago(40), "meeting_booked")
    stale.follow_up(old, ago(-5))
    assert not item(stale.queue(settings), "cooling", "Long ago").was_hot


def test_cold_accounts_cool_and_a_follow_up_in_time_is_not_cooling(settings: Settings) -> None:
    w = World()
    quiet = w.account("Quiet", "C")
    w.contact_on(quiet, ago(25), "reached")  # 40 + 20 = 60, minus 25 x 15/14: 33.2, below 40
    w.follow_up(quiet, ago(-3))
    recent = w.account("Recent", "C")
    w.contact_on(recent, ago(12), "reached")  # 60 - 12.9 = 47.1: below 40 in 7 days
    w.follow_up(recent, ago(-3))  # ... and the next call comes first
    queue = w.queue(settings)
    assert names(queue, "cooling") == ["Quiet"]
    assert item(queue, "cooling", "Quiet").reasons == (
        "cold: heat 33.2 is below 40",
        "last contact 25 days ago; class C cadence is 14 days",
    )


def test_never_contacted_accounts_are_not_cooling(settings: Settings) -> None:
    w = World()
    w.follow_up(w.account("New", "A"), ago(-1))
    assert names(w.queue(settings), "cooling") == []


FIFTH = "selling starts at the fifth rejection"
PAST = "past the fifth rejection: keep at it"


@pytest.mark.parametrize(
    ("rejections", "last_attempt", "attempt"),
    [
        # Turned down a fourth time: back a month later for attempt five, not in three months.
        (4, 30, f"attempt 5 - {FIFTH}"),
        (4, 29, None),
        (4, None, f"attempt 5 - {FIFTH}"),
        (0, 30, f"attempt 1 - {FIFTH}"),
        # Up to the fifth rejection the rhythm holds; past it, 15 days more per rejection.
        (5, 30, f"attempt 6 - {PAST}"),
        (6, 44, None),
        (6, 45, f"attempt 7 - {PAST}"),
        (7, 59, None),
        (7, 60, f"attempt 8 - {PAST}"),
        # However often turned down, never longer than the slowest cadence (90 days).
        (30, 89, None),
        (30, 90, f"attempt 31 - {PAST}"),
    ],
)
def test_dormant_revival(
    settings: Settings, rejections: int, last_attempt: int | None, attempt: str | None
) -> None:
    w = World()
    aid = w.account(
        "Sleeper",
        "D",
        "dormant",
        rejection_count=rejections,
        stop_reason="late delivery in 2024\nand a price rise",
    )
    if last_attempt is not None:
        w.contact_on(aid, ago(last_attempt), "rejected")
    queue = w.queue(settings)
    if attempt is None:
        assert names(queue, "dormant") == []
    else:
        when = (
            "never attempted" if last_attempt is None else f"last attempt {last_attempt} days ago"
        )
        assert item(queue, "dormant", "Sleeper").reasons == (
            attempt,
            f"dormant, {when}, {rejections} rejections",
            "stopped buying: late delivery in 2024",
        )
    assert names(queue, "no_next_step") == names(queue, "cooling") == []


def test_dormant_revival_in_chinese() -> None:
    settings = load_settings(None)
    zh = dataclasses.replace(settings, language="zh")
    w = World()
    aid = w.account("沉睡客户", "D", "dormant", rejection_count=4)
    w.contact_on(aid, ago(31), "rejected")
    reasons = item(w.queue(zh), "dormant", "沉睡客户").reasons
    assert reasons[0] == "第5次尝试——销售从第五次被拒绝开始"


def test_a_dormant_account_with_a_scheduled_attempt_waits_for_it(settings: Settings) -> None:
    w = World()
    aid = w.account("Sleeper", "D", "dormant", rejection_count=1)
    w.contact_on(aid, ago(200), "rejected")
    w.follow_up(aid, ago(-20))
    assert names(w.queue(settings), "dormant") == []


@pytest.mark.parametrize(
    ("dates", "predicted", "basis", "reason"),
    [
        (
            [dt.date(2025, 1, 10), dt.date(2026, 1, 12)],
            dt.date(2027, 1, 10),
            "month",
            "usually buys in January (2 of 2 purchases); contact from 2026-11-11",
        ),
        (
            [dt.date(2024, 1, 20), dt.date(2025, 1, 3), dt.date(2025, 6, 1), dt.date(2026, 1, 5)],
            dt.date(2027, 1, 5),
            "month",
            "usually buys in January (3 of 4 purchases); contact from 2026-11-06",
        ),
        (
            [dt.date(2026, 1, 10), dt.date(2026, 7, 10)],
            dt.date(2027, 1, 7),
            "interval",
            "buys about every 181 days; next expected 2027-01-07; contact from 2026-11-08",
        ),
    ],
)
def test_buying_season_prediction(
    dates: list[dt.date], predicted: dt.date, basis: str, reason: str
) -> None:
    season = predict_next_purchase(dates, TODAY, 60)
    assert season is not None
    assert (season.predicted, season.basis, season.reason) == (predicted, basis, reason)
    assert season.is_open(TODAY)


@pytest.mark.parametrize(
    "dates",
    [
        [dt.date(2026, 1, 10)],  # one purchase is no pattern
        [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)],  # monthly: no season
        [dt.date(2025, 1, 10), dt.date(2026, 1, 10), dt.date(2026, 11, 15)],  # bought early
    ],
)
def test_no_buying_season(dates: list[dt.date]) -> None:
    season = predict_next_purchase(dates, TODAY, 60)
    assert season is None or not season.is_open(TODAY)


def test_buying_season_section(settings: Settings) -> None:
    w = World()
    soon = w.account("January buyer")
    far = w.account("June buyer")
    w.purchases += [
        PurchaseRec(soon, dt.date(2025, 1, 10)),
        PurchaseRec(soon, dt.date(2026, 1, 12)),
        PurchaseRec(far, dt.date(2025, 6, 10)),
        PurchaseRec(far, dt.date(2026, 6, 12)),
    ]
    for aid in (soon, far):
        w.follow_up(aid, ago(-3))
    queue = w.queue(settings)
    season = "usually buys in January (2 of 2 purchases); contact from 2026-10-12"
    missed = (
        "buying season: contact overdue by 11 days (60 days before the purchase expected "
        "2027-01-10)"
    )
    # Nobody contacted since the season opened and the mark passed: overdue, said why,
    # and one row: the season rides along as a badge.
    assert names(queue, "buying_season") == []
    late = item(queue, "overdue", "January buyer")
    assert late.reasons == (missed, season)
    assert late.also == ("buying_season",)
    assert late.priority_explained[0] == "overdue 11 days: +33"
    assert names(queue, "today") == names(queue, "no_next_step") == []


JANUARY = [dt.date(2025, 1, 10), dt.date(2026, 1, 12)]  # predicted 2027-01-10


def _season_world(contacted: dt.date | None = None) -> World:
    w = World()
    aid = w.account("January buyer")
    w.purchases += [PurchaseRec(aid, d) for d in JANUARY]
    w.follow_up(aid, dt.date(2027, 3, 1))  # a step far ahead is no contact
    if contacted is not None:
        w.contact_on(aid, contacted)
    return w


@pytest.mark.parametrize(
    ("day", "section", "points"),
    [
        # The row shows about three months (90 days) before the usual purchase ...
        (dt.date(2026, 10, 11), None, None),
        (dt.date(2026, 10, 12), "buying_season", "purchase expected in 90 days: +0"),
        # ... rises as the two-month mark nears ...
        (dt.date(2026, 10, 27), "buying_season", "purchase expected in 75 days: +10"),
        (dt.date(2026, 11, 10), "buying_season", "purchase expected in 61 days: +19.3"),
        # ... is due on the mark, and overdue after it without a contact.
        (dt.date(2026, 11, 11), "today", "purchase expected in 60 days: +20"),
        (dt.date(2026, 11, 12), "overdue", "purchase expected in 59 days: +20"),
        (dt.date(2027, 1, 9), "overdue", "purchase expected in 1 day: +20"),
        # The predicted day: the season is over, so is its urgency.
        (dt.date(2027, 1, 10), None, None),
    ],
)
def test_buying_season_opens_early_and_turns_due_at_two_months(
    settings: Settings, day: dt.date, section: str | None, points: str | None
) -> None:
    queue = _season_world().queue(settings, today=day)
    found = [s.id for s in queue.sections if names(queue, s.id)]
    if section is None:
        assert found == []
        return
    assert found == [section]  # one row per account
    row = item(queue, section, "January buyer")
    if section == "buying_season":
        assert row.priority_explained[0] == points
        assert "reach them by 2026-11-11, 60 days before the purchase" in row.reasons
    else:
        assert row.also == ("buying_season",)


def test_the_season_mark_in_chinese(settings: Settings) -> None:
    zh = dataclasses.replace(settings, language="zh")
    queue = _season_world().queue(zh, today=dt.date(2026, 11, 12))
    reasons = item(queue, "overdue", "January buyer").reasons
    assert reasons[0] == "采购季联系逾期1天（预计2027-01-10采购，须提前60天联系上）"
    early = _season_world().queue(zh, today=dt.date(2026, 11, 1))
    row = item(early, "buying_season", "January buyer")
    assert "须在2026-11-11前联系上（采购前60天）" in row.reasons


@pytest.mark.parametrize(
    ("contacted", "overdue"),
    [
        (None, True),
        (dt.date(2026, 10, 1), True),  # before the season opened: not this season's contact
        (dt.date(2026, 10, 12), False),  # the day it opened
        (dt.date(2026, 11, 15), False),  # late, but made: the season is in hand
    ],
)
def test_a_contact_in_the_season_settles_the_mark(
    settings: Settings, contacted: dt.date | None, overdue: bool
) -> None:
    queue = _season_world(contacted).queue(settings, today=dt.date(2026, 11, 20))
    assert (names(queue, "overdue") == ["January buyer"]) is overdue
    rows = [i for sec in queue.sections for i in sec.items]
    assert len(rows) == 1  # one row per account; the season on it either way
    assert "buying_season" in (rows[0].section, *rows[0].also)


def test_priority_order_and_explanation(settings: Settings) -> None:
    w = World()
    # Class D ten days overdue: 30 + 10 + steady 5 = 45.
    w.follow_up(w.account("D late", "D"), ago(10))
    # Class A one day overdue: 3 + 40 + 5 = 48.
    w.follow_up(w.account("A late", "A"), ago(1))
    # Class B one day overdue with a big deal closing in 5 days: 3 + 30 + 5 + 20 + 25 = 83.
    deal_acc = w.account("B deal", "B")
    w.follow_up(deal_acc, ago(1))
    w.deal(deal_acc, "Plant rollout", 990_000, ago(-5))
    # Unjudged, one day overdue, falling: 3 + 15 + 15 = 33.
    falling = w.account("Unjudged", None)
    w.contact_on(falling, ago(10), "reached")
    w.follow_up(falling, ago(1))
    queue = w.queue(settings)
    assert names(queue, "overdue") == ["B deal", "A late", "D late", "Unjudged"]
    assert [i.priority for i in queue.section("overdue").items] == [83.0, 48.0, 45.0, 33.0]
    assert item(queue, "overdue", "B deal").priority_explained == (
        "overdue 1 day: +3",
        "class B: +30",
        "heat steady (50 -> 50): +5",
        "open deal 990,000 (Plant rollout): +20",
        "deal completes in 5 days (Plant rollout): +25",
    )
    assert item(queue, "overdue", "Unjudged").priority_explained == (
        "overdue 1 day: +3",
        "unjudged: +15",
        "heat falling (56.8 -> 49.3): +15",
    )


def test_ties_sort_by_name(settings: Settings) -> None:
    w = World()
    for name in ("beta", "Alpha", "gamma"):
        w.follow_up(w.account(name, "C"), TODAY)
    assert names(w.queue(settings), "today") == ["Alpha", "beta", "gamma"]


def test_contact_and_last_contact(settings: Settings) -> None:
    w = World()
    aid = w.account("Acme")
    boss = w.person(aid, "Boss", level=5)
    buyer = w.person(aid, "Buyer", level=2)
    w.person(aid, "Assistant", level=1)
    w.contact_on(
        aid,
        ago(4),
        "voicemail",
        contact_id=buyer,
        notes="Left a message about the new price list.\nSecond line.",
    )
    w.follow_up(aid, TODAY)
    row = item(w.queue(settings), "today", "Acme")
    assert (row.contact_id, row.contact_name) == (buyer, "Buyer")  # last contacted
    assert row.last_contact is not None
    assert (row.last_contact.days_ago, row.last_contact.outcome, row.last_contact.notes) == (
        4,
        "voicemail",
        "Left a message about the new price list.",
    )
    w.follow_ups[0] = FollowUpRec(1, aid, TODAY, "ask the boss", contact_id=boss)
    assert item(w.queue(settings), "today", "Acme").contact_name == "Boss"
    w2 = World()
    other = w2.account("Other")
    w2.person(other, "Low", level=1)
    w2.person(other, "High", level=4)
    w2.follow_up(other, TODAY)
    assert item(w2.queue(settings), "today", "Other").contact_name == "High"  # most involved


@pytest.mark.parametrize(
    ("zone", "start", "end", "now", "expected"),
    [
        ("Asia/Shanghai", "09:00", "18:00", dt.datetime(2026, 11, 22, 3, 0), True),  # 11:00
        ("Asia/Shanghai", "09:00", "18:00", dt.datetime(2026, 11, 22, 10, 0), False),  # 18:00
        ("Asia/Shanghai", "09:00", "18:00", dt.datetime(2026, 11, 22, 1, 0), True),  # 09:00
        ("America/New_York", "09:00", "17:00", dt.datetime(2026, 11, 22, 15, 0), True),  # 10:00 EST
        (
            "America/New_York",
            "09:00",
            "17:00",
            dt.datetime(2026, 7, 22, 21, 30),
            False,
        ),  # 17:30 EDT
        (
            "America/New_York",
            "09:00",
            "17:00",
            dt.datetime(2026, 11, 22, 15, 0, tzinfo=dt.UTC),
            True,
        ),
        ("Europe/Berlin", "22:00", "02:00", dt.datetime(2026, 11, 22, 23, 30), True),  # 00:30
        ("Europe/Berlin", "22:00", "02:00", dt.datetime(2026, 11, 22, 12, 0), False),
        ("", "09:00", "18:00", dt.datetime(2026, 11, 22, 3, 0), None),
        ("Mars/Olympus", "09:00", "18:00", dt.datetime(2026, 11, 22, 3, 0), None),
        ("Asia/Shanghai", "", "", dt.datetime(2026, 11, 22, 3, 0), None),
        ("Asia/Shanghai", "9am", "18:00", dt.datetime(2026, 11, 22, 3, 0), None),
        ("Asia/Shanghai", "09:00", "18:00", None, None),
    ],
)
def test_callable_now(
    zone: str, start: str, end: str, now: dt.datetime | None, expected: bool | None
) -> None:
    contact = ContactRec(1, 1, "Li", zone, start, end)
    assert callable_now(contact, now) is expected


def test_work_through_walks_each_account_once_callable_first(settings: Settings) -> None:
    w = World()
    night = w.account("Night owl", "A")  # overdue, but outside the window now
    w.person(
        night, "Owl", time_zone="Asia/Shanghai", call_window_start="20:00", call_window_end="22:00"
    )
    w.follow_up(night, ago(5))
    day = w.account("Day worker", "D")
    w.person(
        day, "Lark", time_zone="Asia/Shanghai", call_window_start="09:00", call_window_end="18:00"
    )
    w.follow_up(day, TODAY)
    unknown = w.account("Unknown", "C")  # no contact: not known to be outside
    w.contact_on(unknown, ago(30))
    # On their weekend (the 22nd is a Sunday) nobody is inside their hours.
    sunday = w.queue(settings, now_utc=dt.datetime(2026, 11, 22, 3, 0))
    assert item(sunday, "today", "Day worker").callable_now is False
    # A Friday at the same hour: the day worker is, the night owl is not.
    queue = w.queue(settings, now_utc=dt.datetime(2026, 11, 20, 3, 0))
    assert item(queue, "overdue", "Night owl").callable_now is False
    assert item(queue, "today", "Day worker").callable_now is True
    unknown_row = item(queue, "no_next_step", "Unknown")
    assert unknown_row.callable_now is None
    # Cold too, but one row per account: Cooling rides along as a badge.
    assert names(queue, "cooling") == [] and unknown_row.also == ("cooling",)
    rows = order_for_work_through(queue)
    assert [(r.account_name, r.section) for r in rows] == [
        ("Day worker", "today"),
        ("Unknown", "no_next_step"),
        ("Night owl", "overdue"),
    ]
    assert all(i.callable_now is None for s in w.queue(settings).sections for i in s.items)


def test_input_order_and_grouping_do_not_matter(settings: Settings) -> None:
    w = World()
    for n, quadrant in enumerate(("A", "B", "C", "D", None)):
        aid = w.account(f"acc{n}", quadrant)
        for k, outcome in enumerate(("meeting_booked", "rejected", None, "reached")):
            w.contact_on(aid, ago(3 * k + n), outcome)
        w.follow_up(aid, ago(n - 2))
    flat = w.queue(settings)
    shuffled = build_queue(
        TODAY,
        settings,
        w.accounts,
        w.contacts,
        w.follow_ups,
        list(reversed(w.activities)),
        w.deals,
        w.purchases,
        w.best_actions,
    )
    grouped: dict[int, list[ActivityRec]] = {}
    for a in w.activities:
        grouped.setdefault(a.account_id, []).append(a)
    pre = build_queue(
        TODAY,
        settings,
        w.accounts,
        w.contacts,
        w.follow_ups,
        grouped,
        w.deals,
        w.purchases,
        w.best_actions,
    )
    assert queue_to_dict(flat) == queue_to_dict(shuffled) == queue_to_dict(pre)


def test_a_past_date_ignores_later_activities(settings: Settings) -> None:
    w = World()
    aid = w.account("Acme", "C")
    w.contact_on(aid, ago(30), "won")
    w.contact_on(aid, ago(2), "meeting_booked")
    w.follow_up(aid, ago(-5))
    then = w.queue(settings, today=ago(10))
    row = item(then, "cooling", "Acme")
    assert row.last_contact is not None and row.last_contact.days_ago == 20
    assert row.heat == 43.6  # 40 + 25 = 65, minus 20 days at 15/14


def test_each_account_once_per_section(settings: Settings) -> None:
    w = World()
    for n in range(30):
        aid = w.account(
            f"a{n}",
            "ABCD"[n % 4] if n % 5 else None,
            ("existing", "target", "dormant")[n % 3],
            rejection_count=n % 6,
        )
        for k in range(n % 4):
            w.contact_on(aid, ago(7 * k + n), ("reached", "won", "rejected", None)[k])
            w.follow_up(aid, ago(k * 3 - 4))
        if n % 7 == 0:
            w.deal(aid, f"d{n}", 10_000 * n, ago(-n))
        w.purchases += [
            PurchaseRec(aid, dt.date(2025, 1 + n % 12, 10)),
            PurchaseRec(aid, dt.date(2026, 1 + n % 12, 12)),
        ]
    queue = w.queue(settings)
    for section in queue.sections:
        ids = [i.account_id for i in section.items]
        assert len(ids) == len(set(ids))
    due = [i.account_id for s in ("overdue", "today") for i in queue.section(s).items]
    assert len(due) == len(set(due))


def test_queue_to_dict_is_the_documented_json(settings: Settings) -> None:
    w = World()
    aid = w.account("Acme", "A")
    cid = w.person(
        aid, "Li", time_zone="Asia/Shanghai", call_window_start="09:00", call_window_end="18:00"
    )
    w.contact_on(aid, ago(12), "reached", contact_id=cid, notes="Asked for a quote")
    fid = w.follow_up(aid, ago(3), "send the quote", contact_id=cid)
    queue = w.queue(settings, now_utc=dt.datetime(2026, 11, 20, 3))  # a Friday: in hours
    data = json.loads(json.dumps(queue_to_dict(queue)))
    assert data["date"] == "2026-11-22"
    assert data["counts"] == {
        "overdue": 1,
        "today": 0,
        "no_next_step": 0,
        "cooling": 0,  # cold too, but one row per account: a badge on the overdue row
        "dormant": 0,
        "buying_season": 0,
    }
    assert [s["id"] for s in data["sections"]] == list(SECTIONS)
    overdue = data["sections"][0]
    assert (overdue["title"], overdue["count"]) == ("Overdue", 1)
    assert overdue["items"][0] == {
        "account": {"id": aid, "name": "Acme"},
        "contact": {"id": cid, "name": "Li"},
        "class": "A",
        "heat": 40.0,
        "heat_trend": "falling",
        "also": ["cooling"],
        "follow_up": {"id": fid, "purpose": "send the quote", "due": "2026-11-19"},
        "best_action": None,
        "last_contact": {
            "date": "2026-11-10",
            "days_ago": 12,
            "kind": "call",
            "outcome": "reached",
            "notes": "Asked for a quote",
        },
        "reasons": [
            "overdue by 3 days",
            "cold: heat 40 is below 60",
            "last contact 12 days ago; class A cadence is 3 days",
        ],
        "priority": 64.0,
        "priority_explained": [
            "overdue 3 days: +9",
            "class A: +40",
            "heat falling (61 -> 40): +15",
        ],
        "callable_now": True,
    }


def test_plan_by_day_and_by_week(settings: Settings) -> None:
    w = World()
    acme = w.account("Acme")
    w.follow_up(acme, TODAY, "today's call")
    w.follow_up(acme, ago(-1), "Monday")
    w.follow_up(acme, ago(-6), "Saturday")
    w.follow_up(acme, ago(-7), "next Sunday: beyond a week")
    w.follow_up(acme, ago(2), "overdue")
    w.follow_up(acme, ago(-3), "done", done=True)
    w.follow_up(w.account("Gone", archived=True), ago(-1))
    deal = w.deal(acme, "Rollout")
    w.best_actions.append(BestActionRec(1, deal, "Li", "book the site visit", ago(-2)))
    week = plan(TODAY, "week", w.accounts, w.follow_ups, best_actions=w.best_actions, deals=w.deals)
    assert [b.label for b in week.buckets][:2] == ["Sun 2026-11-22", "Mon 2026-11-23"]
    assert len(week.buckets) == 7 and week.end == ago(-6)
    assert [[e.text for e in b.entries] for b in week.buckets] == [
        ["today's call"],
        ["Monday"],
        ["Li: book the site visit"],
        [],
        [],
        [],
        ["Saturday"],
    ]
    assert [e.text for e in week.overdue] == ["overdue"]
    assert week.overdue_accounts == 1
    assert week.total == 4
    month = plan(TODAY, "month", w.accounts, w.follow_ups)
    assert month.end == dt.date(2026, 12, 21)
    assert [b.label for b in month.buckets][:2] == [
        "W47 2026-11-22..2026-11-22",
        "W48 2026-11-23..2026-11-29",
    ]
    assert [len(b.entries) for b in month.buckets[:2]] == [1, 3]
    quarter = plan(TODAY, "quarter", w.accounts, w.follow_ups)
    assert quarter.end == dt.date(2027, 2, 21) and len(quarter.buckets) == 14
    with pytest.raises(ValueError, match="unknown horizon"):
        plan(TODAY, "year", w.accounts, w.follow_ups)


def test_a_follow_up_due_today_beside_a_late_best_action_says_both(settings: Settings) -> None:
    w = World()
    acme = w.account("Acme")
    w.follow_up(acme, ago(0))
    deal = w.deal(acme, "Gateway upgrade")
    w.best_actions.append(BestActionRec(1, deal, "Li Wei", "send the ROI sheet", ago(2)))
    row = item(w.queue(settings), "overdue", "Acme")  # the later of the two sets the section
    # The most overdue first: it is what makes the row overdue (QA: "due today" led).
    assert row.reasons[:2] == (
        "best action overdue by 2 days: Li Wei: send the ROI sheet (Gateway upgrade)",
        "due today",
    )


def test_the_plan_counts_overdue_accounts_as_the_queue_does(settings: Settings) -> None:
    # Issue 13: the week plan said "Overdue (9)" while the queue said 7: it counted
    # steps, and an account with a late follow-up and a late best action is one row.
    w = World()
    acme = w.account("Acme")
    w.follow_up(acme, ago(2), "late call")
    deal = w.deal(acme, "Rollout")
    w.best_actions.append(BestActionRec(1, deal, "Li", "send the plan", ago(3)))
    w.follow_up(w.account("Beta"), ago(1), "late too")
    week = plan(TODAY, "week", w.accounts, w.follow_ups, best_actions=w.best_actions, deals=w.deals)
    assert len(week.overdue) == 3
    assert week.overdue_accounts == len(w.queue(settings).section("overdue").items) == 2


def test_a_missed_season_mark_is_an_overdue_plan_step_too(settings: Settings) -> None:
    # The queue puts a buying season nobody reached by its two-month mark in
    # Overdue; the week plan lists it there as well, so both count it.
    w = _season_world()
    day = dt.date(2026, 11, 20)
    queue = w.queue(settings, today=day)
    row = item(queue, "overdue", "January buyer")
    assert row.season_mark == dt.date(2026, 11, 11)
    marks = [(row.account_id, row.season_mark, "reach them before their buying season")]
    week = plan(day, "week", w.accounts, [], season_marks=marks)
    assert [(e.kind, e.due) for e in week.overdue] == [("season", dt.date(2026, 11, 11))]
    assert week.overdue_accounts == len(queue.section("overdue").items) == 1


def test_a_dormant_account_with_a_step_due_still_says_its_attempt(settings: Settings) -> None:
    # QA: a dormant account with a follow-up due showed only "due today".
    w = World()
    aid = w.account("Woodgrove", relationship="dormant", rejection_count=2)
    w.follow_up(aid, TODAY)
    row = item(w.queue(settings), "today", "Woodgrove")
    assert row.reasons == ("due today", "attempt 3 - selling starts at the fifth rejection")


def test_a_season_rises_in_priority_up_to_its_mark_and_keeps_rising_after(
    settings: Settings,
) -> None:
    # QA: 42.3 the day before the two-month mark, 25.0 on it: the season's points were
    # dropped as the row turned due. A due mark keeps them, and lateness adds more.
    w = _season_world()
    shown = []
    for day in (dt.date(2026, 11, 1), dt.date(2026, 11, 10), dt.date(2026, 11, 11)):
        queue = w.queue(settings, today=day)
        (row,) = [i for s in queue.sections for i in s.items]
        shown.append(row.priority)
    later = [i for s in w.queue(settings, today=dt.date(2026, 11, 20)).sections for i in s.items]
    shown.append(later[0].priority)
    assert shown == sorted(shown) and len(set(shown)) == len(shown), shown
