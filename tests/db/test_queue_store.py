"""The queue placed from stored states equals the queue built from every record.

`fast_queue` (the screen's and `followup due`'s) reads one state per account;
`queue_and_inputs` replays every history. They must agree on every section,
row, priority, order and word: on many days, after every kind of write
(whichever code path made it), under other settings, and when a contact is
dated after the day asked.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
)
from followup_tui.core.queue.account_states import QUEUE_FIELDS, account_states, queue_keys
from followup_tui.core.queue.queue_builder import build_queue
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db import follow_ups as writes
from followup_tui.db.accounts import save_account, set_archived
from followup_tui.db.database import close_database, open_database, schema_version
from followup_tui.db.migrations import SCHEMA_VERSION
from followup_tui.db.models import (
    Account,
    Activity,
    BestAction,
    Deal,
    FollowUp,
    Purchase,
    db,
)
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.db.queue_store import STATE_TABLE, fast_queue, refresh_accounts, states_ready
from tests.db.test_queue_refresh import _open_follow_up
from tests.support import TODAY


def reference(day: dt.date, settings: Settings) -> dict:
    return queue_to_dict(queue_and_inputs(day, settings)[1])


def placed(day: dt.date, settings: Settings) -> dict:
    return queue_to_dict(fast_queue(day, settings))


def dirty() -> int:
    return db.execute_sql("SELECT count(*) FROM queue_dirty").fetchone()[0]


def test_every_day_for_four_months_matches_the_full_build(settings, demo_db) -> None:
    queued = 0
    for offset in range(-6, 120):
        day = TODAY + dt.timedelta(days=offset)
        mine = placed(day, settings)
        assert mine == reference(day, settings), day
        queued += sum(mine["counts"].values())
    assert queued > 500, "the demo queues accounts on these days"
    # Asked again in reverse: states written for later days still answer earlier ones.
    for offset in (90, 30, 0):
        day = TODAY + dt.timedelta(days=offset)
        assert placed(day, settings) == reference(day, settings), day


def _log(account_id: int, settings: Settings) -> None:
    writes.log_contact(
        writes.ContactLog(
            account_id=account_id,
            outcome="rejected",
            notes="暂不考虑",
            follow_up_id=_open_follow_up(account_id),
            next_due=TODAY + dt.timedelta(days=2),
            next_purpose="再约",
        ),
        settings,
        at=dt.datetime(2026, 11, 22, 3, 0),
    )


def _snooze(account_id: int, settings: Settings) -> None:
    fu = _open_follow_up(account_id)
    if fu is None:
        writes.schedule(account_id, TODAY - dt.timedelta(days=4), "补上")
    else:
        writes.snooze(fu, TODAY + dt.timedelta(days=40))


def _reclassify(account_id: int, settings: Settings) -> None:
    account = Account.get_by_id(account_id)
    save_account({"need": "weak" if account.need == "strong" else "strong"}, account_id)


def _go_dormant(account_id: int, settings: Settings) -> None:
    Account.update(relationship="dormant").where(Account.id == account_id).execute()
    FollowUp.update(done=True).where(FollowUp.account == account_id).execute()


def _archive(account_id: int, settings: Settings) -> None:
    set_archived(account_id, True)


def _rename(account_id: int, settings: Settings) -> None:
    Account.update(name=f"阿尔法 Alpha {account_id}").where(Account.id == account_id).execute()


def _new_deal(account_id: int, settings: Settings) -> None:
    deal = Deal.create(
        account=account_id,
        title="扩容",
        amount=Decimal("880000"),
        completion_date=TODAY + dt.timedelta(days=5),
    )
    BestAction.create(deal=deal, who="我", what="报价", due=TODAY - dt.timedelta(days=3))


def _close_deals(account_id: int, settings: Settings) -> None:
    Deal.update(outcome="won").where(Deal.account == account_id).execute()


def _purchases(account_id: int, settings: Settings) -> None:
    for year in (2023, 2024, 2025):
        Purchase.create(account=account_id, purchased_on=dt.date(year, 12, 20), amount=1000)


def _raw_sql(account_id: int, settings: Settings) -> None:
    # Written behind the app's back (another tool, an old version): the triggers see it.
    db.execute_sql("DELETE FROM follow_up WHERE account_id = ?", (account_id,))
    db.execute_sql("DELETE FROM activity WHERE account_id = ?", (account_id,))


def _delete(account_id: int, settings: Settings) -> None:
    Account.delete_by_id(account_id)


def _undone(account_id: int, settings: Settings) -> None:
    # Renamed, reclassified and archived, then all of it undone (db/undo.py).
    from followup_tui.db import undo as edits

    account = Account.get_by_id(account_id)
    flipped = "low" if account.willingness == "high" else "high"
    steps = [
        edits.edit_account({"name": "改名", "willingness": flipped}, account_id),
        edits.archive(account_id, True),
    ]
    for step in reversed(steps):
        assert step is not None
        edits.undo(step)


WRITES: dict[str, Callable[[int, Settings], None]] = {
    "log a rejection": _log,
    "snooze or schedule": _snooze,
    "change class": _reclassify,
    "go dormant": _go_dormant,
    "archive": _archive,
    "rename": _rename,
    "a new deal with a late best action": _new_deal,
    "close its deals": _close_deals,
    "buying every December": _purchases,
    "raw SQL": _raw_sql,
    "delete the account": _delete,
    "edits undone": _undone,
}


@pytest.mark.parametrize("write", WRITES)
def test_after_each_kind_of_write_the_states_answer_right(settings, demo_db, write) -> None:
    queue = fast_queue(TODAY, settings)
    assert dirty() == 0
    touched = list(dict.fromkeys(s.items[0].account_id for s in queue.sections if s.items))
    assert len(touched) >= 3
    for account_id in touched:
        WRITES[write](account_id, settings)
    assert dirty() > 0, "the write was noticed"
    for day in (TODAY, TODAY + dt.timedelta(days=9), TODAY + dt.timedelta(days=45)):
        assert placed(day, settings) == reference(day, settings), day
    assert dirty() == 0


def test_the_screen_refresh_after_a_write_equals_a_full_build(settings, demo_db) -> None:
    queue = fast_queue(TODAY, settings)  # nothing read yet: rows are made lazily
    account_id = next(s.items[0].account_id for s in queue.sections if s.items)
    _log(account_id, settings)
    queue = refresh_accounts(queue, [account_id], settings)
    assert queue_to_dict(queue) == reference(TODAY, settings)


def test_other_settings_rewrite_every_state(tmp_path, settings, demo_db, monkeypatch) -> None:
    from followup_tui.db import queue_store as queue_state

    assert placed(TODAY, settings) == reference(TODAY, settings)
    config = tmp_path / "strict.yaml"
    config.write_text(
        "heat:\n  cooling_window_days: 12\n  cadence_loss:\n    B: 21.0\n"
        "dormant:\n  revival_days: 20\n  slow_step_days: 5\n"
        "buying_season:\n  lead_days: 30\n  must_reach_days: 20\n",
        encoding="utf-8",
    )
    strict = load_settings(config)
    monkeypatch.setattr(queue_state, "QUICK_REWRITE", 0)
    assert states_ready(settings) and not states_ready(strict), "every state is stale"
    assert placed(TODAY, strict) == reference(TODAY, strict)
    assert states_ready(strict) and not states_ready(settings)
    assert placed(TODAY, settings) == reference(TODAY, settings)


def test_a_contact_dated_after_the_day_asked(settings, demo_db) -> None:
    account = Account.get(Account.name == "华为技术")
    Activity.create(
        account=account,
        occurred_at=dt.datetime(2026, 12, 10, 2, 0),
        kind="meeting",
        outcome="meeting_booked",
    )
    for day in (TODAY, dt.date(2026, 12, 9), dt.date(2026, 12, 10), dt.date(2026, 12, 30)):
        assert placed(day, settings) == reference(day, settings), day


def test_rows_are_made_only_when_read(settings, demo_db, monkeypatch) -> None:
    from followup_tui.db import queue_store as queue_state

    built: list[list[int]] = []
    slow = queue_state._slow

    def counting(today, settings, now_utc, account_ids):  # type: ignore[no-untyped-def]
        built.append(list(account_ids or []))
        return slow(today, settings, now_utc, account_ids)

    monkeypatch.setattr(queue_state, "_slow", counting)
    queue = fast_queue(TODAY, settings)
    assert built == [], "placing the queue builds no row"
    cooling = queue.section("cooling").items
    assert len(cooling) > 1
    first = cooling[0]
    assert built and first.account_id in built[0]
    assert first.reasons, "a row read has its words"


def test_a_new_file_and_a_v5_file_both_track_writes(tmp_path: Path, settings) -> None:
    path = tmp_path / "v5.db"
    open_database(path)
    Account.create(name="Apex", relationship="existing")
    close_database()
    con = sqlite3.connect(path)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute(f"DROP TABLE {STATE_TABLE}")
    con.execute("DROP TABLE queue_dirty")
    con.execute("ALTER TABLE account DROP COLUMN name_forms")  # schema 9
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor")  # schema 8
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor_on")
    con.execute("DROP INDEX follow_up_account_id_done")
    con.execute("DROP INDEX deal_account_id_outcome")
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()
    assert open_database(path) is not None  # backed up, then migrated
    try:
        assert schema_version() == SCHEMA_VERSION
        # An account's open steps are found by account, not among every open one.
        plan = db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM follow_up WHERE account_id = 1 AND done = 0"
        ).fetchall()
        assert "follow_up_account_id_done" in str(plan)
        plan = db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM deal WHERE outcome = 'open' AND account_id = 1"
        ).fetchall()
        assert "deal_account_id_outcome" in str(plan)
        assert placed(TODAY, settings)["counts"]["no_next_step"] == 1
        writes.schedule(Account.get().id, TODAY, "first call")
        assert placed(TODAY, settings)["counts"] == reference(TODAY, settings)["counts"]
        assert placed(TODAY, settings)["counts"]["today"] == 1
    finally:
        close_database()


def test_a_read_only_file_still_gives_its_queue(settings, demo_db) -> None:
    expected = reference(TODAY, settings)
    close_database()
    uri = f"file:{demo_db}?mode=ro"
    db.init(uri, uri=True)
    db.connect()
    try:
        assert placed(TODAY, settings) == expected
    finally:
        close_database()


# -- the pure functions, on generated books -----------------------------------------

DAY0 = dt.date(2026, 6, 1)
days = st.integers(min_value=0, max_value=200).map(lambda n: DAY0 + dt.timedelta(days=n))
outcomes = st.sampled_from(
    [None, "reached", "no_answer", "voicemail", "rejected", "meeting_booked", "won", "lost"]
)


@st.composite
def books(draw: st.DrawFn) -> dict:
    n = draw(st.integers(min_value=1, max_value=8))
    accounts, activities, follow_ups, deals, actions, purchases = [], {}, [], [], [], []
    for aid in range(1, n + 1):
        accounts.append(
            AccountRec(
                aid,
                draw(st.sampled_from(["Apex", "apex", "华为", "Zeta", "安徽"])),
                draw(st.sampled_from([None, "A", "B", "C", "D"])),
                draw(st.sampled_from(["existing", "target", "dormant"])),
                rejection_count=draw(st.integers(0, 12)),  # past the slowing of revival
                archived=draw(st.booleans()) and draw(st.booleans()),
                # An import's kept heat (issue 13): the replay goes on from it.
                heat_anchor=draw(
                    st.one_of(
                        st.none(),
                        st.tuples(days, st.floats(0, 100)),
                        st.tuples(days, st.floats(0, 100), st.integers(0, 900)),
                    )
                ),
            )
        )
        contacts = sorted(draw(st.lists(days, max_size=12)))
        activities[aid] = [
            ActivityRec(aid * 100 + k, aid, d, "call", draw(outcomes))
            for k, d in enumerate(contacts)
        ]
        for k in range(draw(st.integers(0, 2))):
            follow_ups.append(FollowUpRec(aid * 10 + k, aid, draw(days), "call", False))
        if draw(st.booleans()):
            amount = draw(st.one_of(st.none(), st.integers(0, 2_000_000).map(Decimal)))
            deals.append(DealRec(aid, aid, "deal", amount, draw(st.one_of(st.none(), days))))
            if draw(st.booleans()):
                actions.append(BestActionRec(aid, aid, "我", "报价", draw(days), False))
        for d in draw(st.lists(days, max_size=3)):
            # The same month in earlier years (a usual month), or a long regular gap.
            for back in draw(st.sampled_from([(365, 730), (90, 180, 270), (400,), (1,)])):
                purchases.append(PurchaseRec(aid, d - dt.timedelta(days=back), None))
    return {
        "accounts": accounts,
        "activities": activities,
        "follow_ups": follow_ups,
        "deals": deals,
        "best_actions": actions,
        "purchases": purchases,
    }


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=books(), written=days, aheads=st.lists(st.integers(0, 150), min_size=1, max_size=8))
def test_states_place_generated_books_as_the_rules_do(book: dict, written, aheads) -> None:
    settings = load_settings(None)
    states = account_states(
        book["accounts"],
        book["activities"],
        book["follow_ups"],
        book["deals"],
        book["best_actions"],
        book["purchases"],
        settings,
        written,
    )
    for ahead in aheads:
        day = written + dt.timedelta(days=ahead)
        t = day.toordinal()
        valid = [
            s for s in states if s.valid_from <= t and (s.valid_until is None or t < s.valid_until)
        ]
        keep = {s.account_id for s in valid}
        mine = queue_keys([s[:QUEUE_FIELDS] for s in valid], day, settings)
        full = build_queue(
            day,
            settings,
            [a for a in book["accounts"] if a.id in keep],
            [],
            book["follow_ups"],
            book["activities"],
            book["deals"],
            book["purchases"],
            book["best_actions"],
        )
        for section in full.sections:
            theirs = [(i.account_id, i.priority) for i in section.items]
            assert [(k[3], -k[1]) for k in mine[section.id]] == theirs, section.id


def test_every_boundary_day_of_a_small_book() -> None:
    """Cooling, revival, seasons, deal clocks and dues change on exact days: try them all."""
    settings = load_settings(None)
    written = DAY0 + dt.timedelta(days=3)

    def on(n: int) -> dt.date:
        return DAY0 + dt.timedelta(days=n)

    accounts = [
        AccountRec(1, "Apex", "A", "existing"),
        AccountRec(2, "北方重工", None, "dormant", rejection_count=2),
        AccountRec(3, "Zeta", "C", "target"),
        AccountRec(4, "安徽精工", "B", "existing"),
        AccountRec(5, "apex", "D", "dormant"),
        AccountRec(6, "Omega", "C", "dormant", rejection_count=7),  # revival slowed to 60 days
    ]
    activities = {
        1: [ActivityRec(1, 1, on(0), "call", "meeting_booked"), ActivityRec(2, 1, on(3), "call")],
        2: [ActivityRec(3, 2, on(-20), "call", "rejected")],
        4: [ActivityRec(4, 4, on(-2), "visit", "won"), ActivityRec(5, 4, on(-2), "call", "lost")],
        5: [ActivityRec(6, 5, on(1), "call", "reached")],
        6: [ActivityRec(7, 6, on(2), "call", "rejected")],
    }
    follow_ups = [FollowUpRec(1, 5, on(10), "call", False)]
    deals = [DealRec(5, 5, "扩容", Decimal("250000"), on(20))]
    actions = [BestActionRec(1, 5, "我", "报价", on(5), False)]
    purchases = [
        PurchaseRec(3, on(-130), None),  # every 90 days: next about on(50)
        PurchaseRec(3, on(-40), None),
        PurchaseRec(4, on(40 - 365), None),  # every year about on(40)
        PurchaseRec(4, on(40 - 730), None),
    ]
    states = account_states(
        accounts, activities, follow_ups, deals, actions, purchases, settings, written
    )
    compared = 0
    for n in range(3, 420):
        day = on(n)
        t = day.toordinal()
        valid = [
            s for s in states if s.valid_from <= t and (s.valid_until is None or t < s.valid_until)
        ]
        keep = {s.account_id for s in valid}
        mine = queue_keys([s[:QUEUE_FIELDS] for s in valid], day, settings)
        full = build_queue(
            day, settings, [a for a in accounts if a.id in keep], [], follow_ups, activities,
            deals, purchases, actions,
        )  # fmt: skip
        for section in full.sections:
            theirs = [(i.account_id, i.priority) for i in section.items]
            assert [(k[3], -k[1]) for k in mine[section.id]] == theirs, (day, section.id)
            compared += len(theirs)
    assert compared > 800


def test_work_through_makes_rows_as_it_walks(settings, demo_db, monkeypatch) -> None:
    from followup_tui.core.queue import queue_items
    from followup_tui.core.queue.queue_items import order_for_work_through

    monkeypatch.setattr(queue_items, "LOAD_CHUNK", 2)
    # A Friday (on a Sunday, their weekend, all would be): 21:30 in Shanghai, many are outside.
    now = dt.datetime(2026, 11, 20, 13, 30)
    queue = fast_queue(TODAY, settings, now_utc=now)
    walk = order_for_work_through(queue)
    rows = sum(len(s.items) for s in queue.sections)
    assert walk[0].callable_now is not False
    assert len(queue.sections[0].items.items) < rows / 2, "one call needs few rows made"
    # Walked to the end, it is the order a stable sort of every row gives.
    every = []
    seen: set[int] = set()
    for section in queue_and_inputs(TODAY, settings, now_utc=now)[1].sections:
        for item in section.items:
            if item.account_id not in seen:
                seen.add(item.account_id)
                every.append(item)
    expected = sorted(every, key=lambda i: i.callable_now is False)
    assert expected[0].callable_now is not False and expected[-1].callable_now is False
    assert [(i.account_id, i.section) for i in walk] == [
        (i.account_id, i.section) for i in expected
    ]
    assert len(walk) == len(expected)


def test_a_row_written_to_elsewhere_keeps_its_place_named(settings, demo_db) -> None:
    queue = fast_queue(TODAY, settings)
    rows = queue.section("overdue").items
    key = rows.keys[0]
    account_id = key[3]
    name = Account.get_by_id(account_id).name
    # Another window closes every step of that account before this one draws the row.
    FollowUp.update(done=True).where(FollowUp.account == account_id).execute()
    BestAction.update(done=True).where(
        BestAction.deal.in_(Deal.select(Deal.id).where(Deal.account == account_id))
    ).execute()
    item = rows[0]
    assert (item.account_id, item.account_name, item.section) == (account_id, name, "overdue")
    assert item.priority == -key[1]
    assert item.stale and item.reasons == (settings.word("queue_row_changed"),)
    # Read again, the queue has it right.
    assert placed(TODAY, settings) == reference(TODAY, settings)
    assert account_id not in {
        k[3] for k in fast_queue(TODAY, settings).section("overdue").items.keys
    }


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Shanghai", "Europe/London"])
def test_read_in_another_time_zone(settings, demo_db, monkeypatch, zone: str) -> None:
    """Days come from the local zone: what was stored in one is not trusted in another."""
    import time

    from followup_tui.db.queue_data import load_queue_inputs

    assert placed(TODAY, settings) == reference(TODAY, settings)  # stored under UTC
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        whole = load_queue_inputs(until=TODAY)  # every history replayed in this zone
        full = queue_to_dict(
            build_queue(
                TODAY, settings, whole.accounts, whole.contacts, whole.follow_ups,
                whole.activities, whole.deals, whole.purchases, whole.best_actions,
            )
        )  # fmt: skip
        assert placed(TODAY, settings) == full
        assert reference(TODAY, settings) == full
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_rewriting_everything_a_few_accounts_at_a_time(
    tmp_path, settings, demo_db, monkeypatch
) -> None:
    """A large book is replayed and rewritten in chunks; the result is the same."""
    from followup_tui.db import heat_cache
    from followup_tui.db import queue_store as queue_state
    from followup_tui.db.heat_cache import ensure_heat_current

    monkeypatch.setattr(heat_cache, "REPLAY_CHUNK", 7)
    monkeypatch.setattr(queue_state, "REWRITE_CHUNK", 7)
    config = tmp_path / "other.yaml"
    config.write_text("heat:\n  cadence_loss:\n    A: 7.5\n", encoding="utf-8")
    other = load_settings(config)
    before = {a.id: a.heat for a in Account.select()}
    assert ensure_heat_current(other)  # every account replayed, seven at a time
    assert {a.id: a.heat for a in Account.select()} != before
    assert placed(TODAY, other) == reference(TODAY, other)
    assert db.execute_sql(f"SELECT count(*) FROM {STATE_TABLE}").fetchone()[0] == (
        Account.select().where(Account.archived == False).count()  # noqa: E712
    )


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=books(), written=days, later=st.integers(1, 400))
def test_a_state_reseasoned_on_a_later_day_is_the_state_written_then(
    book: dict, written, later: int
) -> None:
    """A day's first start brings states whose buying season rolled over up to date from
    their purchases alone: the result places as a state written that day does."""
    from followup_tui.core.queue.account_states import reseasoned

    settings = load_settings(None)
    inputs = (
        book["accounts"], book["activities"], book["follow_ups"], book["deals"],
        book["best_actions"], book["purchases"], settings,
    )  # fmt: skip
    then = {s.account_id: s for s in account_states(*inputs, written)}
    day = written + dt.timedelta(days=later)
    now = {s.account_id: s for s in account_states(*inputs, day)}
    for account_id, state in then.items():
        if state.valid_from > day.toordinal():
            continue  # written for a later day: rewritten whole, not reseasoned
        bought = [p.purchased_on for p in book["purchases"] if p.account_id == account_id]
        again = reseasoned(state, bought, settings, day)
        fresh = now[account_id]
        # The trail is kept: it is read only in the days after the last contact.
        assert again._replace(trail=fresh.trail) == fresh
        if fresh.trail:
            assert again.trail == fresh.trail
