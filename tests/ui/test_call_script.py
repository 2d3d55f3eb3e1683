"""The call script screen: prepare, take notes, finish; everything lands in one transaction."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from followup_tui.core.base.draft_keys import call_context
from followup_tui.db.models import Account, Activity, FollowUp, NoteDraft
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen
from tests.support import TODAY, make_app

SIZE = (150, 45)



async def open_call(pilot, app) -> CallScriptScreen:
    await pilot.pause()
    queue = app.screen
    assert isinstance(queue, DueQueueScreen)
    while queue.current() is None or queue.current().follow_up is None:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, CallScriptScreen)
    return app.screen


async def test_call_from_the_queue_logs_notes_commitments_and_next_step(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(pilot, app)
        account_id, follow_up_id = screen.account_id, screen.follow_up_id
        notes_key = screen.notes_key
        script = str(screen.query_one("#script-text").render())
        for part in (
            "1. Say who you are",
            "2. Bridge",
            "5. Check they have the time",
            "7. Commitment to ask for",
        ):
            assert part in script
        assert "Worth another call?" in str(screen.query_one("#call-side").render())
        heat_before = Account.get_by_id(account_id).heat
        await pilot.press(*"他们同意下周演示", "enter", *"budget 2M")
        await pilot.pause(0.5)
        draft = NoteDraft.get(NoteDraft.context == notes_key)
        assert draft.text == "他们同意下周演示\nbudget 2M"
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        proposed = dialog.proposal.date
        await pilot.press("m")  # meeting booked: focus goes to the next date
        dialog.query_one("#close-ours", Input).value = "send the demo script"
        dialog.query_one("#close-theirs", Input).value = "bring the plant manager"
        await pilot.press("enter")
        assert isinstance(app.screen, DueQueueScreen)
        activity = Activity.select().order_by(Activity.id.desc()).get()
        assert activity.account_id == account_id
        assert activity.notes == "他们同意下周演示\nbudget 2M"
        assert activity.outcome == "meeting_booked"
        assert activity.our_commitments == "send the demo script"
        assert activity.their_commitments == "bring the plant manager"
        assert FollowUp.get_by_id(follow_up_id).done
        nxt = FollowUp.get((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        assert nxt.due == proposed
        assert Account.get_by_id(account_id).heat >= heat_before
        assert not NoteDraft.select().where(NoteDraft.context == notes_key).exists()


async def test_leaving_keeps_the_notes_and_reopening_brings_them_back(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#call-notes", TextArea).text == "half a thought"
        assert screen is not app.screen


async def test_empty_phrase_purpose_warns_with_value_reasons(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"Tailspin", "enter", "enter")  # a target account
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        screen.query_one("#call-purpose", Input).value = "Just checking in"
        await pilot.pause()
        script = str(screen.query_one("#script-text").render())
        assert "carries nothing new" in script
        screen.query_one("#call-purpose", Input).value = "Confirm the pilot success criteria"
        await pilot.pause()
        assert "carries nothing new" not in str(screen.query_one("#script-text").render())


async def test_note_lines_file_onto_the_blue_sheet(settings, demo_db) -> None:
    from followup_tui.db.models import Deal, Influence, Landmine

    influence = (
        Influence.select().join(Deal).where(Deal.outcome == "open").order_by(Influence.id).first()
    )
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        account_id = Deal.get_by_id(influence.deal_id).account_id
        app.push_screen(CallScriptScreen(account_id, contact_id=influence.contact_id))
        await pilot.pause()
        await pilot.press(*"IT 经理担心数据安全", "ctrl+l")
        mine = Landmine.select().order_by(Landmine.id.desc()).get()
        # On the person's deal, but not put on the person: a note's landmine is the deal's.
        assert (mine.text, mine.deal_id, mine.influence_id) == (
            "IT 经理担心数据安全",
            influence.deal_id,
            None,
        )
        await pilot.press("enter", *"she said our pilot numbers convinced her", "ctrl+r")
        updated = Influence.get_by_id(influence.id)
        assert updated.rating_evidence.endswith("she said our pilot numbers convinced her")
        assert updated.rating_confirmed_at is not None
        assert updated.rating_confirmed_at != influence.rating_confirmed_at


def person_off_the_sheets():  # type: ignore[no-untyped-def]
    """A key person on no open deal's blue sheet, at an account with exactly one open deal."""
    from followup_tui.db.models import Contact, Deal, Influence

    for contact in Contact.select().order_by(Contact.id):
        on_a_sheet = (
            Influence.select()
            .join(Deal)
            .where((Influence.contact == contact.id) & (Deal.outcome == "open"))
            .exists()
        )
        opens = Deal.select().where((Deal.account == contact.account_id) & (Deal.outcome == "open"))
        if not on_a_sheet and opens.count() == 1:
            return contact, opens.get()
    raise AssertionError("the demo has no such person")


