"""Snapshots of the blue sheet on demo deals, with a fixed day and terminal size."""

from __future__ import annotations

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
