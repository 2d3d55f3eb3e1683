"""Snapshots of the blue sheet on demo deals, with a fixed day and terminal size."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.db.sheets import find_deal
from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen
from tests.support import make_app

SIZE = (130, 40)



def open_sheet(title: str, *keys: str):
    """A run_before that opens a deal's sheet and presses some keys on it."""

    async def run_before(pilot) -> None:
        await pilot.app.push_screen(BlueSheetScreen(find_deal(title)))
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_blue_sheet_influences(snap_compare, settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_sheet("Warehouse condition", "i"))


def test_blue_sheet_review_of_a_chinese_deal(snap_compare, settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    keys = ("v", "n", "n", "n")  # what changed, SSO, position, then the influences' gaps
    assert snap_compare(app, terminal_size=SIZE, run_before=open_sheet("MES", *keys))


@pytest.fixture
def zh(tmp_path: Path) -> Settings:
    """The shipped defaults in Chinese."""
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return load_settings(config)


# The one-page overview the sheet opens on, at the smallest size we support and a wide one.
@pytest.mark.parametrize("size", [(100, 30), (200, 50)], ids=["100x30", "200x50"])
def test_overview_in_english(snap_compare, settings, demo_db, size) -> None:
    app = make_app(settings, demo_db)
    assert snap_compare(app, terminal_size=size, run_before=open_sheet("Warehouse condition"))


@pytest.mark.parametrize("size", [(100, 30), (200, 50)], ids=["100x30", "200x50"])
def test_overview_in_chinese(snap_compare, zh, demo_db, size) -> None:
    app = make_app(zh, demo_db)
    assert snap_compare(app, terminal_size=size, run_before=open_sheet("MES"))
