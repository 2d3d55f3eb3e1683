"""The search of every note runs in a worker thread, and a newer text stops it there.

The connection it interrupts is the data layer's: the UI above asks `stop`, and never
holds a database connection itself.
"""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest

import followup_tui
from followup_tui.db import note_search
from followup_tui.db.connection import db
from followup_tui.db.note_search import NoteSearch

UI = Path(followup_tui.__file__).parent


def _endless(words: object, archived: object = False) -> dict[int, tuple[str, int]]:
    """A query that runs until it is interrupted (a search over a huge book, shortened)."""
    db.connection().execute(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    ).fetchone()
    raise AssertionError("never reached")


def test_stop_interrupts_the_search_running_in_another_thread(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(note_search, "accounts_with_notes", _endless)
    search = NoteSearch()
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(search.run(["sow"])))
    worker.start()
    deadline = time.monotonic() + 5
    while search._running is None and time.monotonic() < deadline:
        time.sleep(0.01)
    search.stop()
    worker.join(timeout=5)
    assert not worker.is_alive(), "the search was not interrupted"
    assert result == [None]
    assert search._running is None


def test_a_search_left_alone_answers(db_path: Path) -> None:
    from followup_tui.core.base.config import load_settings
    from followup_tui.db.accounts import save_account
    from followup_tui.db.follow_ups import ContactLog, log_contact

    account = save_account({"name": "Acme"})
    log_contact(
        ContactLog(account_id=account, outcome=None, notes="SOW by Friday", kind="note"),
        load_settings(None),
    )
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(NoteSearch().run(["sow"])))
    worker.start()
    worker.join(timeout=10)
    assert list(found[0]) == [account]  # type: ignore[call-overload]


def test_no_screen_or_widget_holds_a_database_connection() -> None:
    """QA: the account list kept the SQLite connection it interrupted."""
    for path in [*UI.glob("screens/**/*.py"), *UI.glob("widgets/*.py"), UI / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name != "sqlite3" for a in node.names), path
            if isinstance(node, ast.ImportFrom):
                assert node.module not in ("sqlite3", "followup_tui.db.connection"), path
            if isinstance(node, ast.Attribute):
                assert node.attr != "interrupt", path
