"""What the sheet screen shows, computed once per redraw, and the words and cells it uses.

The rules (landmines, verdict, completeness) run here on every redraw: the screen
never keeps a stale copy of what they said. Presentation mode hides ratings, their
evidence and personal notes, and every text the data says is about a person (a rule's
finding on someone, a landmine or bullet tied to someone) or gives a mode, a rating or
the position away. The coach is left out altogether (their row, and their place in a
count), and free text is searched for names (`core.sheet.room`): a landmine or bullet
naming anyone on the sheet is masked like a tied one, and any other text the rep wrote
(who does a best action, evidence, what someone wants) only when it names a coach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rich.text import Text

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.completeness import Completeness, completeness
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import FoundLandmine, sheet_landmines
from followup_tui.core.sheet.position import Verdict, stage_of
from followup_tui.core.sheet.review_diff import ReviewChange
from followup_tui.core.sheet.room import Room, in_the_room
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetBullet,
    SheetInfluence,
    SheetLandmine,
    SheetReview,
    days_old,
    good_replies,
    reply_for,
)
from followup_tui.widgets.cells import truncate_cell

HIDDEN = "••"


def sheet_words(settings: Settings) -> dict[str, str]:
    """The blue sheet's words (printed and on screen) in the configured language."""
    return dict(settings.words("bluesheet_"))


def ui_words(settings: Settings) -> Mapping[str, str]:
    """The sheet screen's own words (overview, presentation, review history)."""
    return settings.words("sheetui_")


def fit_line(line: Text, width: int) -> Text:
    """A styled line cut to `width` cells, ending in an ellipsis when cut (CJK counts double)."""
    out = line.copy()
    truncate_cell(out, max(1, width))
    return out


