"""What the account list's status line and empty state say, in the rep's language."""

from __future__ import annotations

from dataclasses import dataclass

from followup_tui.core.accounts.account_list import ListFilter
from followup_tui.core.base.config import Settings

# Column keys whose header word has a vocabulary key of another name.
VOCAB_KEYS = {"relationship": "relationship", "last_contact": "last_contact", "class": "class"}


def column_word(key: str, settings: Settings) -> str:
    """The header word of a list column."""
    return settings.word(VOCAB_KEYS.get(key, key))


@dataclass(frozen=True)
class ListState:
    """What the list shows now: the filter, the sort and how far the index has loaded."""

    filter: ListFilter
    shown: int
    still_loading: int
    waiting_for_index: bool
    archived_count: int
    total: int
    sort_key: str
    descending: bool
    searching_notes: bool = False  # the notes' search for the text has not answered yet


def status_line(state: ListState, settings: Settings) -> str:
    """The count, what is loading or hidden, every active filter and the sort."""
    word = settings.word
    f = state.filter
    parts = [word("count_one" if state.shown == 1 else "count_many").format(n=state.shown)]
    if state.waiting_for_index:
        parts = []  # no count: it would be the first page's
    if state.still_loading:
        parts.append(word("loading_all").format(n=state.still_loading))
    if state.archived_count and not f.archived:
        parts.append(word("archived_hidden").format(n=state.archived_count))
    if f.archived:
        parts.append(word("archived_view"))
    if f.text:
        parts.append(word("filter_text").format(text=f.text))
        if state.searching_notes:
            parts.append(word("find_searching"))
        elif f.notes:
            parts.append(word("find_in_notes").format(n=len(f.notes)))
    if f.quadrant:
        unjudged = f.quadrant == "-"
        parts.append(
            word("filter_unjudged" if unjudged else "filter_class").format(klass=f.quadrant)
        )
    if f.relationship:
        parts.append(settings.label("relationship_types", f.relationship))
    if f.tier:
        special = {"any": "any_tier", "none": "no_tier"}.get(f.tier)
        parts.append(word(special) if special else settings.label("tiers", f.tier))
    arrow = "▼" if state.descending else "▲"
    column = column_word(state.sort_key, settings)
    # The column's own header word, as the deal list says it too.
    parts.append(word("sorted_by").format(key=column.lower(), column=column, arrow=arrow))
    return word("status_sep").join(parts)


def empty_message(state: ListState, db_path: object, settings: Settings) -> str:
    """Why the list shows no account: loading, no accounts yet, none archived, or no match."""
    word = settings.word
    if state.waiting_for_index:
        return word("loading_all").format(n=state.still_loading)
    if state.total == 0:
        return word("no_accounts").format(db=db_path)
    if state.filter == ListFilter(archived=True):
        return word("no_archived")
    if state.filter.text.strip() and state.filter == ListFilter(
        text=state.filter.text, archived=state.filter.archived, notes=state.filter.notes
    ):
        return word("empty_filter").format(text=state.filter.text.strip())
    return word("no_match")
