"""Benchmark of `followup review` (issue 16): every tab for a year, as a whole process.

    python bench/bench_review.py                    # 10,000 accounts, 3 rounds
    python bench/bench_review.py --sizes 10000,100000 --rounds 5
    python bench/bench_review.py --server --rounds 1   # the same book on PostgreSQL

What is measured
----------------
Each figure is a whole process started from this one (`followup` as installed in
this interpreter's environment, output to a pipe that is read and thrown away),
timed from start to exit, on a copy of the cached book (`bench/make_db.py`, as
the other benchmarks build it; the copy is brought to the current schema and its
heat made current before any timing), for the day the books lead up to:

- **help**: `followup --help`, the floor: the interpreter, the CLI's imports and
  argparse, nothing of the book.
- each tab: `followup review TAB --year 2026 --date DAY --format json`. Board,
  pipeline and heat are judged on the day; health covers the day's quarter and
  the three before; year-end the year against the year before; activity the
  year up to the day.

Target (issue 16): each tab under 1 s. Rounds alternate the commands; each figure
is printed as min / median / max, and the target is judged on medians.

`--server` (issue 19): the same commands on the same book on PostgreSQL (`--db URL`),
copied into a throwaway cluster by followup's own export and import
(`bench/server_book.py`; about 100 s at 10,000 accounts), instead of a copy of the file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))

from bench_accounts import TODAY, cache_dir, ensure_db  # noqa: E402
from bench_due import FOLLOWUP, run, spread  # noqa: E402
from bench_startup import compile_bytecode  # noqa: E402
from server_book import bench_book  # noqa: E402

TABS = ("board", "pipeline", "health", "year-end", "heat", "activity")
TARGET_S = 1.0


def tab_command(db: Path | str, tab: str) -> list[str]:
    """The command timed for one tab."""
    day = ["--date", TODAY.isoformat(), "--year", str(TODAY.year)]
    return [str(FOLLOWUP), "--db", str(db), "review", tab, *day, "--format", "json"]


def bench_size(size: int, rounds: int, env: dict[str, str], *, server: bool = False) -> bool:
    """Print one book's figures; whether every tab met the target. `server`: the same book
    on a throwaway PostgreSQL cluster (`server_book`)."""
    source = ensure_db(size, cache_dir(None))
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        db = stack.enter_context(
            bench_book(source, Path(tmp), TODAY.isoformat(), server=server, env=env)
        )
        # Off the clock: the schema upgrade and the heat replay a first open may need.
        subprocess.run(
            [str(FOLLOWUP), "--db", str(db), "due", "--date", TODAY.isoformat()],
            check=True,
            capture_output=True,
            env=env,
        )
        commands = {"help": [str(FOLLOWUP), "--help"]}
        commands |= {tab: tab_command(db, tab) for tab in TABS}
        for command in commands.values():
            run(command, env)  # warm-up: the page cache, as a second run finds it
        figures: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for n in range(rounds):
            for name in names[n % len(names) :] + names[: n % len(names)]:
                figures[name].append(run(commands[name], env)[0])
    where = " on PostgreSQL" if server else ""
    print(f"{size:,} accounts{where}, {rounds} rounds (min / median / max)")
    met = True
    help_m = statistics.median(figures["help"])
    for name, times in figures.items():
        median = statistics.median(times)
        ok = name == "help" or median < TARGET_S
        met = met and ok
        note = "" if name == "help" else f"  {median / help_m:4.1f} x help"
        mark = "" if ok else "  NOT under 1 s"
        print(f"  {name:<10} {spread(times)}{note}{mark}")
    return met


def main() -> None:
    """Compile, then print each size's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server", action="store_true", help="the books on PostgreSQL")
    args = parser.parse_args()
    if not FOLLOWUP.exists():
        raise SystemExit(f"no followup command beside {sys.executable}: pip install -e . first")
    compile_bytecode([Path(sys.executable)])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as home:
        # The shipped defaults, no user config; parsed settings cached as every start finds them.
        env |= {"XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home}
        results = [
            bench_size(int(s), args.rounds, env, server=args.server) for s in args.sizes.split(",")
        ]
    print("targets met" if all(results) else "a target is NOT met")


if __name__ == "__main__":
    main()
