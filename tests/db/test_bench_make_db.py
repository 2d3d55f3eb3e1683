"""The benchmark's database builder keeps working as the schema changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from followup_tui.core.queue.queue_items import queue_to_dict
from followup_tui.db.database import close_database, open_database
from followup_tui.db.heat_cache import ensure_heat_current
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.db.queue_store import fast_queue
from tests.support import TODAY

ROOT = Path(__file__).resolve().parents[2]


def test_make_db_builds_a_book_the_app_reads(tmp_path: Path, settings) -> None:
    out = tmp_path / "bench.db"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_db.py"), "--accounts", "60",
         "--seed", "2", "--today", TODAY.isoformat(), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "60 account" in done.stdout
    open_database(out)
    try:
        ensure_heat_current(settings)
        queue = fast_queue(TODAY, settings)
        assert sum(len(s.items) for s in queue.sections) > 10
        assert queue_to_dict(queue) == queue_to_dict(queue_and_inputs(TODAY, settings)[1])
    finally:
        close_database()
