"""Benchmark of the search (issue 14): `followup find` and the list's `/` over every note.

    python bench/bench_find.py                      # 100,000 accounts, ~2,000,000 activities
    python bench/bench_find.py --size 10000 --repeat 50
    python bench/bench_find.py --server --size 10000 --repeat 5 --rounds 1

What is measured
----------------
On a copy of the cached book (`bench/make_db.py`, as the other benchmarks build
it; about 20 activities per account, every one with a note), migrated to the
current schema in a work directory of its own, so the shared cache is never
changed. The copy is kept there for the next run while its schema is current.

- **search**: `db.find.find(words, 20)`, what `followup find` runs for its hits,
  in this process with a warm page cache, for each query below, `--repeat`
  times each. Target (issue 14): p95 under 50 ms at 100,000 accounts / 2,000,000
  activities. Floor: one indexed single-row read (an account by id), the least
  a query costs, measured in the same run.
- **search notes alone**: the activities' part of the same (`record_hits`), timed
  apart for the note words above: the bench's account notes repeat its activity
  notes, so `find` fills its first 20 hits from the accounts for them.
- **short**: the same for words of one or two characters, looked up as the
  indexed trigrams that start with them (each indexed text ends in two spaces,
  so every character starts one): 报价 (common), 周总 (in no note: the rare
  case, which read every note before schema 12), 周 and li.
- **spread**: words found only between an account's name and its notes
  (`northwind 报价`, `zhang budget`), or a name word with a word in no note.
- **list notes**: `db.find.accounts_with_notes(words)`, the account list's search
  of every note and record for the accounts to add to its in-memory match (run
  in a thread while the list answers keys). No target; shown to see its cost.
- **whole process**: `followup find WORDS` against `followup --help`, alternately.
- **index size**: the pages of the `find_*` tables (SQLite's `dbstat`) as a share
  of the file, and what they add to the rest of it. Target: under 40%.

Bench books repeat a few note texts (eight per language), so a word of a note is
in one activity of sixteen: a worst case for the list's search, which lists every
account holding it, not for `find`, which stops at its limit.

`--server` (issue 19): the same figures on the same book on PostgreSQL, copied into a
throwaway cluster by followup's own export and import (`bench/server_book.py`; about
100 s at 10,000 accounts). The floor is the same read through the same connection. A
server has no FTS5 tables: its index is each searched table's `find_text` column and,
with pg_trgm, that column's GIN index of trigrams; their bytes are weighed against
the database's (`pg_database_size`).
"""

from __future__ import annotations

import argparse
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

from bench_accounts import TODAY, cache_dir, ensure_db, p95  # noqa: E402

from followup_tui.core.accounts.find_hits import query_words  # noqa: E402
from followup_tui.core.base.db_target import ServerUrl  # noqa: E402
from followup_tui.db.connection import db  # noqa: E402
from followup_tui.db.database import close_database, open_database  # noqa: E402
from followup_tui.db.find import accounts_with_notes, find, record_hits  # noqa: E402
from followup_tui.db.migrations import SCHEMA_VERSION  # noqa: E402

FOLLOWUP = Path(sys.executable).with_name("followup")
LIMIT = 20  # `followup find`'s default
# Words of the bench's notes (common), names, a pinyin, several words, and none.
QUERIES = (
    "budget",
    "spare-parts",
    "quote volume",
    "试点的验收标准",
    "新报价",
    "northwind",
    "物流有限",
    "zhang",
    "zorblax",
)
SHORT_QUERIES = ("报价", "周总", "周", "li")
# A name word and a note word: found between an account's own text and its notes.
SPREAD_QUERIES = ("northwind 报价", "zhang budget", "northwind zorblax")


def work_copy(size: int, cache: Path, work: Path) -> tuple[Path, float | None, int]:
    """A migrated copy of the cached book: (path, migration seconds or None, size before)."""
    source = ensure_db(size, cache)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"find-{source.name}"
    before = source.stat().st_size
    if path.exists():
        with sqlite3.connect(path) as raw:
            if raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return path, None, before
        path.unlink()
    # SQLite's own copy, read-only: a copy of the file alone would miss pages still in
    # the cached book's write-ahead log, if another benchmark has it open.
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    start = time.perf_counter()
    backup = open_database(path)
    took = time.perf_counter() - start
    close_database()
    if backup is not None:
        backup.unlink()  # the copy's own backup: the cached file is the original
    return path, took, before


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def line(label: str, values: Sequence[float], floor: float | None = None) -> str:
    """p50 / p95 / max in ms, and p95 as a multiple of the floor when given."""
    text = (
        f"{label:<28} p50 {statistics.median(values):8.2f}  p95 {p95(values):8.2f}  "
        f"max {max(values):8.2f} ms"
    )
    if floor:
        text += f"   p95 = {p95(values) / floor:7.1f} x floor"
    return text


def index_share(path: Path) -> tuple[int, int]:
    """(bytes of the find_* tables, bytes of the file), after a checkpoint."""
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        index = raw.execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'find\\_%' ESCAPE '\\'"
        ).fetchone()[0]
    return int(index or 0), path.stat().st_size


def server_index_share(url: str) -> tuple[int, int]:
    """(bytes of the searched tables' `find_text` columns and their GIN indexes, bytes of
    the database) on a server."""
    from followup_tui.db.find_index import INDEXES, SERVER_COLUMN

    index = 0
    for table in INDEXES:
        index += db.execute_sql(
            f"SELECT COALESCE(SUM(pg_column_size({SERVER_COLUMN})), 0) FROM {table.table}"
        ).fetchone()[0]
    index += db.execute_sql(
        "SELECT COALESCE(SUM(pg_relation_size(indexrelid)), 0) FROM pg_index "
        "JOIN pg_class c ON c.oid = indexrelid WHERE c.relname LIKE ?",
        (f"%\\_{SERVER_COLUMN}",),
    ).fetchone()[0]
    total = db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
    return int(index), int(total)


