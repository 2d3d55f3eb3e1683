"""Benchmark of `followup due` (issue 20): the shell's door to the queue, as a whole process.

    python bench/bench_due.py                       # 10,000 and 100,000 accounts, 7 rounds
    python bench/bench_due.py --sizes 10000 --rounds 5
    python bench/bench_due.py --server --sizes 10000   # the same book on PostgreSQL

What is measured
----------------
Every figure but the queue's is a whole process started from this one
(`followup` as installed in this interpreter's environment, output to a
pipe that is read and thrown away), timed from start to exit, on a copy of
the cached book (`bench/make_db.py`, as the other benchmarks build it), for
the day the books lead up to. Everything is byte-compiled first: this
machine sets PYTHONDONTWRITEBYTECODE=1.

- **help**: `followup --help`, the floor: the interpreter, the CLI's imports
  and argparse, nothing of the book.
- **due**: `followup due --date DAY`, the default output (each section's count
  and its first rows), with the day's kept placement removed first (off the
  clock), so the queue is placed from the stored states as a day's first
  `due` places it. Also with the placement kept (a second `due` the same day,
  or after the app has opened).
- **queue**: the app's own queue time as a start spends it: `fast_queue` for
  the day (what the queue screen runs), timed inside a fresh process, its
  database cold, with the kept placement removed first.
- **due --all --json**: every row streamed, compact; its peak memory (the
  child's maximum resident set, from `wait4`) and its time.

Target (issue 20): due < 1.5 x help + queue, at 10,000 and 100,000 accounts;
`--all --json` under 200 MB at 100,000. Rounds alternate help and due; each
figure is printed as min / median / max, and the target is judged on medians.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))

from bench_accounts import TODAY, cache_dir, ensure_db  # noqa: E402
from bench_startup import compile_bytecode  # noqa: E402
from server_book import bench_book  # noqa: E402

FOLLOWUP = Path(sys.executable).with_name("followup")


def run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from start to exit, and the child's peak memory in MB; exit 0 or fail."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None
    while child.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        assert child.stderr is not None
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}: {child.stderr.read()!r}")
    return elapsed, usage.ru_maxrss / 1024


def forget_placement(db: Path | str) -> None:
    """Remove the day's kept placement, so the next queue places every state."""
    if isinstance(db, str):  # a team's server (`--server`)
        from server_book import forget_server_placement

        forget_server_placement(db)
        return
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM queue_placed")


# The app's queue time as a start spends it: a fresh process, its database and
# page cache cold, the day's placement removed first (so every state is placed).
QUEUE_PROBE = """
import sys, time, datetime as dt
from pathlib import Path
from followup_tui.cli import runtime
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.db_target import database_target
settings = load_settings(None)
runtime.open_db(database_target(sys.argv[1], "probe"), create=False, settings=settings)
from followup_tui.db.queue_store import fast_queue
start = time.perf_counter()
fast_queue(dt.date.fromisoformat(sys.argv[2]), settings)
print(time.perf_counter() - start)
"""


def queue_times(db: Path | str, runs: int, env: dict[str, str]) -> list[float]:
    """The app's own queue time (`fast_queue`, placement removed first), each in a new
    process as a start runs it."""
    out = []
    for _ in range(runs):
        forget_placement(db)
        probe = subprocess.run(
            [sys.executable, "-c", QUEUE_PROBE, str(db), TODAY.isoformat()],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        out.append(float(probe.stdout.split()[-1]))
    return out


def spread(values: Sequence[float], scale: float = 1000, unit: str = "ms") -> str:
    """min / median / max."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low * scale:7.1f} / {mid * scale:7.1f} / {high * scale:7.1f} {unit}"


def bench_size(size: int, rounds: int, env: dict[str, str], *, server: bool = False) -> bool:
    """Print one book's figures; whether the targets are met. `server`: the same book
    on a throwaway PostgreSQL cluster (`server_book`)."""
    source = ensure_db(size, cache_dir(None))
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        db = stack.enter_context(
            bench_book(source, Path(tmp), TODAY.isoformat(), server=server, env=env)
        )
        day = ["--date", TODAY.isoformat()]
        due = [str(FOLLOWUP), "--db", str(db), "due", *day]
        help_ = [str(FOLLOWUP), "--help"]
        run(due, env)  # warm-up: replays heat or writes states if the copy needs it
        figures: dict[str, list[float]] = {"help": [], "due": [], "due_kept": []}
        steps: list[tuple[str, Callable[[], None]]] = [
            ("help", lambda: None),
            ("due", lambda: forget_placement(db)),
            ("due_kept", lambda: None),
        ]
        for n in range(rounds):
            for name, setup in steps[n % 3 :] + steps[: n % 3]:
                setup()
                command = help_ if name == "help" else due
                if name == "due_kept":
                    run(due, env)  # make sure the day's placement is kept
                figures[name].append(run(command, env)[0])
        queue = queue_times(db, rounds, env)
        all_runs = [run([*due, "--all", "--json"], env) for _ in range(max(1, rounds // 3))]
    help_m, due_m = (statistics.median(figures[k]) for k in ("help", "due"))
    queue_m = statistics.median(queue)
    bound = 1.5 * help_m + queue_m
    peak = max(m for _, m in all_runs)
    met = due_m < bound and (size < 100_000 or peak < 200)
    print(f"{size:,} accounts{' on PostgreSQL' if server else ''}")
    print(f"  followup --help              {spread(figures['help'])}")
    print(f"  app's queue (placed)         {spread(queue)}")
    print(f"  followup due (placed)        {spread(figures['due'])}")
    print(f"  followup due (placement kept){spread(figures['due_kept'])}")
    print(
        f"  target: due < 1.5 x help + queue = {bound * 1000:.1f} ms: "
        f"{due_m * 1000:.1f} ms, {'met' if due_m < bound else 'NOT met'}"
    )
    print(
        f"  due --all --json             {spread([t for t, _ in all_runs], 1, 's')}, "
        f"peak {peak:.0f} MB{' (target under 200 MB)' if size >= 100_000 else ''}"
    )
    return met


def main() -> None:
    """Compile, then print each size's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--server", action="store_true", help="the books on PostgreSQL")
    args = parser.parse_args()
    if not FOLLOWUP.exists():
        raise SystemExit(f"no followup command beside {sys.executable}: pip install -e . first")
    compile_bytecode([Path(sys.executable)])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as home:
        # The shipped defaults, no user config; parsed settings cached as every start finds them.
        env |= {"XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home}
        sizes = [int(s) for s in args.sizes.split(",")]
        results = [bench_size(s, args.rounds, env, server=args.server) for s in sizes]
    print("targets met" if all(results) else "a target is NOT met")


if __name__ == "__main__":
    main()
