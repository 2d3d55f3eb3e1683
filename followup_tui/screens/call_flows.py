"""The call script's flows beside the script: filing a note line on the deal's blue sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.core.call.after_call import file_target
from followup_tui.db.calls import CallData, file_note_line

if TYPE_CHECKING:
    from followup_tui.screens.call_script import CallScriptScreen


def file_line(screen: CallScriptScreen, call: CallData, kind: str, line: str) -> None:
    """File a note line (the one under the cursor) on the blue sheet of the person's deal."""
    word = screen.word
    if not line:
        screen.notify(word("cursor_on_line"), severity="warning")
        return
    deal_id = _file_target(screen, call, kind)
    if deal_id is None:
        return
    # A landmine from a note is about the deal: naming the person on the call as its
    # source would be a guess. The rep ties it to someone on the blue sheet if so.
    person = None if kind == "landmine" else call.influence_id
    file_note_line(kind, line, deal_id, person)
    where = ""
    if call.influence_id is None:
        where = word("filed_on").format(deal=call.deal_title(deal_id))
    filed = word("filed").format(kind=word(f"file_{kind}"), where=where, line=line[:40])
    screen.notify(filed)


def _file_target(screen: CallScriptScreen, call: CallData, kind: str) -> int | None:
    """The deal a note line of this kind goes on, or None after saying why it cannot."""
    deal_id, why = file_target(kind, call.influence_id, call.deal_id, call.fallback_deal_id)
    if why is not None:
        w = screen.word
        contact = next((c for c in call.contacts if c["id"] == screen.contact_id), None)
        said = w(why).format(
            name=contact["name"] if contact else w("this_person"),
            account=call.account["name"],
            kind=w(f"file_{kind}"),
            deal=call.deal_title(call.fallback_deal_id) if call.fallback_deal_id else "",
        )
        screen.notify(said, severity="warning")
    return deal_id
