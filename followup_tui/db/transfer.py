"""The whole database as one JSON document: export, validation and all-or-nothing import.

The format is described in docs/export-format.md. Tables and fields come from the
models (`ALL_MODELS`, `Model._meta.sorted_fields`), so new columns flow through.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from followup_tui.core.accounts.account_rules import channels_error
from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.base import kinds
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.text import name_sort_key, search_key
from followup_tui.db.database import backup_file
from followup_tui.db.heat_cache import forget_heat
from followup_tui.db.models import (
    ALL_MODELS,
    Account,
    Activity,
    Base,
    Bullet,
    Contact,
    Deal,
    Influence,
    Landmine,
    SignalAnswer,
    db,
)
from followup_tui.db.summaries import refresh_summaries

FORMAT = "followup-export"
VERSION = 1
# The exception message shows this many problems; `.problems` keeps them all, so a
# systematically wrong 100k-row file does not flood the terminal.
MAX_SHOWN = 200
_INT64 = range(-(2**63), 2**63)

Row = dict[str, Any]

# Stored for sorting and searching but computed from other fields: never exported,
# always recomputed on import.
DERIVED: dict[type[Base], dict[str, Callable[[Row], Any]]] = {
    Account: {
        "quadrant": lambda r: quadrant(r["willingness"], r["need"]),
        "search_key": lambda r: search_key(r["name"]),
        "sort_key": lambda r: name_sort_key(r["name"]),
        # Summaries of other tables: placeholders here, filled by refresh_summaries.
        "last_contact_at": lambda r: None,
        "next_follow_up": lambda r: None,
        "open_amount": lambda r: None,
        "search_text": lambda r: "",
    },
    # Replayed from the histories with the reader's heat settings (`db.heat_cache`).
    Activity: {"heat_after": lambda r: None},
}


def _not_blank(value: Any) -> str | None:
    return "must not be empty" if isinstance(value, str) and not value.strip() else None


def _between(low: float, high: float | None = None) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value < low or (high is not None and value > high):
            return f"must be at least {low:g}" if high is None else f"must be {low:g} to {high:g}"
        return None

    return check


# Value rules beyond types and enums; the screens enforce the same ones.
CHECKS: dict[tuple[type[Base], str], Callable[[Any], str | None]] = {
    (Account, "name"): _not_blank,
    (Account, "heat"): _between(0, 100),
    (Account, "rejection_count"): _between(0),
    (Account, "total_market"): _between(0),
    (Account, "channels_not_in"): _between(0),
    (Contact, "name"): _not_blank,
    (Deal, "title"): _not_blank,
    (Deal, "amount"): _between(0),
}


def _account_row(row: Row) -> tuple[str, str] | None:
    """A rule across an account's fields, as the form applies it: (field, problem) or None."""
    problem = channels_error(row.get("total_market"), row.get("channels_not_in"))
    return None if problem is None else ("channels_not_in", problem)


# Rules across the fields of one row, checked once each field is valid on its own.
ROW_CHECKS: dict[type[Base], Callable[[Row], tuple[str, str] | None]] = {
    Account: _account_row,
}

