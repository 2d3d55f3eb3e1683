"""Benchmark of the due queue (issue 4) and of logging a call (issue 5).

    python bench/bench_queue.py                    # 10,000 and 100,000 accounts
    python bench/bench_queue.py --sizes 10000      # fewer
    python bench/bench_queue.py --server --sizes 10000 --runs 1 --commits 50

Databases come from `bench/make_db.py` (20 activities per account), cached as
the account-list benchmark caches them. Each figure is printed beside a floor
measured in the same run, and as a ratio to it:

- **queue** - the whole queue for one day as the queue screen and `followup
  due` compute it (`fast_queue`: every live account placed in its sections, in
  order, with its priority, from the stored queue states), median of `--runs`;
  the day's kept placement is removed before each, so every state is placed
  (a second queue the same day reads the placement back: printed beside it).
  Floor: a hand-written correlated query in raw `sqlite3` that fetches, per
  account, the last contact and the next open follow-up. Beside it, no target:
  the first screen's rows made (the 40 rows of the first section with their
  words), every row made page by page as the screen makes them, the full
  build (`queue_and_inputs`: what `followup due` runs, as it prints every row,
  and the rules the states are checked against), and the one-off rewrite of
  every state (after an upgrade or a change of settings).
- **commit** - from the outcome keystroke's handler to the durable commit: one
  `log_contact` (activity, closed follow-up, next follow-up, summaries and heat)
  with `synchronous=FULL`, p50 and p99 over `--commits`. Floor: a raw `sqlite3`
  insert and commit with `synchronous=FULL` on the same file.
- **script** - gathering and filling the call script for one account
  (`call_data` + `fill_script`), median. Floor: the same number of trivial
  indexed reads in raw `sqlite3`.

`--server` (issue 19): the same figures on the same book on PostgreSQL, copied into a
throwaway cluster by followup's own export and import (`bench/server_book.py`; about
100 s at 10,000 accounts). The floors are then the same SQL in raw `psycopg` on that
server, labelled so; the commit is timed on the book itself (no file to copy or
checkpoint), and its floor is a raw `psycopg` insert and commit. The throwaway
cluster runs with fsync off, so its commits are not durable: `bench/bench_team.py`
times commits on a server that syncs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_accounts import cache_dir, ensure_db  # noqa: E402

from followup_tui.core.base.config import load_settings  # noqa: E402
from followup_tui.core.base.db_target import ServerUrl  # noqa: E402
from followup_tui.core.call.script import ScriptContext, fill_script  # noqa: E402
from followup_tui.core.queue.queue_items import queue_to_dict  # noqa: E402
from followup_tui.db import database  # noqa: E402
from followup_tui.db.calls import call_data  # noqa: E402
from followup_tui.db.file_safety import checkpoint_file  # noqa: E402
from followup_tui.db.follow_ups import ContactLog, log_contact  # noqa: E402
from followup_tui.db.heat_cache import ensure_heat_current  # noqa: E402
from followup_tui.db.models import FollowUp, db  # noqa: E402
from followup_tui.db.queue_data import queue_and_inputs  # noqa: E402
from followup_tui.db.queue_store import fast_queue  # noqa: E402

TODAY = dt.date(2026, 11, 22)
# The app checkpoints every 10 s; the bench commits far faster than a rep, so more often.
CHECKPOINT_EVERY_S = 0.5
FLOOR_SQL = """
SELECT a.id,
       (SELECT MAX(occurred_at) FROM activity v WHERE v.account_id = a.id),
       (SELECT MIN(due) FROM follow_up f WHERE f.account_id = a.id AND NOT f.done)
