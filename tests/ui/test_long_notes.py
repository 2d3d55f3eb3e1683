"""Long notes: the quick note and the call notes take many lines, and go to $EDITOR and back."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import TextArea

from followup_tui.core.base.config import Settings
from followup_tui.core.base.draft_keys import note_context
from followup_tui.db.models import Activity, NoteDraft
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.quick_note import QuickNote
from tests.support import make_app

SIZE = (100, 30)
# Pilot presses keys: full-width punctuation has no key of its own, so none is typed here.
TYPED = (*"first line", "enter", "enter", *"  二 周总 SOW?", "enter", *"end")
AS_TYPED = "first line\n\n  二 周总 SOW?\nend"
FROM_EDITOR = "written in the editor\n\n  第二行：竞争对手 — 周总\n"


def notified(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


def draft_text(context: str) -> str:
    return NoteDraft.get(NoteDraft.context == context).text


async def test_a_quick_note_keeps_its_lines_exactly(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        account_id = app.screen.focused_account_id()
        await pilot.press("n")
        assert isinstance(app.screen, QuickNote)
        await pilot.press(*TYPED)
        await pilot.pause(0.5)
        assert isinstance(app.screen, QuickNote), "enter is a new line, not save"
        assert draft_text(note_context(account_id)) == AS_TYPED
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = Activity.select().order_by(Activity.id.desc()).get()
        assert (note.account_id, note.kind, note.notes) == (account_id, "note", AS_TYPED)
        assert not NoteDraft.select().where(NoteDraft.context == note_context(account_id)).exists()


async def test_a_multi_line_draft_comes_back_exactly_after_a_restart(
    settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *TYPED)
        await pilot.pause(0.5)
    # The app stopped with the dialog open, as a closed terminal would.
    again = make_app(settings, demo_db)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+d")  # offered at start, opened when asked
        await pilot.pause()
        assert isinstance(again.screen, QuickNote)
        assert again.screen.query_one("#note-text", TextArea).text == AS_TYPED


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR is a script that keeps what it was given and writes FROM_EDITOR; the test
    driver lets the app suspend (Textual's own suspend runs, around the script)."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.sh"
    script.write_text(
        f'#!/bin/sh\ncp "$1" "{seen}"\nprintf \'%s\' "$NOTE" > "$1"\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setenv("NOTE", FROM_EDITOR)
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True), raising=False)
    return seen


async def test_f4_takes_the_quick_note_to_the_editor_and_back(
    editor: Path, settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    suspended: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.app_suspend_signal.subscribe(app, lambda _app: suspended.append("suspend"))
        app.app_resume_signal.subscribe(app, lambda _app: suspended.append("resume"))
        account_id = app.screen.focused_account_id()
        await pilot.press("n", *"typed first", "enter", *"二")
        await pilot.press("f4")
        await pilot.pause()
        assert suspended == ["suspend", "resume"], "the app gave the terminal to the editor"
        got = editor.read_text(encoding="utf-8")
        assert got == "typed first\n二\n", "it got the note, as a text file"
        note = app.screen.query_one("#note-text", TextArea)
        # As the editor left it, but for the newline editors add at the end of a file.
        assert note.text == FROM_EDITOR.removesuffix("\n")
        assert draft_text(note_context(account_id)) == note.text, "kept at once"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = Activity.select().order_by(Activity.id.desc()).get()
        assert saved.notes == FROM_EDITOR.removesuffix("\n")


async def test_f4_takes_the_call_notes_to_the_editor_and_back(
    editor: Path, settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        await pilot.press(*"budget?", "f4")
        await pilot.pause()
        assert editor.read_text(encoding="utf-8") == "budget?\n"
        notes = screen.query_one("#call-notes", TextArea)
        assert notes.text == FROM_EDITOR.removesuffix("\n")
        assert draft_text(screen.notes_key) == notes.text


async def test_an_editor_that_fails_leaves_the_note_as_it_was(
    editor: Path, settings: Settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "false")  # quits with an error, as vim's :cq does
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"keep me", "f4")
        await pilot.pause()
        assert app.screen.query_one("#note-text", TextArea).text == "keep me"
        assert any("false" in said and "code 1" in said for said in notified(app))


async def test_without_any_editor_a_clear_message(
    settings: Settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    empty = tmp_path / "no-editors"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"keep me", "f4")
        await pilot.pause()
        assert app.screen.query_one("#note-text", TextArea).text == "keep me"
        assert any("$EDITOR" in said for said in notified(app))


async def test_a_terminal_that_cannot_suspend_says_so(
    settings: Settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", os.devnull)  # never started: the suspend is refused first
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"keep me", "f4")
        await pilot.pause()
        assert app.screen.query_one("#note-text", TextArea).text == "keep me"
        assert any("cannot hand it over" in said for said in notified(app))
