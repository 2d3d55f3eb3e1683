"""The end-to-end tests' tmux server is their own, and goes when they are done."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import SOCKET


@pytest.fixture(scope="session", autouse=True)
def own_tmux_server() -> Iterator[None]:
    """Stop this process's tmux server after the last test, and remove its socket."""
    yield
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
    (folder / SOCKET).unlink(missing_ok=True)
