"""Contact cards (vCard 2.1, 3.0 and 4.0, as phones export them) read as people at accounts.

A card's organisation (`ORG`, its first part) names the account the person belongs
to; its second part is the department. The card's `UID`, when it has one, is its
id, so importing the same cards again updates them. Values are unescaped and folded
lines joined as RFC 6350 section 3.2 says. vCard 2.1's quoted-printable values
(`ENCODING=QUOTED-PRINTABLE;CHARSET=...`, as older Android and Nokia phones export
them) are decoded in their charset, their soft line breaks (`=` at a line's end)
joined first.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from followup_tui.core.base.text import search_key
from followup_tui.core.transfer.book_rows import Book, Place, Record, RowProblem, person_name

SYSTEM = "vcard"
_ESCAPE = re.compile(r"\\(.)", re.S)
_QP_BYTES = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_QP_PARAM = re.compile(r"(?:^|;)(?:ENCODING=)?QUOTED-PRINTABLE(?:;|$)", re.I)
_CHARSET = re.compile(r"(?:^|;)CHARSET=([^;]+)", re.I)


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


def _quoted_printable(params: str) -> bool:
    return bool(_QP_PARAM.search(params))


def _logical_lines(text: str) -> list[str]:
    """The text's properties, one a line: folded lines joined (RFC 6350), and a
    quoted-printable value's soft line breaks too (a 2.1 continuation need not be
    indented, and an indented one keeps its blank as content)."""
    out: list[str] = []
    soft = False
    for line in text.splitlines():
        if soft:
            out[-1] = out[-1][:-1] + line
        elif out and line[:1] in (" ", "\t"):
            out[-1] += line[1:]
        else:
            out.append(line)
        last = out[-1]
        soft = last.endswith("=") and _quoted_printable(last.partition(":")[0])
    return out


def _decoded_qp(value: str, charset: str) -> str:
    """A quoted-printable value as text: each run of =XX bytes decoded in the charset, and
    escaped as vCard text so that a `;` or `\\` it held is not read as structure."""

    def run(found: re.Match[str]) -> str:
        raw = bytes.fromhex(found.group(0).replace("=", ""))
        text = raw.decode(charset, errors="replace")
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    return _QP_BYTES.sub(run, value)


def _charset(params: str) -> str:
    found = _CHARSET.search(params)
    name = found.group(1).strip().strip('"') if found else "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"  # an unknown charset: UTF-8 is what phones write


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
    for raw in _logical_lines(text):
        if not raw.strip():
            continue
        name_part, _, value = raw.partition(":")
        name, _, params = name_part.partition(";")
        name = name.split(".")[-1].upper()
        if _quoted_printable(params):
            value = _decoded_qp(value, _charset(params))
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
            book.problems.append(RowProblem(place, "card_no_name"))
            continue
        if not account_name:
            book.problems.append(RowProblem(place, "card_no_org", {"name": name}))
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
