"""Help at 80x24 over a text field: long action names wrap, the descriptions keep their room."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.screens.help import HelpScreen
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text, zh  # noqa: F401 (zh is a fixture)


async def _help_over_the_filter(app) -> str:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash")  # the filter: an input, with Textual's long key names
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        return screen_text(app)


async def test_the_description_column_is_whole_at_80x24(settings: Settings, demo_db: Path) -> None:
    text = await _help_over_the_filter(make_app(settings, demo_db))
    # QA saw "Key  Action … Wh": the description column squeezed to two cells.
    assert "What it does" in text, text
    # Textual's own key for the input: its long name wraps in the action column.
    assert "Move cursor right" in text, text


async def test_the_same_in_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    text = await _help_over_the_filter(make_app(zh, demo_db))
    assert "作用" in text, text
