"""A sorted column's header keeps its whole label: the arrow widens the column, not cuts it."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from followup_tui.core.accounts.account_list import SORT_KEYS
from followup_tui.core.base.config import Settings
from followup_tui.widgets.virtual_table import Column, VirtualTable
from tests.ui.test_zh_ui import make_app, screen_text

SIZE = (130, 40)


def test_a_fixed_column_grows_to_its_header() -> None:
    table = VirtualTable([Column("name", "Name"), Column("last", "Last contact ▲", 12)])
    assert table._widths(80)[1] == cell_len("Last contact ▲")
    table = VirtualTable([Column("name", "Name"), Column("last", "Last contact", 12)])
    assert table._widths(80)[1] == 12  # a header that fits leaves the width as declared


async def test_sorted_headers_show_whole(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "Completion date ▲" in screen_text(app)
        await pilot.press("2", *["s"] * SORT_KEYS.index("last_contact"))
        await pilot.pause()
        text = screen_text(app)
        assert "Last contact ▼" in text or "Last contact ▲" in text, text
