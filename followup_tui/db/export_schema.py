"""The shape of an export document: its tables, fields, derived fields and value rules.

`followup_tui.db.transfer` writes and reads the document, `followup_tui.db.import_checks`
validates one against these rules. Tables and fields come from the models
(`ALL_MODELS`, `Model._meta.sorted_fields`), so new columns flow through.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from peewee import Field, ForeignKeyField

from followup_tui.core.accounts.account_rules import channels_error
from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.accounts.naming import stored_forms
from followup_tui.core.base import kinds
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.text import name_sort_key, name_spoken, search_key
from followup_tui.core.review.action_plan import parse_step_when
from followup_tui.db.models import (
    Account,
    Activity,
    Base,
    Bullet,
    Contact,
    Deal,
    Influence,
    Landmine,
    PlanMilestone,
    PlanStep,
    SignalAnswer,
    YearEndVerdict,
)

FORMAT = "followup-export"
VERSION = 1

Row = dict[str, Any]

# Stored for sorting and searching but computed from other fields: never exported,
# always recomputed on import.
DERIVED: dict[type[Base], dict[str, Callable[[Row], Any]]] = {
    Account: {
        "quadrant": lambda r: quadrant(r["willingness"], r["need"]),
        "search_key": lambda r: search_key(r["name"]),
        "sort_key": lambda r: name_sort_key(r["name"]),
        "name_forms": lambda r: stored_forms(search_key(r["name"]), name_sort_key(r["name"])),
        # Summaries of other tables: placeholders here, filled by refresh_summaries.
        "last_contact_at": lambda r: None,
        "next_follow_up": lambda r: None,
        "open_amount": lambda r: None,
        "search_text": lambda r: "",
        # The heat an import keeps: set after the rows are in (`db.kept_heat`), from the
        # document's `heat` and the import day. An export's `heat` already includes it.
        "heat_anchor": lambda r: None,
        "heat_anchor_on": lambda r: None,
        "heat_anchor_after": lambda r: None,
    },
    Contact: {"spoken": lambda r: name_spoken(r["name"])},
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


def _step_when(value: Any) -> str | None:
    try:
        parse_step_when(str(value))
    except FollowupError:
        return "must be a month (YYYY-MM) or a day (YYYY-MM-DD)"
    return None


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
    (PlanMilestone, "month"): _between(1, 12),
    (PlanMilestone, "expected"): _between(0),
    (PlanStep, "how"): _not_blank,
    (PlanStep, "due"): _step_when,
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
    (PlanStep, "status"): kinds.STEP_STATUSES,
    (YearEndVerdict, "verdict"): kinds.YEAR_END_VERDICTS,
    (YearEndVerdict, "proposal"): ("", *kinds.YEAR_END_VERDICTS),
}


def table_key(model: type[Base]) -> str:
    """The document key of a model's table: its plural snake_case name."""
    name: str = model._meta.table_name
    if name.endswith("y") and name[-2:-1] not in tuple("aeiou"):
        return name[:-1] + "ies"
    return name + ("es" if name.endswith("s") else "s")


def columns(model: type[Base]) -> list[tuple[str, Field]]:
    """(document key, field) of every exported field: foreign keys become `<name>_id`."""
    derived = DERIVED.get(model, {})
    return [
        (f"{f.name}_id" if isinstance(f, ForeignKeyField) else f.name, f)
        for f in model._meta.sorted_fields
        if f.name not in derived
    ]


def primary_key_name(model: type[Base]) -> str:
    """The name of a table's primary key (every model here has one: `id`)."""
    key = model._meta.primary_key
    if key is False:  # Peewee's mark for a table without one
        raise TypeError(f"{model.__name__} has no primary key")
    return key.name


def unique_groups(model: type[Base]) -> list[tuple[str, ...]]:
    """Field names of each unique index other than the primary key."""
    # Partial indexes (ModelIndex objects) serve reads only; none is unique.
    groups = [
        tuple(index[0])
        for index in model._meta.indexes
        if isinstance(index, tuple) and index[1] and isinstance(index[0], tuple | list)
    ]
    groups += [(f.name,) for f in model._meta.sorted_fields if f.unique and not f.primary_key]
    return groups
