"""Team mode's benchmark (issue 19): one rep on a 50-rep server against the same rep alone.

    python bench/bench_team.py                      # 50 reps: 500,000 accounts
    python bench/bench_team.py --reps 5 --rounds 3  # a quick look

The team's database comes from `bench/team_db.py` (kept between runs; `--rebuild`
makes it again): 50 copies of the 10,000-account bench book, each owned by one rep.
Rep `--as` (rep07 by default) logs in as themselves, so the server's row-level
security leaves them their own 10,000 accounts among the 500,000; the same book
on SQLite is the cached bench file itself. Every figure is a ratio of the server
to SQLite measured in the same run, rounds alternating the two:

- **queue** - the rep's due queue for one day in-process (`fast_queue`, the day's
  kept placement removed before each, so every state is placed), and the whole
  `followup due` process (default output). Target: within 3x SQLite.
- **start-up** - `followup --db ...` in a real terminal (tmux, as
  `bench_startup.py` runs it) until the queue's rows are drawn. Target: within
  1.5x the start on SQLite.
- **commit** - one `log_contact` (activity, closed follow-up, next follow-up,
  summaries and heat) from call to committed, p50 and p99 over `--commits`, as
  another rep (`--commit-as`, the last rep by default): the contacts stay in the
  kept database, dated the day they are logged, and in the measured rep's book
  they would leave accounts whose state cannot answer for TODAY, which every
  later run's queue and start-up would build the slow way (SQLite's side is a
  fresh copy each run). Target: p99 under 20 ms on the local server (fsync on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(BENCH_DIR))

from bench_accounts import cache_dir, child_env, ensure_db  # noqa: E402
from bench_queue import logged_contacts, pct  # noqa: E402
from bench_startup import (  # noqa: E402
    QUEUE_ROWS,
    Command,
    Terminal,
    compile_bytecode,
    run_in_terminal,
)
from team_db import DATABASE, build, kept_cluster, rep_name  # noqa: E402

from followup_tui.core.base.config import load_settings  # noqa: E402
from followup_tui.core.base.db_target import ServerUrl  # noqa: E402

TODAY = dt.date(2026, 11, 22)
Target = Path | ServerUrl


def _open(target: Target) -> None:
    from followup_tui.cli.runtime import open_db

    open_db(target, create=False, settings=load_settings(None))


def _close() -> None:
    from followup_tui.db.database import close_database

    close_database()


def queue_times(target: Target, runs: int) -> list[float]:
    """`fast_queue` for TODAY, the day's placement forgotten before each run."""
    from followup_tui.db import queue_placement
    from followup_tui.db.queue_store import fast_queue

    settings = load_settings(None)
    _open(target)
    out = []
    try:
        fast_queue(TODAY, settings)  # states current, as after the day's first start
        for _ in range(runs):
            queue_placement.forget()
            start = time.perf_counter()
            fast_queue(TODAY, settings)
            out.append(time.perf_counter() - start)
    finally:
        _close()
    return out


