"""Snapshots of key screens on the demo data, with a fixed day and terminal size."""

from __future__ import annotations

import datetime as dt

from tests.support import make_app

SIZE = (130, 40)
# Evening in the West, early morning in China: every demo contact is outside their hours.
EVENING = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)



def test_due_queue(snap_compare, settings, demo_db) -> None:
    assert snap_compare(make_app(settings, demo_db), terminal_size=SIZE)


def test_due_queue_at_80_columns(snap_compare, settings, demo_db) -> None:
    """Short reasons on the rows; the full reason and the calling hours each on a line."""
    assert snap_compare(make_app(settings, demo_db, now=EVENING), terminal_size=(80, 24))


def test_account_list(snap_compare, settings, demo_db) -> None:
    assert snap_compare(make_app(settings, demo_db), terminal_size=SIZE, press=["2"])


def test_account_page(snap_compare, settings, demo_db) -> None:
    app = make_app(settings, demo_db)

    async def open_huawei(pilot) -> None:
        await pilot.press("2", "slash", "华", "为", "enter", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_huawei)


def test_help_screen(snap_compare, settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    assert snap_compare(app, terminal_size=SIZE, press=["2", "question_mark"])


def test_account_org_chart(snap_compare, settings, demo_db) -> None:
    app = make_app(settings, demo_db)

    async def open_org_chart(pilot) -> None:
        await pilot.press("2", "slash", "明", "远", "enter", "enter", "v")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_org_chart)
