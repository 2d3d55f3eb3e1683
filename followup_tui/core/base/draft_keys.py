"""The keys drafts are saved under: one per kind of text being typed, per account.

Kept apart from the screens that type them so that the app, recovering drafts at
start, need not import a screen to read a key.
"""

from __future__ import annotations


def call_context(account_id: int) -> str:
    """The draft key of a call's notes."""
    return f"call:account:{account_id}"


def note_context(account_id: int) -> str:
    """The draft key of an account's quick note."""
    return f"note:account:{account_id}"


def close_out_context(account_id: int) -> str:
    """The draft key of a close-out being filled in (its whole state, see `CloseOutDraft`)."""
    return f"closeout:account:{account_id}"


def call_value_context(account_id: int) -> str:
    """The draft key of the value a call brings (picked or typed; see `ValueDraft`).

    Stored with no account, so the start-up recovery (which offers drafts of an
    account back) leaves it alone: it comes back when the call is opened again.
    """
    return f"callvalue:account:{account_id}"
