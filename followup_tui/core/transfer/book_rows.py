"""Spreadsheet rows as the accounts, people, deals and buying roles they describe.

One row of a flat export may describe an account, a person at it, a deal and the
person's role in the deal at once; a report repeats the account on every row. Each
record gets a *key* (its id in the source system, else its email, else its name and
account), and rows with the same key fill one record. A row with a bad cell is left
out whole and reported with its file, line and column: the caller decides whether
that stops the import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from followup_tui.core.base.text import search_key
from followup_tui.core.transfer.cell_values import (
    CellError,
    DateOrder,
    DecimalMark,
    date_order,
    decimal_mark,
    parse_date,
    parse_number,
)
from followup_tui.core.transfer.import_words import english, problem_text, where_text
from followup_tui.core.transfer.sheet_cells import restored
from followup_tui.core.transfer.sources import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    Source,
    buying_role,
    is_footer,
    relationship_of,
    stage_reading,
)

Key = tuple[str, ...]
# Money columns hold 14 digits, 2 of them decimals (`models._money`).
AMOUNT_LIMIT = 10**12
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Place:
    """Where a value came from: file, line, column."""

    source: str
    line: int
    column: str = ""

    def __str__(self) -> str:
        return where_text(self, english)


@dataclass
class RowProblem:
    """A row left out: where, why (a reason's name, `import_why_<why>`, and its values) and
    the cells it had (for the side file). `import_words` says it in the user's language."""

    place: Place
    why: str
    params: dict[str, object] = field(default_factory=dict)
    headers: Sequence[str] = ()
    cells: Sequence[str] = ()

    def __str__(self) -> str:
        return problem_text(self, english)


@dataclass
class Record:
    """An account, person or deal as the file gives it; `values` are model field values."""

    key: Key
    place: Place
    ext: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    account: Key | None = None  # people and deals: the account they belong to

    def fill(self, values: dict[str, Any], notes: Iterable[str], ext: str | None) -> None:
        """Take what another row says of the same record: empty fields only."""
        for name, value in values.items():
            if value not in (None, "") and self.values.get(name) in (None, ""):
                self.values[name] = value
        for note in notes:
            if note not in self.notes:
                self.notes.append(note)
        self.ext = self.ext or ext


@dataclass
class Role:
    """A person's buying role in a deal."""

    deal: Key
    person: Key
    role: str
    place: Place


@dataclass
class Book:
    """Everything a file describes, and the rows that could not be read."""

    system: str
    accounts: dict[Key, Record] = field(default_factory=dict)
    people: dict[Key, Record] = field(default_factory=dict)
    deals: dict[Key, Record] = field(default_factory=dict)
    roles: dict[tuple[Key, Key], Role] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    date_order: DateOrder | None = None
    decimal_mark: DecimalMark | None = None
    # An account name's key -> the key its record is kept under (an id when one was seen).
    _names: dict[Key, Key] = field(default_factory=dict)

    def account_key(self, ext: str | None, name: str) -> Key:
        """The key of an account known by an id, a name or both."""
        by_name: Key = ("name", search_key(name)) if name else ()
        if ext:
            key: Key = ("ext", ext)
            if by_name:
                self._names.setdefault(by_name, key)
            return key
        return self._names.get(by_name, by_name)


def person_name(first: str, last: str) -> str:
    """A name from its parts: Chinese family name first and unspaced, others first last."""
    if _CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(p for p in (first, last) if p)


def _split_list(text: str) -> list[str]:
    """A cell holding several values, comma- or semicolon-joined (Pipedrive)."""
    return [p.strip() for p in re.split(r"[,;，；]", text) if p.strip()]


# Field names of `sources.FIELDS` whose model field is named otherwise.
_MODEL_NAMES = {"close_date": "completion_date"}


class _RowError(Exception):
    def __init__(self, column: str, why: str, **params: object) -> None:
        super().__init__(why)
        self.column, self.why, self.params = column, why, params


def _trailing_footers(rows: Sequence[Sequence[str]]) -> int:
    """How many rows at the end are report footers (only there: an account named
    "Total Logistics" in the middle is data)."""
    n = 0
    for cells in reversed(rows):
        if not is_footer(cells):
            break
        n += 1
    return n


def _cells_of(
    headers: Sequence[str], fields: Sequence[str], cells: Sequence[str], wanted: frozenset[str]
) -> Iterable[str]:
    for i, name in enumerate(fields):
        if name in wanted and i < len(cells) and cells[i].strip():
            yield cells[i]


def book_of(
    source: Source,
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[str]]],
    where: str,
    *,
    default_order: DateOrder = "dmy",
    default_mark: DecimalMark = ".",
    book: Book | None = None,
) -> Book:
    """The records `rows` (line, cells) describe, read as `source` says; added to `book`."""
    book = book or Book(source.system)
    rows = list(rows)
    if rows:
        rows = rows[: len(rows) - _trailing_footers([c for _, c in rows])]
    dates = [c for _, cells in rows for c in _cells_of(headers, source.fields, cells, DATE_FIELDS)]
    numbers = [
        c for _, cells in rows for c in _cells_of(headers, source.fields, cells, NUMBER_FIELDS)
    ]
    try:
        order = date_order(dates)
        mark = decimal_mark(numbers)
    except CellError as exc:
        book.problems.append(RowProblem(Place(where, 0), exc.why, dict(exc.params)))
        return book
    book.date_order, book.decimal_mark = order, mark
    reader = _RowReader(source, headers, order or default_order, mark or default_mark)
    for line, cells in rows:
        book.rows += 1
        try:
            reader.read(book, Place(where, line), cells)
        except _RowError as exc:
            book.problems.append(
                RowProblem(Place(where, line, exc.column), exc.why, exc.params, headers, cells)
            )
    return book


