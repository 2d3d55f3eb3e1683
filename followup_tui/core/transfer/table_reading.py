"""Files as tables of text cells: CSV in any of three delimiters, XLSX, or a zip/folder of CSVs.

What a file is comes from its content, not its name: a zip holding `xl/workbook.xml`
is a workbook whatever it is called, text opening with `{` is our JSON, with
`BEGIN:VCARD` contact cards; other text is CSV. Every row keeps the line (or the
worksheet row) it started on, so a bad cell can be named where the user sees it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.transfer.text_decoding import decoded

Kind = Literal["json", "csv", "xlsx", "vcard", "csv_set"]
DELIMITERS = (",", ";", "\t")
_ZIP = b"PK\x03\x04"


@dataclass
class SheetRow:
    """One data row: the line it starts on and its cells, as many as the headers."""

    line: int
    cells: list[str]


@dataclass
class Sheet:
    """A table read from a file: where it came from, its header row and its data rows."""

    source: str
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    encoding: str = "utf-8"
    title: str = ""  # a worksheet's name


def kind_of(data: bytes, source: str = "") -> Kind:
    """What a file holds, from its first bytes (a zip is looked into)."""
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            # A zip's first bytes, then no zip: a workbook or an export cut short.
            why = f"{type(exc).__name__}: {exc}"
            raise FollowupError(Said("import_unreadable", {"path": source, "why": why})) from None
        return "xlsx" if "xl/workbook.xml" in names else "csv_set"
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if head.startswith(b"{"):
        return "json"
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    if head.startswith(b"\x00") or head[1:2] == b"\x00":  # UTF-16 without BOM is not wanted
        return "csv"
    return "csv"


def delimiter_of(text: str) -> str:
    """The delimiter of a CSV text: the candidate found most in its header line."""
    header = _first_record(text)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_record(text: str) -> str:
    """The header record, outside quotes (a quoted header may hold a newline)."""
    out: list[str] = []
    quoted = False
    for ch in text[:65536]:
        if ch == '"':
            quoted = not quoted
            continue
        if ch in "\r\n" and not quoted:
            break
        if not quoted:
            out.append(ch)
    return "".join(out)


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def csv_sheet(text: str, source: str, encoding: str = "utf-8") -> Sheet:
    """A CSV text as a sheet: delimiter found, quoted newlines kept, blank rows left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    headers: list[str] | None = None
    sheet = Sheet(source, [], [], encoding)
    start = 1
    for record in reader:
        line, start = start, reader.line_num + 1
        if headers is None:
            if _blank(record):
                continue
            headers = [h.strip() for h in record]
            sheet.headers = headers
            continue
        if _blank(record):
            continue
        cells = record + [""] * (len(headers) - len(record))
        sheet.rows.append(SheetRow(line, cells))
    return sheet


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_sheets(data: bytes, source: str) -> list[Sheet]:
    """Every worksheet of a workbook with a header row, as sheets (row numbers as lines)."""
    try:
        return _xlsx_sheets(data, source)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError, OSError) as exc:
        # A workbook cut short, renamed from another file, or damaged: openpyxl's own
        # errors (InvalidFileException is a ValueError's kin) name no file.
        why = f"{type(exc).__name__}: {exc}"
        raise FollowupError(Said("import_unreadable", {"path": source, "why": why})) from None


def _xlsx_sheets(data: bytes, source: str) -> list[Sheet]:
    from openpyxl import load_workbook  # only an XLSX import pays for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InvalidFileException as exc:
        raise ValueError(str(exc)) from None
    sheets = []
    try:
        for ws in book.worksheets:
            sheet: Sheet | None = None
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if _blank(cells):
                    continue
                if sheet is None:
                    sheet = Sheet(
                        f"{source} [{ws.title}]", [c.strip() for c in cells], [], "xlsx", ws.title
                    )
                    continue
                width = len(sheet.headers)
                sheet.rows.append(
                    SheetRow(number, (cells + [""] * width)[: max(width, len(cells))])
                )
            if sheet is not None:
                sheets.append(sheet)
    finally:
        book.close()
    return sheets


_TABLE_FILE = re.compile(r"(?:.*/)?([a-z_]+)\.csv")


def csv_set(data: bytes | Path, source: str) -> dict[str, Sheet]:
    """The `<table>.csv` files of a zip (given as bytes) or a folder, by table name."""
    files: dict[str, bytes] = {}
    if isinstance(data, Path):
        for path in sorted(data.glob("*.csv")):
            files[path.name] = path.read_bytes()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                files[name] = archive.read(name)
    out = {}
    for name, raw in files.items():
        found = _TABLE_FILE.fullmatch(name)
        if found:
            text = decoded(raw)
            out[found.group(1)] = csv_sheet(text.text, f"{source}/{name}", text.encoding)
    return out
