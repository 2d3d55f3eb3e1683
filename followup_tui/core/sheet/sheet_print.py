"""What the printed sheet computes once and how it masks: shared by the overview and the sections.

`Printed` holds the rules' results of the day (the one landmine list, the verdict
of the whole sheet, completeness) and, for a presentation copy, the masks:
ratings, modes, personal wins, the position, comments and every text the data ties
to a person (a rule's finding on someone, a landmine or bullet tied to someone) are
replaced by one mask word, and so is a landmine or bullet the rep wrote that names
anyone on the sheet, and any other text of the rep's that names a coach (who does a
best action, evidence, what someone wants: `core.sheet.room`). Coaches are left out
of the influence map and its counts. Roles, counts and sections stay, so the
structure can be discussed on a shared screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.sheet.completeness import Completeness, completeness
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import FoundLandmine, find_landmines, sheet_landmines
from followup_tui.core.sheet.position import Verdict, kind_label, stage_of
from followup_tui.core.sheet.room import Room, in_the_room
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetInfluence,
    good_replies,
    rating_word,
    signed,
)


class Printed:
    """What the rules say about the sheet today, computed once for every printed part."""

    def __init__(
        self, sheet: BlueSheet, today: date, settings: Settings, *, present: bool = False
    ) -> None:
        self.sheet = sheet
        self.today = today
        self.settings = settings
        self.present = present
        self.w = settings.words("bluesheet_")
        self.stage = stage_of(sheet.deal.status, sheet.deal.funnel)
        self.mines: list[FoundLandmine] = sheet_landmines(sheet, today, settings)
        self.found: list[FoundLandmine] = find_landmines(sheet, today, settings)
        self.verdict: Verdict = deal_verdict(sheet, today, settings, self.mines)
        self.completeness: Completeness = completeness(sheet, today, settings)
        self.goods = good_replies(settings)
        self.room = Room.of(sheet, settings)  # its patterns are built on first use

    @property
    def people(self) -> list[SheetInfluence]:
        """The people printed: on a presentation copy, without the coaches."""
        people = list(self.sheet.influences)
        return in_the_room(people) if self.present else people

    # -- words ---------------------------------------------------------------------------

    def label(self, section: str, key: str | None) -> str:
        return self.settings.label(section, key)

    def colon(self, head: str, text: object) -> str:
        """'Head: text' with the language's colon."""
        return f"{head}{self.w['colon']}{text}"

    def aside(self, text: object) -> str:
        """' (text)' with the language's brackets."""
        return self.w["aside"].format(text=text)

    def who(self, influence_id: int | None) -> str:
        """' — Name' of the influence a landmine or bullet is tied to."""
        inf = self.sheet.influence(influence_id)
        if inf is None:
            return ""
        return f" — {self.mask}" if self.present else f" — {inf.name}"

    def person(self, inf: SheetInfluence) -> str:
        """A person with their title: 'Kevin Liu (General Manager)'."""
        return f"{inf.name}{self.aside(inf.title)}" if inf.title else inf.name

    def verdict_word(self) -> str:
        """The verdict for people, or the mask on a presentation copy."""
        return self.mask if self.present else kind_label(self.verdict.kind, self.settings)

    # -- masks ---------------------------------------------------------------------------

    @property
    def mask(self) -> str:
        return self.w["mask"]

    def hide(self, text: object) -> str:
        """`text`, or the mask on a presentation copy (an empty text stays empty)."""
        value = "" if text is None else str(text)
        return self.mask if self.present and value.strip() else value

    def tied(self, text: str, influence_id: int | None) -> str:
        """A recorded landmine's or bullet's text; masked on a presentation copy when it is
        tied to a person or names anyone on the sheet. The link decides first: such
        texts name people by role as often as by name ("is the IT manager against us?")."""
        if self.present and (influence_id is not None or self.room.names_anyone(text)):
            return self.mask
        return text

    def free(self, text: str) -> str:
        """Other text the rep wrote (what a best action does, evidence, what someone
        wants); masked on a presentation copy when it names a coach."""
        return self.mask if self.present and self.room.names_coach(text) else text

    def doer(self, who: str) -> str:
        """Who does a best action; masked on a presentation copy only when it names a
        coach (or says 'coach'): the rep and everyone else show."""
        return self.free(who)

    def finding(self, found: FoundLandmine) -> str:
        """A landmine of the one list; on a presentation copy what it allows a shared screen."""
        if not self.present:
            return found.text
        shown = found.for_room(self.room)
        return self.mask if shown is None else shown

    def fix(self, found: FoundLandmine) -> str:
        """A landmine's suggestion; masked on a presentation copy when its finding is."""
        if not self.present or not found.suggestion:
            return found.suggestion
        shown = found.fix_for_room(self.room)
        return self.mask if shown is None else shown

    def computed(self, line: str) -> str:
        """A gap or stale line; masked on a presentation copy when it says a mode, a rating
        or the position (`Completeness.private`), or names a coach."""
        if self.present and (line in self.completeness.private or self.room.names_coach(line)):
            return self.mask
        return line

    def role(self, inf: SheetInfluence) -> str:
        """The role for people; the coach marker is masked on a presentation copy."""
        if self.present and inf.role == "coach":
            return self.mask
        return self.label("roles", inf.role)

    def mode(self, inf: SheetInfluence) -> str:
        return self.hide(self.label("response_modes", inf.mode) if inf.mode else "?")

    def rating(self, inf: SheetInfluence) -> str:
        """A rating drawn as a bar: '+3 ■■■', '-2 □□', '0', '?'; masked when presenting."""
        if self.present:
            return self.mask
        if inf.rating is None:
            return rating_word(None)
        bar = ("■" if inf.rating > 0 else "□") * abs(inf.rating)
        return f"{signed(inf.rating)} {bar}".strip()

    def contacted(self, inf: SheetInfluence) -> str:
        if not inf.contacted:
            return self.w["no"]
        return f"{self.w['yes']} {inf.last_contacted_on or ''}".strip()

    def influence_table(self) -> list[str]:
        """The influence map: each person's role, mode, influence, rating bar and contact."""
        w = self.w
        rows = [
            (
                self.person(i),
                self.role(i),
                self.mode(i),
                self.label("influence_degrees", i.degree),
                self.rating(i),
                self.contacted(i),
            )
            for i in self.people
        ]
        head = (w["name"], w["role"], w["mode"], w["degree"], w["rating"], w["contacted"])
        return table(head, rows, w["none"])


def cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) or "-"


def table(head: Iterable[str], rows: Iterable[Iterable[Any]], none: str) -> list[str]:
    """A Markdown table, or `none` when there are no rows."""
    head, rows = list(head), [list(r) for r in rows]
    if not rows:
        return [none, ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def money(amount: Decimal | None, settings: Settings) -> str:
    """An amount for people: '1,280,000 CNY'; '-' when unknown."""
    if amount is None:
        return "-"
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{text} {settings.currency}"
