"""End to end: the installed `followup` command in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

FOLLOWUP = Path(sys.executable).with_name("followup")


# A tmux server of this test process's own: a pane started by a server that was already
# running (the developer's, another run's) would take that server's environment - its
# clock under faketime, its TZ - instead of this test's.
SOCKET = f"followup-tests-{os.getpid()}"


def tmux(*args: str) -> str:
    """Run a tmux command against this process's own server; its output.

    The server (and every pane) gets this process's environment without COLUMNS and
    LINES: a test before it in the same process can leave them set (80x24), and an app
    reads them before its pane's size, so a pane asked for at 140x40 drew at 80x24."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def write_demo(tmp_path: Path, name: str = "demo.db") -> Path:
    """A demo database for the day the app will open on (the machine's today), written by
    the installed command with the test's own config directory; its path."""
    db = tmp_path / name
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    subprocess.run(
        [str(FOLLOWUP), "--db", str(db), "demo", "--no-open"],
        check=True,
        env=env,
        capture_output=True,
    )
    return db


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_followup_runs_in_tmux_and_quits_cleanly(tmp_path: Path) -> None:
    assert FOLLOWUP.exists(), (
        f"the followup console script is not installed beside {sys.executable}"
    )
    db = write_demo(tmp_path, "demo.db")
    session = f"followup-e2e-{uuid.uuid4().hex[:8]}"
    status = tmp_path / "status"
    # The shell records the exit code once the app has quit, so we can check it.
    command = (
        f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db {db}; echo $? > {status}; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", command)
    try:
        screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
        assert wait_for(lambda: "华为技术" in screen() or "accounts" in screen()), screen()
        text = screen()
        assert any(name in text for name in ("Northwind", "Contoso")), text
        assert any(ch >= "\u4e00" for ch in text), "no CJK account name on the first screen"
        tmux("send-keys", "-t", session, "q")
        assert wait_for(status.exists), screen()
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_note_survives_sigkill_and_is_offered_back(tmp_path: Path) -> None:
    """Type a note, kill -9 the app mid-note, start again: the draft comes back intact."""
    db = write_demo(tmp_path, "crash.db")
    session = f"followup-crash-{uuid.uuid4().hex[:8]}"
    run = f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db {db}"
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", "bash", "--norc")
    screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
    note = "客户要求周五前报价 ABC"
    try:
        tmux("send-keys", "-t", session, run, "Enter")
        assert wait_for(lambda: "Overdue" in screen()), screen()
        tmux("send-keys", "-t", session, "n")
        assert wait_for(lambda: "Note on" in screen()), screen()
        tmux("send-keys", "-t", session, "-l", note)
        assert wait_for(lambda: note in screen()), screen()
        time.sleep(1.0)  # the promise: saved within a second of typing
        pids = subprocess.run(
            ["pgrep", "-f", f"{FOLLOWUP} --db {db}"], capture_output=True, text=True
        ).stdout.split()
        assert pids, "the app is not running"
        for pid in pids:
            os.kill(int(pid), 9)
        assert wait_for(
            lambda: not subprocess.run(["pgrep", "-f", f"--db {db}"], capture_output=True).stdout
        )
        tmux("send-keys", "-t", session, "reset", "Enter")
        time.sleep(0.5)
        tmux("send-keys", "-t", session, run, "Enter")
        # Offered, not opened under the rep's fingers: keys typed now go to the queue.
        assert wait_for(lambda: "Unsaved notes on" in screen()), screen()
        assert "Note on" not in screen()
        tmux("send-keys", "-t", session, "C-d")
        assert wait_for(lambda: "Note on" in screen() and note in screen()), screen()
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
        subprocess.run(["pkill", "-9", "-f", f"--db {db}"], capture_output=True)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_close_out_survives_sigkill_with_its_outcome_and_next_date(tmp_path: Path) -> None:
    """d, an outcome, a note, kill -9: the next start reopens the close-out as it was."""
    import json
    import sqlite3

    db = write_demo(tmp_path, "crash.db")
    session = f"followup-closeout-{uuid.uuid4().hex[:8]}"
    run = f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db {db}"
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", "bash", "--norc")
    screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
    note = "left a message about the quote"

    def close_out_draft() -> dict | None:
        with sqlite3.connect(db) as con:
            row = con.execute(
                "SELECT text FROM note_draft WHERE context LIKE 'closeout:%'"
            ).fetchone()
        return json.loads(row[0]) if row else None

    try:
        tmux("send-keys", "-t", session, run, "Enter")
        assert wait_for(lambda: "Overdue" in screen()), screen()
        tmux("send-keys", "-t", session, "d")
        assert wait_for(lambda: "Outcome - press its key" in screen()), screen()
        time.sleep(0.5)  # drawn before its keys are on: a key sent at once may be lost
        tmux("send-keys", "-t", session, "v")
        picked = lambda: "nobody reached" in screen()  # noqa: E731 - the retry proposed
        if not wait_for(picked, timeout=5.0):
            # Once seen under a loaded CI: the first key after the dialog appeared was
            # lost (the known first-key race, not what this test is about). Say it, retry.
            print("the outcome key was not taken: sent again")
            tmux("send-keys", "-t", session, "v")
            assert wait_for(picked), screen()
        tmux("send-keys", "-t", session, "-l", note)
        assert wait_for(lambda: note in screen()), screen()
        time.sleep(1.0)  # the promise: saved within a second of typing
        kept = close_out_draft()
        assert kept is not None and kept["outcome"] == "voicemail" and kept["note"] == note
        due = kept["next_due"]
        assert due, kept
        pids = subprocess.run(
            ["pgrep", "-f", f"{FOLLOWUP} --db {db}"], capture_output=True, text=True
        ).stdout.split()
        assert pids, "the app is not running"
        for pid in pids:
            os.kill(int(pid), 9)
        assert wait_for(
            lambda: not subprocess.run(["pgrep", "-f", f"--db {db}"], capture_output=True).stdout
        )
        tmux("send-keys", "-t", session, "reset", "Enter")
        time.sleep(0.5)
        tmux("send-keys", "-t", session, run, "Enter")
        assert wait_for(lambda: "Unsaved notes on" in screen()), screen()
        assert "Outcome - press its key" not in screen()
        tmux("send-keys", "-t", session, "C-d")
        # The close-out itself is back (not a quick note), with the note and the date.
        assert wait_for(lambda: "Outcome - press its key" in screen()), screen()
        assert wait_for(lambda: note in screen() and due in screen()), screen()
        assert "Note on" not in screen()
        # Enter goes on to the date, enter saves: the outcome need not be picked again.
        tmux("send-keys", "-t", session, "Enter")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "Enter")
        assert wait_for(lambda: close_out_draft() is None), screen()
        with sqlite3.connect(db) as con:
            outcome, notes = con.execute(
                "SELECT outcome, notes FROM activity ORDER BY id DESC LIMIT 1"
            ).fetchone()
            next_due = con.execute(
                "SELECT due FROM follow_up WHERE done = 0 AND account_id = ("
                " SELECT account_id FROM activity ORDER BY id DESC LIMIT 1)"
            ).fetchone()
        assert (outcome, notes) == ("voicemail", note)
        assert next_due is not None and str(next_due[0]).startswith(due)
        tmux("send-keys", "-t", session, "q")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
        subprocess.run(["pkill", "-9", "-f", f"--db {db}"], capture_output=True)
