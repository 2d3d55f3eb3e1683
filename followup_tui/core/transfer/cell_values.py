"""Dates and numbers as spreadsheets from anywhere write them, decided once per file.

A cell such as 04/03/2025 is the 4th of March in Europe and April 3rd in the US.
Guessing per cell reads one file two ways, so the order is decided from the file's
own values: a first part above 12 means day first, a second part above 12 month
first, both in one file is an error. Year-first forms (2025-03-04, 2025/3/4,
2025年3月4日) are always year, month, day. Numbers are the same: the decimal mark
(`.` or `,`) is decided from all of a file's amounts, never one at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from followup_tui.core.transfer.import_words import english, reason_text

DateOrder = Literal["dmy", "mdy"]
DecimalMark = Literal[".", ","]

_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_PARTS = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})")
# A time after the date (Salesforce "3/4/2025 10:15 AM", ISO "T10:15:00Z") is not kept.
_TIME_TAIL = re.compile(
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)


class CellError(ValueError):
    """A cell that does not read as the value its column holds: the reason's name in the
    vocabulary (`import_why_<why>`) and its values; `str()` is the English text."""

    def __init__(self, why: str, **params: str) -> None:
        super().__init__(reason_text(why, params, english))
        self.why, self.params = why, params


def _split(cell: str) -> tuple[str, tuple[int, int, int]] | None:
    """('ymd' or 'ab', the three numbers) of a date cell, or None when it is no date form."""
    text = cell.strip()
    for kind, pattern in (("ymd", _YEAR_FIRST), ("ab", _PARTS)):
        found = pattern.match(text)
        if found and _TIME_TAIL.fullmatch(text, found.end()):
            a, b, c = (int(g) for g in found.groups())
            return kind, (a, b, c)
    return None


def date_order(cells: Iterable[str]) -> DateOrder | None:
    """The order of a file's day/month dates: from its own values, None when none tells.

    Raises CellError naming a cell when the file holds both orders.
    """
    day_first: str | None = None
    month_first: str | None = None
    for cell in cells:
        split = _split(cell)
        if split is None or split[0] == "ymd":
            continue
        a, b, _ = split[1]
        if a > 12 >= b:
            day_first = day_first or cell
        elif b > 12 >= a:
            month_first = month_first or cell
    if day_first and month_first:
        raise CellError("two_orders", first=day_first, second=month_first)
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    return None


def _year(y: int) -> int:
    return y if y >= 100 else 2000 + y if y < 70 else 1900 + y


def parse_date(cell: str, order: DateOrder) -> dt.date:
    """One date cell in the file's order; CellError when it is not a date."""
    split = _split(cell)
    if split is None:
        raise CellError("not_date", cell=cell)
    kind, (a, b, c) = split
    try:
        if kind == "ymd":
            return dt.date(a, b, c)
        day, month = (a, b) if order == "dmy" else (b, a)
        return dt.date(_year(c), month, day)
    except ValueError:
        raise CellError("not_date", cell=cell) from None


# Currency signs and codes, and the spaces some locales group thousands with.
_NOISE = re.compile(r"[A-Za-z$€£¥￥₹\s\u00a0\u202f']+")
_NUMBER = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")


def _mark_of(core: str) -> DecimalMark | None:
    """What one number's separators say of the decimal mark, None when it says nothing."""
    dots, commas = core.count("."), core.count(",")
    if dots and commas:
        return "." if core.rfind(".") > core.rfind(",") else ","
    if dots > 1:
        return ","
    if commas > 1:
        return "."
    if dots == 1 or commas == 1:
        sep: DecimalMark = "." if dots else ","
        tail = core.rsplit(sep, 1)[1]
        if len(tail) != 3:  # 1,5 or 12.25: a decimal mark; 1,500 could be either
            return sep
    return None


def _core(cell: str) -> str | None:
    text = _NOISE.sub("", cell)
    return text if _NUMBER.fullmatch(text) else None


def decimal_mark(cells: Iterable[str]) -> DecimalMark | None:
    """A file's decimal mark from all its numbers; None when none tells.

    Raises CellError naming two cells when they disagree.
    """
    seen: dict[DecimalMark, str] = {}
    for cell in cells:
        core = _core(cell)
        mark = _mark_of(core) if core else None
        if mark is not None:
            seen.setdefault(mark, cell)
    if len(seen) > 1:
        raise CellError("two_styles", point=seen["."], comma=seen[","])
    return "." if "." in seen else "," if "," in seen else None


def parse_number(cell: str, mark: DecimalMark) -> float:
    """One number cell with the file's decimal mark; CellError when it is not a number."""
    core = _core(cell)
    if core is None:
        raise CellError("not_number", cell=cell)
    group = "," if mark == "." else "."
    if core.count(mark) > 1:
        raise CellError("not_number", cell=cell)
    whole, _, fraction = core.partition(mark)
    if group in fraction:
        raise CellError("not_number", cell=cell)
    if group in whole:
        sign = whole[0] if whole[0] in "+-" else ""
        groups = whole[len(sign) :].split(group)
        if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
            raise CellError("not_number", cell=cell)
        whole = sign + "".join(groups)
    try:
        return float(f"{whole}.{fraction}" if fraction else whole)
    except ValueError:
        raise CellError("not_number", cell=cell) from None
