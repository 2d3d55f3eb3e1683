"""Kill a writing followup with SIGKILL at random moments; prove nothing committed is lost.

    python bench/crash_kills.py                 # 200 kills, figures printed
    python bench/crash_kills.py --kills 50 --seed 7

A writer process loops over the app's own writes through the data layer: a draft
saved, a call finished (an activity, its follow-up closed and the next one made,
heat and summaries, in one transaction), a landmine added to a blue sheet, and a
CRM file imported (`followup import`: an account and its person together). After
each commit it tells the parent which write it was. The parent kills it at a
random moment, then opens the file and checks:
- `PRAGMA integrity_check` is ok and no foreign key is broken;
- every write the writer reported is there;
- no write is half there: every finished call has its next follow-up and every
  imported account its person (and the other way round), whoever was killed when.

The writer is forked from a parent that has already imported followup, so a round
costs the writes, not Python's start-up: 50 kills take seconds.

SQLite only: it measures a file's durability; `--server` says so and exits 2 (issue 19).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from followup_tui.cli.main import main as followup_main  # noqa: E402
from followup_tui.core.base.config import load_settings  # noqa: E402
from followup_tui.db.database import close_database, open_database  # noqa: E402
from followup_tui.db.drafts import save_draft  # noqa: E402
from followup_tui.db.follow_ups import ContactLog, log_contact  # noqa: E402
from followup_tui.db.models import Account, Deal  # noqa: E402
from followup_tui.db.sheets import save_landmine  # noqa: E402

DAY = dt.date(2026, 11, 22)
KINDS = ("draft", "call", "landmine", "import")


@dataclass
class Figures:
    kills: int = 0
    writes_reported: int = 0
    writes_found: int = 0
    writes_lost: int = 0
    half_writes: int = 0
    integrity_failures: int = 0
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    problems: list[str] = field(default_factory=list)


def prepare(db: Path, folder: Path) -> tuple[int, int]:
    """A new book with one account and an open deal; (account id, deal id).

    One import is run here first: it loads the import's modules and writes the
    settings' cache once, so that no writer spends its short life doing that.
    """
    open_database(db)
    account = Account.create(name="Crash test 撞击测试", quadrant="A")
    deal = Deal.create(account=account.id, title="Pilot", amount=1000, outcome="open")
    close_database()
    warm = folder / "warm-up.csv"
    warm.write_text("Account Name,Contact Name\nWarm-up co,Warm-up person\n", encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        followup_main(["--db", str(db), "import", str(warm), "--date", DAY.isoformat()])
    close_database()
    return int(account.id), int(deal.id)


def _write(i: int, db: Path, account: int, deal: int, folder: Path) -> None:
    kind = KINDS[i % len(KINDS)]
    if kind == "draft":
        save_draft(f"crash-{i}", f"draft {i} 草稿 " + "字" * (i % 50), account)
    elif kind == "call":
        log = ContactLog(
            account, "reached", notes=f"call {i}", next_due=DAY + dt.timedelta(days=i % 9 + 1),
            next_purpose=f"next {i}",
        )  # fmt: skip
        log_contact(log, SETTINGS)
    elif kind == "landmine":
        save_landmine({"deal": deal, "category": "other", "text": f"landmine {i}"})
    else:
        sheet = folder / f"import-{i}.csv"
        sheet.write_text(
            f"Account Name,Contact Name,Email\nimp {i} co,imp {i} person,p{i}@example.com\n",
            encoding="utf-8",
        )
        code = followup_main(["--db", str(db), "import", str(sheet), "--date", DAY.isoformat()])
        if code != 0:
            raise SystemExit(f"import {i} failed with exit {code}")


SETTINGS = load_settings(None)


def _writer(db: Path, start: int, report: int, account: int, deal: int, folder: Path) -> None:
    """The child: write from `start` on, reporting each committed write's number."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # the import's own messages
    os.dup2(devnull, 2)
    open_database(db)
    i = start
    while True:
        _write(i, db, account, deal, folder)
        os.write(report, f"{i}\n".encode())
        i += 1


def _reported(fd: int) -> list[int]:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return [int(x) for x in data.split()]


