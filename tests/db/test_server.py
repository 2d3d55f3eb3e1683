"""A team's database on PostgreSQL: the schema, its version, migrations, the address."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError
from followup_tui.db import migrations
from followup_tui.db.connection import db
from followup_tui.db.database import (
    SCHEMA_VERSION,
    close_database,
    open_database,
    schema_version,
)
from followup_tui.db.models import ALL_MODELS, Account, Contact
from tests.pg_cluster import Cluster


def test_a_new_server_database_gets_the_schema_and_its_version(pg_url: str) -> None:
    assert db.is_server
    assert schema_version() == SCHEMA_VERSION
    tables = set(db.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} <= tables
    assert {"schema_version", "cache_meta", "queue_dirty"} <= tables
    account = Account.create(name="华为技术", search_key="华为技术")
    Contact.create(account=account, name="Ann")
    account.delete_instance()
    assert Contact.select().count() == 0  # the foreign keys cascade on the server too


def test_a_second_open_finds_the_schema_made(pg_cluster: Cluster) -> None:
    name = pg_cluster.new_database(empty=True)
    url = ServerUrl(pg_cluster.url(name))
    try:
        with pytest.raises(FollowupError, match="no followup schema"):
            open_database(url, create=False)
        open_database(url)
        Account.create(name="Acme")
        close_database()
        open_database(url, create=False)
        assert [a.name for a in Account.select()] == ["Acme"]
        assert schema_version() == SCHEMA_VERSION
    finally:
        close_database()
        pg_cluster.drop(name)


def test_a_database_of_other_tables_is_refused(pg_cluster: Cluster) -> None:
    name = pg_cluster.new_database(empty=True)
    try:
        import psycopg

        with psycopg.connect(pg_cluster.url(name), autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")
        with pytest.raises(FollowupError, match="no followup schema: give an empty database"):
            open_database(ServerUrl(pg_cluster.url(name)))
    finally:
        close_database()
        pg_cluster.drop(name)


def _marked() -> list[int]:
    return sorted(r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty"))


def test_any_write_on_the_server_marks_the_queue_as_the_file_does(pg_url: str) -> None:
    """The queue's triggers in PL/pgSQL: raw SQL from any program marks too."""
    acme = Account.create(name="Acme")
    other = Account.create(name="Other")
    db.execute_sql("DELETE FROM queue_dirty")
    db.execute_sql(
        "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
        "their_commitments, created_at) VALUES (?, 'call', '2026-11-22 10:00', '', '', '', "
        "'2026-11-22 10:00')",
        (acme.id,),
    )
    assert _marked() == [acme.id]
    db.execute_sql("DELETE FROM queue_dirty")
    db.execute_sql("UPDATE account SET notes = 'met at the fair' WHERE id = ?", (acme.id,))
    assert _marked() == []  # a column no queue state reads
    db.execute_sql("UPDATE account SET quadrant = 'A' WHERE id = ?", (acme.id,))
    assert _marked() == [acme.id]
    db.execute_sql("DELETE FROM queue_dirty")
    deal = db.execute_sql(
        "INSERT INTO deal (account_id, title, product, status, funnel, outcome, position_why, "
        "position_move, position_plan, evidence_customer, evidence_product, evidence_amount, "
        "evidence_completion_date, evidence_status, fit_credit, fit_need_fit, fit_loyalty, "
        "fit_notes, created_at, updated_at) VALUES (?, 'Pumps', '', 's', 'f', 'open', '', '', "
        "'', '', '', '', '', '', 'u', 'u', 'u', '', now(), now()) RETURNING id",
        (other.id,),
    ).fetchone()[0]
    db.execute_sql("DELETE FROM queue_dirty")
    db.execute_sql(
        "INSERT INTO best_action (deal_id, who, what, done, target, created_at) "
        "VALUES (?, '', 'call the buyer', false, '', now())",
        (deal,),
    )
    assert _marked() == [other.id]  # a best action's account, through its deal
    db.execute_sql("DELETE FROM queue_dirty")
    acme.delete_instance()
    assert _marked() == [acme.id]


def test_a_newer_schema_on_the_server_is_refused(pg_url: str) -> None:
    db.execute_sql(f"UPDATE schema_version SET version = {SCHEMA_VERSION + 1}")
    close_database()
    with pytest.raises(FollowupError, match="newer followup"):
        open_database(ServerUrl(pg_url))


def test_a_failed_migration_leaves_the_server_schema_as_it_was(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's DDL is transactional: a step that fails half-way leaves nothing."""
    Account.create(name="Acme")
    close_database()
    target = SCHEMA_VERSION + 1

    def breaks_half_way(database: object) -> None:
        db.execute_sql("CREATE TABLE half_made (id INTEGER)")
        db.execute_sql("ALTER TABLE account ADD COLUMN half_column TEXT")
        db.execute_sql("UPDATE account SET name = 'changed'")
        raise RuntimeError("the step fails after changing tables and rows")

    monkeypatch.setitem(migrations.MIGRATIONS, target, breaks_half_way)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", target)
    with pytest.raises(RuntimeError, match="the step fails"):
        open_database(ServerUrl(pg_url))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION)
    close_database()
    open_database(ServerUrl(pg_url), create=False)
    assert schema_version() == SCHEMA_VERSION
    assert "half_made" not in db.get_tables()
    assert "half_column" not in {c.name for c in db.get_columns("account")}
    assert [a.name for a in Account.select()] == ["Acme"]


