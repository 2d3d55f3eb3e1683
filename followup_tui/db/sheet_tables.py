"""Our own CSV export (`followup export --format csv`) read back as the JSON document.

Each `<table>.csv` holds the JSON export's columns as text; typed back by the model's
fields (a cell through `sheet_cells.restored` first, so a guarded formula comes back
as the text it was), it becomes the document `db.transfer` imports, with the same
checks. A problem's JSON path is turned back into the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DecimalField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from followup_tui.core.transfer.sheet_cells import restored
from followup_tui.core.transfer.table_reading import Sheet
from followup_tui.db.export_schema import FORMAT, VERSION, columns, table_key
from followup_tui.db.models import ALL_MODELS, Account

_PATH = re.compile(r"\$\.([a-z_]+)\[(\d+)\](?:\.([A-Za-z_]+))?: (.*)")


def is_export_set(sheets: Mapping[str, Sheet]) -> bool:
    """Whether a zip's or folder's CSVs are our export: known table names, our headers."""
    known = {table_key(m): m for m in ALL_MODELS}
    if not sheets or not set(sheets) <= set(known):
        return False
    return all(
        set(s.headers) <= {k for k, _ in columns(known[n])} | {"heat"} for n, s in sheets.items()
    )


def _typed(field: Field, cell: str, guarded: bool) -> Any:
    """A cell as the JSON value the field takes; left as text when it does not read."""
    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if cell == "":
        return None if field.null or not isinstance(field, CharField | TextField) else ""
    try:
        if isinstance(field, BooleanField):
            return {"true": True, "false": False}.get(cell, cell)
        if isinstance(field, IntegerField):
            return int(cell)
        if isinstance(field, FloatField | DecimalField):
            return float(cell)
    except ValueError:
        return cell
    if isinstance(field, CharField | TextField):
        return restored(cell) if guarded else cell
    return cell  # dates and times: ISO text, as the JSON document has them


def export_document(sheets: Mapping[str, Sheet], *, guarded: bool = True) -> dict[str, Any]:
    """The JSON document the tables hold (what `transfer.validate` then checks).

    `guarded`: text cells carry the CSV formula guard (a workbook's text cells do not).
    """
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for model in ALL_MODELS:
        sheet = sheets.get(table_key(model))
        if sheet is None:
            continue
        fields = dict(columns(model))
        rows = []
        for row in sheet.rows:
            record: dict[str, Any] = {}
            for header, cell in zip(sheet.headers, row.cells, strict=False):
                if header == "heat" and model is Account:
                    record["heat"] = float(cell) if cell else None
                    if record["heat"] is None:
                        del record["heat"]
                elif header in fields:
                    record[header] = _typed(fields[header], cell, guarded)
            rows.append(record)
        doc[table_key(model)] = rows
    return doc


def placed(problem: str, sheets: Mapping[str, Sheet]) -> str:
    """A document problem (`$.accounts[3].name: ...`) as the CSV file, line and column."""
    found = _PATH.fullmatch(problem)
    if not found or found.group(1) not in sheets:
        return problem
    table, index, key, what = found.groups()
    sheet = sheets[table]
    line = sheet.rows[int(index)].line if int(index) < len(sheet.rows) else 0
    column = f", column {key!r}" if key else ""
    return f"{sheet.source}, line {line}{column}: {what}"
