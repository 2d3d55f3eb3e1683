"""Snapshots of the review screen's Team tab (#19), as a manager sees it: three reps (one
with a Chinese name) on the demo, in English and Chinese, at 80x24 and 200x50, and in
the light theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.db.connection import db
from tests.support import make_app


def configured(tmp_path: Path, text: str) -> Settings:
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config)


@pytest.fixture
def three_reps(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo split between three reps, looked at by a manager."""
    db.execute_sql(
        "UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN '陈静' "
        "WHEN id % 3 = 1 THEN 'anna' ELSE 'bo' END"
    )
    monkeypatch.setattr("followup_tui.screens.review.review_screen.is_manager", lambda: True)
    return demo_db


async def on_team(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("4", "w")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_team(snap_compare, tmp_path, three_reps, language, size) -> None:
    app = make_app(configured(tmp_path, f"language: {language}\n"), three_reps)
    assert snap_compare(app, terminal_size=size, run_before=on_team)


def test_team_light(snap_compare, tmp_path, three_reps) -> None:
    app = make_app(configured(tmp_path, "theme: textual-light\n"), three_reps)
    assert snap_compare(app, terminal_size=(120, 30), run_before=on_team)
