"""End to end: the first frame a real terminal shows is the whole queue screen.

Textual draws its first frames while the app is still batching its start and
throws them away; the frame shown next repainted only what changed, so the
title line and the queue's counts stayed blank for a frame or more after the
rows were up (`screens.base.AppScreen._compositor_refresh` owes a whole frame).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_tmux import FOLLOWUP, SOCKET, tmux, write_demo

pytestmark = pytest.mark.e2e

ROWS = re.compile(r"^(?:Overdue|Today|No next step|Cooling) \(\d+\)\n\S", re.MULTILINE)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_first_frame_with_rows_has_the_title_and_the_counts(tmp_path: Path) -> None:
    db = write_demo(tmp_path, "demo.db")
    session = f"followup-start-{uuid.uuid4().hex[:8]}"
    command = f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db {db}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        # Read the pane as often as tmux answers: the incomplete frame was up for
        # about 50 ms, a few reads at this pace.
        deadline = time.monotonic() + 20
        first = ""
        while time.monotonic() < deadline:
            text = tmux("capture-pane", "-p", "-t", session)
            if ROWS.search(text):
                first = text
                break
        assert first, "the queue's rows never came"
        lines = first.splitlines()
        assert lines[0].strip() == "followup — Due queue", first
        # The counts, in full or (narrower than they need) in short words ("Late 9  Today 4").
        assert re.match(r"^ (?:Overdue|Late) \d+  Today \d+ ", lines[1]), first
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True)