ENUMS: dict[tuple[type[Base], str], Collection[Any]] = {
    (Account, "willingness"): kinds.WILLINGNESS,
    (Account, "need"): kinds.NEED,
    (Account, "relationship"): kinds.RELATIONSHIP_TYPES,
    (Account, "tier"): kinds.TIERS,
    (Contact, "level"): kinds.LEVEL_RANGE,
    (Deal, "status"): kinds.DEAL_STATUSES,
    (Deal, "funnel"): kinds.FUNNEL_LEVELS,
    (Deal, "outcome"): kinds.DEAL_OUTCOMES,
    **{(Deal, f"fit_{q}"): kinds.ANSWERS for q in kinds.FIT_QUESTIONS},
    (Deal, "position"): kinds.POSITION_RANGE,
    (Deal, "alternate_position"): kinds.POSITION_RANGE,
    (Activity, "kind"): kinds.ACTIVITY_KINDS,
    (Activity, "outcome"): kinds.OUTCOMES,
    (Influence, "role"): kinds.ROLES,
    (Influence, "mode"): kinds.RESPONSE_MODES,
    (Influence, "degree"): kinds.DEGREES,
    (Influence, "rating"): kinds.POSITION_RANGE,
    (Bullet, "category"): kinds.BULLET_CATEGORIES,
    (Landmine, "category"): kinds.LANDMINE_CATEGORIES,
    (SignalAnswer, "answer"): kinds.ANSWERS,
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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


def table_key(model: type[Base]) -> str:
    """The document key of a model's table: its plural snake_case name."""
    name: str = model._meta.table_name
    if name.endswith("y") and name[-2:-1] not in tuple("aeiou"):
        return name[:-1] + "ies"
    return name + ("es" if name.endswith("s") else "s")


def _columns(model: type[Base]) -> list[tuple[str, Field]]:
    """(document key, field) of every exported field: foreign keys become `<name>_id`."""
    derived = DERIVED.get(model, {})
    return [
        (f"{f.name}_id" if isinstance(f, ForeignKeyField) else f.name, f)
        for f in model._meta.sorted_fields
        if f.name not in derived
    ]


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


def export_document() -> dict[str, Any]:
    """The open database as one JSON-ready dict (see docs/export-format.md)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for model in ALL_MODELS:
        cols = _columns(model)
        specs = [(k, _encoder(f)) for k, f in cols]
        query = model.select(*(f for _, f in cols)).order_by(model._meta.primary_key).tuples()
        doc[table_key(model)] = [
            {k: None if v is None else enc(v) for (k, enc), v in zip(specs, row, strict=True)}
            for row in query
        ]
    return doc


# --- validation ---------------------------------------------------------------------


def _check_type(field: Field, value: Any) -> tuple[Any, str | None]:
    """(the value to store, None) or (None, what is wrong) for a non-null JSON value."""
    if isinstance(field, ForeignKeyField):  # holds a value of the field it points to
        field = field.rel_field
    if isinstance(field, BooleanField):
        return (value, None) if isinstance(value, bool) else (None, "expected true or false")
    if isinstance(field, IntegerField):
        if isinstance(value, int) and not isinstance(value, bool) and value in _INT64:
            return value, None
        return None, "expected an integer"
    if isinstance(field, FloatField | DecimalField):
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            return None, "expected a number"
        if isinstance(field, DecimalField):
            limit = 10 ** (field.max_digits - field.decimal_places)
            if abs(value) >= limit:
                return None, f"out of range (must be below {limit:,} in size)"
            # Through repr so rounding applies to the number as written in the file.
            return decimal.Decimal(repr(value)), None
        return float(value), None
    if isinstance(field, DateTimeField):
        if isinstance(value, str) and _DATETIME.fullmatch(value):
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if parsed.tzinfo is not None:
                    parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
                return parsed.replace(microsecond=0), None
        return None, "expected a date-time YYYY-MM-DDTHH:MM:SS (UTC)"
    if isinstance(field, DateField):
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value), None
            except ValueError:
                pass
        return None, "expected a date YYYY-MM-DD"
    if isinstance(field, CharField | TextField):
        return (value, None) if isinstance(value, str) else (None, "expected a string")
    # A field class this module does not know: any JSON scalar, stored as given.
    if isinstance(value, dict | list):
        return None, "expected a single value"
    return value, None


def _check_enum(choices: Collection[Any], value: Any) -> str | None:
    if value in choices:
        return None
    if isinstance(choices, range):
        return f"must be an integer from {choices.start} to {choices.stop - 1} (got {value!r})"
    return f"must be one of {', '.join(map(str, choices))} (got {value!r})"


def _path(base: str, key: str) -> str:
    return f"{base}.{key}" if _IDENT.fullmatch(key) else f"{base}[{json.dumps(key)}]"


@dataclass
class _Table:
    """A model's validated rows, ready for insert_many."""

    model: type[Base]
    fields: list[Field]
    rows: list[tuple[Any, ...]]


def _unique_groups(model: type[Base]) -> list[tuple[str, ...]]:
    """Field names of each unique index other than the primary key."""
    # Partial indexes (ModelIndex objects) serve reads only; none is unique.
    groups = [
        tuple(index[0])
        for index in model._meta.indexes
        if isinstance(index, tuple) and index[1] and isinstance(index[0], tuple | list)
    ]
    groups += [(f.name,) for f in model._meta.sorted_fields if f.unique and not f.primary_key]
    return groups


def _validate(doc: Any) -> tuple[list[_Table], list[str]]:
    """Check the whole document; return the rows to insert and every problem found."""
    if not isinstance(doc, dict):
        return [], ["$: expected a JSON object"]
    problems: list[str] = []
    if doc.get("format") != FORMAT:
        problems.append("$.format: not a followup export")
    if "version" not in doc:
        problems.append("$.version: required")
    elif type(doc["version"]) is not int or doc["version"] != VERSION:
        problems.append(f"$.version: unsupported version {doc['version']!r}")
    if problems:  # the rest of the document means nothing we could check
        return [], problems

    models = {table_key(m): m for m in ALL_MODELS}
    for key in doc:
        if key not in models and key not in ("format", "version"):
            problems.append(f"{_path('$', key)}: unknown table")
    lists: dict[type[Base], list[Any]] = {}
    for key, model in models.items():
        value = doc.get(key, [])  # a missing table is an empty one
        if isinstance(value, list):
            lists[model] = value
        else:
            problems.append(f"{_path('$', key)}: expected a list")

    # Every id first, so references can point forwards (Deal -> Activity) too.
    # A table that is not even a list has no ids: references to it are not checked.
    ids = {
        model: {r.get(model._meta.primary_key.name) for r in rows if isinstance(r, dict)}
        for model, rows in lists.items()
    }

    tables = [
        _validate_table(model, lists[model], ids, problems)
        for model in ALL_MODELS
        if model in lists
    ]
    return tables, problems


def _validate_table(
    model: type[Base], rows: list[Any], ids: dict[type[Base], set[Any]], problems: list[str]
) -> _Table:
    """Check one table's rows, appending problems; return its insert-ready rows."""
    base = f"$.{table_key(model)}"
    cols = _columns(model)
    key_of = {f.name: k for k, f in cols}
    keys = set(key_of.values())
    derived = DERIVED.get(model, {})
    specs = [(k, f, ENUMS.get((model, f.name))) for k, f in cols]
    groups = _unique_groups(model)
    seen: dict[tuple[str, ...], set[tuple[Any, ...]]] = {g: set() for g in groups}
    pk_name = model._meta.primary_key.name
    seen_ids: set[Any] = set()
    out: list[tuple[Any, ...]] = []
    for i, raw in enumerate(rows):
        where = f"{base}[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected an object")
            continue
        for key in raw:
            if key not in keys:
                hint = " (derived, recomputed on import; leave it out)" if key in derived else ""
                problems.append(f"{where}: unknown field {key!r}{hint}")
        values: Row = {}
        bad: set[str] = set()
        for key, field, choices in specs:
            error = None
            if key not in raw:
                if field.default is None and not field.null:
                    error = "required"
                else:
                    default = field.default
                    values[field.name] = default() if callable(default) else default
            elif raw[key] is None:
                if field.null:
                    values[field.name] = None
                else:
                    error = "must not be null"
            else:
                value, error = _check_type(field, raw[key])
                if error is None and choices is not None:
                    error = _check_enum(choices, value)
                check = CHECKS.get((model, field.name))
                if error is None and check is not None and value is not None:
                    error = check(value)
                if error is None and isinstance(field, ForeignKeyField):
                    target = field.rel_model
                    # Only references to a primary key can be checked against the document.
                    if (
                        target in ids
                        and field.rel_field is target._meta.primary_key
                        and value not in ids[target]
                    ):
                        error = f"no {target._meta.table_name} with id {value}"
                values[field.name] = value
            if error is not None:
                problems.append(f"{where}.{key}: {error}")
                bad.add(field.name)
        row_check = ROW_CHECKS.get(model)
        found = row_check(values) if row_check is not None and not bad else None
        if found is not None:
            name, error = found
            problems.append(f"{where}.{key_of[name]}: {error}")
            bad.add(name)
        if pk_name not in bad:
            if values[pk_name] in seen_ids:
                problems.append(f"{where}.{pk_name}: duplicate id {values[pk_name]}")
            seen_ids.add(values[pk_name])
        for group in groups:
            combo = tuple(values.get(n) for n in group)
            if bad.intersection(group) or None in combo:
                continue  # SQLite lets NULLs repeat in a unique index
            if combo in seen[group]:
                names = [key_of[n] for n in group]
                shown = (
                    f"({', '.join(names)}) {combo!r}"
                    if len(group) > 1
                    else f"{names[0]} {combo[0]!r}"
                )
                problems.append(f"{where}.{names[-1]}: duplicate {shown}")
            seen[group].add(combo)
        if not bad:
            for name, compute in derived.items():
                values[name] = compute(values)
            out.append(tuple(values[f.name] for f in model._meta.sorted_fields))
    return _Table(model, list(model._meta.sorted_fields), out)


