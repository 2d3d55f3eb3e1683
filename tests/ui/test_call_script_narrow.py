"""The call script at 80x24: the prepared value readable, the pick in view, lines that hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from followup_tui.core.base.config import Settings
from followup_tui.core.base.wrap import CLOSING
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.widgets.call_script_view import ScriptView
from tests.snapshots.test_call_script import MORNING_IN_CHINA, prepare, rep_settings
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

SMALL = (80, 24)


async def _open(settings: Settings, demo_db: Path):  # type: ignore[no-untyped-def]
    """The app on the demo with a long number and a talking point; 潘东's account."""
    account_id = prepare()
    app = make_app(settings, demo_db, now=MORNING_IN_CHINA)
    return app, account_id


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_each_pick_is_in_view_at_80x24(tmp_path: Path, demo_db: Path, language: str) -> None:
    """QA: at 80x24 the ▶ of f3 ended below the fold, out of sight."""
    app, account_id = await _open(rep_settings(tmp_path, language), demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        assert len(screen.offers) >= 3
        for n in range(len(screen.offers) + 1):  # round the list and back to the first
            await pilot.press("f3")
            await pilot.pause()
            picked = screen.offers[n % len(screen.offers)].text
            shown = screen_text(app)
            assert f"▶ {picked[:12]}" in shown, (picked, shown)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_script_wraps_under_its_parts_at_80x24(
    tmp_path: Path, demo_db: Path, language: str
) -> None:
    """QA: wrapped lines started at the left edge and Chinese ones with ，or 。; the typed
    value's field was a few cells wide beside the list of reasons."""
    app, account_id = await _open(rep_settings(tmp_path, language), demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        view = app.screen.query_one(ScriptView)
        lines = str(view.render()).split("\n")
        assert len(lines) > 30  # wrapped: the narrow pane holds the long bridge in several
        for line in lines:
            if not line.strip():
                continue
            # A part's number, or a line hanging under it.
            assert re.match(r"\d\. |   ", line), line
            said = line.strip(" ▶·⚠")
            assert said[0] not in CLOSING, line
        typed = app.screen.query_one("#call-value-text", Input)
        assert typed.size.width >= 30


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_script_reads_on_while_the_notes_keep_the_keys(
    tmp_path: Path, demo_db: Path, language: str
) -> None:
    """Tried as a new rep at 80x24: only the person card and part 1 were in view, and the
    notes held every key - the rest of the script was out of reach without a mouse."""
    from textual.containers import VerticalScroll
    from textual.widgets import Label, TextArea

    app, account_id = await _open(rep_settings(tmp_path, language), demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#call-script", VerticalScroll)
        commitment = "7. " + ("Commitment to ask for" if language == "en" else "争取的承诺")
        assert commitment not in screen_text(app)
        label = str(screen.query_one("#notes-label", Label).render())
        assert "^↓" in label and "^↑" in label, label
        seen = []
        for _ in range(6):  # a page at a time: part 7 comes into view on the way
            await pilot.press("ctrl+down")
            await pilot.pause()
            seen.append(commitment in screen_text(app))
        assert any(seen), seen
        notes = screen.query_one("#call-notes", TextArea)
        assert notes.has_focus
        await pilot.press(*"ok")
        assert notes.text == "ok"
        bottom = box.scroll_y
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert 0 < bottom - box.scroll_y < box.scrollable_content_region.height


async def test_nothing_to_bring_is_said_in_the_value_part(settings: Settings, demo_db: Path):
    """Said only under part 7, below the fold at 80x24; now where the value goes."""
    app, account_id = await _open(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        script = str(app.screen.query_one(ScriptView).render())
        value = script.split("4. ", 1)[1].split("\n5. ", 1)[0]
        assert "⚠ Nothing new of value" in value, value
        assert script.count("Nothing new of value") == 1


async def test_a_pick_kept_from_an_english_session_is_said_in_chinese(
    tmp_path: Path, demo_db: Path
) -> None:
    """Tried in tmux: picked in English, the call reopened in Chinese said the value part in
    English ("Best action due ...") while the ▶ list below it was Chinese."""
    english = rep_settings(tmp_path, "en")
    app, account_id = await _open(english, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        await pilot.press("f3", "escape")
        await pilot.pause()
    chinese = make_app(rep_settings(tmp_path, "zh"), demo_db, now=MORNING_IN_CHINA)
    async with chinese.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chinese.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        screen = chinese.screen
        assert isinstance(screen, CallScriptScreen)
        picked = screen.offers[0].text
        value = str(screen.query_one(ScriptView).render()).split("4. ", 1)[1].split("\n")[1]
        assert value.strip() == picked and "Best action" not in value, value
        assert f"▶ {picked}" in str(screen.query_one(ScriptView).render())
