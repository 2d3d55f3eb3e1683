"""The period a review looks at: a month, a quarter or a year, from `--month 2026-11`,
`--quarter 2026-Q4` or `--year 2026`, or the one holding today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from followup_tui.core.base.dates import days_in_month
from followup_tui.core.base.errors import FollowupError, Said

KINDS = ("month", "quarter", "year")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar month, quarter or year: its first and last day."""

    kind: str  # one of KINDS
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """'2026-11', '2026-Q4' or '2026'."""
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def holds(self, day: date) -> bool:
        """Whether `day` falls in the period."""
        return self.start <= day <= self.end

    def before(self) -> Period:
        """The period of the same kind just before this one."""
        return period_of(self.kind, self.start - timedelta(days=1))


def month(year: int, number: int) -> Period:
    """A calendar month."""
    return Period("month", date(year, number, 1), date(year, number, days_in_month(year, number)))


def quarter(year: int, number: int) -> Period:
    """A calendar quarter, 1-4."""
    first = 3 * (number - 1) + 1
    return Period("quarter", date(year, first, 1), month(year, first + 2).end)


def year(number: int) -> Period:
    """A calendar year."""
    return Period("year", date(number, 1, 1), date(number, 12, 31))


def period_of(kind: str, day: date) -> Period:
    """The month, quarter or year holding `day`."""
    if kind == "month":
        return month(day.year, day.month)
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return year(day.year)


def parse_period(kind: str, text: str) -> Period:
    """A period as typed after --month / --quarter / --year; a FollowupError names the flag."""
    flag = f"--{kind}"
    typed = text.strip()
    try:
        if kind == "month" and (m := _MONTH.match(typed)) and 1 <= int(m[2]) <= 12:
            return month(int(m[1]), int(m[2]))
        if kind == "quarter" and (m := _QUARTER.match(typed)):
            return quarter(int(m[1]), int(m[2]))
        if kind == "year" and (m := _YEAR.match(typed)) and int(m[1]) >= 1:
            return year(int(m[1]))
    except ValueError:
        pass
    key = {"month": "cli_not_a_month", "quarter": "cli_not_a_quarter"}.get(kind, "cli_not_a_year")
    raise FollowupError(Said(key, {"flag": flag, "text": repr(text)}))


def last_quarters(q: Period, n: int) -> list[Period]:
    """`n` quarters ending with `q`, oldest first."""
    out = [q]
    while len(out) < n:
        out.append(out[-1].before())
    return out[::-1]
