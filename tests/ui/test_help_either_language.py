"""The palette finds help by its name in either language, whatever the rep's language."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.screens.help import HelpScreen
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text, zh  # noqa: F401 (zh is a fixture)


async def _palette(app, pilot, typed: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause(0.3)
    return screen_text(app)


async def test_help_by_its_chinese_name_in_the_english_ui(
    settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await _palette(app, pilot, "帮助")
        assert "App: Help" in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_help_by_its_english_name_in_the_chinese_ui(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await _palette(app, pilot, "help")
        assert "应用：帮助" in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
