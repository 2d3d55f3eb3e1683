"""The help in Chinese says every key in Chinese: ours, the outcome keys, Textual's text keys."""

from __future__ import annotations

import re
from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.help import HelpScreen
from followup_tui.screens.quick_note import QuickNote
from tests.support import make_app
from tests.ui.test_zh_ui import zh  # noqa: F401 (zh is a fixture)

HAN = re.compile("[\u4e00-\u9fff]")


async def _help_rows(app, pilot) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    under = app.screen
    await pilot.press("f1")
    await pilot.pause()
    shown = app.screen
    assert isinstance(shown, HelpScreen) and shown.under is under
    rows = list(shown.rows)
    await pilot.press("escape")
    await pilot.pause()
    return rows


def _english(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Rows whose action or description is not Chinese (a blank description is fine)."""
    return [
        (key, action, does)
        for key, action, does in rows
        if not HAN.search(action) or (does and not HAN.search(does))
    ]


async def test_help_in_chinese_on_the_call_the_note_and_the_close_out(
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    """QA: the call's and the note's help listed the text area's keys in English, and the
    close-out's outcome keys were described in English."""
    app = make_app(zh, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the call script of the first row
        await pilot.pause()
        assert isinstance(app.screen, CallScriptScreen)
        call = await _help_rows(app, pilot)
        assert any(action == "删除整行" for _, action, _ in call), call  # the text area's
        assert not _english(call), _english(call)
        await pilot.press("f2")  # the script's inputs: an Input's keys
        await pilot.pause()
        inputs = await _help_rows(app, pilot)
        assert any(action == "移到开头" for _, action, _ in inputs), inputs
        assert not _english(inputs), _english(inputs)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CloseOut)
        close = await _help_rows(app, pilot)
        assert ("r", "已接通", "电话接通了对方") in close, close
        assert not _english(close), _english(close)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuickNote)
        note = await _help_rows(app, pilot)
        assert not _english(note), _english(note)
