"""`followup backup`, `followup restore` and `followup check`: the file kept safe by hand.

Exit codes: 0 done (check: the file is sound), 1 check found problems, 2 bad input
(a missing or broken file named, nothing changed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from followup_tui.cli import runtime
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError, Said


def add_keeping_parser(name: str, sub: Any, common: argparse.ArgumentParser) -> None:
    """`name`'s options: one of backup, restore, check (only the one run is built)."""
    {"backup": _backup_parser, "restore": _restore_parser, "check": _check_parser}[name](
        sub, common
    )


def _backup_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the database consistently, even while the app runs",
        description="Copy the database with SQLite's online backup API: a consistent copy "
        "while the app or another command writes. The copy is private (mode 0600) and "
        "is written whole or not at all. Without -o it goes to the backups folder "
        "beside the database.",
    )
    backup.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE", help="where to write the copy"
    )


def _restore_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="put a backup back in place of the database, keeping the file it replaces",
        description="Check FILE in full (integrity, references, schema), then copy it into "
        "the database. The file it replaces is kept beside it as "
        "<name>.replaced-<time>.bak. A broken backup is refused and nothing changes.",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")


def _check_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser(
        "check",
        parents=[common],
        help="check the database: integrity, references, schema (exit 1 on problems)",
        description="Run SQLite's integrity and foreign-key checks on the database, read "
        "only, and say what they found. Exit 0 when it is sound, 1 when not.",
    )
    check.add_argument(
        "--quick", action="store_true", help="SQLite's quick check (much faster on a big book)"
    )
    check.add_argument("--json", action="store_true", help="print JSON instead of text")


def _size(n: int) -> str:
    """A file size as a reader says it."""
    if n < 1024:
        return f"{n} bytes"
    scaled, unit = n / 1024, "KB"
    for bigger in ("MB", "GB"):
        if scaled < 1024:
            break
        scaled, unit = scaled / 1024, bigger
    return f"{scaled:.1f} {unit}"


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """`followup backup [-o FILE]`."""
    from followup_tui.db.file_refusal import backups_folder
    from followup_tui.db.file_safety import online_backup

    path = runtime.file_path(args, "backup")
    target = args.output
    if target is None:
        stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
        target = backups_folder(path) / f"{path.stem}-{stamp}.db"
    target = target.expanduser()
    if target.is_dir():
        target = target / f"{path.stem}.db"
    written = online_backup(path, target)
    print(
        settings.word("backup_written").format(
            path=path, target=written, size=_size(written.stat().st_size)
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    """`followup restore FILE`."""
    from followup_tui.db.file_safety import restore_file

    path = runtime.file_path(args, "restore")
    source = args.file.expanduser()
    if not source.is_file():
        raise FollowupError(Said("backup_no_database", {"path": source}))
    kept = restore_file(source, path)
    print(settings.word("restore_done").format(source=source, path=path))
    if kept is not None:
        print(settings.word("restore_kept").format(kept=kept))
    # An older backup is brought up to this version's schema as any file is (a backup first).
    runtime.open_db(path, create=False)
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """`followup check [--quick] [--json]`: 0 sound, 1 problems."""
    from followup_tui.db.file_safety import check_file, unsafe_location

    path = runtime.file_path(args, "check")
    if path.is_dir():
        raise FollowupError(Said("file_is_folder", {"path": path}))
    if not path.is_file():
        raise FollowupError(Said("backup_no_database", {"path": path}))
    report = check_file(path, quick=args.quick)
    place = unsafe_location(path)
    problems = [p.text(settings.word) for p in report.problems]
    if args.json:
        import json

        document = {
            "path": str(path),
            "schema": report.schema,
            "sound": report.sound,
            "problems": problems,
            "unsafe_place": place,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        if report.sound:
            sound = "check_sound_quick" if args.quick else "check_sound"
            print(settings.word(sound).format(path=path, schema=report.schema))
        else:
            print(settings.word("check_problems").format(path=path, n=len(problems)))
            for line in problems:
                print(f"  - {line}")
        if place is not None:
            print(settings.word("file_unsafe_place").format(place=place), file=sys.stderr)
    return 0 if report.sound else 1