def share(
    total: int, fixed: Mapping[str, int], weights: Mapping[str, int], gap: int = 2
) -> dict[str, int]:
    """Column widths: the fixed ones as given, the rest of `total` shared by weight (at least 4)."""
    free = total - sum(fixed.values()) - gap * (len(fixed) + len(weights) - 1)
    parts = sum(weights.values()) or 1
    widths = dict(fixed)
    for key, weight in weights.items():
        widths[key] = max(4, free * weight // parts)
    return widths


@dataclass(frozen=True)
class SheetView:
    """A sheet and everything the rules say about it today."""

    sheet: BlueSheet
    today: dt.date
    settings: Settings
    found: list[FoundLandmine]
    completeness: Completeness
    verdict: Verdict
    stage: str
    presenting: bool = False
    verdict_shown: bool = False  # while presenting, the presenter chose to show the verdict
    # The keys in force by binding id without "sheet." ('review', 'section.found'): the
    # screen reads them from its bindings, so a text names the key a keymap moved.
    keys: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        sheet: BlueSheet,
        today: dt.date,
        settings: Settings,
        presenting: bool = False,
        verdict_shown: bool = False,
        keys: Mapping[str, str] | None = None,
    ) -> SheetView:
        """Run the rules over a freshly loaded sheet: the one landmine list the deal list
        counts too, and the verdict that weighs it."""
        stage = stage_of(sheet.deal.status, sheet.deal.funnel)
        found = sheet_landmines(sheet, today, settings)
        return cls(
            sheet,
            today,
            settings,
            found,
            completeness(sheet, today, settings),
            deal_verdict(sheet, today, settings, found),
            stage,
            presenting,
            verdict_shown,
            dict(keys or {}),
        )

    def key(self, binding: str) -> str:
        """The key in force for a sheet binding ('review' -> 'v'), as the screen read it."""
        return self.keys.get(binding, "?")

    @property
    def reviews(self) -> tuple[SheetReview, ...]:
        """The deal's finished reviews, oldest first."""
        return self.sheet.reviews

    @property
    def w(self) -> dict[str, str]:
        """The words of the screen."""
        return sheet_words(self.settings)

    @property
    def out_of_control(self) -> bool:
        """Whether any of the five indicators lacks evidence."""
        return any(not self.sheet.deal.evidence(k).strip() for k in SSO_INDICATORS)

    @property
    def verdict_hidden(self) -> bool:
        """Whether the verdict is masked: presenting, and the presenter has not shown it."""
        return self.presenting and not self.verdict_shown

    @cached_property
    def room(self) -> Room:
        """Whom a text names, for a shared screen (built on first use: presenting only)."""
        return Room.of(self.sheet, self.settings)

    @property
    def people(self) -> list[SheetInfluence]:
        """The people shown: while presenting, without the coaches (`room.in_the_room`)."""
        people = list(self.sheet.influences)
        return in_the_room(people) if self.presenting else people

    def role_word(self, inf: SheetInfluence) -> str:
        """A person's role; a coach is not named as one on a shared screen."""
        if self.presenting and inf.role == "coach":
            return HIDDEN
        return self.label("roles", inf.role)

    def who(self, name: str) -> str:
        """Who does a best action; masked while presenting only when it names a coach
        (or says 'coach'): the rep and everyone else show."""
        if not name:
            return "-"
        return HIDDEN if self.presenting and self.room.names_coach(name) else name

    def free_text(self, text: str) -> str:
        """A text the rep wrote (what a best action does, evidence, what someone wants);
        while presenting, the mask when it names a coach."""
        if self.presenting and self.room.names_coach(text):
            return HIDDEN
        return text

    def finding_text(self, found: FoundLandmine, suggestion: bool = False) -> str:
        """A landmine of the one list (or its suggestion); while presenting, what the
        finding allows a shared screen (`FoundLandmine.for_room`), else the mask."""
        text = found.suggestion if suggestion else found.text
        if self.presenting:
            room = self.room
            shown = found.fix_for_room(room) if suggestion else found.for_room(room)
            if shown is None:
                return ui_words(self.settings)["about_someone"]
            text = shown
        return " ".join(text.split())

    def finding_masked(self, found: FoundLandmine) -> bool:
        """Whether a shared screen masks a finding (`FoundLandmine.for_room`)."""
        return found.for_room(self.room) is None

    def mine_text(self, item: SheetLandmine | SheetBullet) -> str:
        """A recorded landmine's or bullet's text; masked while presenting when it is
        tied to a person or names someone on the sheet."""
        if self.presenting and (item.influence_id is not None or self.room.names_anyone(item.text)):
            return ui_words(self.settings)["about_someone"]
        return " ".join(item.text.split())

    def person(self, influence_id: int | None) -> str:
        """The name of the person a landmine or bullet is tied to ('-'); masked while presenting."""
        inf = self.sheet.influence(influence_id)
        if inf is None:
            return "-"
        return HIDDEN if self.presenting else inf.name

    def label(self, section: str, key: str | None) -> str:
        """A config label ('-' for None)."""
        return "-" if key is None else self.settings.label(section, key)

    def shown_found(self) -> list[FoundLandmine]:
        """The sheet's landmines; while presenting they stay counted, their texts masked
        (`finding_text`) where they are about a person."""
        return self.found

    def shown(self, lines: Iterable[str]) -> list[str]:
        """Computed lines (gaps, stale values): while presenting, without the ones that say
        a mode, a rating or the position (`Completeness.private`)."""
        lines = list(lines)
        if not self.presenting:
            return lines
        return [
            line
            for line in lines
            if line not in self.completeness.private and not self.room.names_coach(line)
        ]

    def changes(self, changes: Iterable[ReviewChange]) -> list[str]:
        """What changed since the last review; while presenting, without the private lines
        and without any naming a coach."""
        if not self.presenting:
            return [c.text for c in changes]
        return [c.text for c in changes if not c.private and not self.room.names_coach(c.text)]


def age_cell(stamp: dt.datetime | None, today: dt.date, settings: Settings) -> Text:
    """How old a confirmation is: ' 12d' dim, ' stale 120d' in warning colours; '' undated."""
    age = days_old(stamp, today)
    if age is None:
        return Text("")
    w = sheet_words(settings)
    if age > settings.evidence_stale_days:
        return Text(" " + w["stale_mark"].format(days=age), style="bold yellow")
    return Text(" " + w["age"].format(days=age), style="dim")


def clip(text: str, width: int) -> Text:
    """One line of text cut to a cell width with an ellipsis (CJK counts double)."""
    line = Text(" ".join(str(text).split()))
    truncate_cell(line, width)
    return line


def answer_cell(answer: str, settings: Settings, good: str = "yes") -> Text:
    """A stored answer as the question reads it: 'Yes ✓' green when it is the good answer,
    'No ✗' red when not, 'Unknown ?' dim. `good` is the question's good reply."""
    word = settings.label("replies", reply_for(answer, good))
    if answer == "good":
        return Text(f"{word} ✓", style="bold green")
    if answer == "bad":
        return Text(f"{word} ✗", style="bold red")
    return Text(f"{word} ?", style="dim")


def good_answer_cell(settings: Settings, good: str) -> Text:
    """The reply that is good news for us, as the question reads."""
    return Text(settings.label("replies", good), style="green")


def good_reply(settings: Settings, question_id: str) -> str:
    """The good reply ('yes' / 'no') of a signal or trap (config `good`)."""
    return good_replies(settings).get(question_id, "yes")
