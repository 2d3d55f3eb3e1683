"""The book's change stamps on either engine: the review's (`book_stamp`) and the
account list's (`outside_writes`) change with any write from another connection, even
one that committed after the stamp was taken; a read changes neither."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from followup_tui.core.accounts.find_hits import query_words
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.accounts import save_account
from followup_tui.db.connection import db
from followup_tui.db.database import outside_writes, thread_connection
from followup_tui.db.find import accounts_with_notes, find
from followup_tui.db.models import Account, Activity
from followup_tui.db.review_stamp import book_stamp


@contextmanager
def _other(target: Path | ServerUrl) -> Iterator[Any]:
    """A connection of another process's kind: the driver's own, not the data layer's."""
    if isinstance(target, ServerUrl):
        import psycopg

        conn: Any = psycopg.connect(target.url, autocommit=True)
    else:
        conn = sqlite3.connect(target, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _stamps() -> tuple[object, int]:
    return book_stamp(), outside_writes()


def _in_thread(work: Callable[[], object]) -> None:
    """`work` on a worker thread's own connection, as the app's workers write."""

    def run() -> None:
        with thread_connection():
            work()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()


def test_a_write_elsewhere_changes_both_stamps_and_a_read_neither(db_path: Path) -> None:
    account = save_account({"name": "Contoso"})
    before = _stamps()
    assert before[0] is not None
    # Reads of every kind: the list's, the search's, the models'.
    find(query_words("contoso"), 5)
    accounts_with_notes(query_words("sow"))
    list(Account.select())
    assert _stamps() == before
    _in_thread(lambda: save_account({"name": "Fabrikam"}))
    after_thread = _stamps()
    assert after_thread[0] != before[0] and after_thread[1] != before[1]
    with _other(db_path) as other:
        other.execute(
            "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
            "their_commitments, created_at) VALUES (%s, 'note', '2026-11-02 10:00:00', "
            "'SOW', '', '', '2026-11-02 10:00:00')".replace("%s", "%s" if db.is_server else "?"),
            (account,),
        )
    after_raw = _stamps()
    assert after_raw[0] != after_thread[0] and after_raw[1] != after_thread[1]
    assert _stamps() == after_raw


def test_an_own_write_changes_the_review_stamp_only(db_path: Path) -> None:
    """As SQLite's data_version: the connection's own commits are not another's."""
    account = save_account({"name": "Contoso"})
    stamp, outside = _stamps()
    Activity.create(account=account, kind="note", occurred_at=dt.datetime(2026, 11, 2))
    assert book_stamp() != stamp
    assert outside_writes() == outside
    # Another's write, then this connection's: only the other's is seen.
    _in_thread(lambda: save_account({"name": "Fabrikam"}))
    seen = outside_writes()
    assert seen != outside
    save_account({"name": "Tailspin"})
    assert outside_writes() == seen


def test_a_writer_that_commits_after_the_stamp_changes_it(db_path: Path) -> None:
    """The server counts a write as its statement runs: a stamp taken before its commit
    must still change when it commits."""
    save_account({"name": "Contoso"})
    with _other(db_path) as other:
        other.execute("BEGIN")
        other.execute("UPDATE account SET notes = 'moved'")
        stamp = _stamps()
        assert [a.notes for a in Account.select()] == [""]  # not committed: not seen
        assert _stamps() == stamp
        other.execute("COMMIT")
    now = _stamps()
    assert now[0] != stamp[0] and now[1] != stamp[1]
