"""The call script: what to say on this call, and the notes taken while it happens.

The seven parts are filled from the data so the rep reads rather than writes;
the notes are saved as a draft a moment after each keystroke, so a crash,
a closed terminal or a flat battery loses nothing.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.widgets import Input, Label, Select, TextArea

from followup_tui.core.accounts.cadence import Proposal
from followup_tui.core.base.draft_keys import call_context, call_value_context
from followup_tui.core.base.text import whole_number
from followup_tui.core.call.after_call import (
    next_step,
    user_config_file,
    with_commitment,
    worth_another_call,
)
from followup_tui.core.call.script import (
    DEFAULT_MINUTES,
    ScriptContext,
    already_bought,
    fill_script,
    tactic_line,
)
from followup_tui.core.call.value_offers import Offer, ValueDraft, next_offer
from followup_tui.db.calls import CallData, call_data
from followup_tui.db.contacts import contact_record
from followup_tui.db.drafts import delete_draft, get_draft, move_draft, save_draft
from followup_tui.db.lookup import next_step_due, overdue_best_action
from followup_tui.screens.base import AppScreen
from followup_tui.screens.call_flows import file_line
from followup_tui.screens.call_keys import CALL_BINDINGS
from followup_tui.screens.call_prepare import copy_number, person_card, prepared_offers
from followup_tui.screens.close_out import CloseOutResult
from followup_tui.screens.key_words import key_of
from followup_tui.widgets.call_script_view import (
    CallSide,
    OfferLines,
    PersonCard,
    ScriptView,
    SideFacts,
)
from followup_tui.widgets.draft_autosave import DraftAutosave
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.title_bar import TitleBar

PERSON_REFRESH_SECONDS = 30


class CallScriptScreen(AppScreen[bool]):
    """Prepare the call, take notes during it, close it out after; dismisses True if logged."""

    CSS_PATH = "call_script.tcss"
    PALETTE_CATEGORY = "Call"
    BINDINGS = CALL_BINDINGS

    def __init__(
        self, account_id: int, *, contact_id: int | None = None, follow_up_id: int | None = None
    ) -> None:
        super().__init__()
        self.account_id = account_id
        self.contact_id = contact_id
        self.follow_up_id = follow_up_id
        self.call: CallData | None = None
        self.offers: list[Offer] = []
        self.value = ValueDraft()

    def _word(self, key: str) -> str:
        """A word of the vocabulary in the configured language."""
        return self.fapp.settings.word(key)

    def compose(self) -> ComposeResult:
        """The script on the left, the checks on the right, the notes below."""
        settings = self.fapp.settings
        w = self._word
        reasons = [(label, key) for key, label in settings.choices("value_reasons")]
        yield TitleBar()
        with Horizontal(id="call-top"):
            with VerticalScroll(id="call-script"):
                yield PersonCard(id="call-person")
                yield ScriptView(id="script-text")
                with Horizontal(classes="call-edit"):
                    yield Label(w("call_purpose"))
                    yield Input(id="call-purpose", placeholder=w("call_purpose_hint"))
                # The list and the typed value on lines of their own: side by side at
                # 80 columns the typed one was a few cells wide.
                with Horizontal(classes="call-edit"):
                    yield Label(w("call_value"))
                    yield Select(reasons, id="call-value", prompt=w("call_value_prompt"))
                with Horizontal(classes="call-edit"):
                    yield Label("")
                    yield Input(id="call-value-text", placeholder=w("call_value_hint"))
                with Horizontal(classes="call-edit"):
                    yield Label(w("call_minutes"))
                    yield Input(str(DEFAULT_MINUTES), id="call-minutes", type="integer")
                with Horizontal(classes="call-edit"):
                    yield Label(w("call_ask"))
                    yield Input(id="call-ask")
                with Horizontal(classes="call-edit"):
                    yield Label(w("call_minimum"))
                    yield Input(id="call-minimum")
            yield CallSide(id="call-side")
        yield Label(id="notes-label")
        yield TextArea(id="call-notes")
        yield DraftAutosave()
        yield Footer()

    def on_mount(self) -> None:
        """Read the account, fill the script, restore any draft, start on the notes."""
        self.call = call_data(self.account_id, self.contact_id)
        self.contact_id = self.call.account["contact_id"]
        if self.follow_up_id is None and self.call.follow_up is not None:
            self.follow_up_id = self.call.follow_up["id"]
        purpose = self.call.follow_up["purpose"] if self.call.follow_up else ""
        self.query_one("#call-purpose", Input).value = purpose
        notes = self.query_one("#call-notes", TextArea)
        self._take_unowned_drafts()
        draft = get_draft(self.notes_key)
        if draft:
            notes.text = draft
            self.notify(self._word("draft_back"))
        self.sub_title = self.call.account["name"]
        # What the rep picked or typed for the value section, kept across esc and restarts.
        self.value = ValueDraft.from_text(get_draft(self.value_key))
        if self.value.reason in dict(self.fapp.settings.choices("value_reasons")):
            self.query_one("#call-value", Select).value = self.value.reason
        self.offers = prepared_offers(self)
        self.value = self.value.worded_as(self.offers)
        self._show_value()
        self._person()
        # Their local time moves on while the script is open: the card follows it.
        self.set_interval(PERSON_REFRESH_SECONDS, self._person)
        self.refill(first=True)
        notes.focus()
        # Said with the keys in force (a keymap may move them).
        self.query_one("#notes-label", Label).update(
            self._word("call_notes").format(
                finish=key_of(self, "call.finish"),
                down=key_of(self, "call.script_down"),
                up=key_of(self, "call.script_up"),
            )
        )

    @property
    def notes_key(self) -> str:
        """The draft key of this call's notes: the account's and the person's."""
        return call_context(self.account_id, self.contact_id)

    @property
    def value_key(self) -> str:
        """The draft key of what this call brings: the account's and the person's."""
        return call_value_context(self.account_id, self.contact_id)

    def _take_unowned_drafts(self) -> None:
        """Drafts kept before they named a person become this call's, if it is the one
        they were reopened in then: the account's default person (the recovery at start
        opens that call for them). A call to anyone else leaves them where they are."""
        assert self.call is not None
        if self.contact_id is None or self.contact_id != self.call.default_contact_id:
            return
        move_draft(call_context(self.account_id), self.notes_key, self.account_id)
        if get_draft(self.value_key) is None:
            move_draft(call_value_context(self.account_id), self.value_key, None)

    # -- the script ------------------------------------------------------------------
    def _script_context(self) -> ScriptContext:
        data = self.call
        assert data is not None
        account = data.account
        contact = next((c for c in data.contacts if c["id"] == self.contact_id), None)
        minutes = self.query_one("#call-minutes", Input).value
        return ScriptContext(
            account_name=account["name"],
            today=self.fapp.today(),
            quadrant=account["quadrant"],
            already_bought=already_bought(
                account["relationship"], won_deals=data.won_deals, purchases=data.purchases
            ),
            contact_id=self.contact_id,
            contact_name=contact["name"] if contact else "",
            role=data.role,
            mode=data.mode,
            history=data.history,
            purpose=self.query_one("#call-purpose", Input).value,
            minutes=int(minutes) if whole_number(minutes) and int(minutes) > 0 else DEFAULT_MINUTES,
            value_reason=self.value.chosen,
            config_file=user_config_file(self.fapp.settings),
            dormant=account["relationship"] == "dormant",
            rejections=account["rejection_count"],
            start_reason=account["start_reason"],
            stop_reason=account["stop_reason"],
        )

    def refill(self, first: bool = False) -> None:
        """Fill the seven parts again from the data and what the rep changed."""
        settings = self.fapp.settings
        script = fill_script(self._script_context(), settings)
        if first:
            self.query_one("#call-ask", Input).value = script.ask_for
            self.query_one("#call-minimum", Input).value = script.minimum
        ask = self.query_one("#call-ask", Input).value
        minimum = self.query_one("#call-minimum", Input).value
        keys = [offer.key for offer in self.offers]
        picked = keys.index(self.value.offer_key) if self.value.offer_key in keys else None
        head = self._word("call_offers" if self.offers else "call_offers_none").format(
            key=key_of(self, "call.next_value"), points=key_of(self, "call.talking_points")
        )
        offers = OfferLines(head, [offer.text for offer in self.offers], picked)
        self.query_one(ScriptView).show(script, settings, ask, minimum, offers)
        self._side()

    def _side(self) -> None:
        settings = self.fapp.settings
        data = self.call
        assert data is not None
        account = data.account
        check = worth_another_call(
            account,
            data.history,
            data.open_deals,
            self.fapp.today(),
            settings,
            next_due=next_step_due(self.account_id),
        )
        facts = SideFacts(
            tactic=tactic_line(account["quadrant"], settings),
            check=check,
            history=data.history,
            rep_notes=data.rep_notes,
            open_deals=[deal["title"] for deal in data.open_deals],
        )
        self.query_one(CallSide).show(facts, settings)

    @on(Input.Changed, "#call-purpose, #call-minutes, #call-ask, #call-minimum")
    def edited(self) -> None:
        """Any change to the script's inputs fills it again."""
        if self.call is not None:
            self.refill()

    # -- the person ----------------------------------------------------------------------
    def _person(self) -> None:
        self.query_one(PersonCard).show(person_card(self))

    def action_copy_number(self) -> None:
        """Copy the person's number to the clipboard (OSC 52: works over SSH and in tmux)."""
        copy_number(self)

    # -- the value this call brings ----------------------------------------------------
    def keep_value(self, value: ValueDraft) -> None:
        """Remember the value section as the rep left it: it survives esc, a crash, a restart."""
        self.value = value
        if value.empty:
            delete_draft(self.value_key)
        else:
            save_draft(self.value_key, value.to_text(), None)

    def _show_value(self) -> None:
        """The value form shows what the call brings: the text typed, else the offer picked
        (f2 after f3 opens on the pick, ready to be reworded)."""
        self.query_one("#call-value-text", Input).value = self.value.shown

    @on(Input.Changed, "#call-value-text")
    def value_typed(self, event: Input.Changed) -> None:
        """A typed value is kept as it is typed; emptying the box drops a pick as well."""
        # A change the screen made itself (a pick shown) or one already overtaken by the
        # next pick is not the rep typing.
        if self.call is None or event.value != event.input.value:
            return
        if event.value == self.value.shown:
            return
        if event.value.strip():
            self.keep_value(replace(self.value, typed=event.value))
        else:
            self.keep_value(replace(self.value, typed="", offer_key="", offer_text=""))
        self.refill()

    @on(Select.Changed, "#call-value")
    def reason_picked(self, event: Select.Changed) -> None:
        """A generic reason picked from the list is kept too."""
        reason = event.value if isinstance(event.value, str) else ""
        if self.call is not None and reason != self.value.reason:
            # Picked last, it is what the call brings: a prepared pick gives way to it.
            self.keep_value(replace(self.value, reason=reason, offer_key="", offer_text=""))
            self._show_value()
            self.refill()

    def action_next_value(self) -> None:
        """Pick the next prepared reason (one key), kept with the call's draft."""
        offer = next_offer(self.offers, self.value.offer_key)
        if offer is None:
            said = self._word("call_offers_none").format(points=key_of(self, "call.talking_points"))
            self.notify(said, severity="warning")
            return
        # The pick is what the call brings now: text typed before gives way to it.
        self.keep_value(replace(self.value, offer_key=offer.key, offer_text=offer.text, typed=""))
        self._show_value()
        self.refill()
        # Picked below the fold (80x24), the ▶ would change out of sight.
        self.call_after_refresh(self._show_pick)

    def _show_pick(self) -> None:
        """Scroll the script to the offer picked: with the offers' head when both fit."""
        view = self.query_one(ScriptView)
        rows = view.picked_rows(view.content_region.width)
        if rows is None:
            return
        head, first, last = rows
        box = self.query_one("#call-script", VerticalScroll)
        top = head if last - head < box.scrollable_content_region.height else first
        at = view.virtual_region.y + top
        box.scroll_to_region(Region(0, at, 1, last - top + 1), animate=False, immediate=True)

    def action_talking_points(self) -> None:
        """Keep the talking points; the offers are read again when the list changed."""
        from followup_tui.screens.talking_point_list import TalkingPoints

        def closed(changed: bool | None) -> None:
            if changed and self.call is not None:
                self.offers = prepared_offers(self)
                self.value = self.value.worded_as(self.offers)
                self._show_value()
                self.refill()

        self.app.push_screen(TalkingPoints(), closed)

    # -- notes -----------------------------------------------------------------------
    @on(TextArea.Changed, "#call-notes")
    def notes_typed(self) -> None:
        """Save a draft a moment after typing (at least every quarter second)."""
        self.query_one(DraftAutosave).changed()

    @on(DraftAutosave.Due)
    def autosave_due(self, event: DraftAutosave.Due) -> None:
        """Time to keep the notes typed so far."""
        if event.live:
            self.flush_draft()

    def flush_draft(self) -> None:
        """Write the notes typed so far."""
        text = self.query_one("#call-notes", TextArea).text
        save_draft(self.notes_key, text, self.account_id)

    def action_focus_notes(self) -> None:
        """Back to typing notes."""
        self.query_one("#call-notes", TextArea).focus()

    def action_notes_in_editor(self) -> None:
        """Open the notes in the rep's editor; what they save there comes back as the notes."""
        from followup_tui.screens.external_editor import edit_externally

        notes = self.query_one("#call-notes", TextArea)
        # The draft first: whatever happens in the editor, the notes typed so far are kept.
        self.query_one(DraftAutosave).cancel()
        self.flush_draft()
        edited = edit_externally(self.app, self.fapp.settings, notes.text)
        if edited is not None and edited != notes.text:
            notes.load_text(edited)
            notes.move_cursor(notes.document.end)
            self.flush_draft()
        notes.focus()

    def action_scroll_script(self, pages: int) -> None:
        """A page of the script down (1) or up (-1), the focus left where it is."""
        box = self.query_one("#call-script", VerticalScroll)
        # A line of the page before stays in view, so a sentence is not lost at the fold.
        step = max(1, box.scrollable_content_region.height - 1)
        box.scroll_to(y=box.scroll_y + pages * step, animate=False)

    def action_focus_purpose(self) -> None:
        """Edit the script's inputs."""
        self.query_one("#call-purpose", Input).focus()

    def action_file(self, kind: str) -> None:
        """File the note line under the cursor on the blue sheet of the person's deal."""
        notes = self.query_one("#call-notes", TextArea)
        row = notes.cursor_location[0]
        line = notes.document.get_line(row).strip() if notes.text else ""
        assert self.call is not None
        file_line(self, self.call, kind, line)

    # -- finishing -------------------------------------------------------------------
    def action_finish(self) -> None:
        """Close out the call: outcome key, commitments, next date; one transaction."""
        from followup_tui.screens.contact_flow import ContactTarget, close_out, host

        # A pending save firing after the call is logged would bring the notes back
        # as an unsaved draft at the next start.
        self.query_one(DraftAutosave).cancel()
        self.flush_draft()
        settings = self.fapp.settings
        call = self.call
        assert call is not None
        account = call.account
        notes = self.query_one("#call-notes", TextArea).text.strip()
        today = self.fapp.today()
        completions = [d["completion_date"] for d in call.open_deals]
        typed = self.query_one("#call-purpose", Input).value
        contact = contact_record(self.contact_id) if self.contact_id is not None else None
        # A revival call: the next attempt follows the revival plan, not a class cadence.
        revival = account["relationship"] == "dormant" and not call.open_deals
        dormant = int(account["rejection_count"] or 0) if revival else None

        def step(outcome: str | None) -> tuple[Proposal, str]:
            return next_step(
                today,
                account["quadrant"],
                settings,
                completions=completions,
                open_follow_ups=call.open_follow_ups,
                follow_up_id=self.follow_up_id,
                purpose=typed,
                outcome=outcome,
                contact=contact,
                dormant_rejections=dormant,
            )

        purpose = step(None)[1]
        ask = self.query_one("#call-ask", Input).value.strip()
        minimum = self.query_one("#call-minimum", Input).value.strip()

        def logged(result: CloseOutResult | None) -> None:
            if result is not None:
                self.dismiss(True)

        # The overdue best action the queue row shows: as with d on the queue, the
        # dialog asks whether this call did it (unticked: the rep ticks it on purpose).
        close_out(
            host(self),
            ContactTarget(
                self.account_id, account["name"], self.contact_id, follow_up_id=self.follow_up_id
            ),
            lambda outcome: step(outcome)[0],
            title=self._word("finish_with").format(name=account["name"]),
            purpose=purpose,
            note=notes,
            commitments=(ask, minimum),
            action=overdue_best_action(self.account_id, today),
            said=lambda r: self._word("call_logged").format(day=r.next_due.isoformat()),
            notes=lambda r: with_commitment(r.note, r.commitment, ask, minimum, settings),
            drafts=(self.notes_key, self.value_key),
            then=logged,
        )

    def action_leave(self) -> None:
        """Leave the screen; typed notes stay as a draft for next time."""
        self.query_one(DraftAutosave).cancel()
        if self.query_one("#call-notes", TextArea).text.strip():
            self.flush_draft()
            self.notify(self._word("notes_kept"))
        else:
            delete_draft(self.notes_key)
        self.dismiss(False)
