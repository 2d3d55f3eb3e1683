"""The queue's ☾ is explained where a rep looks: the detail line and the help legend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Static

from followup_tui.core.base.config import load_settings
from followup_tui.core.queue.queue_lines import line_payload
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.help import HelpScreen
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

# 03:00 UTC: mid-morning in China, the middle of the night for the demo's Western contacts.
# On a Friday: on their weekend (the 22nd is a Sunday) every contact is outside their hours.
NIGHT_IN_THE_WEST = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
WORDS = {
    "en": ("☾ outside their calling hours (", "☾ after a name: outside the contact's calling"),
    "zh": ("☾ 不在对方的通话时间内（", "名称后的 ☾：不在联系人的通话时间内"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_moon_rows_say_why(language: str, demo_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db, now=NIGHT_IN_THE_WEST)
    detail, legend = WORDS[language]
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        await pilot.pause()
        table = screen.query_one(VirtualTable)
        rows = [n for n, (kind, item) in enumerate(screen.lines) if kind == "item"]
        outside = [n for n in rows if line_payload(screen.lines[n]).callable_now is False]
        inside = [n for n in rows if line_payload(screen.lines[n]).callable_now is not False]
        assert outside and inside, "the demo has contacts on both sides of the clock"
        table.cursor = outside[0]
        await pilot.pause()
        hours = str(screen.query_one("#queue-hours", Static).render())
        assert hours.startswith(detail), hours
        assert detail in screen_text(app), "the note has a line of its own, always shown"
        table.cursor = inside[0]
        await pilot.pause()
        assert "☾" not in str(screen.query_one("#queue-hours", Static).render())
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert legend in screen_text(app)
