"""Start-up: the queue's footer is built once, and the dialogs wait for their keys.

Textual's Footer rebuilds its keys on every binding change; a screen shown for
the first time announces three in a row, all run before the first frame while
the app's start-up batch is open. `followup_tui.widgets.footer.Footer` builds
its keys once for them, and still follows every later change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.virtual_table import VirtualTable
from tests.ui.test_zh_ui import make_app, screen_text

SIZE = (160, 40)
ROW_KEYS = ("Done", "Snooze", "Reschedule", "Work through")


def footer_line(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


async def test_footer_built_once_at_start_with_every_key(
    settings: Settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recomposed: list[Footer] = []
    recompose = Footer.recompose

    async def counted(self: Footer) -> None:
        recomposed.append(self)
        await recompose(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        assert len(recomposed) == 1, "one build of the keys for the start's binding changes"
        footer = footer_line(app)
        for words in ("Call", *ROW_KEYS, "Plan", "Due queue", "Help", "Note", "Quit"):
            assert words in footer, footer
        assert "^p" in footer, footer  # the command palette's key


async def test_first_frame_has_the_rows_and_the_next_the_keys(
    settings: Settings, demo_db: Path
) -> None:
    """The keys wait for the first frame: they do not hold back the queue's rows."""
    app = make_app(settings, demo_db)
    frames: list[tuple[int, int]] = []  # (queue rows, footer keys) of each frame written
    display = app._display

    def noted(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is not None and not app._batch_count and isinstance(screen, DueQueueScreen):
            footer = screen.query_one(Footer)
            frames.append((screen.query_one(VirtualTable).row_count, len(footer.children)))

    app._display = noted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.first_frame_shown
        assert frames, "no frame written"
        rows, keys = frames[0]
        assert rows > 0 and keys == 0, frames[0]
        assert frames[-1][1] > 10, frames[-1]


async def test_footer_follows_the_bindings_after_start(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")  # the week's plan: the row keys leave the footer
        await pilot.pause()
        footer = footer_line(app)
        assert "Plan" in footer and not any(k in footer for k in ROW_KEYS), footer
        await pilot.press("w", "w", "w")  # month, quarter, back to the queue
        await pilot.pause()
        footer = footer_line(app)
        assert all(k in footer for k in ROW_KEYS), footer


async def test_footer_of_a_screen_shown_again(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")  # the account list, then back to the kept queue screen
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        footer = footer_line(app)
        assert all(k in footer for k in ROW_KEYS) and "^p" in footer, footer


def test_dialogs_are_not_imported_at_start() -> None:
    """The close-out and date dialogs and the cadence load when their key is pressed."""
    code = (
        "import sys, followup_tui.cli.main, followup_tui.app\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('followup_tui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    for name in ("close_out", "date_prompt", "quick_note"):
        assert f"followup_tui.screens.{name}" not in loaded
    assert "followup_tui.core.accounts.cadence" not in loaded
    # The plans (key w) and the account list's entries (key 2) load when first shown.
    assert "followup_tui.core.queue.planning" not in loaded
    assert "followup_tui.core.accounts.account_list" not in loaded


def test_the_queue_cycles_through_the_plans_horizons() -> None:
    from followup_tui.core.queue.planning import HORIZONS
    from followup_tui.screens.due_queue import VIEWS

    assert ("queue", *HORIZONS) == VIEWS
