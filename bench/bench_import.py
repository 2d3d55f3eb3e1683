"""Benchmark of `followup import` of a CRM file (issue 17): 100,000 rows within 30 s.

    python bench/bench_import.py                 # 100,000 rows, three runs
    python bench/bench_import.py --rows 20000 --runs 1
    python bench/bench_import.py --server --rows 20000 --runs 1   # into PostgreSQL

The file is a Salesforce report export ("Opportunities with Contact Roles" shape):
each row an account (four rows each), a person, a deal and the person's role in it,
US dates and dollar amounts - so one run creates 25,000 accounts, 100,000 people,
100,000 deals and 100,000 buying influences, and recomputes the accounts' summaries.

Each run, in a fresh temporary folder:
- **import**: wall time of a `followup import FILE` process into a new database
  (start-up, reading, recognition, matching, writing, summaries);
- **re-import**: the same file again into that database (every record matched, nothing
  written): the idempotency check's cost;
- **floor**: the same rows, as text, inserted by a raw `executemany` into a one-table
  SQLite file and committed, timed in this process: the least any import could cost.
The ratio import/floor is printed beside each.

`--server` (issue 19): each run imports into a new empty database of a throwaway
PostgreSQL cluster (`bench/server_book.py`'s `server_database`, fsync off) instead of a
new file. Beside the SQLite floor, a server floor: the same rows by a raw `psycopg`
`executemany` into a one-table database on that server, committed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = ["Account Name", "Account Owner", "Billing City", "Opportunity Name", "Stage",
           "Close Date", "Amount", "First Name", "Last Name", "Title", "Email", "Phone",
           "Contact Role"]  # fmt: skip
STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Negotiation/Review",
          "Closed Won", "Closed Lost"]  # fmt: skip
ROLES = ["Economic Buyer", "Technical Buyer", "Business User", "Other"]


def rows(n: int) -> list[list[str]]:
    """n report rows, deterministic."""
    out = []
    for i in range(n):
        a = i // 4
        out.append([
            f"Account {a:06d} Ltd", f"Owner {a % 40}", f"City {a % 500}",
            f"Deal {i:06d}", STAGES[i % len(STAGES)], f"{i % 12 + 1}/{i % 28 + 1}/2027",
            f"${(i % 997) * 1000 + 500:,}.00", f"First{i}", f"Last{i}", "Buyer",
            f"person{i}@account{a}.example", f"+1 555 {i % 10000:04d}", ROLES[i % 4],
        ])  # fmt: skip
    return out


def floor(data: list[list[str]], folder: Path) -> float:
    """A raw executemany of the same rows into one table, committed."""
    path = folder / "floor.db"
    conn = sqlite3.connect(path)
    cols = ", ".join(f"c{i} TEXT" for i in range(len(HEADERS)))
    conn.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {cols})")
    marks = ", ".join("?" * len(HEADERS))
    start = time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO t VALUES (NULL, {marks})", data)
    took = time.perf_counter() - start
    conn.close()
    return took


def server_floor(data: list[list[str]], url: str) -> float:
    """A raw psycopg executemany of the same rows into one table on the server, committed."""
    import psycopg

    with psycopg.connect(url) as conn:
        cols = ", ".join(f"c{i} TEXT" for i in range(len(HEADERS)))
        conn.execute(f"CREATE TABLE bench_floor (id SERIAL PRIMARY KEY, {cols})")
        conn.commit()
        names = ", ".join(f"c{i}" for i in range(len(HEADERS)))
        marks = ", ".join(["%s"] * len(HEADERS))
        start = time.perf_counter()
        with conn.cursor() as cursor:
            cursor.executemany(f"INSERT INTO bench_floor ({names}) VALUES ({marks})", data)
        conn.commit()
        took = time.perf_counter() - start
        conn.execute("DROP TABLE bench_floor")
        conn.commit()
    return took


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", action="store_true", help="import into PostgreSQL")
    opts = parser.parse_args()
    data = rows(opts.rows)
    exe = [sys.executable, "-m", "followup_tui"]
    where = ", into PostgreSQL" if opts.server else ""
    if opts.server:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
    floor_is = "SQLite floor" if opts.server else "floor"
    print(f"{opts.rows:,} rows{where}; times in seconds")
    for run in range(1, opts.runs + 1):
        with contextlib.ExitStack() as stack:
            tmp = stack.enter_context(tempfile.TemporaryDirectory())
            folder = Path(tmp)
            target = str(folder / "f.db")
            if opts.server:
                from server_book import server_database

                target = stack.enter_context(server_database())
            source = folder / "report.csv"
            with source.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(HEADERS)
                writer.writerows(data)
            env = {**os.environ, "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp,
                   "FOLLOWUP_DB": target}  # fmt: skip
            env.pop("FOLLOWUP_CONFIG", None)
            base = f = floor(data, folder)
            first = timed([*exe, "import", str(source), "--date", "2026-11-22"], env)
            again = timed([*exe, "import", str(source), "--date", "2026-11-22"], env)
            served = ""
            if opts.server:
                s = server_floor(data, target)
                served = (
                    f"  raw psycopg floor {s:5.3f} "
                    f"(import {first / s:5.0f}x, re-import {again / s:5.0f}x)"
                )
            print(
                f"run {run}: import {first:6.2f} ({first / base:5.0f}x {floor_is})  "
                f"re-import {again:6.2f} ({again / base:5.0f}x)  {floor_is} {f:5.3f}{served}"
            )


if __name__ == "__main__":
    main()
