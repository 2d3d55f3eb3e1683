"""A benchmark's book on a team's PostgreSQL database (#19): the cached SQLite book
copied into a new database of a throwaway cluster, through followup's own export and
import (about 100 s at 10,000 accounts), then analysed, so that a benchmark measures the
same book on both engines.

    with server_book(source, day) as url:   # a postgresql:// URL holding the book
        ...
    with server_database() as url:          # an empty database (an import's target)
        ...

The cluster is the tests' (`tests/pg_cluster.py`: initdb'd in a temporary folder, on a
private Unix socket, fsync off), started for the run and removed after it.
"""

from __future__ import annotations

import os
import shutil
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
# `followup` itself with the server's statement timeout lifted (`db.server`'s backstop,
# 60 s): the import's one statement refreshing every account's summaries runs on tables
# the server has no statistics of yet, so it is planned by guesses and ran past 60 s at
# 10,000 accounts in four runs of seven on a busy machine (the import then fails as
# "busy"). A product defect, reported (issue 19); the bench's book must still be made.
UNTIMED_FOLLOWUP = (
    "import sys; from followup_tui.db import server; server.STATEMENT_TIMEOUT_S = 0; "
    "from followup_tui.cli.entry import run; sys.argv[0] = 'followup'; run()"
)


@contextmanager
def bench_book(
    source: Path, folder: Path, day: str, *, server: bool, env: dict[str, str] | None = None
) -> Iterator[Path | str]:
    """The book a benchmark runs on: a copy of `source` in `folder` (the cached file is
    never written), or with `server` the same book on a throwaway cluster (its URL)."""
    if server:
        with server_book(source, day, env) as url:
            yield url
        return
    copy = folder / "followup.db"
    shutil.copyfile(source, copy)
    yield copy


@contextmanager
def server_database() -> Iterator[str]:
    """A throwaway cluster holding one empty database; its URL."""
    bindir = server_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL server on this machine (initdb, pg_ctl, postgres)")
    cluster = start_cluster(bindir)
    try:
        yield cluster.url(cluster.new_database(empty=True))
    finally:
        cluster.stop()


@contextmanager
def server_book(source: Path, day: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """A throwaway cluster holding `source`'s records (their heat as of `day`); its
    database's URL."""
    with server_database() as url:
        with tempfile.TemporaryDirectory() as tmp:
            exported = Path(tmp) / "book.json"
            for command, argv in (
                ([str(FOLLOWUP)], ["--db", str(source), "export", "-o", str(exported)]),
                ([sys.executable, "-c", UNTIMED_FOLLOWUP], ["--db", url, "import", str(exported)]),
            ):
                done = subprocess.run(
                    [*command, *argv, "--date", day],
                    capture_output=True,
                    text=True,
                    env=env or dict(os.environ),
                )
                if done.returncode != 0:
                    raise SystemExit(
                        f"followup {argv[2]} exited {done.returncode}: {done.stderr[-2000:]}"
                    )
        analyse(url)
        yield url


def analyse(url: str) -> None:
    """Gather the planner's statistics of every table, as autovacuum does within a minute
    or so of a large write: straight after the import the server knows none, and plans
    by guesses (a correlated read of every account's last contact took 41 s, not 44 ms)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def forget_server_placement(url: str) -> None:
    """Remove the kept placements of the book's owner (the cluster's superuser)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM queue_placed")