def notified(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


def test_nearest_open_deal_is_the_only_one_or_the_soonest() -> None:
    import datetime as dt

    from followup_tui.db.calls import nearest_open_deal

    def deal(deal_id: int, day: dt.date | None) -> dict:
        return {"id": deal_id, "completion_date": day}

    assert nearest_open_deal([]) is None
    assert nearest_open_deal([deal(4, None)]) == 4
    soon, later = dt.date(2026, 12, 1), dt.date(2027, 3, 1)
    assert nearest_open_deal([deal(1, later), deal(2, None), deal(3, soon)]) == 3
    assert nearest_open_deal([deal(5, None), deal(6, None)]) == 5


async def test_landmines_and_bullets_fall_back_to_the_nearest_open_deal(settings, demo_db) -> None:
    import datetime as dt

    from followup_tui.db.models import Bullet, Deal, Influence, Landmine

    contact, only_deal = person_off_the_sheets()
    account_id = contact.account_id
    # Several open deals: the one closing soonest takes the line; won and undated ones don't.
    Deal.create(account=account_id, title="Later deal", completion_date=dt.date(2027, 6, 1))
    Deal.create(account=account_id, title="Undated deal")
    Deal.create(
        account=account_id, title="Old win", outcome="won", completion_date=dt.date(2020, 1, 1)
    )
    soonest = Deal.create(
        account=account_id, title="Soonest deal", completion_date=dt.date(2026, 11, 1)
    )
    assert soonest.completion_date < only_deal.completion_date
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(account_id, contact_id=contact.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        assert screen.call.influence_id is None
        assert screen.call.fallback_deal_id == soonest.id
        await pilot.press(*"procurement wants a second source", "ctrl+l")
        mine = Landmine.select().order_by(Landmine.id.desc()).get()
        assert (mine.text, mine.deal_id, mine.influence_id) == (
            "procurement wants a second source",
            soonest.id,
            None,
        )
        await pilot.press("enter", *"our uptime record", "ctrl+b")
        bullet = Bullet.select().order_by(Bullet.id.desc()).get()
        assert (bullet.text, bullet.deal_id, bullet.influence_id) == (
            "our uptime record",
            soonest.id,
            None,
        )
        assert any("Soonest deal" in m for m in notified(app))

        influences = Influence.select().count()
        await pilot.press("enter", *"wants a promotion", "ctrl+g")
        await pilot.pause()
        assert Influence.select().count() == influences
        assert any(
            f"{contact.name} is not on Soonest deal's blue sheet" in m for m in notified(app)
        )


async def test_filing_refuses_when_the_account_has_no_open_deal(settings, demo_db) -> None:
    from followup_tui.db.models import Bullet, Contact, Deal, Landmine

    busy = Deal.select(Deal.account).where(Deal.outcome == "open")
    contact = Contact.select().where(Contact.account.not_in(busy)).order_by(Contact.id).first()
    mines, bullets = Landmine.select().count(), Bullet.select().count()
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CallScriptScreen(contact.account_id, contact_id=contact.id))
        await pilot.pause()
        assert app.screen.call.fallback_deal_id is None
        await pilot.press(*"their CFO is sceptical", "ctrl+l", "ctrl+b", "ctrl+r")
        await pilot.pause()
        assert (Landmine.select().count(), Bullet.select().count()) == (mines, bullets)
        assert any("has no open deal" in m for m in notified(app))


async def test_evidence_is_joined_on_one_line_for_the_markdown_sheet(settings, demo_db) -> None:
    from followup_tui.core.sheet.sheet_text import sheet_markdown
    from followup_tui.db.models import Deal, Influence
    from followup_tui.db.sheets import load_sheet

    influence = (
        Influence.select().join(Deal).where(Deal.outcome == "open").order_by(Influence.id).first()
    )
    Influence.update(rating_evidence="asked for references", personal_win="").where(
        Influence.id == influence.id
    ).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        account_id = Deal.get_by_id(influence.deal_id).account_id
        app.push_screen(CallScriptScreen(account_id, contact_id=influence.contact_id))
        await pilot.pause()
        await pilot.press(*"called our pilot a success", "ctrl+r")
        await pilot.press("enter", *"wants the plant award", "ctrl+g")
        await pilot.press("enter", *"and a shorter commute", "ctrl+g")
    updated = Influence.get_by_id(influence.id)
    assert updated.rating_evidence == "asked for references; called our pilot a success"
    assert updated.personal_win == "wants the plant award; and a shorter commute"
    markdown = sheet_markdown(load_sheet(influence.deal_id), TODAY, settings)
    line = next(ln for ln in markdown.splitlines() if "called our pilot a success" in ln)
    assert line.startswith("- **") and "and a shorter commute" in line


async def test_close_out_asks_which_planned_commitment_was_obtained(settings, demo_db) -> None:
    from textual.widgets import Select

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(pilot, app)
        minimum = screen.query_one("#call-minimum", Input).value
        assert minimum
        await pilot.press(*"agreed on a decision date", "ctrl+s", "r")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        dialog.query_one("#close-commitment", Select).value = "minimum"
        await pilot.press("enter", "enter")  # the one-line note, then the proposed date
        activity = Activity.select().order_by(Activity.id.desc()).get()
        assert (
            activity.notes == f"agreed on a decision date\nMinimum commitment obtained: {minimum}"
        )


async def test_a_quick_note_is_shown_as_the_reps_not_bridged_as_a_call(settings, demo_db) -> None:
    """QA: a quick note made the bridge say "Earlier today you mentioned <the note>"."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        while queue.current() is None or queue.current().follow_up is None:
            await pilot.press("down")
        note = "Talked to Pan, he wants a new quote by Friday"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*note, "ctrl+s")
        await pilot.pause()
        assert Activity.select().order_by(Activity.id.desc()).get().kind == "note"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        script = str(screen.query_one("#script-text").render())
        bridge = script.split("2. Bridge", 1)[1].split("3. ", 1)[0]
        for wrong in (note, "mentioned", "we agreed to talk today", "Earlier today"):
            assert wrong not in bridge
        assert "We last " in bridge  # the last real contact, by its kind
        # The rep sees the note as theirs, apart from the contacts.
        side = " ".join(str(screen.query_one("#call-side").render()).split())  # unwrapped
        assert "Your notes" in side and note in side
        # Blank name and company come with how to fill them.
        assert "[your name]" in script and "rep: {name: ..., company: ...}" in script


async def test_a_landmine_from_a_note_is_not_put_on_the_person_called(settings, demo_db) -> None:
    """QA: "Competitor X offered 10% lower price" showed on the sheet as "[Other] — 潘东"."""
    from followup_tui.core.sheet.sheet_text import sheet_markdown
    from followup_tui.db.models import Contact, Deal, Influence, Landmine
    from followup_tui.db.sheets import load_sheet

    influence = (
        Influence.select().join(Deal).where(Deal.outcome == "open").order_by(Influence.id).first()
    )
    name = Contact.get_by_id(influence.contact_id).name
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        account_id = Deal.get_by_id(influence.deal_id).account_id
        app.push_screen(CallScriptScreen(account_id, contact_id=influence.contact_id))
        await pilot.pause()
        assert app.screen.call.influence_id == influence.id  # the person is on the sheet
        await pilot.press(*"Competitor X offered 10% lower price", "ctrl+l")
        await pilot.pause()
    mine = Landmine.select().order_by(Landmine.id.desc()).get()
    assert (mine.deal_id, mine.influence_id) == (influence.deal_id, None)
    markdown = sheet_markdown(load_sheet(influence.deal_id), TODAY, settings)
    line = next(ln for ln in markdown.splitlines() if "Competitor X offered" in ln)
    assert name not in line


def test_an_open_follow_up_ahead_is_proposed_again(settings) -> None:
    import datetime as dt

    from followup_tui.core.accounts.cadence import keep_scheduled, propose_next
    from followup_tui.screens.close_out import proposal_reason

    cadence = propose_next(TODAY, "A", settings)
    ahead = dt.date(2026, 11, 27)
    kept = keep_scheduled(cadence, ahead, TODAY)
    assert (kept.date, kept.source) == (ahead, "scheduled")
    assert "replaces" in kept.reason
    assert proposal_reason(kept.reason, "zh") == "已排定的跟进（2026-11-27），本次记录将替换它"
    # Due today or overdue: this contact carries it out, so the cadence decides.
    assert keep_scheduled(cadence, TODAY, TODAY) == cadence
    assert keep_scheduled(cadence, dt.date(2026, 11, 20), TODAY) == cadence
    assert keep_scheduled(cadence, None, TODAY) == cadence


async def test_finishing_offers_the_date_already_set_and_returns_to_the_queue(
    settings, demo_db
) -> None:
    """QA: the dialog proposed the cadence date over an open follow-up on 11-27, then
    silently replaced it; and finishing must land back where the call was opened."""
    import datetime as dt

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, DueQueueScreen)
        # A row without a follow-up of its own (Cooling) for an account that has one open.
        while True:
            item = queue.current()
            if item is not None and item.follow_up is None:
                opened = FollowUp.select().where(
                    (FollowUp.account == item.account_id) & (FollowUp.done == False)  # noqa: E712
                )
                if opened.count() == 1:
                    break
            await pilot.press("down")
        account_id = item.account_id
        ahead = dt.date(2026, 11, 27)
        FollowUp.update(due=ahead, purpose="Walk through the new quote").where(
            FollowUp.id == opened.get().id
        ).execute()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScriptScreen)
        await pilot.press(*"asked about the quote", "ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        assert dialog.query_one("#close-due", Input).value == "2026-11-27"
        assert dialog.query_one("#close-purpose", Input).value == "Walk through the new quote"
        shown = str(dialog.query_one("#close-reason", Static).render())
        assert "2026-11-27" in shown and "replaces" in shown
        await pilot.press("r", "enter", "enter")
        await pilot.pause()
        assert app.screen is queue
        assert not NoteDraft.select().where(
            NoteDraft.context.startswith(call_context(account_id))
        ).exists()
        nxt = FollowUp.get((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        assert (nxt.due, nxt.purpose) == (ahead, "Walk through the new quote")
        # The queue rebuilt the account's rows: the row the call was opened on is gone
        # (the call did its overdue best action) and any left show today's call.
        rows = [i for s in queue.queue.sections for i in s.items if i.account_id == account_id]
        assert item.section not in {i.section for i in rows}
        assert all(i.last_contact is not None and i.last_contact.on == TODAY for i in rows)