def test_a_migration_runs_on_the_server_in_order(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = SCHEMA_VERSION + 1
    seen: list[int] = []

    def adds_a_column(database: object) -> None:
        seen.append(schema_version())
        db.execute_sql("ALTER TABLE account ADD COLUMN team_note TEXT NOT NULL DEFAULT ''")

    close_database()
    monkeypatch.setitem(migrations.MIGRATIONS, target, adds_a_column)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", target)
    told: list[tuple[int, int]] = []
    open_database(ServerUrl(pg_url), on_migrate=lambda old, new: told.append((old, new)))
    assert told == [(SCHEMA_VERSION, target)]
    assert seen == [SCHEMA_VERSION]
    assert schema_version() == target
    assert "team_note" in {c.name for c in db.get_columns("account")}


def test_the_engines_take_turns_in_one_process(pg_url: str, tmp_path: Path) -> None:
    """Tests (and a `team join` later) open a file after a server and back: the models
    follow whichever is open."""
    Account.create(name="On the server")
    close_database()
    open_database(tmp_path / "own.db")
    try:
        assert not db.is_server
        Account.create(name="In the file")
        assert [a.name for a in Account.select()] == ["In the file"]
    finally:
        close_database()
    open_database(ServerUrl(pg_url))
    assert [a.name for a in Account.select()] == ["On the server"]


def test_a_file_from_before_the_version_table_migrates_to_it(tmp_path: Path) -> None:
    path = tmp_path / "v15.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE schema_version")
    con.execute("PRAGMA user_version = 15")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and backup.exists()
        assert schema_version() == SCHEMA_VERSION
        rows = db.execute_sql("SELECT version FROM schema_version").fetchall()
        assert rows == [(SCHEMA_VERSION,)]
    finally:
        close_database()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://rep:s3cret@db.example/team",
        "postgres://rep:@db.example/team",
        "postgresql://rep@db.example/team?password=s3cret",
    ],
)
def test_a_url_holding_a_password_is_refused_wherever_given(
    url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", url, "due"]) == 2
    said = capsys.readouterr().err
    assert "--db" in said and "~/.pgpass" in said and "s3cret" not in said

    monkeypatch.setenv("FOLLOWUP_DB", url)
    assert main(["due"]) == 2
    assert "FOLLOWUP_DB" in capsys.readouterr().err

    monkeypatch.delenv("FOLLOWUP_DB")
    config = tmp_path / "config.yaml"
    config.write_text(f"language: zh\ndatabase: '{url}'\n", encoding="utf-8")
    assert main(["--config", str(config), "due"]) == 2
    said = capsys.readouterr().err
    assert str(config) in said and "密码" in said and "s3cret" not in said


def test_an_unreachable_server_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://rep@/team?host={tmp_path}/no-server-here"
    assert main(["--db", url, "due"]) == 2
    assert "cannot reach the database server" in capsys.readouterr().err
    assert not db.is_server or db.is_closed()


def test_a_start_on_a_file_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    """Importing psycopg costs a start on the rep's own file for nothing."""
    code = (
        "import sys\n"
        "from followup_tui.db.database import open_database, close_database\n"
        "open_database(sys.argv[1])\n"
        "from followup_tui.db.models import Account\n"
        "from followup_tui.db import accounts, summaries, migrations\n"
        "Account.create(name='Acme')\n"
        "close_database()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg2')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "own.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_a_sort_key_holding_nul_goes_to_the_server_and_back(pg_url: str) -> None:
    """PostgreSQL's text cannot hold NUL; a sort key (pinyin, NUL, folded name) does."""
    from followup_tui.core.base.text import name_sort_key

    for name in ("张伟", "Acme", "Zeta"):
        Account.create(name=name, sort_key=name_sort_key(name))
    assert [a.sort_key for a in Account.select().order_by(Account.sort_key)] == [
        name_sort_key(n) for n in ("Acme", "Zeta", "张伟")
    ]
    raw = db.execute_sql("SELECT sort_key FROM account ORDER BY sort_key").fetchall()
    assert [r[0] for r in raw] == [name_sort_key(n) for n in ("Acme", "Zeta", "张伟")]


@pytest.mark.parametrize("text", ["a\x00b", "\x01", "\x01\x00\x01\x02", "plain", "\x02\x01"])
def test_text_holding_nul_or_its_escape_comes_back_exactly(pg_url: str, text: str) -> None:
    account = Account.create(name="Acme", notes=text)
    assert Account.get_by_id(account.id).notes == text
    raw = db.execute_sql("SELECT notes FROM account WHERE id = ?", (account.id,)).fetchone()
    assert raw[0] == text
