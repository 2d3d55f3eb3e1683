"""Escape sequences in the rep's data are stored intact and never reach the terminal (#18)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip

from followup_tui.db.accounts import save_account
from followup_tui.db.follow_ups import ContactLog, log_contact
from followup_tui.db.models import Account, Activity
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.safe_output import SafeCompositor, safe_strip
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import make_app

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
EVIL = "Evil\x1b[2J\x1b]0;pwned\x07 co\r\x08\x9b客户😀"


def drawn(app) -> str:  # type: ignore[no-untyped-def]
    """Every character the screen's compositor hands the terminal, line by line."""
    assert isinstance(app.screen._compositor, SafeCompositor)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_names_and_notes_with_escapes_are_drawn_without_them(settings, db_path) -> None:
    account = save_account({"name": EVIL})
    huge = ("一兆字节的笔记 \x1b[31mred\x1b[0m " * 40_000)[:1_000_000]
    log_contact(ContactLog(account, None, notes=huge, kind="note"), settings)
    app = make_app(settings, db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("2", "enter"):  # the list, then the account's page and timeline
            await pilot.press(key)
            await pilot.pause()
            if key == "2":
                assert isinstance(app.screen, AccountsScreen)
                app.screen.query_one(VirtualTable).cursor = 0
            text = drawn(app)
            assert "Evil[2J]0;pwned co客户😀" in text or "Evil[2J]0;pwn" in text
            assert not any(CONTROL.search(line) for line in text.split("\n"))
            # Every line still fills the screen's width exactly: CJK and emoji keep theirs.
            assert all(cell_len(line) == 100 for line in text.split("\n"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Evil")
        await pilot.pause(0.5)
        assert not any(CONTROL.search(line) for line in drawn(app).split("\n"))
    # Stored exactly as given.
    assert Account.get_by_id(account).name == EVIL
    assert Activity.get(Activity.account == account).notes == huge


@given(st.lists(st.text(), max_size=6))
def test_a_safe_strip_has_no_control_character_and_the_same_width(texts: list[str]) -> None:
    strip = Strip([Segment(t) for t in texts])
    safe = safe_strip(strip)
    assert not CONTROL.search(safe.text)
    assert safe.cell_length == strip.cell_length == cell_len(safe.text)
    if not CONTROL.search(strip.text):
        assert safe is strip  # nothing to drop: nothing rebuilt


def test_a_table_cell_keeps_only_what_it_can_show() -> None:
    """A 1 MB note in the timeline is measured and wrapped by its first characters only
    (it took 15 s to open the account page; the cell ends in … all the same)."""
    from followup_tui.widgets.fit_table import SHOWN_AT_MOST, _as_text

    huge = "备注" * 500_000
    assert _as_text(huge).plain == huge[:SHOWN_AT_MOST]
    assert _as_text("short").plain == "short"
