"""The account page's timeline shows two lines of each note, not a few characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from followup_tui.core.accounts.account_view import one_line
from followup_tui.core.base.config import Settings
from followup_tui.widgets.cells import wrap_to_lines
from followup_tui.widgets.fit_table import FitTable
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

NOTES = 6  # the notes column


def squashed(text: str) -> str:
    return "".join(text.replace("…", "").split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_note_shows_two_lines(size: tuple[int, int], settings: Settings, demo_db: Path):
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "slash", "华", "为", "enter", "enter")
        await pilot.pause(0.3)
        page = app.screen
        table = page.query_one("#timeline", FitTable)
        width = list(table.columns.values())[NOTES].width
        timeline = page.query_one("#tab-timeline").activities  # type: ignore[attr-defined]
        long_ones = 0
        for key, activity in timeline.items():
            note = one_line(activity.notes)
            lines = table.get_row(key)[NOTES].plain.split("\n")
            assert squashed(note).startswith(squashed("".join(lines))), (note, lines)
            assert all(cell_len(line) <= width for line in lines)
            if cell_len(note) > width:
                long_ones += 1
                assert len(lines) == 2, lines
                if squashed("".join(lines)) != squashed(note):
                    # Cut: most of two lines' room is used (a line breaks after a word,
                    # or at a character in Chinese).
                    assert cell_len("".join(lines)) >= width + width // 2, lines
        assert long_ones >= 3, "the demo has notes longer than the column"
        # What is drawn: both lines of the first row's note are on the screen.
        first = table.get_row_at(0)[NOTES].plain.split("\n")
        shown = screen_text(app)
        assert all(line.strip(" …") in shown for line in first), (first, shown)


@given(st.text(alphabet="ab 周总，SOW", max_size=60), st.integers(3, 20), st.integers(1, 3))
def test_wrapping_keeps_the_text_in_order_within_the_width(text: str, width: int, lines: int):
    shown = wrap_to_lines(text, width, lines)
    assert len(shown) <= lines
    assert all(cell_len(line) <= width for line in shown)
    assert squashed(text).startswith(squashed("".join(shown)))
    # A comma stays with the character before it (a line of commas alone aside).
    assert not any(line.startswith("，") and line.strip("，… ") for line in shown[1:]), shown
    if cell_len(text) <= width:
        assert shown == ([text] if text else [])
