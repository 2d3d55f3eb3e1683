"""A name holding an escape sequence cannot clear or retitle the terminal a subcommand
prints to (#18); printed to a file or a pipe, output stays byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.db.accounts import save_account
from followup_tui.db.database import close_database

FOLLOWUP = Path(sys.executable).parent / "followup"


def in_a_terminal(*args: str) -> bytes:
    """What `followup ARGS` writes to a terminal (a pseudo-terminal), both streams."""
    main, child = os.openpty()
    try:
        subprocess.run([str(FOLLOWUP), *args], stdout=child, stderr=child, check=False, timeout=60)
        os.close(child)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        os.close(main)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")
def test_a_note_on_an_escaping_name_prints_no_escape(db_path: Path) -> None:
    save_account({"name": "Title\x1b]0;PWNED\x07 Ltd"})
    save_account({"name": "Evil\x1b[2J co"})
    close_database()
    out = in_a_terminal("--db", str(db_path), "note", "Title", "hi again")
    assert b"Title]0;PWNED Ltd" in out and b"\x1b" not in out and b"\x07" not in out
    out = in_a_terminal("--db", str(db_path), "note", "nobody-here", "x")
    assert b"\x1b" not in out
    # To a pipe the export keeps the name exactly as stored.
    piped = subprocess.run(
        [str(FOLLOWUP), "--db", str(db_path), "export", "--format", "csv", "--table", "accounts"],
        capture_output=True, check=True,
    )  # fmt: skip
    assert b"Evil\x1b[2J co" in piped.stdout
