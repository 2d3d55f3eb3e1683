"""Cells a spreadsheet opens safely: exported text never runs as a formula.

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a formula
(and tab or carriage return as padding before one): a contact's note reading
`=HYPERLINK("http://…","click")` would become a live link, or worse, in the
manager's workbook. Such text gets a leading apostrophe, which spreadsheets show
as nothing and treat as "this is text". `restored` undoes exactly that, so a CSV
export re-imports to the same text.

Only text is neutralised: numbers, dates and flags are written as values (a
negative amount stays a number).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# What makes a spreadsheet treat a cell as a formula, first character only.
RISKY = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# After a guard, these mean the guard was put there (see `neutralised`).
_GUARDED = (*RISKY, GUARD)


def neutralised(text: str) -> str:
    """`text` as a cell that cannot run: an apostrophe before a risky first character.

    Text that already starts with the guard gets one more, so `restored` can always
    take exactly one off again.
    """
    if text.startswith(RISKY) or (text.startswith(GUARD) and text[1:].startswith(_GUARDED)):
        return GUARD + text
    return text


def restored(cell: str) -> str:
    """The text `neutralised` was given: one guard taken off where it put one."""
    if cell.startswith(GUARD) and cell[1:].startswith(_GUARDED):
        return cell[1:]
    return cell


def cell_text(value: object) -> str:
    """One exported value as CSV text: empty for none, text neutralised, others plain."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.date):  # datetimes too: ISO 8601, as the JSON export writes them
        return value.isoformat()
    return neutralised(str(value))
