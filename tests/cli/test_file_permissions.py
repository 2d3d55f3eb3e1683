"""A book the rep may not write (#18, file permissions): `followup note` run as an
unprivileged user on a 0444 file says the storage refused it, names the file, and
leaves it byte for byte. (As root, permissions do not bind: the test drops to nobody.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from followup_tui.db.file_safety import online_backup
from tests.cli.engines import on_sqlite_only
from tests.support import TODAY

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def as_nobody(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TZ": "UTC",
    }
    return subprocess.run(
        [*NOBODY, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


# A file's permissions: a team's server grants writes to roles (tests/db/test_team_rls.py).
@on_sqlite_only("demo_db")
@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root")
def test_a_note_to_a_book_without_write_permission_is_refused_and_the_file_unchanged(
    demo_db: Path,
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="followup-ro-", dir="/tmp"))
    try:
        os.chmod(folder, 0o777)  # nobody may make its own -wal and -shm, not write the book
        book = folder / "book.db"
        online_backup(demo_db, book)
        os.chmod(book, 0o444)
        before = book.read_bytes()
        probe = as_nobody([sys.executable, "-c", "import followup_tui"], folder)
        if probe.returncode != 0:
            pytest.skip("this checkout's interpreter is not readable by an unprivileged user")
        done = as_nobody(
            [sys.executable, "-m", "followup_tui", "--db", str(book), "note", "Contoso",
             "Called about the order 订单", "--today", TODAY.isoformat()],
            folder,
        )  # fmt: skip
        assert done.returncode != 0, done.stdout
        assert "Traceback" not in done.stderr
        assert str(book) in done.stderr or "read-only" in done.stderr.lower(), done.stderr
        assert book.read_bytes() == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
