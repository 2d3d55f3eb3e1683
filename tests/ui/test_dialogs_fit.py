"""Every dialog fits 80x24 in English and Chinese: nothing clipped, no label broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, DataTable

from followup_tui.app import FollowupApp
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.screens.close_out import CloseOut
from followup_tui.widgets.outcome_picker import OUTCOME_KEYS, OutcomePicker
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

SIZE = (80, 24)
# How to open each dialog from the start, and its box.
DIALOGS = {
    "close-out": (("d",), "#close-box"),
    "close-out after a call": (("enter", "ctrl+s"), "#close-box"),
    "close-out with an error": (("enter", "ctrl+s", "ctrl+s"), "#close-box"),
    "close-out after long notes": (
        ("enter", *"one", "enter", *"two", "enter", *"three", "enter", *"four", "ctrl+s"),
        "#close-box",
    ),
    "reschedule": (("r",), "#date-box"),
    "snooze": (("s",), "#date-box"),
    "quick note": (("n",), "#note-box"),
    "confirm": (("2", "enter", "right", "right", "delete"), "#confirm-box"),
    "discard changes": (("2", "enter", "e", "x", "escape"), "#discard-box"),
    "questionnaire": (("2", "enter", "e", "ctrl+r"), "#q-box"),
    "account picker": (("2", "slash", "z", "z", "z", "z", "enter", "n"), "#picker-box"),
}


def in_language(language: str, tmp_path: Path) -> Settings:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    return load_settings(config)


def squashed(text: str) -> str:
    return "".join(text.replace("│", "").split())


def drawn(widget: Widget) -> list[str]:
    """The widget's lines as drawn at its size."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


def clipped(box: Widget) -> list[str]:
    """The widgets in the box that are not wholly inside what the box shows."""
    shown = box.content_region
    return [
        repr(widget)
        for widget in box.query("*")
        if widget.display
        and widget.region.area
        and not shown.contains_region(widget.region)
        and not isinstance(widget.parent, Checkbox | OutcomePicker)
    ]


async def open_dialog(app: FollowupApp, pilot, keys: tuple[str, ...]) -> ModalScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause(0.3)
    assert isinstance(app.screen, ModalScreen), app.screen
    return app.screen


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_every_dialog_fits_80x24(
    dialog: str, language: str, demo_db: Path, tmp_path: Path
) -> None:
    keys, box_id = DIALOGS[dialog]
    app = make_app(in_language(language, tmp_path), demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(app, pilot, keys)
        box = screen.query_one(box_id)
        assert Region(0, 0, *SIZE).contains_region(box.region), box.region
        assert box.max_scroll_y == 0, "nothing to scroll to"
        assert not clipped(box)
        for table in box.query(DataTable):
            assert table.max_scroll_x == 0, "a table cut at the box's edge"
        if dialog == "close-out after long notes":
            # The call's notes give way to the fields, and say how much is not shown.
            view = "\n".join(drawn(screen.query_one("#close-note-view")))
            assert view.strip().startswith("one") and ("more lines" in view or "还有" in view), view
        if dialog == "close-out with an error":
            assert screen.query_one("#close-error").display


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("dialog", ["close-out", "close-out after a call"])
async def test_the_close_out_keeps_each_label_whole(
    dialog: str, language: str, demo_db: Path, tmp_path: Path
) -> None:
    settings = in_language(language, tmp_path)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(app, pilot, DIALOGS[dialog][0])
        assert isinstance(screen, CloseOut)
        # Each outcome with its key on one line ("m  Meeting booked", "w  赢单").
        lines = drawn(screen.query_one(OutcomePicker))
        labels = dict(settings.choices("outcomes"))
        for outcome, key in OUTCOME_KEYS.items():
            item = f"{key}  {labels[outcome]}"
            assert any(item in line for line in lines), (item, lines)
        # The date is on screen without scrolling, and the long texts are there in full.
        due = screen.query_one("#close-due")
        assert Region(0, 0, *SIZE).contains_region(due.region) and due.region.area
        assert due.value in screen_text(app)  # type: ignore[attr-defined]
        assert not clipped(screen.query_one("#close-box"))
        for widget in screen.query("#close-reason, #close-action"):
            text = widget.label if isinstance(widget, Checkbox) else widget.render()
            whole = text.plain if isinstance(text, Text) else str(text)
            assert squashed(whole) in squashed("".join(drawn(widget))), whole




@pytest.mark.parametrize(
    ("keys", "english"),
    [
        (DIALOGS["confirm"][0], ("yes", " no")),
        (("2", "enter", "p"), ("New key person", "Title", "Department", "Involvement", "e.g.")),
    ],
)
async def test_chinese_dialogs_say_nothing_in_english(
    keys: tuple[str, ...], english: tuple[str, ...], demo_db: Path, tmp_path: Path
) -> None:
    app = make_app(in_language("zh", tmp_path), demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(app, pilot, keys)
        box = screen.query_one("#confirm-box, #form-box")
        shown = "\n".join(drawn(box))
        assert not [word for word in english if word in shown], shown