FROM account a WHERE NOT a.archived
"""


def timed(
    fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> list[float]:
    """Seconds per call over `runs` calls; `setup` runs before each, off the clock."""
    out = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def pct(values: list[float], q: float) -> float:
    """The q-quantile of a list, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def logged_contacts(ids: list[int], commits: int, settings: Any) -> list[float]:
    """Seconds from `log_contact`'s call to its commit, for `commits` contacts logged on
    these accounts in turn, each closing the account's open follow-up and setting the next."""
    durations = []
    for n in range(commits):
        account = ids[n % len(ids)]
        open_fu = (
            FollowUp.select(FollowUp.id)
            .where((FollowUp.account == account) & (FollowUp.done == False))  # noqa: E712
            .scalar()
        )
        log = ContactLog(
            account_id=account,
            outcome="reached",
            notes=f"bench {n}",
            follow_up_id=open_fu,
            next_due=TODAY + dt.timedelta(days=7),
            next_purpose="bench follow-up",
        )
        start = time.perf_counter()
        log_contact(log, settings)
        durations.append(time.perf_counter() - start)
    return durations


def raw_connection(book: Path | str) -> Any:
    """The floors' own connection: raw `sqlite3` on a file, raw `psycopg` on a server's URL
    (`--server`), where SQL's parameters are written `%s`, not `?`."""
    if isinstance(book, str):
        return psycopg.connect(book, autocommit=True)
    return sqlite3.connect(book)


