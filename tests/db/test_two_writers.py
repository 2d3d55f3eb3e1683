"""Two writers on one file (#18): a transaction takes the write lock at its start, so the
other process waits its turn instead of failing at once with "database is locked"."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from bench.reliability import concurrent_notes
from followup_tui.db.connection import db
from followup_tui.db.models import Account


def test_a_transaction_holds_the_write_lock_from_its_start(db_path: Path) -> None:
    Account.create(name="Acme", quadrant="A")
    other = sqlite3.connect(db_path, timeout=0.05)
    try:
        with db.atomic():
            Account.select().count()  # a read first, as log_contact reads its follow-up
            # Begun DEFERRED, the other process's write would go in here, and this
            # transaction's write below would then fail at once (SQLITE_BUSY_SNAPSHOT).
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("UPDATE account SET name = 'theirs'")
            Account.update(name="mine").execute()
        other.execute("UPDATE account SET name = name || ' and theirs'")
        other.commit()
    finally:
        other.close()
    assert Account.get().name == "mine and theirs"


@pytest.mark.skipif(sys.platform == "win32", reason="the installed console script")
def test_writers_at_once_all_succeed_and_nothing_is_lost(tmp_path: Path) -> None:
    written, found, failed, sound = concurrent_notes(tmp_path, writers=3, notes=5)
    assert (found, failed, sound) == (written, 0, True)
