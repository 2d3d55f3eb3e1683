"""`followup backup`, `restore` and `check`: their output, exit codes and languages."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.db.database import close_database
from tests.cli.engines import on_sqlite_only

# These commands keep the rep's file: its copies, its integrity, its bytes. On a team's
# server each is refused naming pg_dump (test_commands_keeping_a_file_are_refused_on_a_server).
pytestmark = on_sqlite_only("demo_db")
ZH = "language: zh\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    close_database()
    out, err = capsys.readouterr()
    return code, out, err


def test_check_backup_and_restore(demo_db: Path, tmp_path: Path, capsys) -> None:
    close_database()
    db = str(demo_db)
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "sound (schema" in out

    code, out, _ = run(capsys, "--db", db, "backup")
    copies = list((demo_db.parent / "backups").glob("followup-*.db"))
    assert code == 0 and len(copies) == 1 and str(copies[0]) in out
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600

    code, out, _ = run(capsys, "--db", db, "backup", "-o", str(tmp_path / "mine.db"))
    assert code == 0 and (tmp_path / "mine.db").is_file()

    with sqlite3.connect(demo_db) as con:
        con.execute("DELETE FROM activity")
    code, out, _ = run(capsys, "--db", db, "restore", str(tmp_path / "mine.db"))
    assert code == 0 and "Restored" in out and "kept as" in out
    with sqlite3.connect(demo_db) as con:
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] > 0


def test_check_finds_problems_exit_1_and_json(demo_db: Path, capsys) -> None:
    close_database()
    with sqlite3.connect(demo_db) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute(
            "UPDATE activity SET account_id = 999999 WHERE id = (SELECT min(id) FROM activity)"
        )
    code, out, _ = run(capsys, "--db", str(demo_db), "check")
    assert code == 1 and "broken references: 1 (in activity)" in out
    code, out, _ = run(capsys, "--db", str(demo_db), "check", "--json")
    document = json.loads(out)
    assert code == 1 and document["sound"] is False and document["schema"] > 0
    assert document["problems"] == ["broken references: 1 (in activity)"]


def test_broken_input_exit_2_in_chinese_nothing_changed(
    demo_db: Path, tmp_path: Path, capsys
) -> None:
    close_database()
    config = tmp_path / "zh.yaml"
    config.write_text(ZH, encoding="utf-8")
    cut = tmp_path / "cut.db"
    cut.write_bytes(demo_db.read_bytes()[:8192])
    before = demo_db.read_bytes()
    code, _, err = run(capsys, "--config", str(config), "--db", str(demo_db), "restore", str(cut))
    assert code == 2 and "无法恢复" in err and "文件不完整" in err
    assert demo_db.read_bytes() == before
    code, _, err = run(capsys, "--config", str(config), "--db", str(cut), "due")
    assert code == 2 and "不完整" in err and "没有找到它的备份。" in err
    code, out, _ = run(capsys, "--config", str(config), "--db", str(cut), "check")
    assert code == 1 and "发现 1 个问题" in out and "文件不完整" in out
    code, _, err = run(capsys, "--db", str(demo_db), "restore", str(tmp_path / "missing.db"))
    assert code == 2 and "missing.db" in err


def test_a_backup_onto_the_database_itself_or_its_folder_is_refused(demo_db: Path, capsys) -> None:
    close_database()
    before = demo_db.stat().st_ino
    for target in (demo_db, demo_db.parent):
        code, _, err = run(capsys, "--db", str(demo_db), "backup", "-o", str(target))
        assert code == 2 and "is the database itself" in err
    assert demo_db.stat().st_ino == before  # never replaced under a running app


def test_an_emptied_book_with_backups_and_a_folder_are_refused(
    demo_db: Path, tmp_path: Path, capsys
) -> None:
    close_database()
    assert run(capsys, "--db", str(demo_db), "backup")[0] == 0
    demo_db.write_bytes(b"")
    for command in (["due"], []):  # a subcommand, and the app's own open
        if not command:
            from followup_tui.core.base.errors import FollowupError
            from followup_tui.db.database import open_database

            try:
                open_database(demo_db)
            except FollowupError as exc:
                assert "is empty, though it had backups" in exc.message
            else:
                raise AssertionError("an emptied book was opened as a new one")
            continue
        code, _, err = run(capsys, "--db", str(demo_db), *command)
        assert code == 2 and "is empty, though it had backups" in err and "restore" in err
    assert demo_db.read_bytes() == b""
    code, _, err = run(capsys, "--db", str(tmp_path), "due")
    assert code == 2 and "is a folder" in err and "unexpected" not in err
