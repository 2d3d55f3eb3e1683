"""End to end: f4 hands the terminal to $EDITOR and the note comes back (a real suspend)."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_tmux import FOLLOWUP, SOCKET, tmux, wait_for, write_demo

pytestmark = pytest.mark.e2e

FROM_EDITOR = "第一行：周总要 SOW\n\n  second line, indented"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_f4_runs_the_editor_in_the_terminal_and_saves_what_it_wrote(tmp_path: Path) -> None:
    db = write_demo(tmp_path, "editor.db")
    # The editor notes whether it had the terminal, shows itself, and writes the note.
    seen, note = tmp_path / "seen", tmp_path / "note.txt"
    note.write_text(FROM_EDITOR + "\n", encoding="utf-8")
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f'{{ test -t 0 && test -t 2 && echo tty; cat "$1"; }} > "{seen}"\n'
        "echo EDITOR-RUNNING; sleep 1\n"
        f'cat "{note}" > "$1"\n',
        encoding="utf-8",
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    session = f"followup-editor-{uuid.uuid4().hex[:8]}"
    run = f"XDG_CONFIG_HOME={tmp_path / 'config'} EDITOR={editor} {FOLLOWUP} --db {db}"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "bash", "--norc")
    screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
    try:
        tmux("send-keys", "-t", session, run, "Enter")
        assert wait_for(lambda: "Overdue" in screen()), screen()
        tmux("send-keys", "-t", session, "n")
        assert wait_for(lambda: "Note on" in screen()), screen()
        tmux("send-keys", "-t", session, "-l", "typed here")
        assert wait_for(lambda: "typed here" in screen()), screen()
        tmux("send-keys", "-t", session, "F4")
        assert wait_for(lambda: "EDITOR-RUNNING" in screen()), screen()
        assert wait_for(lambda: "second line, indented" in screen()), screen()
        assert "Note on" in screen(), "the app is back, with the dialog"
        # A text file: a final newline.
        assert seen.read_text(encoding="utf-8") == "tty\ntyped here\n"
        tmux("send-keys", "-t", session, "C-s")
        assert wait_for(lambda: "Note on" not in screen()), screen()
        with sqlite3.connect(db) as con:
            (saved,) = con.execute("SELECT notes FROM activity ORDER BY id DESC LIMIT 1").fetchone()
        assert saved == FROM_EDITOR
        tmux("send-keys", "-t", session, "q")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
