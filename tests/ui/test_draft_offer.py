"""Unsaved notes from last time are offered at start, never opened under the rep's fingers."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.base.draft_keys import call_context
from followup_tui.db.drafts import get_draft, save_draft
from followup_tui.db.models import Account
from followup_tui.screens.call_script import CallScriptScreen
from tests.support import make_app
from tests.ui.test_zh_ui import zh  # noqa: F401 (zh is a fixture)


async def test_keys_typed_at_start_go_to_the_app_not_into_a_reopened_call(
    settings: Settings, demo_db: Path
) -> None:
    account = Account.get(Account.name == "华为技术").id
    save_draft(call_context(account), "line one", account)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, CallScriptScreen)
        said = [n.message for n in app._notifications]
        assert any("Unsaved notes on 华为技术" in m and "^d" in m for m in said), said
        await pilot.press("2")  # what a rep types first: it goes to the accounts screen
        await pilot.pause()
        assert get_draft(call_context(account)) == "line one"
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, CallScriptScreen)
        assert "line one" in app.screen.query_one("#call-notes").text  # type: ignore[attr-defined]


async def test_the_offer_in_chinese_and_nothing_to_open(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert any("没有未保存的笔记" in n.message for n in app._notifications)