@dataclass(slots=True)
class _Parts:
    account: dict[str, Any] = field(default_factory=dict)
    person: dict[str, Any] = field(default_factory=dict)
    deal: dict[str, Any] = field(default_factory=dict)
    role: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)
    person_notes: list[str] = field(default_factory=list)


class _RowReader:
    def __init__(
        self, source: Source, headers: Sequence[str], order: DateOrder, mark: DecimalMark
    ) -> None:
        self.source, self.headers, self.order, self.mark = source, headers, order, mark
        # The columns that fill something, worked out once: a 100,000-row file reads
        # every cell through this loop.
        self.columns: list[tuple[int, str, str, str, str]] = []
        self.seen: dict[tuple[str, str], Any] = {}
        for i, name in enumerate(source.fields):
            if name == "ignore":
                continue
            header = headers[i] if i < len(headers) else f"#{i + 1}"
            entity, _, attr = name.partition(".")
            self.columns.append((i, name, header, entity, _MODEL_NAMES.get(attr, attr)))

    def _value(self, name: str, header: str, text: str) -> Any:
        # A file repeats its dates and amounts (a report, an account's every row).
        key = (name, text)
        if key in self.seen:
            return self.seen[key]
        self.seen[key] = value = self._parsed(name, header, text)
        return value

    def _parsed(self, name: str, header: str, text: str) -> Any:
        try:
            if name in DATE_FIELDS:
                return parse_date(text, self.order)
            number = parse_number(text, self.mark)
        except CellError as exc:
            raise _RowError(header, exc.why, **exc.params) from None
        if not 0 <= number < AMOUNT_LIMIT:
            raise _RowError(header, "out_of_range", cell=text)
        return number

    def _parts(self, cells: Sequence[str]) -> _Parts:
        parts = _Parts()
        targets = {"account": parts.account, "person": parts.person, "deal": parts.deal}
        targets["role"] = parts.role
        width = len(cells)
        for i, name, header, entity, attr in self.columns:
            if i >= width:
                continue
            text = cells[i].strip()
            if not text:
                continue
            if text[0] == "'":
                text = restored(text)
            if name == "notes":
                parts.notes.append(f"{header}: {text}")
                continue
            if name == "account.address":
                parts.address.append(text)
                continue
            if attr == "email":
                emails = _split_list(text) if "," in text or ";" in text else [text]
                bad = [e for e in emails if not _EMAIL.fullmatch(e)]
                if bad:
                    raise _RowError(header, "not_email", cell=bad[0])
                text = emails[0]
                if len(emails) > 1:
                    parts.person_notes.append(f"{header}: {', '.join(emails[1:])}")
            elif attr == "phone" and "," in text:
                phones = _split_list(text)
                text = phones[0]
                parts.person_notes.append(f"{header}: {', '.join(phones[1:])}")
            target = targets[entity]
            if attr not in target:  # two columns for one field: the first filled one counts
                target[attr] = (
                    self._value(name, header, text)
                    if name in DATE_FIELDS or name in NUMBER_FIELDS
                    else text
                )
        if parts.address:
            parts.account.setdefault("address", ", ".join(parts.address))
        return parts

    def read(self, book: Book, place: Place, cells: Sequence[str]) -> None:
        p = self._parts(cells)
        first, last = p.person.pop("first_name", ""), p.person.pop("last_name", "")
        if (first or last) and not p.person.get("name"):
            p.person["name"] = person_name(first, last)
        has_person = bool(p.person.get("name") or p.person.get("ext") or p.person.get("email"))
        if not has_person:  # a company row's phone and email are the company's
            for attr in ("phone", "email"):
                if attr in p.person:
                    p.account.setdefault(attr, p.person.pop(attr))
        account = self._account(book, place, p, has_person)
        person = self._person(book, place, p, account) if has_person else None
        deal = self._deal(book, place, p, account)
        self._role(book, place, p, person, deal)

    def _account(self, book: Book, place: Place, p: _Parts, has_person: bool) -> Key | None:
        ext = p.account.pop("ext", None)
        name = p.account.get("name", "")
        if "relationship" in p.account:
            p.account["relationship"] = relationship_of(p.account["relationship"])
        if not ext and not name:
            return None
        key = book.account_key(ext, name)
        notes = p.notes if not has_person else []
        found = book.accounts.get(key)
        if found is None:
            if not name:
                return key  # known by id only: an account the database should hold
            book.accounts[key] = Record(key, place, ext, dict(p.account), list(notes))
        else:
            found.fill(p.account, notes, ext)
        return key

    def _person(self, book: Book, place: Place, p: _Parts, account: Key | None) -> Key:
        ext = p.person.pop("ext", None)
        account_ext = p.person.pop("account_ext", None)
        if account is None and account_ext:
            account = ("ext", account_ext)
        name = p.person.get("name", "")
        email = str(p.person.get("email", "")).lower()
        if not name:
            p.person["name"] = email or ext or ""
        if account is None:
            raise _RowError("", "person_no_account")
        key: Key = (
            ("ext", ext)
            if ext
            else ("email", email)
            if email
            else ("name", *account, search_key(name))
        )
        notes = p.notes + p.person_notes
        found = book.people.get(key)
        if found is None:
            book.people[key] = Record(key, place, ext, dict(p.person), notes, account)
        else:
            found.fill(p.person, notes, ext)
        return key

    def _deal(self, book: Book, place: Place, p: _Parts, account: Key | None) -> Key | None:
        ext = p.deal.pop("ext", None)
        account_ext = p.deal.pop("account_ext", None)
        title = p.deal.get("title", "")
        if not ext and not title:
            return None
        if account_ext:
            account = ("ext", account_ext)
        if account is None:
            raise _RowError("", "deal_no_account")
        stage = p.deal.pop("stage", "")
        status = p.deal.pop("outcome", "")  # Pipedrive's open / won / lost beside the stage
        if stage:
            p.deal["outcome"], p.deal["funnel"] = stage_reading(stage)
        if status:
            p.deal["outcome"] = stage_reading(status)[0]
        if not title:
            p.deal["title"] = ext or ""
        key: Key = ("ext", ext) if ext else ("title", *account, search_key(title))
        found = book.deals.get(key)
        if found is None:
            book.deals[key] = Record(key, place, ext, dict(p.deal), [], account)
        else:
            found.fill(p.deal, [], ext)
        return key

    def _role(
        self, book: Book, place: Place, p: _Parts, person: Key | None, deal: Key | None
    ) -> None:
        text = p.role.get("role", "")
        if p.role.get("person_ext"):
            person = ("ext", p.role["person_ext"])
        if p.role.get("deal_ext"):
            deal = ("ext", p.role["deal_ext"])
        if not text or person is None or deal is None:
            return
        role = buying_role(text)
        if role is None:
            return  # "Other" and the like seed no influence
        book.roles.setdefault((deal, person), Role(deal, person, role, place))


def domain_of(website: str) -> str:
    """A website's bare domain (`https://www.acme.com/x` -> `acme.com`), lower case."""
    text = website.strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = text.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    return text.removeprefix("www.")
