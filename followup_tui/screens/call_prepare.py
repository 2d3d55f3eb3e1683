"""The call script's preparation: the person card, the copy of their number, the prepared value.

The rules are core's (`core.call.person`, `core.call.value_offers`); these gather
the screen's data for them and say the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.core.accounts.cadence import skips_weekends
from followup_tui.core.call.person import (
    Person,
    extension_to_ask,
    number_to_copy,
    person_lines,
    phone_numbers,
)
from followup_tui.core.call.value_offers import Offer, OpenDeal, value_offers
from followup_tui.core.sheet.sheet_text import money
from followup_tui.db.contacts import contact_record
from followup_tui.db.talking_points import list_points

if TYPE_CHECKING:
    from followup_tui.screens.call_script import CallScriptScreen


def person_facts(screen: CallScriptScreen) -> Person:
    """Who the call is with, as the card's rule takes it."""
    call = screen.call
    assert call is not None
    contact = call.contact(screen.contact_id)
    settings = screen.fapp.settings
    record = contact_record(screen.contact_id) if screen.contact_id is not None else None
    return Person(
        name=contact["name"] if contact else "",
        title=contact["title"] if contact else "",
        role=settings.label("roles", call.role),
        mode=settings.label("response_modes", call.mode),
        phone=contact["phone"] if contact else "",
        account_phone=call.account.get("phone") or "",
        email=contact["email"] if contact else "",
        contact=record,
    )


def person_card(screen: CallScriptScreen) -> list[tuple[str, str]]:
    """The card's (label, text) lines for the person called, as of the app's present moment."""
    call = screen.call
    assert call is not None
    return person_lines(
        person_facts(screen),
        history=call.history,
        today=screen.fapp.today(),
        now_utc=screen.fapp.now_utc(),
        language=screen.fapp.settings.language,
        weekdays_only=skips_weekends(screen.fapp.settings),
    )


def copy_number(screen: CallScriptScreen) -> None:
    """Put the person's number on the clipboard (OSC 52, so over SSH and tmux too); say what."""
    person = person_facts(screen)
    name = person.name or (screen.call.account["name"] if screen.call else "")
    number = number_to_copy(person)
    if number is None:
        screen.notify(screen.word("call_no_number").format(name=name), severity="warning")
        return
    screen.app.copy_to_clipboard(number)
    if phone_numbers(person.phone):
        said = screen.word("call_copied").format(number=number, name=name)
    else:
        # Not theirs: say so, so the rep does not take the switchboard for a direct line.
        account = screen.call.account["name"] if screen.call else ""
        said = screen.word("call_copied_switchboard").format(
            number=number, name=name, account=account
        )
    if ext := extension_to_ask(person):
        # A softphone dials the line; the extension is asked for once through.
        said = screen.word("call_copied_extension").format(copied=said, ext=ext)
    screen.notify(said)


def prepared_offers(screen: CallScriptScreen) -> list[Offer]:
    """Every reason to call the data holds, with the rep's unexpired talking points."""
    call = screen.call
    assert call is not None
    settings = screen.fapp.settings
    today = screen.fapp.today()
    deals = [
        OpenDeal(d["id"], d["title"], money(d["amount"], settings) if d["amount"] else "")
        for d in call.open_deals
    ]
    return value_offers(
        history=call.history,
        today=today,
        language=settings.language,
        contact_id=screen.contact_id,
        rep_notes=call.rep_notes,
        actions=call.actions,
        deals=deals,
        points=list_points(today),
    )
