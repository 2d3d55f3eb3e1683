"""End to end: a remapped key in the installed `followup` command, in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_tmux import FOLLOWUP, SOCKET, tmux, wait_for

pytestmark = pytest.mark.e2e


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_remapped_key_acts_and_shows_in_the_footer_and_help(tmp_path: Path) -> None:
    """`keymap: {queue.done: ctrl+d}`: ctrl+d closes out a row, d no longer does, both say ^d."""
    assert FOLLOWUP.exists(), "the followup console script is not installed"
    config_home, cache_home = tmp_path / "config", tmp_path / "cache"
    (config_home / "followup").mkdir(parents=True)
    (config_home / "followup" / "config.yaml").write_text(
        "keymap:\n  queue.done: ctrl+d\n", encoding="utf-8"
    )
    homes = f"XDG_CONFIG_HOME={config_home} XDG_CACHE_HOME={cache_home}"
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "XDG_CACHE_HOME": str(cache_home)}
    env.pop("FOLLOWUP_CONFIG", None)
    db = tmp_path / "demo.db"
    # The demo is written for the day the app will open on (the machine's today),
    # so the screen is the same whatever the date: a pinned --date would age it.
    subprocess.run(
        [str(FOLLOWUP), "--db", str(db), "demo", "--no-open"],
        check=True,
        env=env,
        capture_output=True,
    )
    session = f"followup-keymap-{uuid.uuid4().hex[:8]}"
    status = tmp_path / "status"
    command = f"env -u FOLLOWUP_CONFIG {homes} {FOLLOWUP} --db {db}; echo $? > {status}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", command)
    try:
        screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
        footer = lambda: ["", *screen().rstrip().splitlines()][-1]  # noqa: E731
        # The footer names the new key (it comes in the frame after the queue's rows).
        assert wait_for(lambda: "^d Done" in footer()), screen()
        assert " d Done" not in footer()
        # The old key does nothing; the new one opens the close-out of the row.
        assert "Outcome" not in screen()
        tmux("send-keys", "-t", session, "d")
        time.sleep(1.0)
        assert "Outcome" not in screen()
        tmux("send-keys", "-t", session, "C-d")
        assert wait_for(lambda: "Outcome" in screen()), screen()
        tmux("send-keys", "-t", session, "Escape")
        assert wait_for(lambda: "Outcome" not in screen()), screen()
        # The help lists the action under its new key.
        tmux("send-keys", "-t", session, "?")
        assert wait_for(lambda: "Keys - Due queue" in screen()), screen()

        def help_rows() -> list[list[str]]:
            return [line.split("│")[1].split()[:2] for line in screen().splitlines() if "│" in line]

        assert wait_for(lambda: ["^d", "Done"] in help_rows()), screen()
        assert ["d", "Done"] not in help_rows()
        tmux("send-keys", "-t", session, "Escape")
        assert wait_for(lambda: "Keys - Due queue" not in screen()), screen()
        tmux("send-keys", "-t", session, "q")
        assert wait_for(status.exists), screen()
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
