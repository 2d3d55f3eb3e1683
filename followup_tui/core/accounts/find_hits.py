"""What a search finds (`followup find`, the account list's `/`): where, and the words around it.

The data layer (`db.find`) finds the rows; these rules say, the same for the
command line and the app, which part of an account a hit is in, show the words
around the match on one line, and write a hit as JSON (docs/find-json.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import display_width, printable, search_key, unpunctuated

# Where a hit is. "name" and "person" include their pinyin ("name" is also the account
# as a whole, when the words are spread over it); "activity" is a call, visit, email
# or meeting note, or a quick note (its `kind` says which), or what either side
# promised on it.
PLACES = (
    "name",
    "person",
    "account_notes",
    "activity",
    "best_action",
    "landmine",
    "bullet",
)
# What an activity's texts are, in the order searched: its notes, then what each side
# promised on it; a hit in a commitment says whose (FindHit.commitment).
ACTIVITY_TEXTS = ("", "ours", "theirs")
SNIPPET_WIDTH = 60  # terminal cells of text around a match
TRIGRAM = 3  # the shortest word the full-text index can look up


def query_words(text: str) -> list[str]:
    """The words a search looks for: folded as the stored search texts are, each once."""
    return list(dict.fromkeys(search_key(text).split()))


@dataclass(frozen=True, slots=True)
class FindHit:
    """One place a search found its words in."""

    account_id: int
    account_name: str
    place: str  # one of PLACES
    text: str  # the text the words were found in (a person's name, a note, ...)
    row_id: int | None = None  # the key person, activity or blue-sheet record
    kind: str = ""  # an activity's kind (call, visit, email, meeting, note)
    day: dt.date | None = None  # an activity's day
    archived: bool = False  # the account is archived
    commitment: str = ""  # "ours" or "theirs": the words are in what a side promised


@dataclass(frozen=True, slots=True)
class Person:
    """A key person as a search sees them: id, name and stored pinyin."""

    id: int
    name: str
    spoken: str


def _holds(words: Sequence[str], *texts: str) -> bool:
    folded = " ".join(search_key(t) for t in texts)
    return all(w in folded for w in words)


def account_place(
    words: Sequence[str],
    name: str,
    name_spoken: str,
    people: Sequence[Person],
    notes: str,
) -> tuple[str, str, int | None]:
    """Which part of an account's search text holds the words: (place, its text, person id).

    The account's search text joins the name, its pinyin, the people and the notes,
    so a hit there is placed in the first part that holds every word by itself: the
    name, then one person, then the notes. Words spread over several parts are
    placed at the name, the account as a whole.
    """
    if _holds(words, name, name_spoken, unpunctuated(search_key(name))):
        return "name", name, None
    for person in people:
        if _holds(words, person.name, person.spoken, unpunctuated(search_key(person.name))):
            return "person", person.name, person.id
    if notes and _holds(words, notes):
        return "account_notes", notes, None
    return "name", name, None


def day_of(value: object) -> dt.date | None:
    """The day of a stored moment (a datetime, or its text as SQLite gives it)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _held(words: Sequence[str], texts: Sequence[str]) -> set[str]:
    # Folded in one piece: the space between two texts keeps a word from spanning them
    # (a word holds no space), and one call per record is a third of the cost.
    folded = search_key(" ".join(texts))
    return {w for w in words if w in folded}


def record_text(words: Sequence[str], texts: Sequence[str]) -> str:
    """The text of a record to show for a hit: of an activity's notes and the two sides'
    commitments, the first holding every word, else the one holding the most."""
    return texts[record_pick(words, texts)]


def record_pick(words: Sequence[str], texts: Sequence[str]) -> int:
    """Which of a record's texts `record_text` shows (its index)."""
    if len(texts) == 1:
        return 0
    best = max(range(len(texts)), key=lambda n: (len(_held(words, [texts[n]])), n == 0))
    return best if _held(words, [texts[best]]) else 0


def commitment_of(place: str, words: Sequence[str], texts: Sequence[str]) -> str:
    """'ours' or 'theirs' when an activity's hit is in what a side promised, else ''."""
    if place != "activity" or len(texts) != len(ACTIVITY_TEXTS):
        return ""
    return ACTIVITY_TEXTS[record_pick(words, texts)]


