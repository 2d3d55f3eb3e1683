"""Key people as vCards (RFC 2426, vCard 3.0), for the phone's contacts.

Written here rather than with a library: vobject 0.9.9, the maintained one, folds
a line only when it has more than 75 characters, so a name of 30 Chinese
characters (90 octets) goes out unfolded. The rules are few: escape `\\`, `,`,
`;` and newlines in text values, and fold every line at 75 octets without
splitting a character (RFC 2426 section 2.6; RFC 6350 section 3.2). The tests
read the output back with vobject.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

LINE_OCTETS = 75


class PersonCard(NamedTuple):
    """A key person as a contact card."""

    uid: str
    name: str
    organisation: str
    title: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""
    note: str = ""


def escaped(text: str) -> str:
    """A vCard text value: backslash, comma, semicolon and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def folded(line: str) -> str:
    """One content line folded at LINE_OCTETS octets, never inside a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        # Continuation lines start with a space, which counts against their octets.
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def card_text(card: PersonCard) -> str:
    """One vCard, CRLF line ends."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{escaped(card.uid)}",
        f"FN:{escaped(card.name)}",
        # A name is kept whole as the family name: splitting 欧阳娜娜 or "Anna Lee"
        # into parts by rule would guess wrong for some of them.
        f"N:{escaped(card.name)};;;;",
        f"ORG:{escaped(card.organisation)}"
        + (f";{escaped(card.department)}" if card.department else ""),
    ]
    if card.title:
        lines.append(f"TITLE:{escaped(card.title)}")
    if card.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escaped(card.phone)}")
    if card.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escaped(card.email)}")
    if card.note:
        lines.append(f"NOTE:{escaped(card.note)}")
    lines.append("END:VCARD")
    return "".join(folded(line) + "\r\n" for line in lines)


def cards_text(cards: Iterable[PersonCard]) -> str:
    """Every card, one after another: one .vcf file."""
    return "".join(card_text(c) for c in cards)
