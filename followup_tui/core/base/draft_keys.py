"""The keys drafts are saved under: one per kind of text being typed, per account.

A call's drafts are per account and person: the notes taken while calling one key
person are theirs, and come back only on a call to them. Kept apart from the
screens that type them so that the app, recovering drafts at start, need not
import a screen to read a key.
"""

from __future__ import annotations

import re

# A call's notes: "call:account:12" (from before drafts knew the person, or an
# account with no key person) or "call:account:12:contact:7".
_CALL = re.compile(r"call:account:(\d+)(?::contact:(\d+))?")


def call_context(account_id: int, contact_id: int | None = None) -> str:
    """The draft key of a call's notes to a person of an account.

    Without a person (an account with no key people) it is the account's key, the
    one every call draft had before drafts were kept per person.
    """
    person = f":contact:{contact_id}" if contact_id is not None else ""
    return f"call:account:{account_id}{person}"


def call_person(context: str) -> tuple[int, int | None] | None:
    """(account, person) of a call's draft key; None when the key is not a call's.

    The person is None for a key without one (see `call_context`).
    """
    found = _CALL.fullmatch(context)
    if found is None:
        return None
    return int(found[1]), int(found[2]) if found[2] is not None else None


def note_context(account_id: int) -> str:
    """The draft key of an account's quick note."""
    return f"note:account:{account_id}"


def close_out_context(account_id: int) -> str:
    """The draft key of a close-out being filled in (its whole state, see `CloseOutDraft`)."""
    return f"closeout:account:{account_id}"


def call_value_context(account_id: int, contact_id: int | None = None) -> str:
    """The draft key of the value a call to a person brings (picked or typed; see `ValueDraft`).

    Stored with no account, so the start-up recovery (which offers drafts of an
    account back) leaves it alone: it comes back when the call is opened again.
    Without a person it is the key every value draft had before they were per person.
    """
    person = f":contact:{contact_id}" if contact_id is not None else ""
    return f"callvalue:account:{account_id}{person}"
