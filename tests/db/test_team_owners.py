"""Schema 17 (#19): each account's rep, who wrote each record, and accounts shared.

On the rep's own file every value stays '' (one rep, one file); on a team's server the
database fills in the writer's login, which the app never writes itself.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.connection import db
from followup_tui.db.database import SCHEMA_VERSION, close_database, open_database, schema_version
from followup_tui.db.migrations import SHARE_TABLE, TEAM_WRITTEN
from followup_tui.db.models import Account, Activity, Deal, FollowUp
from followup_tui.db.sheets import record_review
from tests.pg_cluster import Cluster


def _one(sql: str) -> object:
    return db.execute_sql(sql).fetchone()[0]


def test_records_say_whose_they_are_in_the_writers_login(db_path: Path | ServerUrl) -> None:
    account = Account.create(name="Acme")
    deal = Deal.create(account=account, title="Line 3")
    Activity.create(account=account, kind="call", occurred_at=dt.datetime(2026, 11, 2, 10))
    FollowUp.create(account=account, due=dt.date(2026, 11, 9))
    record_review(deal.id, dt.date(2026, 11, 3), "ask for the budget", 60, {})
    # The cluster's superuser on a server; nobody's name on a file.
    expected = "followup_admin" if isinstance(db_path, ServerUrl) else ""
    assert _one("SELECT rep FROM account") == expected
    for table in ("deal", "activity", "follow_up", "deal_review"):
        assert _one(f"SELECT written_by FROM {table}") == expected, table
    # The models know nothing of it: a lone rep's reads and writes are as they were.
    assert "rep" not in Account._meta.fields
    assert Account.get().name == "Acme"


def test_an_account_shared_goes_with_the_account(db_path: Path | ServerUrl) -> None:
    keep, drop = Account.create(name="Keep"), Account.create(name="Drop")
    for account in (keep, drop):
        db.execute_sql(
            f"INSERT INTO {SHARE_TABLE} (account_id, rep) VALUES (?, ?)", (account.id, "bo")
        )
    drop.delete_instance()
    rows = db.execute_sql(f"SELECT account_id, rep FROM {SHARE_TABLE}").fetchall()
    assert [tuple(r) for r in rows] == [(keep.id, "bo")]


def _columns(con: sqlite3.Connection, table: str) -> list[tuple[str, str, int, str]]:
    return [(r[1], r[2], r[3], r[4]) for r in con.execute(f"PRAGMA table_info({table})")]


def test_a_v16_file_gains_the_team_columns_as_a_new_file_has_them(tmp_path: Path) -> None:
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    for path in (fresh, old):
        open_database(path)
        close_database()
    open_database(old)
    Account.create(name="Acme")
    close_database()
    con = sqlite3.connect(old)
    con.execute("DROP TABLE account_share")
    con.execute("DROP INDEX account_rep")
    con.execute("ALTER TABLE account DROP COLUMN rep")
    for table in TEAM_WRITTEN:
        con.execute(f"ALTER TABLE {table} DROP COLUMN written_by")
    con.execute("PRAGMA user_version = 16")
    con.execute("UPDATE schema_version SET version = 16")
    con.commit()
    con.close()
    assert open_database(old) is not None  # backed up first
    try:
        assert schema_version() == SCHEMA_VERSION == 18
        assert _one("SELECT rep FROM account WHERE name = 'Acme'") == ""
    finally:
        close_database()
    with sqlite3.connect(old) as a, sqlite3.connect(fresh) as b:
        for table in ("account", SHARE_TABLE, *TEAM_WRITTEN):
            assert _columns(a, table) == _columns(b, table), table


def test_team_setup_takes_the_url_as_the_data_layer_names_it(pg_cluster: Cluster) -> None:
    """`bench/team_db.py` hands setup a `ServerUrl`, the command line a string."""
    from followup_tui.db.team_access import setup_team

    name = pg_cluster.new_database()
    try:
        url = pg_cluster.url(name)
        assert setup_team(ServerUrl(url)) is True
        assert setup_team(url) is False
    finally:
        close_database()
        pg_cluster.drop(name)
