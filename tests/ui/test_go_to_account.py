"""'Go to' any account from the palette, by name, pinyin or initials, in both languages."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.db.models import Account
from followup_tui.screens.account_page import AccountPage
from tests.ui.test_zh_ui import SIZE, make_app, screen_text, zh  # noqa: F401 (zh is a fixture)


async def go_to(app, pilot, typed: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    for _ in range(40):  # the search runs in a thread
        await pilot.pause(0.05)
        if "Go to" in screen_text(app) or "前往" in screen_text(app):
            break
    await pilot.pause(0.2)
    return screen_text(app)


async def test_the_palette_goes_to_an_account_by_pinyin(settings: Settings, demo_db: Path) -> None:
    huawei = Account.get(Account.name == "华为技术").id
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        text = await go_to(app, pilot, "huawei")
        assert "Go to: 华为技术" in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountPage)
        assert app.screen.account_id == huawei


async def test_the_palette_goes_to_an_account_in_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # from another screen than the first
        await pilot.pause()
        text = await go_to(app, pilot, "hwjs")
        assert "前往：华为技术" in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountPage)
