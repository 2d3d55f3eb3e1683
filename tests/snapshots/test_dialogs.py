"""Snapshots of the close-out dialog at 80x24, in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import load_settings
from tests.support import make_app

SIZE = (80, 24)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_close_out_at_80x24(snap_compare, demo_db, tmp_path: Path, language: str) -> None:
    """`d` on the queue's first row: outcomes, note, promises, best action, reason and date.

    (The taller close-out after a call is held to 80x24 by tests/ui/test_dialogs_fit.py.)
    """
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)

    assert snap_compare(app, terminal_size=SIZE, press=["d"])
