"""Which failures of a write are the storage's (a full disk, a read-only file, a missing
folder, another program's lock), so the app can say so and keep what was typed.

SQLite reports them as OperationalError with fixed English texts (its result codes'
messages); the operating system as OSError with an errno.
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


def storage_reason(message: str, errno: int | None = None) -> str | None:
    """The vocabulary key of why the storage refused a write, or None when the failure
    is not the storage's (a bug, which must not be taken for one)."""
    if errno is not None and errno in _ERRNO:
        return _ERRNO[errno]
    lowered = message.lower()
    for text, reason in _SQLITE:
        if text in lowered:
            return reason
    return None
