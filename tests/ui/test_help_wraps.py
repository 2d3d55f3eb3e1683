"""The help screen wraps long descriptions instead of cutting them at the box's edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.screens.help import HelpScreen
from tests.ui.test_zh_ui import make_app, screen_text


def lines_of(table: DataTable, row: int) -> list[str]:
    """The lines of a row's description cell."""
    return table.get_row_at(row)[2].plain.split("\n")


def squashed(text: str) -> str:
    """Text without spaces and box edges: a wrapped description reads as one run."""
    return "".join(text.replace("│", "").split())


@pytest.mark.parametrize("size", [(130, 40), (90, 30)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_help_shows_every_description_whole(
    language: str, size: tuple[int, int], demo_db: Path, tmp_path: Path
) -> None:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    settings: Settings = load_settings(config)
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "enter", "question_mark")  # the account page: the longest tips
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        shown = squashed(screen_text(app))
        does = list(table.columns.values())[2].get_render_width(table) - 2 * table.cell_padding
        for row, (_, _, tip) in enumerate(help_screen.rows):
            lines = table.get_row_at(row)[2].plain.split("\n")
            assert squashed("".join(lines)) == squashed(tip), "nothing of a description is lost"
            assert max(cell_len(line) for line in lines) <= does, lines
            if row < 6:  # above the fold: each wrapped line is on screen in full
                assert all(squashed(line) in shown for line in lines), (lines, shown)
        # The call key's tip is longer than the room in English: it wraps, its end still there.
        call = lines_of(table, 2)
        end = "Key people" if language == "en" else "打给光标所在的人"
        assert squashed("".join(call)).endswith(squashed(end))
        assert len(call) > 1 or language == "zh"


async def test_a_long_help_scrolls_as_one_box_with_every_row_whole(
    settings: Settings, demo_db: Path
) -> None:
    """Key people focused: more keys than the box holds. The box scrolls; the table never
    gets a scrollbar of its own (it cut every description) nor loses its last row."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("2", "enter", "right", "right", "question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one(DataTable)
        box = help_screen.query_one("#help-box")
        assert box.max_scroll_y > 0, "this help is taller than its box"
        assert table.size.height == table.virtual_size.height
        assert table.virtual_size.width <= table.scrollable_content_region.width
        await pilot.press(*["down"] * 40)
        await pilot.pause()
        _, last_action, _ = help_screen.rows[-1]
        assert squashed(last_action) in squashed(screen_text(app))
