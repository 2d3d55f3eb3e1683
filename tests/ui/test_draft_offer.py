"""Unsaved notes from last time are offered at start, never opened under the rep's fingers."""

from __future__ import annotations

from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.base.draft_keys import call_context
from followup_tui.db.drafts import get_draft, save_draft
from followup_tui.db.models import Account, Contact, NoteDraft
from followup_tui.screens.call_script import CallScriptScreen
from tests.support import make_app
from tests.ui.test_zh_ui import screen_text, zh  # noqa: F401 (zh is a fixture)


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


def _two_people() -> tuple[int, int, int]:
    """An account with an open follow-up on one key person; (account, that person, another)."""
    from followup_tui.db.calls import call_data
    from followup_tui.db.models import Contact

    for account in Account.select().order_by(Account.id):
        people = [c.id for c in Contact.select().where(Contact.account == account.id)]
        if len(people) < 2:
            continue
        default = call_data(account.id).default_contact_id
        other = next(p for p in people if p != default)
        assert default is not None
        return account.id, default, other
    raise AssertionError("the demo has an account with two key people")


async def test_a_recovered_call_reopens_for_the_person_it_was_on(
    settings: Settings, demo_db: Path
) -> None:
    """QA: notes taken on a call to a second key person came back on a call to the first."""
    account, default, other = _two_people()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account, contact_id=other))
        await pilot.pause()
        await pilot.press(*"asked about the second plant")
        await pilot.pause(0.5)  # the autosave's quarter second
        # A call to the first person is another call: it does not show these notes.
        app.screen.dismiss(False)
        await pilot.pause()
        app.push_screen(CallScriptScreen(account, contact_id=default))
        await pilot.pause()
        assert app.screen.query_one("#call-notes").text == ""  # type: ignore[attr-defined]
    # Restarted (as after a crash): the offer names the person, ctrl+d opens their call.
    other_name = Contact.get_by_id(other).name
    restarted = make_app(settings, demo_db)
    async with restarted.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        said = [n.message for n in restarted._notifications]
        assert any(f"({other_name})" in m for m in said), said
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen = restarted.screen
        assert isinstance(screen, CallScriptScreen)
        assert screen.contact_id == other
        assert screen.query_one("#call-notes").text == "asked about the second plant"
        assert other_name in screen_text(restarted).split("\n")[1]  # "Calling  Kevin Liu ..."
    drafts = {d.context: d.text for d in NoteDraft.select()}
    assert drafts == {call_context(account, other): "asked about the second plant"}


async def test_a_call_draft_saved_before_drafts_named_the_person_is_still_offered(
    settings: Settings, demo_db: Path
) -> None:
    """A draft under the old key (the account's only) is offered and opens on the call to
    the default person, as it did; from then on it is that person's."""
    account, default, other = _two_people()
    save_draft(f"call:account:{account}", "from an older followup", account)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # A call to someone else leaves it alone.
        app.push_screen(CallScriptScreen(account, contact_id=other))
        await pilot.pause()
        assert app.screen.query_one("#call-notes").text == ""  # type: ignore[attr-defined]
        app.screen.dismiss(False)
        await pilot.pause()
        assert get_draft(f"call:account:{account}") == "from an older followup"
        app._offered_draft = None
    restarted = make_app(settings, demo_db)
    async with restarted.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen = restarted.screen
        assert isinstance(screen, CallScriptScreen)
        assert screen.contact_id == default
        assert screen.query_one("#call-notes").text == "from an older followup"
    assert get_draft(f"call:account:{account}") is None
    assert get_draft(call_context(account, default)) == "from an older followup"
