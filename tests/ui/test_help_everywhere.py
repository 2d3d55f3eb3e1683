"""Help opens on every screen: f1 everywhere, `?` where it is not text; the palette finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.screens.help import HelpScreen
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

# How to reach each kind of screen from the start, and whether a text field has the focus.
SCREENS = {
    "queue": ((), False),
    "accounts": (("2",), False),
    "account filter": (("2", "slash"), True),
    "account page": (("2", "enter"), False),
    "deals": (("3",), False),
    "call script": (("enter",), True),
    "quick note": (("n",), True),
    "close-out": (("d",), False),
    "close-out note": (("d", "r"), True),
}


def in_language(language: str, tmp_path: Path) -> Settings:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    return load_settings(config)


@pytest.mark.parametrize("where", list(SCREENS))
async def test_f1_opens_help_on_every_screen(where: str, settings: Settings, demo_db: Path) -> None:
    keys, typing = SCREENS[where]
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        under = app.screen
        assert isinstance(app.focused, Input | TextArea) == typing, app.focused
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), where
        assert app.screen.under is under
        if where == "quick note":
            assert "Keys - Note" in screen_text(app), "a dialog's help is named after it"
        await pilot.press("f1")  # the same key closes it again
        await pilot.pause()
        assert app.screen is under


@pytest.mark.parametrize("where", [w for w, (_, typing) in SCREENS.items() if not typing])
async def test_question_mark_opens_help_where_it_is_not_text(
    where: str, settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*SCREENS[where][0])
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), where


async def test_question_mark_is_text_in_the_notes(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the call script, on its notes
        await pilot.pause()
        await pilot.press(*"why?")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#call-notes", TextArea).text == "why?"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_remapped_help_key_works_in_a_dialog(demo_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "keys.yaml"
    config.write_text("keymap:\n  app.help: f12\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen), "f1 was remapped away"
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    ("language", "typed", "found"), [("zh", "帮助", "应用：帮助"), ("en", "help", "App: Help")]
)
@pytest.mark.parametrize("where", ["queue", "call script", "quick note", "close-out"])
async def test_the_palette_finds_help_in_either_language(
    where: str, language: str, typed: str, found: str, demo_db: Path, tmp_path: Path
) -> None:
    app = make_app(in_language(language, tmp_path), demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*SCREENS[where][0])
        await pilot.pause()
        await pilot.press("ctrl+p", *typed)
        await pilot.pause(0.5)
        assert found in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_outcome_keys_have_ids_a_keymap_moves(demo_db: Path, tmp_path: Path) -> None:
    """The close-out's outcome keys are bindings like any other: remapped, shown, in the palette."""
    from followup_tui.screens.close_out import CloseOut
    from followup_tui.widgets.outcome_picker import OutcomePicker

    config = tmp_path / "keys.yaml"
    config.write_text("keymap:\n  outcome.won: g\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        assert "g  Won" in str(dialog.query_one(OutcomePicker).render())
        titles = [command.title for command in app.get_system_commands(dialog)]
        assert "Outcome: Won" in titles and "Outcome: Meeting booked" in titles
        await pilot.press("w")
        assert dialog.query_one(OutcomePicker).outcome is None, "w no longer picks won"
        dialog.query_one(OutcomePicker).focus()
        await pilot.press("g")
        assert dialog.query_one(OutcomePicker).outcome == "won"
