"""`followup team join FILE --db URL`: exit codes, messages, the summary and progress."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.db.database import close_database
from tests.pg_cluster import Cluster

DAY = "2026-11-22"


@pytest.fixture
def server(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh team database's URL."""
    name = pg_cluster.new_database()
    yield pg_cluster.url(name)
    close_database()
    pg_cluster.drop(name)


@pytest.fixture
def rep_file(tmp_path: Path) -> Path:
    """A rep's own file holding the demo book."""
    path = tmp_path / "rep.db"
    assert main(["--db", str(path), "demo", "--no-open", "--date", DAY]) == 0
    close_database()
    return path


def _join(url: str, *args: str) -> int:
    return main(["team", "join", *args, "--db", url])


def test_a_book_joins_and_a_second_run_adds_nothing(
    rep_file: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _join(server, str(rep_file)) == 0
    first = capsys.readouterr().out
    assert f"{rep_file} joined as followup_admin:" in first and ", 0 already joined" in first
    assert _join(server, str(rep_file), "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 0 and summary["already_joined"] > 1000
    assert summary["tables"]["account"] == {"new": 0, "already_joined": 30, "left_out": 0}


def test_a_missing_file_is_named_exit_2(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    assert _join(server, str(missing)) == 2
    assert f"no such file: {missing}" in capsys.readouterr().err


def test_a_file_that_is_no_followup_book_is_named_exit_2(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n" * 100)
    assert _join(server, str(other)) == 2
    assert f"{other} is not a followup book" in capsys.readouterr().err
    assert _join(server, str(text)) == 2
    assert f"{text} is not a followup database" in capsys.readouterr().err


def test_an_unreachable_server_is_said_exit_1(
    rep_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    url = f"postgresql://rep@/team?host={tmp_path}/no-server"
    assert _join(url, str(rep_file)) == 1
    err = capsys.readouterr().err
    assert "cannot reach the database server" in err and "Traceback" not in err


def test_a_join_names_a_server(
    rep_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["team", "join", str(rep_file), "--db", str(tmp_path / "file.db")]) == 2
    assert "postgresql://" in capsys.readouterr().err


def test_a_refused_join_is_exit_1_and_writes_nothing(
    rep_file: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(rep_file)
    con.execute("UPDATE contact SET name = ? WHERE id = 1", ("x" * 300,))  # VARCHAR(255)
    con.commit()
    con.close()
    capsys.readouterr()
    assert _join(server, str(rep_file)) == 1
    assert "the server refused the join, nothing was written" in capsys.readouterr().err
    con = sqlite3.connect(rep_file)  # the file itself is fine: fixed, it joins
    con.execute("UPDATE contact SET name = 'Li Wei' WHERE id = 1")
    con.commit()
    con.close()
    assert _join(server, str(rep_file), "--json") == 0
    assert json.loads(capsys.readouterr().out)["already_joined"] == 0


def test_a_large_book_says_its_progress(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A book of more records than `followup import` reports progress for says so on
    stderr as it goes, as import does."""
    from followup_tui.core.transfer.import_files import PROGRESS_ROWS
    from followup_tui.db.database import open_database
    from followup_tui.db.models import Account, Activity

    path = tmp_path / "big.db"
    open_database(path)
    accounts = PROGRESS_ROWS // 2 + 1
    Account.insert_many([{"name": f"Account {n}"} for n in range(accounts)]).execute()
    Activity.insert_many(
        [{"account": n, "occurred_at": "2026-01-05 10:00:00"} for n in range(1, accounts + 1)]
    ).execute()
    close_database()
    assert _join(server, str(path)) == 0
    err = capsys.readouterr().err
    assert f"reading {path}: {accounts * 2:,} records" in err
    # Said as each table's rows go in, whenever another PROGRESS_ROWS are written.
    assert f"written {accounts * 2:,} records" in err
