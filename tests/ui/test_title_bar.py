"""The title line every main screen starts with: the app's title and the screen's."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from tests.ui.test_zh_ui import make_app, screen_text, zh  # noqa: F401 (zh is a fixture)


async def test_each_screen_titles_itself(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_text(app).splitlines()[0].strip() == "followup — Due queue"
        await pilot.press("2")
        await pilot.pause()
        first = screen_text(app).splitlines()[0].strip()
        assert first.startswith("followup — ") and "Due queue" not in first, first


async def test_the_title_in_chinese_and_a_click_opens_the_palette(
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title = screen_text(app).splitlines()[0].strip()
        assert "—" in title and "Due queue" not in title, title
        await pilot.click("TitleBar")
        await pilot.pause()
        assert "搜索命令或客户…" in screen_text(app)