def whole_process(path: Path | str, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds of `followup --help` and `followup find budget`, alternately."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    helps, finds = [], []
    for _ in range(rounds):
        for command, out in (
            ([str(FOLLOWUP), "--help"], helps),
            ([str(FOLLOWUP), "--db", str(path), "find", "budget"], finds),
        ):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            out.append(time.perf_counter() - start)
    return helps, finds


def main(argv: Sequence[str] | None = None) -> int:
    """Build or reuse the migrated copy, then time the searches and weigh the index."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="accounts (100000)")
    parser.add_argument("--repeat", type=int, default=30, help="runs of each query (30)")
    parser.add_argument("--rounds", type=int, default=5, help="whole-process rounds (5)")
    parser.add_argument("--cache", type=Path, default=None, help="where cached books are")
    parser.add_argument("--server", action="store_true", help="the book on PostgreSQL")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "followup-bench-find",
        help="where the migrated copy is kept (default: <tmp>/followup-bench-find)",
    )
    args = parser.parse_args(argv)
    if args.server:
        from server_book import server_book

        source = ensure_db(args.size, cache_dir(args.cache))
        with server_book(source, TODAY.isoformat()) as url:
            print(f"the cached book on PostgreSQL: {source.name}")
            return measure(url, args, source.stat().st_size)
    path, migrated, before = work_copy(args.size, cache_dir(args.cache), args.work)
    if migrated is not None:
        print(f"migrated a copy to schema {SCHEMA_VERSION} in {migrated:.1f} s: {path}")
    return measure(path, args, before)


def measure(path: Path | str, args: argparse.Namespace, before: int) -> int:
    """Time the searches and weigh the index of the book at `path` (a file, or a server's
    URL)."""
    server = isinstance(path, str)
    open_database(ServerUrl(path) if isinstance(path, str) else path, create=False)
    try:
        counts = db.execute_sql(
            "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM activity)"
        ).fetchone()
        print(f"{counts[0]:,} accounts, {counts[1]:,} activities")
        ids = [
            row[0] for row in db.execute_sql("SELECT id FROM account ORDER BY random() LIMIT 200")
        ]
        pick = iter(ids * (args.repeat * len(QUERIES) // len(ids) + 1))
        floor_sql = "SELECT name FROM account WHERE id = ?"
        floor = timed(lambda: db.execute_sql(floor_sql, (next(pick),)).fetchone(), 200)
        floor_ms = statistics.median(floor)
        print(line("floor (row by id)", floor))
        searches: list[float] = []
        for query in QUERIES:
            words = query_words(query)
            find(words, LIMIT)  # warm this query's pages once
            values = timed(lambda: find(words, LIMIT), args.repeat)  # noqa: B023
            searches += values
            print(line(f"  search {query!r}", values, floor_ms))
        print(line("search, all queries", searches, floor_ms))
        verdict = "met" if p95(searches) < 50 else "NOT met"
        print(f"target p95 < 50 ms: {verdict}")
        # The bench's account notes repeat its activity notes, so `find` fills its 20
        # from the accounts for a note's words: the notes' own path, timed alone.
        notes: list[float] = []
        for query in QUERIES[:5]:
            words = query_words(query)
            values = timed(lambda: record_hits("activity", words, LIMIT), args.repeat)  # noqa: B023
            notes += values
        print(line("search notes alone", notes, floor_ms))
        shorts: list[float] = []
        for query in SHORT_QUERIES:
            words = query_words(query)
            find(words, LIMIT)
            values = timed(lambda: find(words, LIMIT), args.repeat)  # noqa: B023
            shorts += values
            print(line(f"  short {query!r}", values, floor_ms))
        print(line("short, all queries", shorts, floor_ms))
        spreads: list[float] = []
        for query in SPREAD_QUERIES:
            words = query_words(query)
            find(words, LIMIT)
            values = timed(lambda: find(words, LIMIT), args.repeat)  # noqa: B023
            spreads += values
            print(line(f"  spread {query!r}", values, floor_ms))
        print(line("spread, all queries", spreads, floor_ms))
        for query in (*QUERIES[:4], SHORT_QUERIES[0], *SPREAD_QUERIES[:2]):
            words = query_words(query)
            values = timed(lambda: accounts_with_notes(words), 3)  # noqa: B023
            found = len(accounts_with_notes(words))
            print(line(f"list notes {query!r} ({found:,})", values))
        if isinstance(path, str):
            index, total = server_index_share(path)
    finally:
        close_database()
    helps, finds = whole_process(path, args.rounds)
    print(
        f"whole process: help median {statistics.median(helps) * 1000:.0f} ms, "
        f"find median {statistics.median(finds) * 1000:.0f} ms "
        f"({statistics.median(finds) / statistics.median(helps):.2f} x help)"
    )
    if isinstance(path, Path):
        index, total = index_share(path)
    else:
        print("index on the server: the find_text columns and their GIN trigram indexes")
    print(
        f"index: {index / 1e6:.1f} MB of {total / 1e6:.1f} MB = {index / total:.1%} of the "
        f"{'database' if server else 'file'}; "
        f"adds {index / (total - index):.1%} to the rest "
        f"(cached file before: {before / 1e6:.1f} MB)"
    )
    print(f"target under 40%: {'met' if index / (total - index) < 0.40 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
