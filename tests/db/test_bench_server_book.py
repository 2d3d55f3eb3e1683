"""The benchmarks' `--server` (issue 19): their one way of putting a book on PostgreSQL
(`bench/server_book.py`) copies it whole, and what measures a file only refuses it."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import TODAY

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))


@pytest.mark.parametrize("script", ["crash_kills.py", "reliability.py"])
def test_a_files_durability_refuses_the_server(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--server"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "SQLite only" in done.stderr


def test_refused_server_passes_other_arguments_through() -> None:
    from bench.crash_kills import refused_server

    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=200)
    assert refused_server(parser, ["--kills", "3"]).kills == 3


def test_server_book_holds_the_files_records(tmp_path: Path) -> None:
    from tests.pg_cluster import server_bindir

    if server_bindir() is None:
        pytest.skip("no PostgreSQL server on this machine (initdb, pg_ctl, postgres)")
    import psycopg
    from server_book import forget_server_placement, server_book

    source = tmp_path / "bench.db"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_db.py"), "--accounts", "30",
         "--seed", "3", "--today", TODAY.isoformat(), "--out", str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    import sqlite3

    with sqlite3.connect(source) as raw:
        counts = raw.execute(
            "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM activity)"
        ).fetchone()
    with server_book(source, TODAY.isoformat()) as url:
        assert url.startswith("postgresql://")
        followup = Path(sys.executable).with_name("followup")
        subprocess.run(
            [str(followup), "--db", url, "due", "--date", TODAY.isoformat()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        with psycopg.connect(url, autocommit=True) as conn:
            served = conn.execute(
                "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM activity)"
            ).fetchone()
            assert served == counts
            assert conn.execute("SELECT COUNT(*) FROM queue_placed").fetchone()[0] > 0
        forget_server_placement(url)
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT COUNT(*) FROM queue_placed").fetchone()[0] == 0
