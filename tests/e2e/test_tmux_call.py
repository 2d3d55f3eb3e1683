"""End to end: the call script in a real 80x24 terminal shows the number and their time."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_tmux import FOLLOWUP, SOCKET, tmux, wait_for, write_demo

pytestmark = pytest.mark.e2e

NUMBER = "+86 139 0000 1234"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_call_script_shows_the_number_and_their_time_at_80x24(tmp_path: Path) -> None:
    db = write_demo(tmp_path, "demo.db")
    # Whoever the first call is with, their number is one the old table cut at 80 columns.
    with sqlite3.connect(db) as con:
        con.execute("UPDATE contact SET phone = ?", (NUMBER,))
    session = f"followup-call-{uuid.uuid4().hex[:8]}"
    command = f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db {db}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    # OSC 52 from the app then sets a tmux buffer: the copy is seen to reach the terminal.
    tmux("set-option", "-s", "set-clipboard", "on")
    screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
    try:
        assert wait_for(lambda: "Overdue" in screen()), screen()
        tmux("send-keys", "-t", session, "Enter")
        assert wait_for(lambda: "Their time" in screen()), screen()
        text = screen()
        assert NUMBER in text, text
        # Their wall-clock time in their zone, and whether now is inside their hours.
        assert re.search(r"\d\d:\d\d \([A-Za-z_]+/[A-Za-z_]+\)", text), text
        # Inside or outside their hours, or their weekend (the day the test runs on).
        assert any(w in text for w in ("their hours", "their weekend", "no calling hours")), text
        tmux("send-keys", "-t", session, "F9")
        assert wait_for(lambda: "Copied +8613900001234" in screen()), screen()
        assert wait_for(
            lambda: "+8613900001234" in tmux("show-buffer") if tmux("list-buffers") else False
        ), tmux("list-buffers")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
