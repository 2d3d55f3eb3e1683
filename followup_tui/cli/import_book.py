"""`followup import` of other CRMs' files: CSV, XLSX and vCard, and our own CSV export.

Reading and recognition are core rules (`core.transfer.import_files`); matching and
writing are `db.book_import`; the import screen calls the same functions. This module
ties them to the command line: the all-or-nothing rule (or `--skip-bad` and its side
file), the dry run and progress on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from followup_tui.cli import runtime
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.base.moments import write_stamp
from followup_tui.core.base.paths import default_maps_dir
from followup_tui.core.transfer import column_maps
from followup_tui.core.transfer.book_rows import RowProblem
from followup_tui.core.transfer.import_files import (
    PROGRESS_ROWS,
    ReadOptions,
    read_book,
    read_bytes,
    remember_mappings,
    side_file_for,
    write_side_file,
)
from followup_tui.core.transfer.import_words import Word, counts_text, problem_text, step_line
from followup_tui.core.transfer.table_reading import Sheet, csv_set, kind_of, xlsx_sheets

if TYPE_CHECKING:
    from followup_tui.db.book_import import Step

MAX_SHOWN = 200


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


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
        data = path.read_bytes() if zipped else b""
        kind = kind_of(data, str(path)) if zipped else "csv"
        if kind == "xlsx":
            by_title = {s.title: s for s in xlsx_sheets(data, str(path))}
            return (by_title, False) if is_export_set(by_title) else None
        if kind != "csv_set":
            return None
        sheets = csv_set(data, str(path))
    if not is_export_set(sheets):
        raise FollowupError(Said("cli_not_our_export", {"path": path}))
    return sheets, True


def read_options(args: argparse.Namespace, w: Word) -> ReadOptions:
    """The command line's reading options: `--map`, `--date-order`, `--decimal-comma`."""
    mapping = None
    if args.map is not None:
        try:
            text = read_bytes(Path(args.map), w).decode("utf-8")
            mapping = column_maps.parsed_map(text, str(args.map))
        except (column_maps.MapError, UnicodeDecodeError) as exc:
            raise FollowupError(str(exc)) from None
    return ReadOptions(
        mapping=mapping, date_order=args.date_order, decimal_comma=bool(args.decimal_comma)
    )


def side_file_path(args: argparse.Namespace) -> Path:
    """Where `--skip-bad` writes the rows it left out."""
    if args.bad_rows is not None:
        return Path(args.bad_rows)
    return side_file_for(Path(args.file[0]))


def _rejected(problems: Sequence[RowProblem], w: Word) -> FollowupError:
    shown = [f"  {problem_text(p, w)}" for p in problems[:MAX_SHOWN]]
    more = len(problems) - MAX_SHOWN
    tail = ["  " + w("import_more").format(n=more)] if more > 0 else []
    head = w("import_rejected_rows").format(n=len(problems))
    return FollowupError("\n".join([head, *shown, *tail]), exit_code=2)


def step_text(step: Step, settings: Settings) -> str:
    """One step of the dry run in the user's words."""
    return step_line(step, settings.word, lambda role: settings.label("roles", role))


def import_book(args: argparse.Namespace, settings: Settings) -> int:
    """Import CRM files (or report what would be done, with --dry-run)."""
    from followup_tui.db.book_import import plan_import, write_import

    paths = [Path(p) for p in args.file]
    w = settings.word
    if args.replace:
        raise FollowupError(w("import_replace_own"))
    maps_dir = default_maps_dir()
    book, mapped = read_book(paths, read_options(args, w), maps_dir, w, _say)
    path = runtime.db_path(args)
    existed = runtime.existing(path)
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
                print(step_text(step, settings))
            for problem in plan.problems:
                print(w("import_bad_row").format(problem=problem_text(problem, w)))
            _say(w("import_dry_run").format(counts=counts_text(plan.counts(), w)))
            runtime.forget_new(path, existed)
            return 0
        if plan.problems:
            side = side_file_path(args)
            write_side_file(side, plan.problems, w)
            _say(w("import_side_file").format(n=len(plan.problems), path=side))
        written = [0]

        def progress(n: int) -> None:
            before, written[0] = written[0], written[0] + n
            if big and (written[0] // PROGRESS_ROWS > before // PROGRESS_ROWS):
                _say(w("import_written").format(n=f"{written[0]:,}"))

        write_import(plan, path, existed, progress)
        remember_mappings(maps_dir, mapped)  # confirmed by a written import: kept for next time
    except FollowupError:
        runtime.forget_new(path, existed)
        raise
    names = ", ".join(str(p) for p in paths)
    _say(
        w("import_done").format(
            files=names, source=book.system, counts=counts_text(plan.counts(), w)
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
