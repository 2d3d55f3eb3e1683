"""Whether the book may have changed since a review was read: a stamp of the connection.

The review screen keeps each tab it read, so going back to a tab draws it at once.
What it kept must never outlive a change: a plan step marked here, a call logged on
another screen, a sheet saved by `followup` in another terminal. SQLite tells both
apart for free: `PRAGMA data_version` moves when any other connection (another
process, or a worker thread's own connection) commits, and the connection's
`total_changes` moves when it writes itself. A stamp taken on the same connection
before a read, and equal to one taken later, means nothing was written in between.

A stamp is only comparable with one taken on the same connection (the screen takes
both on its own thread). Any write counts, whatever it touched: a tab is read again
more often than needed, never shown stale.

A team's server keeps such a count itself (`db.book_changes`): it moves with any write,
the screen's own too, and names the writers not yet committed.
"""

from __future__ import annotations

import sqlite3

from followup_tui.db.connection import db

# On SQLite: the connection itself (compared by identity, and kept alive so no new
# connection takes its place), what it last saw others commit, and how many rows it
# changed. On a server: None, the book's changes so far and the transactions writing it
# now (`db.book_changes`), the same whichever connection reads them.
Stamp = tuple[sqlite3.Connection | None, int, int | str]


def book_stamp() -> Stamp | None:
    """This thread's connection's stamp; None when it cannot say: read again."""
    if db.is_server:
        from followup_tui.db.book_changes import server_stamp

        changes, _outside, writing = server_stamp()
        return (None, changes, writing)
    conn = db.connection()
    if not isinstance(conn, sqlite3.Connection):
        return None
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    # The connection too: one opened again starts its counts afresh.
    return (conn, int(version), conn.total_changes)
