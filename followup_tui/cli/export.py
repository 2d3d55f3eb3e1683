"""`followup export`: the database as JSON, spreadsheets, a calendar, contact cards or a dossier.

Every file is created readable by its owner only: exports hold customers'
personal details. A spreadsheet export (CSV, XLSX) carries the JSON export's own
tables and columns, so the formats never drift apart.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup_tui.cli import runtime
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.transfer.sheet_cells import cell_text

if TYPE_CHECKING:
    from followup_tui.db.exports import ExportTable

# Excel reads a CSV as the machine's legacy code page unless it starts with a BOM:
# Chinese text would open as mojibake. Other tools skip the BOM.
CSV_ENCODING = "utf-8-sig"
# An Excel cell holds at most this many characters; longer text is cut with a mark.
XLSX_CELL_MAX = 32_767


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """`followup export`: one of the formats, to a file or standard output."""
    w = settings.word
    fmt: str = args.format
    account: str | None = None
    if fmt == "md":
        account = args.file
        if not account:
            raise FollowupError(w("export_md_needs_account"))
    elif args.file is not None:
        file = Path(args.file)
        if args.output is not None and file != args.output:
            raise FollowupError(w("export_one_file").format(file=file, output=args.output))
        args.output = file
    if args.table is not None and fmt != "csv":
        raise FollowupError(w("export_table_with_csv"))
    runtime.open_db(runtime.db_path(args), create=False, settings=settings)
    today = args.date or dt.date.today()
    output: Path | None = args.output
    if fmt == "json":
        from followup_tui.db.transfer import export_document

        doc = export_document(today, settings)
        _emit(output, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode(), w)
    elif fmt == "csv":
        _export_csv(args.table, output, today, settings)
    elif fmt == "xlsx":
        from followup_tui.db.exports import export_tables

        _emit(output, workbook_bytes(export_tables(today, settings)), w, binary=True)
    elif fmt == "ics":
        _emit(output, _calendar(settings), w)
    elif fmt == "vcf":
        from followup_tui.core.transfer.vcard_file import cards_text
        from followup_tui.db.exports import person_cards

        _emit(output, cards_text(person_cards()).encode(), w)
    else:
        from followup_tui.cli.note import find_account
        from followup_tui.core.transfer.dossier import dossier_markdown
        from followup_tui.db.exports import account_dossier

        assert account is not None
        dossier = account_dossier(find_account(account), today, settings)
        _emit(output, dossier_markdown(dossier, settings).encode(), w)
    return 0


def _calendar(settings: Settings) -> bytes:
    from followup_tui.core.transfer.calendar_file import calendar_bytes
    from followup_tui.core.transfer.export_config import export_config
    from followup_tui.db.exports import calendar_entries

    config = export_config(settings)
    return calendar_bytes(
        calendar_entries(settings),
        kind=config.calendar_entry,
        reminder_at=config.reminder_at,
        stamp=dt.datetime.now(dt.UTC),
        reminder_text=settings.word("export_calendar_reminder"),
    )


def csv_text(table: ExportTable) -> str:
    """One table as CSV: a header row, then its rows, text neutralised for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([cell_text(v) for v in row] for row in table.rows)
    return buf.getvalue()


def _export_csv(name: str | None, output: Path | None, today: dt.date, settings: Settings) -> None:
    from followup_tui.db.exports import export_tables

    w = settings.word
    if name is None and output is None:
        raise FollowupError(w("export_needs_output").format(format="csv"))
    tables = export_tables(today, settings)
    if name is not None:
        chosen = [t for t in tables if t.name == name]
        if not chosen:
            names = ", ".join(t.name for t in tables)
            raise FollowupError(w("export_unknown_table").format(name=name, names=names))
        text = csv_text(chosen[0])
        _emit(output, text.encode(CSV_ENCODING if output else "utf-8"), w)
        return
    assert output is not None
    files = [(f"{t.name}.csv", csv_text(t).encode(CSV_ENCODING)) for t in tables]
    if output.suffix.lower() == ".zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            for file_name, data in files:
                archive.writestr(file_name, data)
        write_private(output, buf.getvalue(), w)
    else:
        if output.exists() and not output.is_dir():
            raise FollowupError(w("export_not_a_folder").format(path=output))
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise FollowupError(w("export_cannot_create").format(path=output, why=why)) from None
        for file_name, data in files:
            write_private(output / file_name, data, w)
    print(w("export_written_many").format(n=len(files), path=output), file=sys.stderr)


def workbook_bytes(tables: Sequence[ExportTable]) -> bytes:
    """The tables as one XLSX workbook, a sheet each; text stays text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=table.name[:31])  # Excel's limit on sheet names
        sheet.append(table.headers)
        for row in table.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                if isinstance(value, str):
                    # openpyxl reads text starting with "=" as a formula: a string it stays.
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        # Control characters other than tab and line breaks are not allowed in XLSX XML.
        clean = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
        return clean if len(clean) <= XLSX_CELL_MAX else clean[: XLSX_CELL_MAX - 1] + "…"
    return value


def _emit(
    output: Path | None, data: bytes, w: Callable[[str], str], *, binary: bool = False
) -> None:
    """Write to `output` (private) or standard output; a binary file never to a terminal."""
    if output is None:
        if binary and sys.stdout.isatty():
            raise FollowupError(w("export_xlsx_terminal"))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_private(output, data, w)
    print(w("export_written").format(path=output), file=sys.stderr)


def write_private(path: Path, data: bytes, w: Callable[[str], str]) -> None:
    """Write a file readable by its owner only: an export holds contacts' personal details.

    Written beside its final name and renamed, so an interrupted export never leaves a
    half-written file where a whole one was.
    """
    part = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        why = exc.strerror or str(exc)
        raise FollowupError(w("export_cannot_write").format(path=path, why=why)) from None
