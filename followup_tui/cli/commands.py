"""The subcommands that never open the app, and `demo`, which writes the demo first."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from followup_tui.cli import runtime
from followup_tui.core.base.collector import collector_paused
from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError, Said


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """`followup demo`: write the demo database, then open it unless told not to."""
    from followup_tui.demo import write_demo

    path = runtime.db_path(args)
    runtime.open_db(path)
    counts = write_demo(
        today=args.date or dt.date.today(), force=args.force, db_path=path, settings=settings
    )
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(settings.word("cli_demo_written").format(path=path, summary=summary), file=sys.stderr)
    if args.no_open:
        return 0
    if not runtime.has_terminal():
        print(settings.word("cli_no_terminal_demo"), file=sys.stderr)
        return 0
    return runtime.run_tui(settings, path)


def remove_database(path: Path) -> None:
    """Close and delete a database file this command created, with its WAL companions."""
    from followup_tui.db.database import close_database

    close_database()
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """`followup import`: a JSON or CSV export, all or nothing, the heat it holds kept;
    other CRMs' files are matched and merged (`cli.import_book`)."""
    from followup_tui.cli.import_book import import_book, own_export, single_json

    own = own_export(args.file)
    if own is None and not single_json(args.file):
        return import_book(args, settings)
    sheets = own[0] if own is not None else None
    from followup_tui.db.kept_heat import count_anchored
    from followup_tui.db.transfer import ImportRejected, import_loaded, read_document

    # A bad file must not leave an empty database behind: read it before opening one.
    if sheets is None:
        doc = read_document(args.file[0])
    else:
        from followup_tui.db.sheet_tables import export_document

        doc = export_document(sheets, guarded=own is not None and own[1])
    path = runtime.db_path(args)
    if args.replace and isinstance(path, ServerUrl):
        # A team's data is not replaced by one rep's file, and no copy is kept beside it.
        raise FollowupError(Said("cli_server_replace", {"url": path}))
    existed = runtime.existing(path)
    runtime.open_db(path)
    day = args.date or dt.date.today()
    try:
        # Heat is replayed in the import, not on the first open of the app.
        counts = import_loaded(
            doc, replace=args.replace, db_path=path, today=day, settings=settings
        )
    except ImportRejected as exc:
        runtime.forget_new(path, existed)
        if sheets is None:
            raise
        from followup_tui.db.sheet_tables import placed

        raise ImportRejected([placed(p, sheets) for p in exc.problems]) from None
    except FollowupError:
        runtime.forget_new(path, existed)  # rejected records must not leave an empty file either
        raise
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(settings.word("cli_imported").format(file=args.file[0], summary=summary), file=sys.stderr)
    anchored = count_anchored()
    if anchored:
        key = "cli_heat_kept_one" if anchored == 1 else "cli_heat_kept"
        said = settings.word(key).format(day=day.isoformat(), n=anchored)
        print(said, file=sys.stderr)
    return 0


def cmd_due(args: argparse.Namespace, settings: Settings) -> int:
    """`followup due`: the due queue of a day, as text or JSON: each section's count and
    its first rows, or every row with --all."""
    runtime.import_quietly(
        "followup_tui.db.database",
        "followup_tui.db.heat_cache",
        "followup_tui.db.queue_store",
        "followup_tui.core.queue.due_json",
        "followup_tui.core.queue.due_text",
    )
    from followup_tui.core.queue.due_json import queue_json
    from followup_tui.core.queue.due_text import DEFAULT_ROWS, queue_lines, screenful
    from followup_tui.db.queue_store import fast_queue

    # No collector passes while the queue is placed and printed, as the app pauses it
    # until its first frame: the rows are freed by reference counting as they are
    # written, and the passes (15 ms at 100,000 accounts) free nothing.
    with collector_paused():
        runtime.open_db(runtime.db_path(args), create=False, settings=settings)
        today = args.date or dt.date.today()
        # Calling hours only make sense for the present moment, not for a chosen day.
        now = dt.datetime.now(dt.UTC) if args.date is None else None
        # The queue screen's own queue: the same rows in the same order, placed from the
        # stored states, each printed row made as it is written.
        queue = fast_queue(today, settings, now_utc=now)
        limit = None if args.all else args.limit
        out = sys.stdout
        if args.json or args.pretty:
            limit = DEFAULT_ROWS if limit is None and not args.all else limit
            out.writelines(queue_json(queue, limit, pretty=args.pretty))
        else:
            columns: int | None = None
            if out.isatty():  # fit the terminal: its width, and a screenful of rows by default
                size = shutil.get_terminal_size()
                columns = size.columns
                if limit is None and not args.all:
                    shown = sum(1 for s in queue.sections if s.items)
                    limit = screenful(size.lines, size.columns, shown)
            elif limit is None and not args.all:
                limit = DEFAULT_ROWS
            out.writelines(line + "\n" for line in queue_lines(queue, settings, limit, columns))
        out.flush()
        return 0


def cmd_note(args: argparse.Namespace, settings: Settings) -> int:
    """`followup note`: record a call with an account from the shell."""
    from followup_tui.cli.note import record_note, summary_line

    runtime.open_db(runtime.db_path(args), create=False)
    result = record_note(
        args.account,
        args.text,
        settings,
        outcome=args.outcome,
        next_when=args.next,
        today=args.today,
    )
    print(summary_line(result, settings))
    return 0


def cmd_find(args: argparse.Namespace, settings: Settings) -> int:
    """`followup find`: every place holding the words, as text or JSON."""
    from followup_tui.core.accounts.find_hits import hit_json, hit_line, query_words
    from followup_tui.db.find import find

    runtime.open_db(runtime.db_path(args), create=False)
    typed = " ".join(args.text)
    words = query_words(typed)
    if not words:
        raise FollowupError(settings.word("find_empty"))
    hits, more = find(words, args.limit)
    if args.json:
        print(json.dumps([hit_json(hit, words) for hit in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(settings.word("find_none").format(text=typed))
        return 0
    for hit in hits:
        print(hit_line(hit, words, settings))
    if more:
        print(settings.word("find_more").format(n=len(hits)))
    return 0


def cmd_sheet(args: argparse.Namespace, settings: Settings) -> int:
    """`followup sheet`: print a deal's blue sheet as Markdown or JSON."""
    from followup_tui.core.sheet.sheet_text import sheet_json, sheet_markdown
    from followup_tui.db.sheets import find_deal, load_sheet

    if args.present and args.format == "json":
        raise FollowupError(settings.word("cli_sheet_present_json"))
    runtime.open_db(runtime.db_path(args), create=False)
    today = args.date or dt.date.today()
    sheet = load_sheet(find_deal(args.deal, args.limit))
    if args.format == "json":
        text = json.dumps(sheet_json(sheet, today, settings), ensure_ascii=False, indent=2) + "\n"
    else:
        text = sheet_markdown(sheet, today, settings, present=args.present)
    sys.stdout.write(text)
    return 0
