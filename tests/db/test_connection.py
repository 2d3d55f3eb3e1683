"""The database handle: plain SQLite until Peewee is wanted, then Peewee on the same connections.

The test process has the models (and so Peewee) loaded from the start, as every
command but the app's start does; the start itself runs in a process of its own here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import TODAY

# Runs in a fresh interpreter: argv[1] the demo file, argv[2] the day.
_START = r"""
import datetime as dt, json, sys
from followup_tui.core.base.config import load_settings
from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.db.heat_cache import ensure_heat_current
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.db.queue_store import fast_queue, prepare_days

out = {}
day = dt.date.fromisoformat(sys.argv[2])
settings = load_settings(None)
open_database(sys.argv[1])
ensure_heat_current(settings)

def same() -> bool:
    full = queue_and_inputs(day, settings)[1]
    return queue_to_dict(fast_queue(day, settings)) == queue_to_dict(full)

out["start"] = same()  # every state written, the day placed: all in plain SQLite
account = db.execute_sql("SELECT id FROM account ORDER BY id LIMIT 1").fetchone()[0]
with db.atomic("IMMEDIATE"):  # a write and a savepoint, still without Peewee
    with db.atomic():
        db.execute_sql(
            "INSERT INTO activity (account_id, occurred_at, kind, outcome, notes, "
            "our_commitments, their_commitments, created_at) "
            "VALUES (?, ?, 'call', 'reached', '', '', '', ?)",
            (account, f"{day.isoformat()} 03:00:00", f"{day.isoformat()} 03:00:00"),
        )
out["after_a_write"] = same()
out["prepared"] = [d.isoformat() for d in prepare_days(day, settings)]
out["peewee_before"] = "peewee" in sys.modules

# Peewee arrives inside an open transaction: its writes nest in it, one commit for both.
with db.atomic():
    db.execute_sql("UPDATE account SET notes = 'plain' WHERE id = ?", (account,))
    from followup_tui.db.models import Account

    Account.update(stop_reason="peewee").where(Account.id == account).execute()
    with db.atomic():
        Account.update(rejection_count=Account.rejection_count + 1).where(
            Account.id == account
        ).execute()
out["peewee_after"] = "peewee" in sys.modules
row = db.execute_sql(
    "SELECT notes, stop_reason FROM account WHERE id = ?", (account,)
).fetchone()
out["both_written"] = list(row)
out["after_peewee"] = same()
close_database()

# Read-only: no state can be written, the queue comes all the same.
open_database(sys.argv[1])
close_database()
db.init(f"file:{sys.argv[1]}?mode=ro", uri=True)
db.connect()
out["read_only"] = same()
print(json.dumps(out))
"""


def _run(path: Path, day: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _START, str(path), day],
        capture_output=True,
        text=True,
        timeout=120,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_start_without_peewee_then_peewee_on_the_same_connection(demo_db: Path) -> None:
    from followup_tui.db.database import close_database

    close_database()  # the subprocess has the file to itself
    out = _run(demo_db, TODAY.isoformat())
    assert out["start"] and out["after_a_write"], "the queue in plain SQLite is the full build"
    assert out["prepared"], "the coming days were placed"
    assert out["peewee_before"] is False, "no Peewee until the models are wanted"
    assert out["peewee_after"] is True
    assert out["both_written"] == ["plain", "peewee"], "one transaction, both writes"
    assert out["after_peewee"], "Peewee and the plain handle agree on the file"
    assert out["read_only"], "a read-only file still gives its queue"