# --- import -------------------------------------------------------------------------


def holds_data() -> bool:
    """Whether any table of the open database has a row."""
    return any(m.select(m._meta.primary_key).limit(1).exists() for m in ALL_MODELS)


def _insert(table: _Table) -> None:
    """Bulk-insert a table's rows: one statement from insert_many, run by executemany.

    Letting peewee render a multi-row VALUES list costs ~10 s per 100k rows;
    executemany over one prepared statement takes well under a second.
    """
    if not table.rows:
        return
    sql, params = table.model.insert_many(table.rows[:1], fields=table.fields).sql()
    if len(params) != len(table.fields):  # peewee added columns we did not give
        raise RuntimeError(f"unexpected insert statement for {table.model.__name__}")
    convert = [f.db_value for f in table.fields]
    db.cursor().executemany(
        sql, ([c(v) for c, v in zip(convert, row, strict=True)] for row in table.rows)
    )


def _import(
    doc: Any, *, replace: bool, before_write: Callable[[], None] | None = None
) -> dict[str, int]:
    tables, problems = _validate(doc)
    if problems:
        raise ImportRejected(problems)
    if before_write is not None:
        before_write()
    with db.atomic():
        # References are checked at commit, so tables may go in and out in any order
        # (Deal.position_confirmed_by points forwards to Activity).
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
            _insert(table)
        refresh_summaries()
        forget_heat()
    return {table_key(t.model): len(t.rows) for t in tables if t.rows}


def import_document(doc: dict[str, Any], *, replace: bool = False) -> dict[str, int]:
    """Validate a whole export document, then write it in one transaction; counts per table."""
    return _import(doc, replace=replace)


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
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FollowupError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise FollowupError(f"{path} is not a followup export (nested too deeply)") from None


def import_file(path: Path, *, replace: bool, db_path: Path) -> dict[str, int]:
    """Import a JSON export file; with `replace`, back up a non-empty database first."""
    return import_loaded(read_document(path), replace=replace, db_path=db_path)


def import_loaded(doc: Any, *, replace: bool, db_path: Path) -> dict[str, int]:
    """Import a parsed document; with `replace`, back up a non-empty database first."""

    def backup() -> None:
        if replace and holds_data():
            backup_file(Path(db_path), "pre-import")

    return _import(doc, replace=replace, before_write=backup)
