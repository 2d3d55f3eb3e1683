"""A search of every note that another thread can stop.

The account list's `/` searches every note and blue-sheet record in a worker
thread once typing pauses; a newer text stops the search still running rather
than wait for an answer nobody reads. Stopping means interrupting that thread's
SQLite connection, which only the data layer holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from followup_tui.db.connection import db
from followup_tui.db.database import thread_connection
from followup_tui.db.find import accounts_with_notes


class NoteSearch:
    """Runs `accounts_with_notes` on a connection of its thread's own; `stop` interrupts it."""

    def __init__(self) -> None:
        self._running: sqlite3.Connection | None = None
        self._stopped = False

    def run(
        self, words: Sequence[str], archived: bool | None = False
    ) -> dict[int, tuple[str, int]] | None:
        """The accounts whose notes hold every word (see `accounts_with_notes`, and its
        `archived`); None when `stop` interrupted the search. Called from a worker thread."""
        with thread_connection():
            self._stopped = False
            self._running = db.connection()
            try:
                return accounts_with_notes(words, archived)
            except Exception:
                if self._stopped:
                    return None  # interrupted: SQLite's error, or Peewee's around it
                raise
            finally:
                self._running = None

    def stop(self) -> None:
        """Interrupt the search running, if one is (SQLite allows it from another thread)."""
        self._stopped = True
        running = self._running
        if running is not None:
            # A server's connection (psycopg) cancels its statement running instead.
            halt = getattr(running, "interrupt", None) or getattr(running, "cancel", None)
            if halt is not None:
                halt()
