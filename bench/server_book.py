"""A benchmark's book on a team's PostgreSQL database (#19): the cached SQLite book
copied into a new database of a throwaway cluster, through followup's own export and
import, so that a benchmark measures the same book on both engines.

    with server_book(source, day) as url:   # a postgresql:// URL holding the book
        ...

The cluster is the tests' (`tests/pg_cluster.py`: initdb'd in a temporary folder, on a
private Unix socket, fsync off), started for the run and removed after it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from tests.pg_cluster import server_bindir, start_cluster  # noqa: E402

FOLLOWUP = Path(sys.executable).with_name("followup")


@contextmanager
def server_book(source: Path, day: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """A throwaway cluster holding `source`'s records (their heat as of `day`); its
    database's URL."""
    bindir = server_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL server on this machine (initdb, pg_ctl, postgres)")
    cluster = start_cluster(bindir)
    try:
        url = cluster.url(cluster.new_database(empty=True))
        with tempfile.TemporaryDirectory() as tmp:
            exported = Path(tmp) / "book.json"
            for argv in (
                ["--db", str(source), "export", "-o", str(exported), "--date", day],
                ["--db", url, "import", str(exported), "--date", day],
            ):
                subprocess.run(
                    [str(FOLLOWUP), *argv],
                    check=True,
                    capture_output=True,
                    env=env or dict(os.environ),
                )
        yield url
    finally:
        cluster.stop()


def forget_server_placement(url: str) -> None:
    """Remove the kept placements of the book's owner (the cluster's superuser)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM queue_placed")