def due_process(target: Target, env: dict[str, str]) -> float:
    """Seconds of the whole `followup due` process, its default output to a pipe."""
    followup = Path(sys.executable).parent / "followup"
    start = time.perf_counter()
    subprocess.run(
        [str(followup), "due", "--db", str(target), "--date", TODAY.isoformat()],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start


def commit_times(target: Target, commits: int) -> list[float]:
    """`log_contact` on the rep's accounts, call to commit, each timed."""
    from followup_tui.db.connection import db
    from followup_tui.db.models import Account

    _open(target)
    try:
        ids = [a.id for a in Account.select(Account.id).order_by(Account.id).limit(200)]
        out = logged_contacts(ids, commits, load_settings(None))
        if not db.is_server:
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        _close()
    return out


def start_times(targets: dict[str, Target], rounds: int, env: dict[str, str]) -> dict[str, Any]:
    """Start to the queue's rows drawn, in tmux, rounds alternating the targets."""
    followup = Path(sys.executable).parent / "followup"
    commands = [
        Command(
            name,
            [str(followup), "--db", str(target)],
            [("queue_drawn", QUEUE_ROWS.search)],
        )
        for name, target in targets.items()
    ]
    term = Terminal(env)
    try:
        for command in commands:  # warm-up: states written, caches parsed
            run_in_terminal(term, command, PROJECT_DIR, 0.005)
        for r in range(rounds):
            for command in commands[r % 2 :] + commands[: r % 2]:
                command.record(run_in_terminal(term, command, PROJECT_DIR, 0.005))
    finally:
        term.close()
    return {c.name: c.times["queue_drawn"] for c in commands}


def ms(values: list[float]) -> str:
    low, high = min(values) * 1000, max(values) * 1000
    return f"{statistics.median(values) * 1000:8.1f} ms ({low:.0f}-{high:.0f})"


def line(name: str, server: list[float], alone: list[float], target: float) -> None:
    ratio = statistics.median(server) / statistics.median(alone)
    held = "met" if ratio <= target else "NOT met"
    print(
        f"  {name:<22} server {ms(server)}   SQLite {ms(alone)}"
        f"   {ratio:4.2f}x  ({held}: {target}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--as", dest="rep", default="rep07", help="the rep who logs in")
    parser.add_argument("--commit-as", default=None, help="the rep who logs the contacts")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cluster", type=Path, default=Path("/var/tmp/followup-bench-pg"))
    parser.add_argument("--skip", default="", help="comma-separated: queue,due,start,commit")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    source = ensure_db(10_000, cache_dir(None))
    cluster = kept_cluster(args.cluster)
    made = _database_exists(cluster)
    if args.rebuild or not made:
        print(f"building the team database ({args.reps} reps) ...", file=sys.stderr)
        start = time.perf_counter()
        build(cluster, source, args.reps, DATABASE)
        print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    server = ServerUrl(cluster.url(DATABASE, user=args.rep))
    env = child_env()
    compile_bytecode([Path(sys.executable)])
    with tempfile.TemporaryDirectory() as tmp:
        alone = Path(tmp) / "rep.db"
        shutil.copy(source, alone)
        _open(alone)
        _close()
        print(f"team database: {args.reps} reps; rep {args.rep} against the same book on SQLite")
        if "queue" not in skip:
            line(
                "queue (in-process)",
                queue_times(server, args.rounds),
                queue_times(alone, args.rounds),
                3.0,
            )
        if "due" not in skip:
            pairs = [
                (due_process(server, env), due_process(alone, env)) for _ in range(args.rounds)
            ]
            line("followup due", [p[0] for p in pairs], [p[1] for p in pairs], 3.0)
        if "start" not in skip:
            try:
                times = start_times({"server": server, "sqlite": alone}, args.rounds, env)
            except RuntimeError as error:  # the app refused or failed: say so, go on
                print(f"  start to queue drawn   not measured: {str(error).splitlines()[0]}")
            else:
                line("start to queue drawn", times["server"], times["sqlite"], 1.5)
        if "commit" not in skip:
            writer = args.commit_as or rep_name(args.reps - 1)
            if writer == args.rep:
                raise SystemExit("bench_team: --commit-as must not be the measured rep (--as)")
            on_server = commit_times(ServerUrl(cluster.url(DATABASE, user=writer)), args.commits)
            on_file = commit_times(_copy(alone, Path(tmp)), args.commits)
            print(
                f"  commit p50 / p99       server {pct(on_server, 0.5):6.1f} / "
                f"{pct(on_server, 0.99):6.1f} ms"
                f"   SQLite {pct(on_file, 0.5):6.1f} / {pct(on_file, 0.99):6.1f} ms"
                f"   ({'met' if pct(on_server, 0.99) < 20 else 'NOT met'}: p99 under 20 ms)"
            )
    return 0


def _copy(path: Path, folder: Path) -> Path:
    copy = folder / "commit.db"
    shutil.copy(path, copy)
    return copy


def _database_exists(cluster: Any) -> bool:
    import psycopg

    with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
    return row is not None


if __name__ == "__main__":
    sys.exit(main())
