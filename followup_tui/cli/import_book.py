"""`followup import` of other CRMs' files: CSV, XLSX and vCard, and our own CSV export.

Reading and recognition are core rules (`core.transfer`); matching and writing are
`db.book_import`. This module ties them to the command line: the source of each file,
the all-or-nothing rule (or `--skip-bad` and its side file), the dry run and progress.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from followup_tui.cli import runtime
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.moments import write_stamp
from followup_tui.core.base.paths import default_maps_dir
from followup_tui.core.transfer import column_maps
from followup_tui.core.transfer.book_rows import Book, RowProblem, book_of
from followup_tui.core.transfer.sources import Source, recognised
from followup_tui.core.transfer.table_reading import Sheet, csv_set, csv_sheet, kind_of, xlsx_sheets
from followup_tui.core.transfer.text_decoding import NotText, decoded
from followup_tui.core.transfer.vcard_reading import vcard_book

if TYPE_CHECKING:
    from followup_tui.db.book_import import Step

Word = Callable[[str], str]
MAX_SHOWN = 200
# Sources whose exports write month-first dates when a file's own values do not tell.
_MONTH_FIRST = {"salesforce", "hubspot"}
PROGRESS_ROWS = 5_000


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FollowupError(f"no such file: {path}") from None
    except OSError as exc:
        raise FollowupError(f"cannot read {path}: {exc.strerror or exc}") from None


def _text(data: bytes, path: Path) -> tuple[str, str]:
    try:
        return decoded(data)
    except NotText:
        raise FollowupError(f"{path}: not text in UTF-8, GB18030 or Windows-1252") from None


def own_export(paths: Sequence[Path]) -> tuple[dict[str, Sheet], bool] | None:
    """Our export's tables when the one path given is a folder or zip of its CSVs or its
    workbook, and whether its text cells carry the CSV formula guard."""
    from followup_tui.db.sheet_tables import is_export_set

    if len(paths) != 1:
        return None
    path = paths[0]
    if path.is_dir():
        sheets = csv_set(path, str(path))
    else:
        try:
            with path.open("rb") as f:
                zipped = f.read(4) == b"PK\x03\x04"
        except OSError:
            return None  # the reader names the problem
        data = _read(path) if zipped else b""
        kind = kind_of(data) if zipped else "csv"
        if kind == "xlsx":
            by_title = {s.title: s for s in xlsx_sheets(data, str(path))}
            return (by_title, False) if is_export_set(by_title) else None
        if kind != "csv_set":
            return None
        sheets = csv_set(data, str(path))
    if not is_export_set(sheets):
        raise FollowupError(f"{path}: not a followup CSV export (unknown tables or columns)")
    return sheets, True


def _source(sheet: Sheet, args: argparse.Namespace, maps_dir: Path, w: Word) -> Source:
    if args.map is not None:
        try:
            mapping = column_maps.parsed_map(_read(args.map).decode("utf-8"), str(args.map))
        except (column_maps.MapError, UnicodeDecodeError) as exc:
            raise FollowupError(str(exc)) from None
        return column_maps.mapped_source(sheet.headers, mapping)
    found = recognised(sheet.headers) or column_maps.remembered(maps_dir, sheet.headers)
    if found is None:
        shown = ", ".join(repr(h) for h in sheet.headers[:8])
        if len(sheet.headers) > 8:
            shown += ", ..."
        raise FollowupError(w("import_unrecognised").format(file=sheet.source, columns=shown))
    return found


def read_book(
    paths: Sequence[Path], args: argparse.Namespace, maps_dir: Path, w: Word
) -> tuple[Book, list[tuple[list[str], Source]]]:
    """Every file's records in one book (the files must come from one system), and the
    mappings `--map` gave, to remember once the import is written."""
    book: Book | None = None
    mapped: list[tuple[list[str], Source]] = []
    for path in paths:
        data = _read(path)
        kind = kind_of(data)
        if kind == "json":
            raise FollowupError(f"{path}: a followup JSON export is imported on its own")
        if kind == "csv_set":
            raise FollowupError(f"{path}: a zip of CSV files is read only as a followup export")
        if kind == "vcard":
            text, _ = _text(data, path)
            book = _same_system(book, "vcard", path)
            book = vcard_book(text, str(path), book)
            continue
        if kind == "xlsx":
            sheets = xlsx_sheets(data, str(path))
        else:
            text, encoding = _text(data, path)
            sheets = [csv_sheet(text, str(path), encoding)]
        for sheet in sheets:
            if len(sheet.rows) >= PROGRESS_ROWS:
                _say(w("import_read_rows").format(file=sheet.source, n=f"{len(sheet.rows):,}"))
            source = _source(sheet, args, maps_dir, w)
            if args.map is not None:
                mapped.append((sheet.headers, source))
            book = _same_system(book, source.system, path)
            book = book_of(
                source,
                sheet.headers,
                [(r.line, r.cells) for r in sheet.rows],
                sheet.source,
                default_order=args.date_order
                or ("mdy" if source.system in _MONTH_FIRST else "dmy"),
                default_mark="," if args.decimal_comma else ".",
                book=book,
            )
    if book is None:
        raise FollowupError("nothing to import")
    return book, mapped


def _same_system(book: Book | None, system: str, path: Path) -> Book:
    if book is None:
        return Book(system)
    if book.system != system:
        raise FollowupError(
            f"{path}: a {system} file among {book.system} files; import them one source at a time"
        )
    return book


def side_file_path(args: argparse.Namespace) -> Path:
    """Where `--skip-bad` writes the rows it left out."""
    if args.bad_rows is not None:
        return Path(args.bad_rows)
    first = Path(args.file[0])
    return first.with_name(first.name + ".bad.csv")


def write_side_file(path: Path, problems: Sequence[RowProblem]) -> None:
    """The rows left out, each with its file, line, column and reason, then its cells."""
    headers = next((list(p.headers) for p in problems if p.headers), [])
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "column", "reason", *headers])
        for p in problems:
            writer.writerow([p.place.source, p.place.line, p.place.column, p.reason, *p.cells])


def _rejected(problems: Sequence[RowProblem], w: Word) -> FollowupError:
    shown = [f"  {p}" for p in problems[:MAX_SHOWN]]
    more = len(problems) - MAX_SHOWN
    tail = ["  " + w("import_more").format(n=more)] if more > 0 else []
    head = w("import_rejected_rows").format(n=len(problems))
    return FollowupError("\n".join([head, *shown, *tail]), exit_code=2)


# The words of the plan's keys (db.book_import.Step): each "one|many" for counts.
_ENTITY_WORDS = {
    "account": "import_account",
    "person": "import_person",
    "deal": "import_deal",
    "influence": "import_influence",
}
_THING_WORDS = {
    "account": "import_thing_account",
    "person": "import_thing_person",
    "deal": "import_thing_deal",
    "influence": "import_thing_influence",
}
_HOW_WORDS = {
    "id": "import_by_id",
    "email": "import_by_email",
    "domain": "import_by_domain",
    "name": "import_by_name",
    "name_account": "import_by_name_account",
    "title_account": "import_by_title_account",
}
_ACTION_WORDS = {
    "create": "import_step_create",
    "update": "import_step_update",
    "skip": "import_step_skip",
}


def _counted(n: int, entity: str, w: Word) -> str:
    one, _, many = w(_ENTITY_WORDS[entity]).partition("|")
    return f"{n:,} {one if n == 1 else many or one}"


def _counts_text(counts: dict[str, dict[str, int]], w: Word) -> str:
    parts = []
    for action, key in (("create", "import_created"), ("update", "import_updated"),
                        ("skip", "import_skipped")):  # fmt: skip
        items = counts[action]
        if items:
            listed = ", ".join(_counted(n, e, w) for e, n in items.items())
            parts.append(w(key).format(items=listed))
    return "; ".join(parts) or w("import_nothing")


def step_line(step: Step, settings: Settings) -> str:
    """One step of the dry run: what, which record, why, and where the file says it."""
    w = settings.word
    how = w(_HOW_WORDS[step.how]) if step.how else ""
    why = {
        "exists": w("import_exists").format(how=how),
        "unchanged": w("import_unchanged").format(how=how),
        "changed": w("import_changed").format(fields=", ".join(step.fields)),
    }.get(step.reason, "")
    return w("import_step_line" if why else "import_step_line_plain").format(
        action=w(_ACTION_WORDS[step.action]),
        what=w(_THING_WORDS[step.entity]),
        label=f"{step.label} {settings.label('roles', step.role)}" if step.role else step.label,
        why=why,
        place=step.place,
    )


def import_book(args: argparse.Namespace, settings: Settings) -> int:
    """Import CRM files (or report what would be done, with --dry-run)."""
    from followup_tui.db.book_import import apply_plan, plan_import
    from followup_tui.db.database import backup_file
    from followup_tui.db.transfer import holds_data

    paths = [Path(p) for p in args.file]
    w = settings.word
    if args.replace:
        raise FollowupError(w("import_replace_own"))
    maps_dir = default_maps_dir()
    book, mapped = read_book(paths, args, maps_dir, w)
    path = runtime.db_path(args)
    existed = path.exists()
    runtime.open_db(path)  # a dry run needs the tables too; a new file goes again below
    day = args.date or dt.date.today()
    big = book.rows >= PROGRESS_ROWS
    try:
        if big:
            _say(w("import_matching").format(n=f"{book.rows:,}"))
        plan = plan_import(book, args.on_duplicate, write_stamp(day, dt.datetime.now(dt.UTC)))
        if plan.problems and not args.skip_bad:
            raise _rejected(plan.problems, w)
        if args.dry_run:
            for step in plan.steps:
                print(step_line(step, settings))
            for problem in plan.problems:
                print(w("import_bad_row").format(problem=problem))
            _say(w("import_dry_run").format(counts=_counts_text(plan.counts(), w)))
            if not existed:
                from followup_tui.cli.commands import remove_database

                remove_database(path)
            return 0
        if plan.problems:
            side = side_file_path(args)
            write_side_file(side, plan.problems)
            _say(w("import_side_file").format(n=len(plan.problems), path=side))
        if plan.writes() and existed and holds_data():
            backup_file(path, "pre-import")
        written = [0]

        def progress(n: int) -> None:
            written[0] += n
            if big:
                _say(w("import_written").format(n=f"{written[0]:,}"))

        if plan.writes():
            apply_plan(plan, progress)
        for headers, source in mapped:  # confirmed by a written import: kept for next time
            column_maps.remember(maps_dir, headers, source)
    except FollowupError:
        if not existed:
            from followup_tui.cli.commands import remove_database

            remove_database(path)
        raise
    names = ", ".join(str(p) for p in paths)
    _say(
        w("import_done").format(
            files=names, source=book.system, counts=_counts_text(plan.counts(), w)
        )
    )
    return 0


def single_json(paths: Sequence[Path]) -> bool:
    """Whether the one file given is (or means to be) our JSON export."""
    if len(paths) != 1 or paths[0].is_dir():
        return False
    path = paths[0]
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return True  # read_document names the problem
    return not head.startswith(b"PK") and kind_of(head) == "json"
