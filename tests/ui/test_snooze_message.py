"""`s` on a row with nothing due says what is set and that `r` moves it, not 'nothing here'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.db.lookup import open_follow_up
from followup_tui.screens.date_prompt import DatePrompt
from followup_tui.screens.due_queue import DueQueueScreen
from tests.ui.test_zh_ui import make_app, zh  # noqa: F401 (zh is a fixture)

SIZE = (140, 40)
AHEAD = dt.date(2026, 12, 1)  # 宁波港联物流's open follow-up in the demo, 9 days on


async def snooze_on(pilot, screen: DueQueueScreen, wanted) -> tuple[list[str], object]:  # type: ignore[no-untyped-def]
    """Press s on the first row that `wanted` accepts; what the app said, and the screen."""
    for _ in range(60):
        item = screen.current()
        if item is not None and wanted(item):
            break
        await pilot.press("down")
    else:
        raise AssertionError("no such row")
    pilot.app._notifications.clear()
    await pilot.press("s")
    await pilot.pause()
    return [str(n.message) for n in pilot.app._notifications], item


def cooling_ahead(item) -> bool:  # type: ignore[no-untyped-def]
    return item.section == "cooling" and item.account_name == "宁波港联物流"


async def test_a_follow_up_ahead_is_named_with_its_day(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said, item = await snooze_on(pilot, app.screen, cooling_ahead)
        assert open_follow_up(item.account_id).due == AHEAD  # type: ignore[attr-defined, union-attr]
        assert said == [
            "Nothing due on this row to snooze: the next follow-up is on 2026-12-01, r moves it"
        ]
        # And r does offer that follow-up, as the message says.
        await pilot.press("r")
        assert isinstance(app.screen, DatePrompt)
        assert AHEAD.isoformat() in str(app.screen.query_one("#date-input").value)  # type: ignore[attr-defined]


async def test_the_message_in_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said, _ = await snooze_on(pilot, app.screen, cooling_ahead)
        assert said == ["这一行没有到期的跟进可推迟：下一次跟进在 2026-12-01，按 r 改期"]


async def test_no_follow_up_at_all_still_says_r_schedules_one(
    settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said, item = await snooze_on(pilot, app.screen, lambda i: i.section == "no_next_step")
        assert open_follow_up(item.account_id) is None  # type: ignore[attr-defined]
        assert said == ["Nothing to snooze here: r schedules a next step"]
