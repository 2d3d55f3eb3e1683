"""Contact cards (vCard 3.0 and 4.0, as phones export them) read as people at accounts.

A card's organisation (`ORG`, its first part) names the account the person belongs
to; its second part is the department. The card's `UID`, when it has one, is its
id, so importing the same cards again updates them. Values are unescaped and folded
lines joined as RFC 6350 section 3.2 says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from followup_tui.core.base.text import search_key
from followup_tui.core.transfer.book_rows import Book, Place, Record, RowProblem, person_name

SYSTEM = "vcard"
_UNFOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\(.)", re.S)


def _unescaped(value: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _parts(value: str, sep: str = ";") -> list[str]:
    """A structured value split on its unescaped separators, each part unescaped."""
    out, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            out.append(_unescaped("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    out.append(_unescaped("".join(current)))
    return out


@dataclass
class Card:
    """One card's properties: name -> values, in the order given."""

    line: int
    props: dict[str, list[str]] = field(default_factory=dict)

    def first(self, name: str) -> str:
        return next(iter(self.props.get(name, [])), "")


def cards(text: str) -> list[Card]:
    """The cards of a .vcf text (property groups such as `item1.` dropped)."""
    found: list[Card] = []
    current: Card | None = None
    # Unfolding joins lines; the line number of each BEGIN is counted on the raw text.
    offsets = [m.start() for m in re.finditer(r"(?im)^BEGIN:VCARD", text)]
    lines_at = [text.count("\n", 0, o) + 1 for o in offsets]
    begun = 0
    for raw in _UNFOLD.sub("", text).splitlines():
        if not raw.strip():
            continue
        name_part, _, value = raw.partition(":")
        name = name_part.split(";")[0].split(".")[-1].upper()
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            current = Card(lines_at[begun] if begun < len(lines_at) else 0)
            begun += 1
        elif name == "END" and current is not None:
            found.append(current)
            current = None
        elif current is not None:
            current.props.setdefault(name, []).append(value)
    return found


def vcard_book(text: str, where: str, book: Book | None = None) -> Book:
    """The people the cards describe, each at the account its organisation names."""
    book = book or Book(SYSTEM)
    for card in cards(text):
        book.rows += 1
        place = Place(where, card.line)
        name = _unescaped(card.first("FN")).strip()
        if not name:
            parts = [*_parts(card.first("N")), "", ""]
            name = person_name(parts[1].strip(), parts[0].strip())
        org = [*_parts(card.first("ORG")), ""]
        account_name, department = org[0].strip(), org[1].strip()
        if not name:
            book.problems.append(RowProblem(place, "a card with no name (FN or N)"))
            continue
        if not account_name:
            book.problems.append(
                RowProblem(place, f"{name}: no organisation (ORG), so no account to put them in")
            )
            continue
        key = book.account_key(None, account_name)
        if key not in book.accounts:
            book.accounts[key] = Record(key, place, None, {"name": account_name})
        uid = _unescaped(card.first("UID")).strip() or None
        email = _unescaped(card.first("EMAIL")).strip().lower()
        values = {
            "name": name,
            "title": _unescaped(card.first("TITLE")).strip(),
            "department": department,
            "phone": _unescaped(card.first("TEL")).strip().removeprefix("tel:"),
            "email": email,
        }
        notes = [_unescaped(n).strip() for n in card.props.get("NOTE", []) if n.strip()]
        extra = card.props.get("TEL", [])[1:]
        if extra:
            notes.append("TEL: " + ", ".join(_unescaped(t).strip() for t in extra))
        person_key = (
            ("ext", uid) if uid else ("email", email) if email else ("name", *key, search_key(name))
        )
        found = book.people.get(person_key)
        if found is None:
            book.people[person_key] = Record(person_key, place, uid, values, notes, key)
        else:
            found.fill(values, notes, uid)
    return book
