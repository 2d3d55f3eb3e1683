"""Another CRM's files as one book of records: read, recognised (or mapped), then parsed.

The `followup import` command and the import screen both come here, so a file reads the
same way in both. What a file is comes from its bytes (`table_reading.kind_of`); a
sheet's source from its headers (`sources.recognised`), from a mapping the user gives
(the CLI's `--map`, the screen's mapping step) or from one remembered for the same
headers (`column_maps`). Bad input is a `FollowupError` in the user's words.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.transfer import column_maps
from followup_tui.core.transfer.book_rows import Book, RowProblem, book_of
from followup_tui.core.transfer.cell_values import DateOrder
from followup_tui.core.transfer.import_words import Word, reason_text
from followup_tui.core.transfer.sources import Source, recognised
from followup_tui.core.transfer.table_reading import Kind, Sheet, csv_sheet, kind_of, xlsx_sheets
from followup_tui.core.transfer.text_decoding import NotText, decoded
from followup_tui.core.transfer.vcard_reading import SYSTEM as VCARD
from followup_tui.core.transfer.vcard_reading import cards, vcard_book

# Sources whose exports write month-first dates when a file's own values do not tell.
MONTH_FIRST = frozenset({"salesforce", "hubspot"})
# From this many rows an import says how far it has got (stderr, or the screen's bar).
PROGRESS_ROWS = 5_000
Say = Callable[[str], None]


@dataclass(frozen=True)
class ReadOptions:
    """How to read the files: the user's mapping, date order and decimal mark, if given."""

    # column -> field for every sheet, whatever its headers say (the CLI's --map)
    mapping: Mapping[str, str] | None = None
    # column -> field by a header row's key (`column_maps.headers_key`): the screen's step
    mappings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    date_order: DateOrder | None = None
    decimal_comma: bool = False


@dataclass
class SheetLook:
    """A sheet as the import screen shows it before reading: its source, if one is known."""

    sheet: Sheet
    source: Source | None  # None: a generic sheet, to be mapped
    remembered: bool = False  # the source is a mapping confirmed on an earlier import


@dataclass
class FileLook:
    """What a file is: its kind, its encoding, its sheets (or how many cards it holds)."""

    path: Path
    kind: Kind
    encoding: str
    sheets: list[SheetLook] = field(default_factory=list)
    cards: int = 0
    text: str = ""  # a vCard file's text


def read_bytes(path: Path, word: Word) -> bytes:
    """A file's bytes, or a FollowupError naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FollowupError(word("import_no_file").format(path=path)) from None
    except IsADirectoryError:
        raise FollowupError(word("import_a_folder").format(path=path)) from None
    except OSError as exc:
        raise FollowupError(
            word("import_unreadable").format(path=path, why=exc.strerror or exc)
        ) from None


def _text(data: bytes, path: Path, word: Word) -> tuple[str, str]:
    try:
        return decoded(data)
    except NotText:
        raise FollowupError(word("import_not_text").format(path=path)) from None


def look_at(path: Path, maps_dir: Path, word: Word) -> FileLook:
    """What `path` holds and, sheet by sheet, which system wrote it (read, not parsed)."""
    data = read_bytes(path, word)
    kind = kind_of(data, str(path))
    if kind == "json":
        raise FollowupError(word("import_json_alone").format(path=path))
    if kind == "csv_set":
        raise FollowupError(word("import_zip_own").format(path=path))
    if kind == "vcard":
        text, encoding = _text(data, path, word)
        return FileLook(path, kind, encoding, cards=len(cards(text)), text=text)
    if kind == "xlsx":
        sheets, encoding = xlsx_sheets(data, str(path)), "xlsx"
    else:
        text, encoding = _text(data, path, word)
        sheets = [csv_sheet(text, str(path), encoding)]
    looks = []
    for sheet in sheets:
        found = recognised(sheet.headers)
        kept = None if found else column_maps.remembered(maps_dir, sheet.headers)
        looks.append(SheetLook(sheet, found or kept, kept is not None))
    return FileLook(path, kind, encoding, looks)


def _source(sheet: SheetLook, options: ReadOptions, word: Word) -> tuple[Source, bool]:
    """The sheet's source, and whether the user's mapping gave it (to be remembered)."""
    headers = sheet.sheet.headers
    if options.mapping is not None:
        return column_maps.mapped_source(headers, options.mapping), True
    given = options.mappings.get(column_maps.headers_key(headers))
    if given is not None:
        return column_maps.mapped_source(headers, given), True
    if sheet.source is not None:
        return sheet.source, False
    shown = ", ".join(repr(h) for h in headers[:8])
    if len(headers) > 8:
        shown += ", ..."
    raise FollowupError(word("import_unrecognised").format(file=sheet.sheet.source, columns=shown))


def read_book(
    paths: Sequence[Path],
    options: ReadOptions,
    maps_dir: Path,
    word: Word,
    say: Say | None = None,
) -> tuple[Book, list[tuple[list[str], Source]]]:
    """Every file's records in one book (the files must come from one system), and the
    mappings the user gave, to remember once the import is written."""
    book: Book | None = None
    mapped: list[tuple[list[str], Source]] = []
    for path in paths:
        look = look_at(path, maps_dir, word)
        if look.kind == "vcard":
            book = _same_system(book, VCARD, path, word)
            book = vcard_book(look.text, str(path), book)
            continue
        for sheet in look.sheets:
            rows = sheet.sheet.rows
            if say is not None and len(rows) >= PROGRESS_ROWS:
                say(word("import_read_rows").format(file=sheet.sheet.source, n=f"{len(rows):,}"))
            source, given = _source(sheet, options, word)
            if given:
                mapped.append((sheet.sheet.headers, source))
            book = _same_system(book, source.system, path, word)
            book = book_of(
                source,
                sheet.sheet.headers,
                [(r.line, r.cells) for r in rows],
                sheet.sheet.source,
                default_order=options.date_order
                or ("mdy" if source.system in MONTH_FIRST else "dmy"),
                default_mark="," if options.decimal_comma else ".",
                book=book,
            )
    if book is None:
        raise FollowupError(word("import_nothing_given"))
    return book, mapped


def _same_system(book: Book | None, system: str, path: Path, word: Word) -> Book:
    if book is None:
        return Book(system)
    if book.system != system:
        raise FollowupError(
            word("import_one_system").format(path=path, system=system, others=book.system)
        )
    return book


def remember_mappings(maps_dir: Path, mapped: Sequence[tuple[list[str], Source]]) -> None:
    """Keep the mappings a written import confirmed, for the next file with those headers."""
    for headers, source in mapped:
        column_maps.remember(maps_dir, headers, source)


def write_side_file(path: Path, problems: Sequence[RowProblem], word: Word) -> None:
    """The rows left out, each with its file, line, column and reason, then its cells."""
    headers = next((list(p.headers) for p in problems if p.headers), [])
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "column", "reason", *headers])
        for p in problems:
            why = reason_text(p.why, p.params, word)
            writer.writerow([p.place.source, p.place.line, p.place.column, why, *p.cells])


def side_file_for(first: Path) -> Path:
    """Where skipped rows go when the user names no file: beside the first file."""
    return first.with_name(first.name + ".bad.csv")