def bench_size(path: Path, runs: int, commits: int, server: str | None = None) -> None:
    """Print the three figures for one database: the file, or its copy on the server at
    the URL `server`."""
    settings = load_settings(None)
    book: Path | str = server or path
    raw = raw_connection(book)
    floor = timed(lambda: raw.execute(FLOOR_SQL).fetchall(), runs)
    raw.close()
    database.open_database(ServerUrl(server) if server else path)
    start = time.perf_counter()
    replayed = ensure_heat_current(settings)  # once per change of heat settings, not per queue
    if replayed:
        print(f"  (replayed every account's stored heat once: {time.perf_counter() - start:.1f} s)")

    db.execute_sql("DELETE FROM cache_meta WHERE key = 'queue_state'")
    start = time.perf_counter()
    fast_queue(TODAY, settings)
    rewrite = time.perf_counter() - start

    def queue() -> None:
        fast_queue(TODAY, settings)

    def forget() -> None:
        db.execute_sql("DELETE FROM queue_placed")

    def first_screen() -> None:
        rows = next(s for s in fast_queue(TODAY, settings).sections if s.items).items
        for item in rows[:40]:
            item.reasons  # noqa: B018 - the words a row shows are made when read

    def every_row() -> None:
        queue_to_dict(fast_queue(TODAY, settings))

    # Each timed queue places every state: the day's kept placement is removed first.
    q = timed(queue, runs, setup=forget)
    kept = statistics.median(timed(queue, runs))
    fq, mq = statistics.median(floor), statistics.median(q)
    floor_is = "raw psycopg floor" if server else "floor"
    print(
        f"  queue      {mq * 1000:8.1f} ms   {floor_is} {fq * 1000:7.1f} ms   "
        f"ratio {mq / fq:5.1f}x"
        "   (target: median under 35 ms and every run under 50 ms at 10,000; "
        "within 3x the floor at 100,000)"
    )
    each = " ".join(f"{v * 1000:.1f}" for v in q)
    print(f"  queue, each run: {each} ms (max {max(q) * 1000:.1f})")
    print(f"  queue, the day's placement kept {kept * 1000:5.1f} ms")
    shown = statistics.median(timed(first_screen, runs, setup=forget))
    print(f"  queue + first 40 rows made  {shown * 1000:8.1f} ms")
    every = statistics.median(timed(every_row, max(1, runs // 3), setup=forget))
    print(f"  every row made, page by page {every * 1000:7.1f} ms")
    replay = statistics.median(timed(lambda: queue_and_inputs(TODAY, settings), max(1, runs // 3)))
    print(f"  full build (due --json)     {replay * 1000:8.1f} ms")
    print(f"  every state rewritten once  {rewrite * 1000:8.1f} ms")

    ids = [r[0] for r in db.execute_sql("SELECT id FROM account LIMIT 200").fetchall()]
    raw = raw_connection(book)
    by_id = f"SELECT name FROM account WHERE id = {'%s' if server else '?'}"
    script_floor = timed(
        lambda: [raw.execute(by_id, (i,)).fetchone() for i in ids[:6]],
        runs * 20,
    )
    raw.close()

    def script() -> None:
        data = call_data(ids[0])
        fill_script(
            ScriptContext(
                account_name=data.account["name"],
                today=TODAY,
                quadrant=data.account["quadrant"],
                history=data.history,
            ),
            settings,
        )

    s = timed(script, runs * 20)
    ms, fs = statistics.median(s), statistics.median(script_floor)
    print(
        f"  script     {ms * 1000:8.2f} ms   {floor_is} {fs * 1000:7.2f} ms   "
        f"ratio {ms / fs:5.1f}x   (target: under one 16 ms frame beyond the floor)"
    )
    if server:
        durations = logged_contacts(ids, commits, settings)
        database.close_database()
        floor_c = server_commit_floor(server, commits)
    else:
        database.close_database()
        durations, floor_c = file_commits(path, ids, commits, settings)
    print(f"  commit p50 {pct(durations, 0.5):8.2f} ms   {floor_is} {pct(floor_c, 0.5):7.2f} ms")
    print(
        f"  commit p99 {pct(durations, 0.99):8.2f} ms   {floor_is} {pct(floor_c, 0.99):7.2f} ms"
        "   (target: p99 under 20 ms)" + ("; this cluster runs fsync off" if server else "")
    )


def server_commit_floor(url: str, commits: int) -> list[float]:
    """Seconds of a raw `psycopg` one-row insert and its commit, `commits` times."""
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("CREATE TABLE bench_commit_floor (x integer)")
        floor_c = []
        for n in range(commits):
            start = time.perf_counter()
            with raw.transaction():
                raw.execute("INSERT INTO bench_commit_floor VALUES (%s)", (n,))
            floor_c.append(time.perf_counter() - start)
        raw.execute("DROP TABLE bench_commit_floor")
    return floor_c


def file_commits(
    path: Path, ids: list[int], commits: int, settings: Any
) -> tuple[list[float], list[float]]:
    """On a copy of the file, synchronous=FULL, checkpoints in a thread as the app does:
    the seconds of each `log_contact` and of each raw `sqlite3` insert and commit."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "commit.db"
        shutil.copy(path, copy)
        database.open_database(copy)
        db.pragma("synchronous", "full")
        # As the app does (screens/file_keeping): commits leave checkpoints to a thread.
        database.defer_checkpoints()
        stop = threading.Event()

        def checkpoints() -> None:
            while not stop.wait(CHECKPOINT_EVERY_S):
                checkpoint_file(copy)

        checkpointer = threading.Thread(target=checkpoints, daemon=True)
        checkpointer.start()
        durations = logged_contacts(ids, commits, settings)
        stop.set()
        checkpointer.join()
        database.close_database()
        raw = sqlite3.connect(copy, isolation_level=None)
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("CREATE TABLE t (x)")
        floor_c = []
        for n in range(commits):
            start = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute("INSERT INTO t VALUES (?)", (n,))
            raw.execute("COMMIT")
            floor_c.append(time.perf_counter() - start)
        raw.close()
    return durations, floor_c


def main() -> None:
    """Build or reuse the databases, then print each size's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--server", action="store_true", help="the books on PostgreSQL")
    args = parser.parse_args()
    folder = cache_dir(args.cache)
    for size in (int(s) for s in args.sizes.split(",")):
        path = ensure_db(size, folder)
        if not args.server:
            print(f"{size:,} accounts ({path.name})")
            bench_size(path, args.runs, args.commits)
            continue
        from server_book import server_book

        with server_book(path, TODAY.isoformat()) as url:
            print(f"{size:,} accounts ({path.name}) on PostgreSQL")
            bench_size(path, args.runs, args.commits, server=url)


if __name__ == "__main__":
    main()
