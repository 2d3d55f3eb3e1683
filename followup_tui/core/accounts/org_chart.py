"""An account's key people as an org chart: grouped by department, ordered by level.

Seed 001 asks for the key people "by department, with their involvement level",
together an org chart. We do not know who reports to whom, so the chart is a
tree of departments, each listing its people from level 5 (deciding) down to 1
(barely involved). Lines are padded by terminal cells, not characters, so a
Chinese name (two cells a character) lines up with an English one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.kinds import LEVEL_RANGE
from followup_tui.core.base.text import display_width

NAME_MAX = 24  # cells; a longer name or title is cut with an ellipsis
TITLE_MAX = 24
LEVEL_FULL, LEVEL_EMPTY, LEVEL_UNKNOWN = "●", "○", "·"
ELLIPSIS = "…"


@dataclass(frozen=True)
class OrgPerson:
    """One key person, as much as the chart needs."""

    id: int
    name: str
    department: str = ""
    title: str = ""
    level: int | None = None
    is_coach: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> OrgPerson:
        """From a key person as the data layer lists them (blank columns may be None)."""
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            department=str(row.get("department") or ""),
            title=str(row.get("title") or ""),
            level=row.get("level"),
            is_coach=bool(row.get("is_coach")),
        )


@dataclass(frozen=True)
class ChartWords:
    """The chart's few words, in the caller's language."""

    no_department: str = "(no department)"
    coach: str = "coach"


@dataclass(frozen=True)
class ChartLine:
    """One drawn line; `kind` is root, department or person (then `person_id` says who)."""

    text: str
    kind: str
    person_id: int | None = None
    is_coach: bool = False


def fit_cells(text: str, width: int) -> str:
    """`text` cut to at most `width` terminal cells, ending in an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], display_width(ELLIPSIS)
    for ch in text:
        cells = display_width(ch)
        if used + cells > width:
            break
        out.append(ch)
        used += cells
    return "".join(out) + ELLIPSIS


def pad_cells(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells."""
    return text + " " * max(0, width - display_width(text))


def level_bar(level: int | None) -> str:
    """●●●○○ for level 3 of 5; ····· when the level is unknown."""
    top = LEVEL_RANGE[-1]
    if level is None or level not in LEVEL_RANGE:
        return LEVEL_UNKNOWN * top
    return LEVEL_FULL * level + LEVEL_EMPTY * (top - level)


def _level_key(person: OrgPerson) -> tuple[int, str, int]:
    """Highest level first, an unknown level last, then by name."""
    level = person.level if person.level is not None and person.level in LEVEL_RANGE else 0
    return (-level, person.name.casefold(), person.id)


def group_by_department(people: Iterable[OrgPerson]) -> list[tuple[str, list[OrgPerson]]]:
    """Departments in chart order, each with its people from the highest level down.

    A department ranks by its most involved person (where the decision sits comes
    first), then by name; people without a department come last under "". Names
    that differ only in case or surrounding spaces are one department.
    """
    groups: dict[str, tuple[str, list[OrgPerson]]] = {}
    for person in people:
        shown = " ".join(person.department.split())
        groups.setdefault(shown.casefold(), (shown, []))[1].append(person)
    ordered = []
    for shown, members in groups.values():
        members.sort(key=_level_key)
        ordered.append((shown, members))

    def rank(group: tuple[str, list[OrgPerson]]) -> tuple[bool, int, str]:
        shown, members = group
        return (shown == "", _level_key(members[0])[0], shown.casefold())

    return sorted(ordered, key=rank)


def draw_org_chart(
    root: str, people: Iterable[OrgPerson], words: ChartWords = ChartWords()
) -> list[ChartLine]:
    """The chart as lines of equal cell width, the account at the root; [] without people.

    华为技术
    ├─ 采购部 (2)
    │  ├─ ●●●●● 王刚    采购总监  ★ coach
    │  └─ ●●○○○ Li Na   Buyer
    └─ Engineering (1)
       └─ ●●●●○ Tom     CTO
    """
    groups = group_by_department(people)
    if not groups:
        return []
    members = [p for _shown, group in groups for p in group]
    name_width = max(display_width(fit_cells(p.name, NAME_MAX)) for p in members)
    title_width = max(display_width(fit_cells(p.title, TITLE_MAX)) for p in members)
    drawn: list[tuple[str, str, OrgPerson | None]] = [(root, "root", None)]
    for index, (shown, group) in enumerate(groups):
        last_group = index == len(groups) - 1
        branch, stem = ("└─ ", "   ") if last_group else ("├─ ", "│  ")
        label = shown or words.no_department
        drawn.append((f"{branch}{label} ({len(group)})", "department", None))
        for position, person in enumerate(group):
            twig = "└─ " if position == len(group) - 1 else "├─ "
            name = pad_cells(fit_cells(person.name, name_width), name_width)
            title = pad_cells(fit_cells(person.title, title_width), title_width)
            coach = f"  ★ {words.coach}" if person.is_coach else ""
            text = f"{stem}{twig}{level_bar(person.level)} {name}  {title}{coach}"
            drawn.append((text.rstrip(), "person", person))
    width = max(display_width(text) for text, _kind, _person in drawn)
    return [
        ChartLine(
            pad_cells(text, width),
            kind,
            person.id if person else None,
            bool(person and person.is_coach),
        )
        for text, kind, person in drawn
    ]
