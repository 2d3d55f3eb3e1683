"""Crash safety (#18): a writer killed with SIGKILL 50 times loses nothing it committed,
leaves no half-made write and never a damaged file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.crash_kills import KINDS, run_kills


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")
def test_fifty_kills_lose_nothing_committed(tmp_path: Path) -> None:
    figures = run_kills(50, seed=20261207, folder=tmp_path)
    assert figures.kills == 50
    assert figures.problems == []
    assert figures.writes_lost == figures.half_writes == figures.integrity_failures == 0
    assert figures.writes_found == figures.writes_reported
    # The stream really wrote every kind between kills (else the check proves little).
    assert all(figures.by_kind[kind] > 0 for kind in KINDS), figures.by_kind
