"""What the sheet screen shows, computed once per redraw, and the words and cells it uses.

The rules (landmines, verdict, completeness) run here on every redraw: the screen
never keeps a stale copy of what they said. Presentation mode hides ratings, their
evidence and personal notes; `presentable` also drops the computed lines that would
give a rating away (a gap, a stale value, a review change, a hostile person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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

    @classmethod
    def build(
        cls, sheet: BlueSheet, today: dt.date, settings: Settings, presenting: bool = False
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
        )

    @property
    def w(self) -> dict[str, str]:
        """The words of the screen."""
        return sheet_words(self.settings)

    @property
    def out_of_control(self) -> bool:
        """Whether any of the five indicators lacks evidence."""
        return any(not self.sheet.deal.evidence(k).strip() for k in SSO_INDICATORS)

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


def answer_cell(answer: str, settings: Settings) -> Text:
    """good / bad / unknown, coloured."""
    style = {"good": "bold green", "bad": "bold red"}.get(answer, "dim")
    return Text(settings.label("answers", answer), style=style)