def cross_hits(
    words: Sequence[str],
    account_id: int,
    name: str,
    search_text: str,
    archived: bool,
    records: Sequence[tuple],
) -> list[FindHit]:
    """The places of an account holding the words only with the rest of the account.

    `search_text` is the account's folded name, people and notes; `records` are its
    activities and blue-sheet records as (place, id, kind, moment, *texts), newest
    first. A record is a hit when it holds some words and the account's own text
    the others (华为 in the name, SOW in a call note). When no record does, but the
    words are spread over several records, the account as a whole is (place "name").
    Records holding every word, and accounts whose own text holds them all, are the
    plain hits, found elsewhere (`db.find`).
    """
    wanted = set(words)
    own = {w for w in words if w in search_text}
    if own == wanted:
        return []
    hits = []
    seen = set(own)
    whole = True
    for place, row_id, kind, moment, *texts in records:
        held = _held(words, texts)
        seen |= held
        if held == wanted:
            whole = False  # a plain hit already places the account
        elif held and held | own == wanted:
            text = record_text(words, texts)
            day = day_of(moment) if place == "activity" else None
            promised = commitment_of(place, words, texts)
            hits.append(
                FindHit(account_id, name, place, text, row_id, kind or "", day, archived, promised)
            )
    if not hits and whole and seen == wanted:
        hits.append(FindHit(account_id, name, "name", name, None, archived=archived))
    return hits


def spread_spot(
    words: Sequence[str], search_text: str, records: Sequence[tuple]
) -> tuple[str, int] | None:
    """Where the account list opens an account holding the words only with the rest of
    it: (place, id) of the first of `records` (as `cross_hits` takes them) holding the
    longest word its own text lacks. None when the account does not hold every word,
    or its own text holds them all."""
    wanted = set(words)
    own = {w for w in words if w in search_text}
    if own == wanted:
        return None
    holding = [(place, row_id, _held(words, texts)) for place, row_id, _k, _m, *texts in records]
    if own.union(*(held for _, _, held in holding)) != wanted:
        return None
    lacking = next(w for w in sorted(words, key=len, reverse=True) if w not in own)
    return next((place, row_id) for place, row_id, held in holding if lacking in held)


def full_record(words: Sequence[str], records: Sequence[tuple]) -> tuple[str, int] | None:
    """(place, id) of the first of `records` (as `cross_hits` takes them) holding every word."""
    wanted = set(words)
    for place, row_id, _kind, _moment, *texts in records:
        if _held(words, texts) == wanted:
            return place, row_id
    return None


def place_words(hit: FindHit, settings: Settings) -> str:
    """Where a hit is, in the rep's words: "call note of 2026-11-20", "their commitment
    on the call of 2026-11-20", "landmine"."""
    word = settings.word
    if hit.place == "activity":
        day = hit.day.isoformat() if hit.day else "-"
        kind = settings.label("activity_kinds", hit.kind).lower()
        # A promise is not a note: said as whose it is and the contact it was made on.
        if hit.commitment == "ours":
            return word("find_in_our_commitment").format(kind=kind, date=day)
        if hit.commitment == "theirs":
            return word("find_in_their_commitment").format(kind=kind, date=day)
        if hit.kind == "note":
            return word("find_in_quick_note").format(date=day)
        return word("find_in_activity").format(kind=kind, date=day)
    return word(f"find_in_{hit.place}")


def snippet(text: str, words: Sequence[str], width: int = SNIPPET_WIDTH) -> str:
    """The text on one line, cut to about `width` cells around the first match.

    A long note is shown from a little before its longest typed word, with an
    ellipsis where text was left out at either end.
    """
    line = " ".join(printable(text).split())
    if display_width(line) <= width:
        return line
    at = _match_at(line, words)
    start = max(0, at - width // 4)
    cut = line[start:]
    out: list[str] = []
    used = 1 if start else 0
    for ch in cut:
        cells = display_width(ch)
        if used + cells > width - 1:
            break
        out.append(ch)
        used += cells
    body = "".join(out)
    return ("…" if start else "") + body + ("…" if len(out) < len(cut) else "")


def _match_at(line: str, words: Sequence[str]) -> int:
    """Where the longest word is in a line, case folded; 0 when it is not there as typed."""
    if not words:
        return 0
    word = max(words, key=len)
    lowered = line.lower()
    at = lowered.find(word) if len(lowered) == len(line) else -1
    return max(at, 0)


def hit_json(hit: FindHit, words: Sequence[str]) -> dict[str, Any]:
    """One hit as docs/find-json.md describes it."""
    return {
        "account_id": hit.account_id,
        "account": hit.account_name,
        "place": hit.place,
        "kind": hit.kind or None,
        "date": hit.day.isoformat() if hit.day else None,
        "row_id": hit.row_id,
        "archived": hit.archived,
        "commitment": hit.commitment or None,
        "snippet": snippet(hit.text, words),
    }


def hit_line(hit: FindHit, words: Sequence[str], settings: Settings) -> str:
    """One hit on one line: the account, where, and the words around the match."""
    name = printable(hit.account_name)
    if hit.archived:
        name += settings.word("find_archived")
    return f"{name} (#{hit.account_id}) · {place_words(hit, settings)} · {snippet(hit.text, words)}"
