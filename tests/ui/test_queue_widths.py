"""Reasons readable at every width: short on the row when narrow, in full under the table.

The detail under the table gives the reasons lines of their own: a calling-hours
note shown with them does not push them out, at 80 columns or at 200.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from followup_tui.core.base.config import load_settings
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.widgets.queue_table import QueueTable
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text

# 23:30 UTC: before office hours in China, evening in the West - every demo contact is
# outside their calling hours, the top row (上海明远, Shanghai 09:00-17:30) too.
EVENING = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
TOP = "上海明远机电有限公司"
WORDS = {
    # The top row's best action is six days late, its follow-up three: the most late leads.
    "en": (
        "action 6d late",
        "best action overdue by 6",
        "☾ outside their calling hours (09:00-17:30",
    ),
    "zh": (
        "行动逾期6天",
        "最佳行动逾期6天：",
        "☾ 不在对方的通话时间内（Asia/Shanghai 09:00-17:30）",
    ),
}


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: a wrapped line reads as one."""
    return "".join(text.split())


def evening_app(language: str, demo_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    return make_app(load_settings(config), demo_db, now=EVENING)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_at_80_columns_the_row_says_it_short_and_the_detail_in_full(
    language: str, demo_db: Path, tmp_path: Path
) -> None:
    app = evening_app(language, demo_db, tmp_path)
    short, full_start, hours = WORDS[language]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        item = screen.current()
        assert item is not None and item.account_name == TOP and item.callable_now is False
        full = app.settings.word("list_sep").join(item.reasons)
        shown = screen_text(app)
        row = next(line for line in shown.splitlines() if line.startswith(TOP))
        assert "why" in screen.query_one(QueueTable).shown_column_keys()
        assert short in row and full_start not in row, row
        # The reasons in full, over the detail's own lines; the hours on theirs.
        assert str(screen.query_one("#queue-why", Static).render()) == full
        assert squeezed(full) in squeezed(shown), shown
        assert hours in shown
        assert str(screen.query_one("#queue-hours", Static).render()).startswith(hours)


async def test_at_200_columns_the_columns_grow_and_the_reasons_show_in_full(
    demo_db: Path, tmp_path: Path
) -> None:
    app = evening_app("en", demo_db, tmp_path)
    narrow = evening_app("en", demo_db, tmp_path)
    widths = {}
    for run, size in ((narrow, (130, 40)), (app, (200, 50))):
        async with run.run_test(size=size) as pilot:
            await pilot.pause()
            screen = run.screen
            item = screen.current()
            assert item is not None and item.account_name == TOP
            full = run.settings.word("list_sep").join(item.reasons)
            table = screen.query_one(QueueTable)
            widths[size[0]] = table._widths(table.scrollable_content_region.width)
            shown = screen_text(run)
            if size[0] == 200:
                row = next(line for line in shown.splitlines() if line.startswith(TOP))
                # Longer than the 60 cells it was cut to; the detail says it all.
                said = row[row.index(full[:20]) :].rstrip()
                assert cell_len(said) > 70 and full.startswith(said.rstrip("…")), row
                assert full in shown.splitlines(), "one line holds every reason"
                assert WORDS["en"][2] in shown
    # Every flexible column (the purpose, the reasons) is wider on the wider terminal.
    assert all(wide >= narrow for wide, narrow in zip(widths[200], widths[130], strict=True))
    assert widths[200][-1] > 70 and widths[200][4] > widths[130][4]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_counts_line_fits_at_80_columns_and_narrower(
    language: str, demo_db: Path, tmp_path: Path
) -> None:
    """QA: 'Buying season ahead 2' ran off the screen's edge at 80 columns."""
    app = evening_app(language, demo_db, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen) and screen.queue is not None
        counts = [str(len(s.items)) for s in screen.queue.sections]
        wide = screen_text(app).split("\n")[1].strip()
        assert screen.queue.sections[-1].title in wide  # in full where there is room
        for width in (80, 64):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            line = screen_text(app).split("\n")[1].strip()
            shown = str(screen.query_one("#queue-counts", Static).render()).strip()
            assert shown == line and cell_len(line) <= width - 2, (width, line)
            # Every section's count, each label whole: the titles, or their short words.
            assert [w for w in line.split() if w.isdigit()] == counts, line
            assert "…" not in line
