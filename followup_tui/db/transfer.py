"""The whole database as one JSON document: export and all-or-nothing import.

The format is described in docs/export-format.md; its tables and rules are in
`export_schema`, the validation that runs before any write in `import_checks`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    FloatField,
)

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError
from followup_tui.db.accounts import heats_on
from followup_tui.db.database import keep_copy
from followup_tui.db.export_schema import FORMAT, VERSION, columns, table_key
from followup_tui.db.find_index import held_paused
from followup_tui.db.heat_cache import ensure_heat_current, forget_heat
from followup_tui.db.import_checks import Table, json_object, validate
from followup_tui.db.kept_heat import keep_heat
from followup_tui.db.models import ALL_MODELS, Account, db
from followup_tui.db.query_rows import tuple_rows
from followup_tui.db.summaries import refresh_summaries

# The exception message shows this many problems; `.problems` keeps them all, so a
# systematically wrong 100k-row file does not flood the terminal.
MAX_SHOWN = 200
# An exported heat keeps this many decimal places: stored heat has no more.
HEAT_PLACES = 4


class ImportRejected(FollowupError):
    """A document that failed validation; `.problems` holds one '<JSON path>: <what>' each."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        lines = [
            f"import rejected, nothing was written ({len(problems)} problem"
            f"{'' if len(problems) == 1 else 's'}):",
            *(f"  {p}" for p in shown),
        ]
        if len(problems) > len(shown):
            lines.append(f"  ... and {len(problems) - len(shown)} more")
        super().__init__("\n".join(lines), exit_code=2)
        self.problems = list(problems)


# --- export -------------------------------------------------------------------------


def _encode_datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds")
    return value.isoformat() if isinstance(value, dt.date) else value


def _encoder(field: Field) -> Callable[[Any], Any]:
    """How a field's Python value becomes JSON (None is handled by the caller)."""
    if isinstance(field, DateTimeField):
        return _encode_datetime
    if isinstance(field, DateField):
        return lambda v: v.isoformat() if isinstance(v, dt.date) else v
    if isinstance(field, DecimalField | FloatField):
        return float
    if isinstance(field, BooleanField):
        return bool
    return lambda v: v


def export_document(today: dt.date, settings: Settings) -> dict[str, Any]:
    """The open database as one JSON-ready dict (see docs/export-format.md).

    An account's `heat` is its heat on `today`, as the account list shows it (stored
    heat is replayed first if `settings` changed): what an import keeps.
    """
    ensure_heat_current(settings)
    heats = heats_on(today, dict(settings.heat.decay_per_day))
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for model in ALL_MODELS:
        cols = columns(model)
        specs = [(k, _encoder(f)) for k, f in cols]
        query = model.select(*(f for _, f in cols)).order_by(model._meta.primary_key).tuples()
        doc[table_key(model)] = [
            {k: None if v is None else enc(v) for (k, enc), v in zip(specs, row, strict=True)}
            for row in tuple_rows(query)
        ]
    for account in doc[table_key(Account)]:
        account["heat"] = round(heats[account["id"]], HEAT_PLACES)
    return doc


# --- import -------------------------------------------------------------------------


def holds_data() -> bool:
    """Whether any table of the open database has a row."""
    return any(m.select(m._meta.primary_key).limit(1).exists() for m in ALL_MODELS)


def insert_rows(table: Table, *, stored: bool = False) -> None:
    """Bulk-insert a table's rows: one statement from insert_many, run by executemany.

    Letting peewee render a multi-row VALUES list costs ~10 s per 100k rows;
    executemany over one prepared statement takes well under a second. `stored`: the
    rows already hold what SQLite stores (no field's `db_value` to apply).
    """
    if not table.rows:
        return
    sql, params = table.model.insert_many(table.rows[:1], fields=table.fields).sql()
    if len(params) != len(table.fields):  # peewee added columns we did not give
        raise RuntimeError(f"unexpected insert statement for {table.model.__name__}")
    if stored:
        db.cursor().executemany(sql, table.rows)
    else:
        convert = [f.db_value for f in table.fields]
        db.cursor().executemany(
            sql, ([c(v) for c, v in zip(convert, row, strict=True)] for row in table.rows)
        )
    if db.is_server:  # the rows came with their ids: the next one goes on after them
        from followup_tui.db.server import follow_ids

        follow_ids(table.model._meta.table_name)


def _document_heat(doc: dict[str, Any]) -> dict[int, float]:
    """The heat a validated document holds, by account id (accounts without one left out)."""
    rows = doc.get(table_key(Account), [])
    return {row["id"]: float(row["heat"]) for row in rows if "heat" in row}


def _import(
    doc: Any,
    *,
    replace: bool,
    kept_heat: tuple[dt.date, Settings] | None,
    before_write: Callable[[], None] | None = None,
) -> dict[str, int]:
    tables, problems = validate(doc)
    if problems:
        raise ImportRejected(problems)
    if before_write is not None:
        before_write()
    with db.atomic(), held_paused(db):
        # References are checked at commit, so tables may go in and out in any order
        # (Deal.position_confirmed_by points forwards to Activity).
        if not db.is_server:  # a server's are checked per row: tables go in parents first
            db.pragma("defer_foreign_keys", 1)
        if holds_data():
            if not replace:
                raise FollowupError(
                    "the database already holds data; import into an empty "
                    "database, or use --replace to replace its data "
                    "(a backup is kept)"
                )
            for model in reversed(ALL_MODELS):
                model.delete().execute()
        for table in tables:
            insert_rows(table)
        refresh_summaries()
        if kept_heat is None:
            forget_heat()
        else:
            keep_heat(_document_heat(doc), *kept_heat)
    return {table_key(t.model): len(t.rows) for t in tables if t.rows}


def import_document(
    doc: dict[str, Any],
    *,
    replace: bool = False,
    kept_heat: tuple[dt.date, Settings] | None = None,
) -> dict[str, int]:
    """Validate a whole export document, then write it in one transaction; counts per table.

    With `kept_heat` (the import day and the settings), each account's `heat` in the
    document is its heat on that day (`db.kept_heat`). Without, heat is replayed
    from history alone: for documents whose heat is the replay's own (the demo's).
    """
    return _import(doc, replace=replace, kept_heat=kept_heat)


def read_document(path: Path) -> Any:
    """Parse a JSON file, turning every way it can fail into a FollowupError naming it."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise FollowupError(f"no such file: {path}") from None
    except OSError as exc:
        raise FollowupError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")  # tolerate the BOM some editors write
    except UnicodeDecodeError as exc:
        raise FollowupError(f"{path} is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=json_object)
    except json.JSONDecodeError as exc:
        raise FollowupError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise FollowupError(f"{path} is not a followup export (nested too deeply)") from None


def import_file(
    path: Path, *, replace: bool, db_path: Path | ServerUrl, today: dt.date, settings: Settings
) -> dict[str, int]:
    """Import a JSON export file; with `replace`, back up a non-empty database first."""
    return import_loaded(
        read_document(path), replace=replace, db_path=db_path, today=today, settings=settings
    )


def import_loaded(
    doc: Any, *, replace: bool, db_path: Path | ServerUrl, today: dt.date, settings: Settings
) -> dict[str, int]:
    """Import a parsed document; with `replace`, back up a non-empty database first.

    Each account's heat in the document is kept as its heat on `today`.
    """

    def backup() -> None:
        if replace and holds_data():
            keep_copy(db_path, "pre-import")

    return _import(doc, replace=replace, kept_heat=(today, settings), before_write=backup)
