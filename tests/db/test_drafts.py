"""Drafts keep what was typed exactly: every line, blank lines, indentation, line endings."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_tui.core.base.draft_keys import close_out_context, note_context
from followup_tui.core.call.close_out_draft import CloseOutDraft
from followup_tui.db.accounts import save_account
from followup_tui.db.drafts import delete_draft, get_draft, pending_drafts, save_draft
from followup_tui.db.models import Account

# Text as a rep (or an editor) leaves it: any characters SQLite can store, many lines.
typed = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=200,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed, typed)
def test_a_draft_comes_back_exactly_as_saved(db_path: Path, first: str, second: str) -> None:
    account_id = the_account()
    context = note_context(account_id)
    save_draft(context, first, account_id)
    assert get_draft(context) == first
    save_draft(context, second, account_id)  # typed on: the one row is updated
    assert get_draft(context) == second
    if second:
        [kept] = [d for d in pending_drafts() if d.context == context]
        assert kept.text == second
    delete_draft(context)
    assert get_draft(context) is None


def the_account() -> int:
    """The one account the drafts are on (hypothesis runs every example on one database)."""
    found = Account.get_or_none(Account.name == "Drafts Ltd")
    return found.id if found is not None else save_account({"name": "Drafts Ltd"})


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed)
def test_a_close_out_draft_keeps_a_multi_line_note_exactly(db_path: Path, note: str) -> None:
    account_id = the_account()
    state = CloseOutDraft("Call", note=note, outcome="reached", our_commitments="a\nb")
    save_draft(close_out_context(account_id), state.to_text(), account_id)
    back = CloseOutDraft.from_text(get_draft(close_out_context(account_id)) or "")
    assert back is not None and back.note == note and back.our_commitments == "a\nb"


@given(st.integers(1, 10**9), st.none() | st.integers(1, 10**9))
def test_a_call_draft_key_names_its_account_and_person(account: int, person: int | None) -> None:
    from followup_tui.core.base.draft_keys import call_context, call_person

    assert call_person(call_context(account, person)) == (account, person)
    assert call_person(note_context(account)) is None
    assert call_person(close_out_context(account)) is None


def test_moving_a_draft_keeps_both_texts(db_path: Path) -> None:
    from followup_tui.db.drafts import move_draft

    account_id = the_account()
    save_draft("old", "older line", account_id)
    assert move_draft("old", "new", account_id) == "older line"
    save_draft("old", "second", account_id)
    assert move_draft("old", "new", account_id) == "older line\nsecond"
    assert (get_draft("old"), get_draft("new")) == (None, "older line\nsecond")
    assert move_draft("old", "new", account_id) is None
