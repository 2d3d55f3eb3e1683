"""The footer's command-palette key keeps its whole label in Chinese.

Textual's compositor cuts each screen line at every visible widget's edge, including
the footer keys that overflow underneath the right-docked palette key; a cut through
a wide character blanks it ("命  面板"). app.tcss docks the palette key on the left,
which leaves nothing underneath it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from tests.ui.test_zh_ui import make_app, screen_text, zh  # noqa: F401 (zh is a fixture)


@pytest.mark.parametrize("keys", [("2",), ("2", "enter")], ids=["account list", "account page"])
async def test_palette_label_is_whole(
    keys: tuple[str, ...],
    zh: Settings,  # noqa: F811
    demo_db: Path,
) -> None:
    app = make_app(zh, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "命令面板" in footer, footer
