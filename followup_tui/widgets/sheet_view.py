"""What the sheet screen shows, computed once per redraw, and the words and cells it uses.

The rules (landmines, verdict, completeness) run here on every redraw: the screen
never keeps a stale copy of what they said. Presentation mode hides ratings, their
evidence and personal notes; `presentable` also drops the computed lines that would
give a rating away (a gap, a stale value, a review change, a hostile person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.completeness import Completeness, completeness
from followup_tui.core.sheet.landmines import FoundLandmine, find_landmines
from followup_tui.core.sheet.position import Verdict, stage_of, verdict
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetInfluence, days_old, rating_word
from followup_tui.widgets.cells import truncate_cell

HIDDEN = "••"
RATING_RULES = ("hostile_influence",)  # computed landmines whose text shows a rating


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
    reviews: tuple[Any, ...] = ()  # finished reviews, oldest first (see widgets.sheet_history)

    @classmethod
    def build(
        cls,
        sheet: BlueSheet,
        today: dt.date,
        settings: Settings,
        presenting: bool = False,
        verdict_shown: bool = False,
        reviews: Sequence[Any] = (),
    ) -> SheetView:
        """Run the rules over a freshly loaded sheet."""
        stage = stage_of(sheet.deal.status, sheet.deal.funnel)
        return cls(
            sheet,
            today,
            settings,
            find_landmines(sheet, today, settings),
            completeness(sheet, today, settings),
            verdict(sheet.answers(), stage, settings),
            stage,
            presenting,
            verdict_shown,
            tuple(reviews),
        )

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

    def role_word(self, inf: SheetInfluence) -> str:
        """A person's role; a coach is not named as one on a shared screen."""
        if self.presenting and inf.role == "coach":
            return HIDDEN
        return self.label("roles", inf.role)

    def names_someone(self, text: str, influence_id: int | None = None) -> bool:
        """Whether a text is about a person on the sheet: a finding on one, or naming one.

        A recorded landmine tied to someone may be about a competitor: only its words count.
        """
        if influence_id is not None:
            return True
        return any(inf.name and inf.name in text for inf in self.sheet.influences)

    def mine_text(self, text: str, influence_id: int | None = None) -> str:
        """A landmine's (or bullet's) text, masked while presenting when it is about a person."""
        if self.presenting and self.names_someone(text, influence_id):
            return ui_words(self.settings)["about_someone"]
        return " ".join(text.split())

    def label(self, section: str, key: str | None) -> str:
        """A config label ('-' for None)."""
        return "-" if key is None else self.settings.label(section, key)

    def shown_found(self) -> list[FoundLandmine]:
        """The computed landmines, without those that give a rating away while presenting."""
        if not self.presenting:
            return self.found
        return [f for f in self.found if f.rule not in RATING_RULES]

    def shown(self, lines: Iterable[str]) -> list[str]:
        """Computed lines (gaps, stale values, changes), masked while presenting."""
        lines = list(lines)
        return (
            presentable(lines, self.sheet.influences, self.settings) if self.presenting else lines
        )


def presentable(
    lines: Iterable[str], people: Iterable[SheetInfluence], settings: Settings
) -> list[str]:
    """Lines without the ones that show someone's rating (for a shared screen)."""
    w: Mapping[str, str] = settings.words("completeness_")
    marks: list[str] = []
    for inf in people:
        value = rating_word(inf.rating)
        marks.append(w["rating_evidence"].format(name=inf.name, value=value))
        marks.append(w["stale_rating"].format(name=inf.name, value=value))
        marks.append(w["rating_moved"].split("{old}")[0].format(name=inf.name))
    return [line for line in lines if not any(mark in line for mark in marks)]


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


def yes_no(answer: str, good_is_yes: bool = True) -> str:
    """A stored good / bad / unknown as the question reads it: 'yes', 'no' or 'unknown'.

    A signal asks whether a good thing happens (its good answer is yes); a trap asks
    whether a bad one does (its good answer is no).
    """
    if answer not in ("good", "bad"):
        return "unknown"
    return "yes" if (answer == "good") == good_is_yes else "no"


def answer_cell(answer: str, settings: Settings, good_is_yes: bool = True) -> Text:
    """'Yes ✓' in green when it is the good answer, 'No ✗' in red when not, 'Unknown' dim."""
    u = ui_words(settings)
    word = u[yes_no(answer, good_is_yes)]
    if answer == "good":
        return Text(f"{word} ✓", style="bold green")
    if answer == "bad":
        return Text(f"{word} ✗", style="bold red")
    return Text(f"{word} ?", style="dim")


def good_answer_cell(settings: Settings, good_is_yes: bool = True) -> Text:
    """The answer that counts for us, as the question reads it."""
    return Text(ui_words(settings)["yes" if good_is_yes else "no"], style="green")
