"""Which failures of a write are the storage's (a full disk, a read-only file, a missing
folder, another program's lock), so the app can say so and keep what was typed.

SQLite reports them as OperationalError with fixed English texts (its result codes'
messages); the operating system as OSError with an errno; a team's PostgreSQL server
with an SQLSTATE code (a lock held too long, writes that kept clashing, the server gone).
"""

from __future__ import annotations

import errno as errnos

# SQLite's message for each result code that means "the storage said no".
_SQLITE = (
    ("database or disk is full", "storage_full"),
    ("attempt to write a readonly database", "storage_read_only"),
    ("readonly database", "storage_read_only"),
    ("unable to open database file", "storage_unopenable"),
    ("database is locked", "storage_locked"),
    ("database table is locked", "storage_locked"),
    ("disk i/o error", "storage_io"),
)
_ERRNO = {
    errnos.ENOSPC: "storage_full",
    errnos.EDQUOT: "storage_full",
    errnos.EROFS: "storage_read_only",
    errnos.EACCES: "storage_read_only",
    errnos.EPERM: "storage_read_only",
    errnos.ENOENT: "storage_unopenable",
    errnos.ENOTDIR: "storage_unopenable",
    errnos.EIO: "storage_io",
}

# A server's SQLSTATE codes, then its classes (the first two characters), that say "not
# now": a lock held past the lock timeout or a statement past its timeout (busy), a
# deadlock or serialization failure still there after the retries (clash), the
# connection or the server gone, a server taking no writes, no room left.
_SQLSTATE = {
    "55P03": "storage_server_busy",  # lock_not_available
    "57014": "storage_server_busy",  # query_canceled: the statement timeout
    "40001": "storage_server_clash",  # serialization_failure
    "40P01": "storage_server_clash",  # deadlock_detected
    "25006": "storage_server_read_only",  # read_only_sql_transaction
    "53100": "storage_full",  # disk_full
    "57P01": "storage_server_gone",  # admin_shutdown
    "57P02": "storage_server_gone",  # crash_shutdown
    "57P03": "storage_server_gone",  # cannot_connect_now
    "25P03": "storage_server_gone",  # idle_in_transaction_session_timeout
}
_SQLSTATE_CLASS = {"08": "storage_server_gone", "53": "storage_server_busy"}


def storage_reason(
    message: str, errno: int | None = None, sqlstate: str | None = None
) -> str | None:
    """The vocabulary key of why the storage refused a write, or None when the failure
    is not the storage's (a bug, which must not be taken for one). `sqlstate`: a
    server's code for the failure (a bug's, a constraint's, is none of these)."""
    if sqlstate is not None:
        return _SQLSTATE.get(sqlstate) or _SQLSTATE_CLASS.get(sqlstate[:2])
    if errno is not None and errno in _ERRNO:
        return _ERRNO[errno]
    lowered = message.lower()
    for text, reason in _SQLITE:
        if text in lowered:
            return reason
    return None
