"""Validation of a whole export document before any write: every problem, with its JSON path.

The rules themselves (tables, fields, enums, value checks) are in
`followup_tui.db.export_schema`; `followup_tui.db.transfer` imports what passes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
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

from followup_tui.db.export_schema import (
    CHECKS,
    DERIVED,
    ENUMS,
    FORMAT,
    ROW_CHECKS,
    VERSION,
    Row,
    columns,
    primary_key_name,
    table_key,
    unique_groups,
)
from followup_tui.db.models import ALL_MODELS, Base

_INT64 = range(-(2**63), 2**63)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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


class RepeatedKeys(dict[str, Any]):
    """A JSON object that names a key more than once: a plain parse keeps only the last."""

    repeated: tuple[str, ...] = ()


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """`json.loads`' object hook: a dict, marked when the object repeats a key.

    The first value of a repeated key would otherwise be dropped unseen; the mark
    lets `validate` refuse it with its JSON path.
    """
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = RepeatedKeys(pairs)
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    marked.repeated = tuple(key for key, n in counts.items() if n > 1)
    return marked


def _repeats(where: str, obj: dict[str, Any], problems: list[str]) -> None:
    """A problem for each key the object held more than once."""
    for key in getattr(obj, "repeated", ()):
        problems.append(f"{_path(where, key)}: given more than once (only one value can be kept)")


def _path(base: str, key: str) -> str:
    return f"{base}.{key}" if _IDENT.fullmatch(key) else f"{base}[{json.dumps(key)}]"


@dataclass
class Table:
    """A model's validated rows, ready for insert_many."""

    model: type[Base]
    fields: list[Field]
    rows: list[tuple[Any, ...]]


def validate(doc: Any) -> tuple[list[Table], list[str]]:
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
    _repeats("$", doc, problems)

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
        model: {r.get(primary_key_name(model)) for r in rows if isinstance(r, dict)}
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
) -> Table:
    """Check one table's rows, appending problems; return its insert-ready rows."""
    base = f"$.{table_key(model)}"
    cols = columns(model)
    key_of = {f.name: k for k, f in cols}
    keys = set(key_of.values())
    derived = DERIVED.get(model, {})
    specs = [(k, f, ENUMS.get((model, f.name))) for k, f in cols]
    groups = unique_groups(model)
    seen: dict[tuple[str, ...], set[tuple[Any, ...]]] = {g: set() for g in groups}
    pk_name = primary_key_name(model)
    seen_ids: set[Any] = set()
    out: list[tuple[Any, ...]] = []
    for i, raw in enumerate(rows):
        where = f"{base}[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected an object")
            continue
        _repeats(where, raw, problems)
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
    return Table(model, list(model._meta.sorted_fields), out)
