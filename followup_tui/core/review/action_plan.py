"""An account's year-long action plan (seed 001): goals, steps and monthly milestones.

Each account on the 5+5+5 board has, per year, goals (what the year should bring,
a line each), steps - who does what (how), when (a day or a whole month of that
year), why, and to what end (what for) - and a milestone per month: the amount
expected that month. A step is open until the rep marks it done or missed; the
mark keeps its day. A step still open after its day (or its month's last day)
is late: shown so, never marked missed behind the rep's back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from followup_tui.core.base.dates import days_in_month
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import STEP_STATUSES

STEP_FIELDS = ("who", "how", "when", "why", "what_for")
MONTHS = tuple(range(1, 13))
_WHEN = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class StepWhen:
    """When a step is due: a day, or a whole month (`day` None)."""

    year: int
    month: int
    day: int | None = None

    @property
    def text(self) -> str:
        """'2026-03' or '2026-03-15': as stored and typed."""
        head = f"{self.year:04d}-{self.month:02d}"
        return head if self.day is None else f"{head}-{self.day:02d}"

    @property
    def last_day(self) -> date:
        """The last day the step is on time: its day, or its month's last day."""
        return date(self.year, self.month, self.day or days_in_month(self.year, self.month))


def parse_step_when(text: str, year: int | None = None) -> StepWhen:
    """'2026-03' or '2026-03-15' (of `year` when given); FollowupError names the field."""
    typed = text.strip()
    m = _WHEN.match(typed)
    when: StepWhen | None = None
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        if 1 <= mo <= 12 and (d is None or 1 <= d <= days_in_month(y, mo)):
            when = StepWhen(y, mo, d)
    if when is None:
        raise FollowupError(f"when: not a day or a month (YYYY-MM-DD or YYYY-MM): {text!r}")
    if year is not None and when.year != year:
        raise FollowupError(f"when: {when.text} is not in the plan's year {year}")
    return when


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of a plan: who / how / when / why / what for, and its mark."""

    step_id: int
    account_id: int
    year: int
    position: int  # order within the plan, 1 first
    who: str
    how: str
    when: StepWhen
    why: str
    what_for: str
    status: str = "open"  # one of STEP_STATUSES
    marked_on: date | None = None  # the day it was marked done or missed

    def late(self, today: date) -> bool:
        """Still open after its day (or its month)."""
        return self.status == "open" and self.when.last_day < today


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """An account's plan for a year; `plan_id` None: nothing saved yet (an empty plan)."""

    account_id: int
    year: int
    goals: tuple[str, ...] = ()
    milestones: tuple[Decimal | None, ...] = (None,) * 12  # expected per month, Jan first
    steps: tuple[PlanStep, ...] = ()
    plan_id: int | None = None

    @property
    def has_milestones(self) -> bool:
        """Whether any month has an expected amount."""
        return any(m is not None for m in self.milestones)

    @property
    def expected(self) -> Decimal | None:
        """The year's expected amount; None without milestones."""
        if not self.has_milestones:
            return None
        return sum((m for m in self.milestones if m is not None), Decimal(0))

    def counts(self) -> dict[str, int]:
        """Steps by status, every status present."""
        out = dict.fromkeys(STEP_STATUSES, 0)
        for s in self.steps:
            out[s.status] += 1
        return out

    def late_steps(self, today: date) -> tuple[PlanStep, ...]:
        """The open steps past their day."""
        return tuple(s for s in self.steps if s.late(today))


def clean_goals(goals: Iterable[str]) -> tuple[str, ...]:
    """Goals as kept: each stripped, blank ones left out, a goal of several lines split."""
    return tuple(line.strip() for g in goals for line in g.splitlines() if line.strip())


def check_status(status: str) -> str:
    """A step status, or a FollowupError naming the known ones."""
    if status not in STEP_STATUSES:
        raise FollowupError(f"status: {status!r} is not one of {', '.join(STEP_STATUSES)}")
    return status


def check_step(values: Mapping[str, object], year: int) -> dict[str, object]:
    """A step's fields as stored: text stripped, `when` checked (a StepWhen's text).

    Only the fields given are returned, so an edit changes only those. `how` (what is
    done) may not be empty; an unknown field is an error naming it.
    """
    out: dict[str, object] = {}
    for key, value in values.items():
        if key not in STEP_FIELDS:
            raise FollowupError(f"step: unknown field {key!r} (one of {', '.join(STEP_FIELDS)})")
        if key == "when":
            when = value if isinstance(value, StepWhen) else parse_step_when(str(value), year)
            if when.year != year:
                raise FollowupError(f"when: {when.text} is not in the plan's year {year}")
            out[key] = when.text
        else:
            out[key] = str(value or "").strip()
    if "how" in out and not out["how"]:
        raise FollowupError("how: a step needs something to do")
    return out


def parse_amount(text: str | Decimal | int | None, where: str) -> Decimal | None:
    """A milestone amount: None when blank; a FollowupError naming `where` when not a
    number or negative. Two decimals, as amounts are kept."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise FollowupError(f"{where}: not an amount: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise FollowupError(f"{where}: an amount is a number of 0 or more: {text!r}")
    return value.quantize(Decimal("0.01"))


def milestones_of(values: Mapping[int, str | Decimal | int | None]) -> tuple[Decimal | None, ...]:
    """Twelve monthly amounts from month number -> amount (missing months: None)."""
    for m in values:
        if m not in MONTHS:
            raise FollowupError(f"milestones: month {m!r} is not 1 to 12")
    return tuple(parse_amount(values.get(m), f"milestones: month {m}") for m in MONTHS)


def step_fields(s: PlanStep) -> dict[str, str]:
    """A step as its form holds it (what an edit made elsewhere is told by)."""
    return {"when": s.when.text, "who": s.who, "how": s.how, "why": s.why, "what_for": s.what_for}


def plan_fields(goals: Iterable[str], milestones: Sequence[Decimal | None]) -> dict[str, object]:
    """A plan's goals and months as one record of fields, for telling an edit made
    elsewhere apart from the form's: `goals` (one text) and `month_1` .. `month_12`."""
    fields: dict[str, object] = {"goals": "\n".join(clean_goals(goals))}
    return fields | {f"month_{m}": milestones[m - 1] for m in MONTHS}


def plan_from_fields(
    fields: Mapping[str, object],
) -> tuple[tuple[str, ...], dict[int, str | Decimal | int | None]]:
    """`plan_fields` back into the goals and each month's amount (as typed or kept)."""
    goals = clean_goals(str(fields.get("goals") or "").splitlines())
    months: dict[int, str | Decimal | int | None] = {}
    for m in MONTHS:
        value = fields.get(f"month_{m}")
        months[m] = value if isinstance(value, str | Decimal | int) else None
    return goals, months


def sorted_steps(steps: Sequence[PlanStep]) -> tuple[PlanStep, ...]:
    """Steps in plan order: by when (a month before its days), then position, then id."""
    return tuple(sorted(steps, key=lambda s: (s.when.text, s.position, s.step_id)))
