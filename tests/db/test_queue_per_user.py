"""Two people on one team database keep their own queue (#19): its states, placement,
settings' fingerprint and stored heat's fingerprint, in a schema named as their login.

A write by either (or by anyone, through raw SQL) marks the account in both queues, so
each one's next queue holds it; neither's settings rewrite the other's states.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db.database import close_database, open_database
from followup_tui.db.heat_cache import ensure_heat_current, heat_fingerprint
from followup_tui.db.models import db
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.db.queue_store import fast_queue, fingerprint
from tests.pg_cluster import Cluster
from tests.support import TODAY

_names = itertools.count(1)


@pytest.fixture
def team(pg_cluster: Cluster, settings: Settings) -> Iterator[tuple[str, str, str]]:
    """A team database holding the demo, written by its owner, and two reps' logins
    (their URLs), who may make their schemas and write the records."""
    from followup_tui.demo import write_demo

    name = pg_cluster.new_database()
    write_demo_as_owner = ServerUrl(pg_cluster.url(name))
    open_database(write_demo_as_owner)
    write_demo(today=TODAY, force=False, db_path=write_demo_as_owner, settings=settings)
    close_database()
    n = next(_names)
    reps = [f"rep{os.getpid()}_{n}_a", f"rep{os.getpid()}_{n}_b"]
    for rep in reps:
        pg_cluster.admin(f"CREATE ROLE {rep} LOGIN")
        pg_cluster.admin(f'GRANT CREATE ON DATABASE "{name}" TO {rep}')
    with psycopg.connect(pg_cluster.url(name), autocommit=True) as conn:
        for rep in reps:
            conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {rep}")
            conn.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {rep}")
    yield pg_cluster.url(name), pg_cluster.url(name, reps[0]), pg_cluster.url(name, reps[1])
    close_database()
    pg_cluster.drop(name)
    for rep in reps:
        pg_cluster.admin(f"DROP ROLE IF EXISTS {rep}")


def other_settings(tmp_path: Path) -> Settings:
    config = tmp_path / "strict.yaml"
    config.write_text(
        "heat:\n  cooling_window_days: 12\n  cadence_loss:\n    B: 21.0\n"
        "buying_season:\n  lead_days: 30\n  must_reach_days: 20\n",
        encoding="utf-8",
    )
    return load_settings(config)


def as_person(url: str) -> None:
    close_database()
    open_database(ServerUrl(url))


def kept(name: str) -> str | None:
    """What this connection's queue keeps under `name` in `cache_meta`."""
    row = db.execute_sql("SELECT value FROM cache_meta WHERE key = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def reference(day: dt.date, settings: Settings) -> dict:
    return queue_to_dict(queue_and_inputs(day, settings)[1])


def test_two_reps_keep_their_own_queue_and_see_each_others_writes(
    team: tuple[str, str, str], settings: Settings, tmp_path: Path
) -> None:
    owner, rep_a, rep_b = team
    strict = other_settings(tmp_path)
    assert fingerprint(strict) != fingerprint(settings)

    as_person(rep_a)
    assert db.execute_sql("SELECT current_schema() = current_user").fetchone()[0]
    ensure_heat_current(settings)
    assert queue_to_dict(fast_queue(TODAY, settings)) == reference(TODAY, settings)
    assert kept("queue_state") == fingerprint(settings)
    assert kept("heat") == heat_fingerprint(settings)
    placed_a = db.execute_sql("SELECT count(*) FROM queue_placed").fetchone()[0]
    assert placed_a == 1

    as_person(rep_b)
    assert kept("queue_state") is None  # B's own, empty until B's first queue
    assert queue_to_dict(fast_queue(TODAY, strict)) == reference(TODAY, strict)
    assert kept("queue_state") == fingerprint(strict)
    # B writes to an account: every queue on the database is told.
    huawei = db.execute_sql("SELECT id FROM account WHERE name = '华为技术'").fetchone()[0]
    db.execute_sql(
        "INSERT INTO activity (account_id, kind, occurred_at, outcome, notes, our_commitments, "
        "their_commitments, created_at) VALUES (?, 'call', '2026-11-22 03:00', 'reached', "
        "'called by B', '', '', '2026-11-22 03:00')",
        (huawei,),
    )

    as_person(rep_a)
    # B's other settings left A's states, placement and fingerprint alone ...
    assert kept("queue_state") == fingerprint(settings)
    assert db.execute_sql("SELECT count(*) FROM queue_placed").fetchone()[0] == placed_a
    # ... and B's write is waiting in A's queue, which takes it in.
    assert [r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty")] == [huawei]
    assert queue_to_dict(fast_queue(TODAY, settings)) == reference(TODAY, settings)

    as_person(owner)  # the owner's own queue is the team schema's, told as well
    assert db.execute_sql("SELECT current_schema()").fetchone()[0] == "public"
    marked = {r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty")}
    assert huawei in marked
    assert queue_to_dict(fast_queue(TODAY, settings)) == reference(TODAY, settings)


def test_a_person_who_may_not_make_a_schema_shares_the_teams_queue(
    team: tuple[str, str, str], settings: Settings, pg_cluster: Cluster
) -> None:
    """The team's tables then, as on a file: the states are shared, a placement is never
    (each is made of the accounts its person may see)."""
    owner, rep_a, rep_b = team
    database = owner.partition("@/")[2].partition("?")[0]
    users = [url.partition("://")[2].partition("@")[0] for url in (rep_a, rep_b)]
    for user in users:
        pg_cluster.admin(f'REVOKE CREATE ON DATABASE "{database}" FROM {user}')
    for url, user in zip((rep_a, rep_b), users, strict=True):
        as_person(url)
        assert db.execute_sql("SELECT current_schema()").fetchone()[0] == "public"
        assert queue_to_dict(fast_queue(TODAY, settings)) == reference(TODAY, settings)
        kept_for = db.execute_sql("SELECT fingerprint FROM queue_placed").fetchall()
        assert [key.rpartition("|")[2] for (key,) in kept_for] == [user]


def test_a_reader_of_the_records_gets_a_queue_of_their_own(
    team: tuple[str, str, str], settings: Settings, pg_cluster: Cluster, tmp_path: Path
) -> None:
    """A manager reads the records and writes none of them: the heat the reps' replays
    stored is read as it is, and the queue is kept in the manager's own schema."""
    owner, _, _ = team
    database = owner.partition("@/")[2].partition("?")[0]
    reader = f"reader{os.getpid()}_{next(_names)}"
    pg_cluster.admin(f"CREATE ROLE {reader} LOGIN")
    try:
        pg_cluster.admin(f'GRANT CREATE ON DATABASE "{database}" TO {reader}')
        with psycopg.connect(owner, autocommit=True) as conn:
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}")
        as_person(pg_cluster.url(database, reader))
        before = db.execute_sql("SELECT id, heat FROM account ORDER BY id").fetchall()
        assert not ensure_heat_current(other_settings(tmp_path))
        assert db.execute_sql("SELECT id, heat FROM account ORDER BY id").fetchall() == before
        assert queue_to_dict(fast_queue(TODAY, settings)) == reference(TODAY, settings)
        assert kept("queue_state") == fingerprint(settings)
        close_database()
    finally:
        pg_cluster.drop(database)
        pg_cluster.admin(f"DROP OWNED BY {reader}")
        pg_cluster.admin(f"DROP ROLE {reader}")
