"""A draft left from last time never takes the first key pressed after start (issue 15)."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.base.draft_keys import call_context, note_context
from followup_tui.db.drafts import get_draft, save_draft
from followup_tui.db.models import Account
from followup_tui.screens.deals import DealsScreen
from tests.support import make_app


async def test_the_first_key_after_start_goes_to_the_screen_not_a_draft(
    settings: Settings, demo_db: Path
) -> None:
    account = Account.get(Account.name == "华为技术").id
    save_draft(call_context(account), "abandoned call notes", account)
    save_draft(note_context(account), "half a quick note", account)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # the rep's first key: the deal list
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
        assert any("Unsaved notes" in n.message for n in app._notifications)
        await pilot.press("a")  # and the next: a new deal, not a letter in a note
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AccountPicker"
    assert get_draft(call_context(account)) == "abandoned call notes"
    assert get_draft(note_context(account)) == "half a quick note"
