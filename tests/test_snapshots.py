"""Snapshots of key screens on the demo data, with a fixed day and terminal size."""

from __future__ import annotations

from conftest import TODAY

from followup_tui.app import build_app

SIZE = (130, 40)


def test_account_list(snap_compare, settings, demo_db) -> None:
    app = build_app(settings=settings, db_path=demo_db, clock=lambda: TODAY)
    assert snap_compare(app, terminal_size=SIZE)


def test_account_page(snap_compare, settings, demo_db) -> None:
    app = build_app(settings=settings, db_path=demo_db, clock=lambda: TODAY)

    async def open_huawei(pilot) -> None:
        await pilot.press("slash", "华", "为", "enter", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_huawei)


def test_help_screen(snap_compare, settings, demo_db) -> None:
    app = build_app(settings=settings, db_path=demo_db, clock=lambda: TODAY)
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])
