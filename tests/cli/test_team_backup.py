"""A team's database backed up with pg_dump and restored with pg_restore, as the README
says: the rep's queue and search read the same from the copy, and the rep writes to it.

pg_restore fills generated columns (the search's folded texts) with an empty
search_path: a function body naming another function without its schema failed the
restore there, so this runs the real tools on the throwaway cluster.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.db.database import close_database
from tests.pg_cluster import SUPERUSER, Cluster

DAY = "2026-11-22"


@pytest.fixture
def databases(pg_cluster: Cluster) -> Iterator[tuple[str, str, str]]:
    """Two empty databases (the team's and the restore's) and a rep's login name."""
    team = pg_cluster.new_database(empty=True)
    restored = pg_cluster.new_database(empty=True)
    rep = f"rep_{team}"
    yield team, restored, rep
    close_database()
    pg_cluster.drop(team)
    pg_cluster.drop(restored)
    pg_cluster.admin(f"DROP ROLE IF EXISTS {rep}")


def _tool(cluster: Cluster, name: str, *args: str) -> None:
    done = subprocess.run(
        [str(cluster.bindir / name), "-h", str(cluster.socket_dir), "-U", SUPERUSER, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    close_database()
    return capsys.readouterr().out


def test_a_dump_restores_whole_and_the_rep_works_on_the_copy(
    pg_cluster: Cluster,
    databases: tuple[str, str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not (pg_cluster.bindir / "pg_dump").is_file():
        pytest.skip("no pg_dump beside this server's programs")
    team, restored, rep = databases
    book = tmp_path / "rep.db"
    assert main(["--db", str(book), "demo", "--no-open", "--date", DAY]) == 0
    close_database()
    admin = pg_cluster.url(team)
    _out(capsys, "team", "setup", "--db", admin)
    _out(capsys, "team", "add", rep, "--db", admin)
    as_rep = pg_cluster.url(team, rep)
    _out(capsys, "team", "join", str(book), "--db", as_rep)
    queue = _out(capsys, "due", "--db", as_rep, "--date", DAY, "--json", "--all")
    found = _out(capsys, "find", "Northwind", "--json", "--db", as_rep)
    assert json.loads(found), "the joined book is searchable before the dump"

    dump = tmp_path / "team.dump"
    _tool(pg_cluster, "pg_dump", "-Fc", "-d", team, "-f", str(dump))
    _tool(pg_cluster, "pg_restore", "-d", restored, str(dump))

    copy = pg_cluster.url(restored, rep)
    assert _out(capsys, "due", "--db", copy, "--date", DAY, "--json", "--all") == queue
    assert _out(capsys, "find", "Northwind", "--json", "--db", copy) == found
    note = "after the restore 恢复之后"
    _out(capsys, "note", "Northwind", note, "--db", copy, "--date", DAY)
    assert note in _out(capsys, "find", "恢复之后", "--db", copy)
