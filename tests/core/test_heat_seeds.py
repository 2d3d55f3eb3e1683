"""The queue built from stored heat for quiet accounts equals the full replay."""

from __future__ import annotations

import datetime as dt

import pytest

from followup_tui.core.base.config import load_settings
from followup_tui.core.queue.queue_builder import build_queue
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db.heat_cache import ensure_heat_current, heat_is_current
from followup_tui.db.queue_data import due_queue, load_queue_inputs
from tests.support import TODAY


def full_replay(day: dt.date, settings) -> dict:
    i = load_queue_inputs(until=day)  # no settings: every history, no seeds
    assert i.heat_seeds is None
    return queue_to_dict(
        build_queue(
            day,
            settings,
            i.accounts,
            i.contacts,
            i.follow_ups,
            i.activities,
            i.deals,
            i.purchases,
            i.best_actions,
        )
    )


@pytest.mark.parametrize("days_back", [0, 3, 12, 40])
def test_seeded_queue_equals_the_full_replay(settings, demo_db, days_back: int) -> None:
    day = TODAY - dt.timedelta(days=days_back)
    assert heat_is_current(settings)
    seeded = load_queue_inputs(until=day, settings=settings)
    assert seeded.heat_seeds, "the demo has accounts quiet for more than a week"
    assert queue_to_dict(due_queue(day, settings)) == full_replay(day, settings)


def test_changed_heat_settings_replay_stored_heat(tmp_path, demo_db) -> None:
    config = tmp_path / "hot.yaml"
    config.write_text("heat:\n  cadence_loss:\n    D: 120\n", encoding="utf-8")
    changed = load_settings(config)
    assert not heat_is_current(changed)
    i = load_queue_inputs(until=TODAY, settings=changed)
    assert i.heat_seeds is None, "stale stored heat must not seed the queue"
    assert ensure_heat_current(changed)
    assert heat_is_current(changed)
    assert queue_to_dict(due_queue(TODAY, changed)) == full_replay(TODAY, changed)


def test_seeds_skip_most_of_each_history(settings, demo_db) -> None:
    """Accounts contacted recently start from their last stored heat before the window."""
    seeded = load_queue_inputs(until=TODAY, settings=settings)
    whole = load_queue_inputs(until=TODAY)
    assert seeded.heat_seeds is not None
    recent = [
        a for a, acts in seeded.activities.items() if a in seeded.heat_seeds and len(acts) > 1
    ]
    assert recent, "the demo has accounts with a seed and contacts inside the window"
    kept = sum(map(len, seeded.activities.values()))
    assert kept < sum(map(len, whole.activities.values()))
    for account in recent:
        assert seeded.activities[account][-1] == whole.activities[account][-1]


def test_stored_heat_follows_every_write(settings, demo_db) -> None:
    """A call logged (even backdated) and a change of class keep the seeds exact."""
    from followup_tui.db.accounts import save_account
    from followup_tui.db.follow_ups import ContactLog, log_contact
    from followup_tui.db.models import Account

    account = Account.get(Account.name == "华为技术")
    old = dt.datetime(2026, 10, 1, 3, 0)
    backdated = ContactLog(account_id=account.id, outcome="rejected", notes="补记")
    log_contact(backdated, settings, at=old)
    assert queue_to_dict(due_queue(TODAY, settings)) == full_replay(TODAY, settings)
    flipped = "low" if account.willingness == "high" else "high"
    save_account({"willingness": flipped}, account.id)
    assert Account.get_by_id(account.id).quadrant != account.quadrant
    assert heat_is_current(settings)
    assert queue_to_dict(due_queue(TODAY, settings)) == full_replay(TODAY, settings)


def test_an_activity_without_stored_heat_is_replayed_whole(settings, demo_db) -> None:
    from followup_tui.db.models import Account, Activity

    account = Account.get(Account.name == "华为技术")
    Activity.create(account=account.id, occurred_at=dt.datetime(2026, 9, 1), outcome="meeting")
    seeded = load_queue_inputs(until=TODAY, settings=settings)
    assert seeded.heat_seeds is not None and account.id not in seeded.heat_seeds
    assert queue_to_dict(due_queue(TODAY, settings)) == full_replay(TODAY, settings)


def test_import_and_migration_mark_stored_heat_stale(settings, demo_db, tmp_path) -> None:
    import sqlite3

    from followup_tui.db.database import close_database, open_database
    from followup_tui.db.models import db
    from followup_tui.db.transfer import export_document, import_document

    doc = export_document(TODAY, settings)
    assert "heat_after" not in doc["activities"][0], "derived: never exported"
    import_document(doc, replace=True)
    assert not heat_is_current(settings)
    assert ensure_heat_current(settings)

    def count(where: str) -> int:
        return db.execute_sql(f"SELECT count(*) FROM activity WHERE {where}").fetchone()[0]

    assert count("heat_after IS NULL") == count("kind = 'note'")
    close_database()
    con = sqlite3.connect(demo_db)  # back to schema 3: no running heat, no (account, time) index
    con.execute("ALTER TABLE account DROP COLUMN name_forms")
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor")
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor_on")
    con.execute("DROP INDEX account_sort_key")
    con.execute("ALTER TABLE account DROP COLUMN sort_key")
    con.execute("DROP INDEX activity_account_id_occurred_at")
    con.execute("DROP INDEX activity_unreplayed")
    con.execute("ALTER TABLE activity DROP COLUMN heat_after")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    assert open_database(demo_db) is not None  # backed up, migrated
    assert not heat_is_current(settings)
    assert ensure_heat_current(settings)
    assert queue_to_dict(due_queue(TODAY, settings)) == full_replay(TODAY, settings)


def test_a_class_change_after_a_normal_open_replays_that_account_only(demo_db, settings) -> None:
    """QA: editing one account's class made the next start replay every account."""
    from followup_tui.cli.runtime import open_db as _open
    from followup_tui.db import heat_cache
    from followup_tui.db.accounts import save_account
    from followup_tui.db.database import close_database
    from followup_tui.db.models import Account

    close_database()
    heat_cache._in_use = None  # a fresh process
    _open(demo_db, create=False, settings=settings)  # heat already current: nothing replayed
    assert heat_is_current(settings)
    account = Account.get(Account.name == "华为技术")
    save_account({"need": "weak" if account.need == "strong" else "strong"}, account.id)
    assert heat_is_current(settings), "the next start would replay every account"
    assert queue_to_dict(due_queue(TODAY, settings)) == full_replay(TODAY, settings)
