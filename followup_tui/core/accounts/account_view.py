"""What the account page says, as plain words: profile groups, activities, states, the heat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from followup_tui.core.accounts.heat_model import fmt
from followup_tui.core.accounts.heat_state import HeatState
from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import plural, printable


def as_text(value: Any) -> str:
    """A stored value as text ('' for None)."""
    return "" if value is None else str(value)


def one_line(value: Any) -> str:
    """Text for a one-line cell: line breaks and other control characters become spaces."""
    return " ".join(printable(as_text(value)).split())


def profile_value(stored: Any) -> str:
    """A profile field as shown: money with thousands separators, '-' when empty."""
    # Money with thousands separators, as the form and the potential show it.
    return f"{stored:,}" if isinstance(stored, Decimal) else as_text(stored) or "-"


def follow_up_state(row: dict[str, Any]) -> str:
    """A follow-up's state: done, snoozed or open (vocabulary state_<state>)."""
    return "done" if row["done"] else ("snoozed" if row["snooze_count"] else "open")


def position_text(position: int | None, settings: Settings) -> str:
    """A deal's position on the -5..+5 scale with its words, '-' when not judged."""
    if position is None:
        return "-"
    return f"{position:+d} " + settings.label("position_scale", str(position))


def usual_months_text(months: list[int], settings: Settings) -> str:
    """'usually buys in: Mar, Sep' ('通常采购月份：3月、9月'); '' without usual months.

    `months` as `buying_season.usual_months` gives them (1-12).
    """
    if not months:
        return ""
    names = settings.word("months_short").split()
    shown = settings.word("month_sep").join(names[m - 1] for m in months)
    return settings.word("page_usual_months").format(months=shown)


def heat_why(
    value: float,
    direction: str,
    klass: str,
    rate: float,
    judged: bool,
    steps: list[str],
    settings: Settings,
    state: HeatState | None = None,
) -> str:
    """The heat tab's text: the heat, its trend and what it means now (`heat_state`, as
    the queue says it), then how it was reached step by step."""
    # An unjudged account decays at a default class's rate: say so, not "class C".
    said = "heat_why" if judged else "heat_why_unjudged"
    head = settings.word(said).format(
        heat=fmt(value),
        trend=settings.word(f"trend_{direction}"),
        days=settings.heat.trend_days,
        klass=klass,
        rate=f"{round(rate, 2):g}",
    )
    if state is not None:
        below = state.below_in or 0
        head += "\n" + settings.word(f"heat_state_{state.kind}").format(
            threshold=fmt(settings.heat.threshold[klass]),
            klass=klass,
            n=below,
            days=plural(below, "day"),
        )
    return head + "\n\n" + "\n".join(steps)


@dataclass(frozen=True)
class ActivityView:
    """One activity as the timeline and its detail say it."""

    key: str
    when: str
    what: str
    who: str
    outcome: str
    our_commitments: str
    their_commitments: str
    notes: str

    @classmethod
    def of(cls, row: dict[str, Any], local: dt.datetime, settings: Settings) -> ActivityView:
        """From a timeline row and its moment in the rep's time zone."""
        return cls(
            key=str(row["id"]),
            when=local.strftime("%Y-%m-%d %H:%M"),
            what=settings.label("activity_kinds", row["kind"]),
            who=row.get("contact_name") or "-",
            outcome=settings.label("outcomes", row["outcome"]) if row["outcome"] else "-",
            our_commitments=as_text(row["our_commitments"]),
            their_commitments=as_text(row["their_commitments"]),
            notes=as_text(row["notes"]),
        )

    def cells(self) -> tuple[str, ...]:
        """The timeline's cells: when, what, who, outcome, promises, notes on one line each."""
        return (
            self.when,
            self.what,
            self.who,
            self.outcome,
            one_line(self.our_commitments),
            one_line(self.their_commitments),
            one_line(self.notes),
        )

    def detail(self, settings: Settings) -> tuple[str, list[tuple[str, str]]]:
        """The title and the sections (notes, then promises) of the activity in full."""
        word = settings.word
        title = word("activity_title").format(
            when=self.when, what=self.what, who=self.who, outcome=self.outcome
        )
        sections = [
            (word("col_notes"), self.notes),
            (word("col_we_promised"), self.our_commitments),
            (word("col_they_promised"), self.their_commitments),
        ]
        return title, sections