def check(db: Path, reported: list[int], figures: Figures) -> None:
    """The file after a kill: sound, every reported write there, none half there."""
    con = sqlite3.connect(db, timeout=10)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            figures.integrity_failures += 1
            figures.problems.append("integrity check failed")
        if con.execute("PRAGMA foreign_key_check").fetchall():
            figures.integrity_failures += 1
            figures.problems.append("broken foreign keys")
        drafts = {r[0] for r in con.execute("SELECT context FROM note_draft")}
        calls = {r[0] for r in con.execute("SELECT notes FROM activity WHERE notes LIKE 'call %'")}
        nexts = {
            r[0] for r in con.execute("SELECT purpose FROM follow_up WHERE purpose LIKE 'next %'")
        }
        mines = {r[0] for r in con.execute("SELECT text FROM landmine")}
        accounts = {r[0] for r in con.execute("SELECT name FROM account WHERE name LIKE 'imp %'")}
        people = {r[0] for r in con.execute("SELECT name FROM contact WHERE name LIKE 'imp %'")}
    finally:
        con.close()
    present = {
        "draft": lambda i: f"crash-{i}" in drafts,
        "call": lambda i: f"call {i}" in calls,
        "landmine": lambda i: f"landmine {i}" in mines,
        "import": lambda i: f"imp {i} co" in accounts,
    }
    for i in reported:
        figures.writes_reported += 1
        figures.by_kind[KINDS[i % len(KINDS)]] += 1
        if present[KINDS[i % len(KINDS)]](i):
            figures.writes_found += 1
        else:
            figures.writes_lost += 1
            figures.problems.append(f"write {i} ({KINDS[i % len(KINDS)]}) reported but missing")
    halves = {c[5:] for c in calls} ^ {n[5:] for n in nexts}
    halves |= {a[4:-3] for a in accounts} ^ {p[4:-7] for p in people}
    if halves:
        figures.half_writes += len(halves)
        figures.problems.append(f"half-made writes: {sorted(halves)[:5]}")


def run_kills(
    kills: int, seed: int, folder: Path, *, longest: float = 0.25, progress: bool = False
) -> Figures:
    """`kills` rounds of write-then-SIGKILL on a new book in `folder`."""
    rng = random.Random(seed)
    db = folder / "crash.db"
    account, deal = prepare(db, folder)
    figures = Figures()
    started = time.perf_counter()
    start = 0
    for round_ in range(kills):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read)
            try:
                _writer(db, start, write, account, deal, folder)
            finally:
                os._exit(1)
        os.close(write)
        time.sleep(rng.uniform(0.005, longest))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reported = _reported(read)
        os.close(read)
        figures.kills += 1
        check(db, reported, figures)
        # The write in flight when killed may have committed unreported: never reuse it.
        start = (reported[-1] if reported else start) + 2
        if progress and (round_ + 1) % 10 == 0:
            print(f"  {round_ + 1} kills, {figures.writes_reported} writes reported", flush=True)
    figures.seconds = time.perf_counter() - started
    return figures


def refused_server(
    parser: argparse.ArgumentParser, argv: list[str] | None = None
) -> argparse.Namespace:
    """`parser`'s arguments, with `--server` refused (exit 2): what a file's durability
    measures has no meaning on a team's server, whose durability is PostgreSQL's."""
    parser.add_argument(
        "--server", action="store_true", help="refused: this measures a SQLite file only"
    )
    args = parser.parse_args(argv)
    if args.server:
        print(
            f"{parser.prog}: SQLite only (a file's durability); it has no PostgreSQL form",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return args


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = refused_server(parser)
    with tempfile.TemporaryDirectory() as tmp:
        figures = run_kills(args.kills, args.seed, Path(tmp), progress=True)
    print(
        f"{figures.kills} kills in {figures.seconds:.1f} s: {figures.writes_reported} writes "
        f"reported, {figures.writes_found} found, {figures.writes_lost} lost, "
        f"{figures.half_writes} half-made, {figures.integrity_failures} integrity failures"
    )
    print("  writes by kind: " + ", ".join(f"{k} {n}" for k, n in figures.by_kind.items()))
    for problem in figures.problems[:20]:
        print("  " + problem)
    return 0 if not figures.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
