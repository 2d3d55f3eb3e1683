"""The reliability figures of docs/reliability.md, measured again (issue 18).

    python bench/reliability.py                 # 200 kills, 4 writers x 25 notes
    python bench/reliability.py --kills 50 --writers 2 --notes 10

1. Crash safety: `bench/crash_kills.py`'s writer killed with SIGKILL at random
   moments; writes reported, found, lost, half-made, integrity failures.
2. Concurrent writers: several `followup note` processes writing one file at once
   (each waits on SQLite's busy timeout, none gives up); notes written, found, lost.
3. Backups: `followup backup` while writers write; the copy checked in full.

SQLite only: it measures a file's durability; `--server` says so and exits 2 (issue 19).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crash_kills import refused_server, run_kills  # noqa: E402

FOLLOWUP = Path(sys.executable).parent / "followup"
DAY = "2026-11-22"


def followup(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FOLLOWUP), *args], capture_output=True, text=True, check=False)


def concurrent_notes(folder: Path, writers: int, notes: int) -> tuple[int, int, int, bool]:
    """(notes written, found, failed commands, backup sound) with `writers` processes
    each logging `notes` notes on one account of the demo, a backup taken meanwhile."""
    db = folder / "team.db"
    assert followup("--db", str(db), "demo", "--no-open", "--date", DAY).returncode == 0
    con = sqlite3.connect(db)
    account = con.execute("SELECT name FROM account ORDER BY id LIMIT 1").fetchone()[0]
    before = con.execute("SELECT count(*) FROM activity").fetchone()[0]
    con.close()

    def write(writer: int) -> int:
        failed = 0
        for n in range(notes):
            text = f"writer {writer} note {n} 并发"
            run = followup("--db", str(db), "note", account, text)
            if run.returncode != 0:
                failed += 1
                print(f"  writer {writer} note {n}: exit {run.returncode}: {run.stderr.strip()}")
        return failed

    with ThreadPoolExecutor(writers + 1) as pool:
        results = [pool.submit(write, w) for w in range(writers)]
        time.sleep(0.5)
        backup = pool.submit(followup, "--db", str(db), "backup", "-o", str(folder / "copy.db"))
        failed = sum(r.result() for r in results)
        backed_up = backup.result().returncode == 0
    sound = backed_up and followup("--db", str(folder / "copy.db"), "check").returncode == 0
    con = sqlite3.connect(db)
    found = con.execute("SELECT count(*) FROM activity").fetchone()[0] - before
    con.close()
    return writers * notes, found, failed, sound


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--notes", type=int, default=25)
    args = refused_server(parser)
    with tempfile.TemporaryDirectory() as tmp:
        kills = run_kills(args.kills, 1, Path(tmp))
    print(
        f"crash safety: {kills.kills} SIGKILLs in {kills.seconds:.1f} s; "
        f"{kills.writes_reported} committed writes reported, {kills.writes_found} found, "
        f"{kills.writes_lost} lost, {kills.half_writes} half-made, "
        f"{kills.integrity_failures} integrity failures "
        f"({', '.join(f'{k} {n}' for k, n in kills.by_kind.items())})"
    )
    with tempfile.TemporaryDirectory() as tmp:
        written, found, failed, sound = concurrent_notes(Path(tmp), args.writers, args.notes)
    print(
        f"concurrent writers: {args.writers} processes wrote {written} notes at once: "
        f"{found} found, {written - found} lost, {failed} commands failed; "
        f"a backup taken meanwhile is {'sound' if sound else 'NOT sound'}"
    )
    ok = not kills.problems and found == written and not failed and sound
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
