"""Benchmark of `followup import` of a CRM file (issue 17): 100,000 rows within 30 s.

    python bench/bench_import.py                 # 100,000 rows, three runs
    python bench/bench_import.py --rows 20000 --runs 1

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
"""

from __future__ import annotations

import argparse
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
    opts = parser.parse_args()
    data = rows(opts.rows)
    exe = [sys.executable, "-m", "followup_tui"]
    print(f"{opts.rows:,} rows; times in seconds")
    for run in range(1, opts.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            source = folder / "report.csv"
            with source.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(HEADERS)
                writer.writerows(data)
            env = {**os.environ, "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp,
                   "FOLLOWUP_DB": str(folder / "f.db")}  # fmt: skip
            env.pop("FOLLOWUP_CONFIG", None)
            base = f = floor(data, folder)
            first = timed([*exe, "import", str(source), "--date", "2026-11-22"], env)
            again = timed([*exe, "import", str(source), "--date", "2026-11-22"], env)
            print(
                f"run {run}: import {first:6.2f} ({first / base:5.0f}x floor)  "
                f"re-import {again:6.2f} ({again / base:5.0f}x)  floor {f:5.3f}"
            )


if __name__ == "__main__":
    main()
