"""How a rep names an account: the one rule the CLI and the app share.

A rep types part of a name however it comes to them: any case, full- or
half-width, without accents ("muller" for Müller), with or without the
punctuation inside its words ("margies" for Margie's), or a Chinese name by its
pinyin, whole or by initials ("huawei" or "hwjs" for 华为技术). Every word typed
must be found in one of the name's forms; an account whose whole name (or whole
pinyin, or initials) is what was typed comes before those that start with the
first word, and those before the ones that merely hold the words.

`followup note`, `followup sheet`, the account picker and "Go to" in the
command palette all go through `db.lookup.named_accounts`, which ranks with
`name_rank`, so a name the app finds the CLI finds too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from followup_tui.core.base.text import search_key, spoken_forms, unpunctuated

# How well a name answers what was typed, best first.
EXACT = 0  # one of its forms is the whole of what was typed
PREFIX = 1  # one of its forms starts with the first word typed
CONTAINS = 2  # every word typed is in one of its forms

# Between the stored forms: no typed word holds it (words are split on white space,
# and this is a control character no name keeps), so a word never matches across two.
FORM_SEPARATOR = "\x1f"


class NamedThing(NamedTuple):
    """An account found by name: its id, its name and the name's stored forms."""

    id: int
    name: str
    forms: tuple[str, ...]


class NameHit(NamedTuple):
    """A name that answers what was typed, and how well (`EXACT`, `PREFIX`, `CONTAINS`)."""

    rank: int
    thing: NamedThing


def name_forms(folded: str, sort_key: str) -> tuple[str, ...]:
    """The forms a name can be typed in: folded, without its punctuation (when it has
    some), and for Chinese its pinyin whole and initials.

    `folded` is `search_key(name)` and `sort_key` is `name_sort_key(name)`, both
    stored with the name, so no pinyin is worked out again.
    """
    bare = unpunctuated(folded)
    forms = (folded, bare) if bare and bare != folded else (folded,)
    return (*forms, *spoken_forms(sort_key).split())


def stored_forms(folded: str, sort_key: str) -> str:
    """`name_forms` as stored in one column (`FORM_SEPARATOR` between them)."""
    return FORM_SEPARATOR.join(name_forms(folded, sort_key))


def forms_of(stored: str) -> tuple[str, ...]:
    """The forms a `stored_forms` text holds."""
    return tuple(stored.split(FORM_SEPARATOR))


def typed_words(text: str) -> tuple[str, ...]:
    """The words of what was typed, folded as names are."""
    return tuple(search_key(text).split())


def name_rank(words: Sequence[str], forms: Sequence[str]) -> int | None:
    """How well `forms` answer `words` (see the ranks above); None when they do not.

    Every word must be in one of the forms. No words answer nothing: an empty
    search names no account.
    """
    if not words or not all(any(w in f for f in forms) for w in words):
        return None
    whole = " ".join(words)
    joined = "".join(words)
    if any(f in (whole, joined) for f in forms):
        return EXACT
    if any(f.startswith(words[0]) for f in forms):
        return PREFIX
    return CONTAINS


def ranked(words: Sequence[str], things: Sequence[NamedThing]) -> list[NameHit]:
    """The things answering `words`, best rank first, in the given order within a rank."""
    hits = []
    for thing in things:
        rank = name_rank(words, thing.forms)
        if rank is not None:
            hits.append(NameHit(rank, thing))
    hits.sort(key=lambda h: h.rank)  # stable: the given order within a rank
    return hits


def best_named(hits: Sequence[NameHit]) -> list[NameHit]:
    """The hits a name picks: the exact ones if any, else all of them.

    A whole-name match wins over names that merely contain the text, so
    "Acme" names Acme even when "Acme Asia" exists.
    """
    exact = [h for h in hits if h.rank == EXACT]
    return exact or list(hits)
