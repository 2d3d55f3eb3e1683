"""The database file: permissions, pragmas, schema version, migration and refusal."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.errors import FollowupError
from followup_tui.db.accounts import save_account
from followup_tui.db.database import SCHEMA_VERSION, close_database, open_database, schema_version
from followup_tui.db.lookup import accounts_by_name
from followup_tui.db.models import Account, Contact, db
from tests.support import drop_find_index


def test_new_file_is_private_and_tuned(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "f.db"
    assert open_database(path) is None
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert db.pragma("journal_mode") == "wal"
        assert db.pragma("foreign_keys") == 1
        assert db.pragma("busy_timeout") > 0
        assert schema_version() == SCHEMA_VERSION
    finally:
        close_database()


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    account = Account.create(name="Acme")
    Contact.create(account=account, name="Ann")
    account.delete_instance()
    assert Contact.select().count() == 0  # cascaded, not orphaned


def drop_heat_anchor(con: sqlite3.Connection) -> None:
    """Take off what schemas 8 to 10 added: a file as an older version wrote it."""
    drop_find_index(con)
    con.execute("ALTER TABLE account DROP COLUMN name_forms")
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor")
    con.execute("ALTER TABLE account DROP COLUMN heat_anchor_on")


def make_v1(path: Path) -> None:
    """A file as version 1 wrote it: accounts without the search key."""
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    drop_heat_anchor(con)
    con.execute("DROP INDEX account_sort_key")
    con.execute("ALTER TABLE account DROP COLUMN sort_key")
    con.execute("DROP INDEX IF EXISTS activity_account_id_occurred_at")
    con.execute("DROP INDEX activity_unreplayed")
    con.execute("ALTER TABLE activity DROP COLUMN heat_after")
    con.execute("DROP INDEX IF EXISTS account_search_key")
    con.execute("ALTER TABLE account DROP COLUMN search_key")
    for column in (
        "last_contact_at",
        "next_follow_up",
        "open_amount",
        "search_text",
        "start_reason",
    ):
        con.execute(f"ALTER TABLE account DROP COLUMN {column}")
    con.execute(
        "INSERT INTO account (name, owner, relationship, heat, rejection_count, stop_reason, "
        "archived, notes, address, phone, email, website, bank, industry, business_plans, "
        "fiscal_year_start, interests, dislikes, delivery_preferences, business_record, "
        "market_data, technical_needs, design_cycle, supplier_reduction, special_requirements, "
        "credit, critical_operations, rules_of_engagement, plan_text, created_at, updated_at) "
        "VALUES (?, '', 'target', 30, 0, '', 0, '', '', '', '', '', '', '', '', '', '', '', '', "
        "'', '', '', '', '', '', '', '', '', '', '2026-01-01', '2026-01-01')",
        ("ＡＣＭＥ 华为",),
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def test_older_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    backup = open_database(path)
    try:
        assert backup is not None and backup.parent == tmp_path
        assert backup.name.startswith("old.db.v1-") and backup.suffix == ".bak"
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert schema_version() == SCHEMA_VERSION
        account = Account.get()
        assert account.search_key == "acme 华为"
        assert account.search_text.startswith("acme 华为")
        assert account.next_follow_up is None
    finally:
        close_database()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT name FROM account").fetchone()[0] == "ＡＣＭＥ 华为"
    old.close()


def test_newer_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(FollowupError, match="newer followup"):
        open_database(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    with pytest.raises(FollowupError, match="not a followup database"):
        open_database(path)


def test_not_sqlite_at_all(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not a database" * 20)
    before = path.read_bytes()
    assert main(["--db", str(path), "export"]) == 2
    assert "is not an SQLite database" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_cli_refuses_newer_schema_with_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    assert main(["--db", str(path), "export"]) == 2
    assert "newer followup" in capsys.readouterr().err


def test_migration_keeps_every_child_row(tmp_path: Path, settings) -> None:
    """Adding columns rebuilds tables; no cascade may delete contacts, deals or history."""
    from followup_tui.db.transfer import export_document
    from followup_tui.demo import write_demo

    path = tmp_path / "demo-v1.db"
    open_database(path)
    write_demo(today=dt.date(2026, 11, 22), force=False, db_path=path, settings=settings)
    day = dt.date(2026, 11, 22)
    before = {k: len(v) for k, v in export_document(day, settings).items() if isinstance(v, list)}
    summary = Account.get(Account.name == "华为技术")
    close_database()
    con = sqlite3.connect(path)
    drop_heat_anchor(con)
    con.execute("DROP INDEX account_sort_key")
    con.execute("ALTER TABLE account DROP COLUMN sort_key")
    con.execute("DROP INDEX IF EXISTS activity_account_id_occurred_at")
    con.execute("DROP INDEX activity_unreplayed")
    con.execute("ALTER TABLE activity DROP COLUMN heat_after")
    con.execute("DROP INDEX IF EXISTS account_search_key")
    for column in ("search_key", "last_contact_at", "next_follow_up", "open_amount", "search_text"):
        con.execute(f"ALTER TABLE account DROP COLUMN {column}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    assert open_database(path) is not None
    try:
        after = {
            k: len(v) for k, v in export_document(day, settings).items() if isinstance(v, list)
        }
        assert after == before
        assert db.pragma("foreign_keys") == 1
        migrated = Account.get(Account.name == "华为技术")
        assert migrated.next_follow_up == summary.next_follow_up
        assert migrated.last_contact_at == summary.last_contact_at
        assert "曹琳" in migrated.search_text
    finally:
        close_database()


def test_v4_file_gains_pinyin_sort_keys(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    open_database(path)
    for name in ("Zeta Trading", "张伟工作室", "安徽精工", "Apex"):
        Account.create(name=name, search_key=name.casefold())
    close_database()
    con = sqlite3.connect(path)
    drop_heat_anchor(con)
    con.execute("DROP INDEX account_sort_key")
    con.execute("ALTER TABLE account DROP COLUMN sort_key")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    assert open_database(path) is not None
    try:
        names = [a.name for a in Account.select().order_by(Account.sort_key)]
        assert names == ["安徽精工", "Apex", "Zeta Trading", "张伟工作室"]
        assert "zhangweigongzuoshi zwgzs" in Account.get(Account.name == "张伟工作室").search_text
        plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM account ORDER BY sort_key")
        assert "account_sort_key" in str(plan.fetchall())
    finally:
        close_database()


def test_cli_says_before_a_migration_starts(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    assert main(["--db", str(path), "due", "--date", "2026-11-22", "--json"]) == 0
    err = capsys.readouterr().err
    start = err.index(f"Upgrading {path} from schema 1 to {SCHEMA_VERSION}")
    assert start < err.index("Database upgraded")


def test_v7_file_gains_the_revival_post_mortem(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    open_database(path)
    Account.create(name="Old Friend", relationship="dormant", stop_reason="price")
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE account DROP COLUMN start_reason")
    con.execute("ALTER TABLE account DROP COLUMN name_forms")
    con.execute("PRAGMA user_version = 7")
    con.commit()
    con.close()
    assert open_database(path) is not None  # backed up first
    try:
        account = Account.get(Account.name == "Old Friend")
        assert (account.start_reason, account.stop_reason) == ("", "price")
        account.start_reason = "the fastest samples in town"
        account.save()
        assert Account.get_by_id(account.id).start_reason == "the fastest samples in town"
    finally:
        close_database()


def test_v8_file_gains_the_forms_names_are_typed_in(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    open_database(path)
    save_account({"name": "华为技术"})
    save_account({"name": "Müller GmbH"})
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE account DROP COLUMN name_forms")
    con.execute("PRAGMA user_version = 8")
    con.commit()
    con.close()
    assert open_database(path) is not None  # backed up first
    try:
        assert [h.thing.name for h in accounts_by_name("hwjs")] == ["华为技术"]
        assert [h.thing.name for h in accounts_by_name("huawei")] == ["华为技术"]
        assert [h.thing.name for h in accounts_by_name("muller")] == ["Müller GmbH"]
    finally:
        close_database()


def test_v13_file_gains_plan_tables_as_a_new_file_has_them(tmp_path: Path) -> None:
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    for path in (fresh, old):
        open_database(path)
        close_database()
    con = sqlite3.connect(old)
    for table in ("plan_milestone", "plan_step", "action_plan", "year_end_verdict"):
        con.execute(f"DROP TABLE {table}")
    con.execute("PRAGMA user_version = 13")
    con.commit()
    con.close()
    assert open_database(old) is not None  # backed up first
    close_database()

    def schema(path: Path) -> list[tuple[str, str]]:
        with sqlite3.connect(path) as con:
            return con.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name IN "
                "('action_plan', 'plan_milestone', 'plan_step', 'year_end_verdict') ORDER BY name"
            ).fetchall()

    assert schema(old) == schema(fresh) and len(schema(fresh)) == 11
