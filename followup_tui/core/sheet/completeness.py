"""How complete and how fresh a blue sheet is, and what changed since the last review.

`completeness` scores the sheet 0-100 over six sections, each with a weight:
SSO evidence (20), position (15), buying influences (25), ideal-customer fit
(10), best actions (10) and signals (20). A section's share is the credit of
its checks over their number; a check gives 1 when filled, 0 when not. Each gap
is phrased as the question a manager would ask in a review.

- A mode or rating without its evidence earns half: a judgement is not a fact.
- Evidence ages: a position, mode or rating confirmed longer ago than
  `evidence.stale_days` is stale, listed in `stale`, and earns half its credit.
  A value with no confirmation date is not called stale (its age is unknown).
- Signals count up to the deal's stage (see `position.stage_of`); a signal
  answered 'unknown' is still a gap.

The words (`words_for`: the vocabulary's completeness_ keys) are shared with the
review diff (`review_diff`), which says what changed on a sheet between two reviews.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS, ROLES, SSO_INDICATORS
from followup_tui.core.base.vocabulary import shipped_words
from followup_tui.core.sheet.position import STAGES, stage_of
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    days_old,
    position_word,
    rating_word,
    signal_specs,
)

SECTIONS = {"sso": 20, "position": 15, "influences": 25, "fit": 10, "actions": 10, "signals": 20}
HALF = 0.5


def words_for(settings: Settings | None) -> Mapping[str, str]:
    """The gap questions and review lines: the vocabulary's completeness_<key>."""
    if settings is None:
        return shipped_words("en", "completeness_")
    return settings.words("completeness_")


@dataclass(frozen=True)
class Completeness:
    """A sheet's completeness score, its gaps as questions, and its stale values."""

    score: int  # 0-100
    gaps: list[str]
    stale: list[str]
    sections: dict[str, list[str]] = field(default_factory=dict)  # gaps by section id
    # The gaps and stale lines that carry a person's mode or rating, or the position:
    # marked where they are made, so a shared screen hides them without reading them.
    private: frozenset[str] = frozenset()


class _Checks:
    """Collects (section, credit, gap) as the sheet is walked."""

    def __init__(self) -> None:
        self.items: list[tuple[str, float, str | None]] = []

    def add(self, section: str, credit: float, gap: str | None = None) -> None:
        """A check earning `credit` (0..1); `gap` is the question when something is missing."""
        self.items.append((section, credit, gap))

    def check(self, section: str, ok: bool, gap: str) -> None:
        """A check that is either filled or missing."""
        self.add(section, 1.0 if ok else 0.0, None if ok else gap)


def _is_stale(stamp: datetime | None, today: date, settings: Settings) -> int | None:
    """The age in days of a stale confirmation, or None when fresh or undated."""
    age = days_old(stamp, today)
    return age if age is not None and age > settings.evidence_stale_days else None


def completeness(sheet: BlueSheet, today: date, settings: Settings) -> Completeness:
    """Score the sheet 0-100 and list its gaps (as questions) and stale values."""
    w = words_for(settings)
    c = _Checks()
    stale: list[str] = []
    private: set[str] = set()
    deal = sheet.deal

    def aged(stamp: datetime | None, what: str) -> float:
        days = _is_stale(stamp, today, settings)
        if days is None:
            return 1.0
        line = w["stale"].format(what=what, days=days)
        stale.append(line)
        private.add(line)  # every stale value is a position, a mode or a rating
        return HALF

    for key in SSO_INDICATORS:
        label = settings.label("sso_indicators", key)
        c.check("sso", bool(deal.evidence(key).strip()), w["evidence"].format(indicator=label))

    if deal.position is None:
        c.check("position", False, w["position"])
    else:
        what = w["stale_position"].format(value=position_word(deal.position, settings))
        c.add("position", aged(deal.position_confirmed_at, what))
    c.check("position", deal.alternate_position is not None, w["alternate"])
    for key in ("why", "move", "plan"):
        answer = str(getattr(deal, f"position_{key}")).strip()
        c.check("position", bool(answer), settings.label("position_questions", key))

    roles = {i.role for i in sheet.influences}
    if not sheet.influences:
        c.check("influences", False, w["nobody"])
    for role in ROLES:
        c.check("influences", role in roles, w["role"].format(role=settings.label("roles", role)))
    for inf in sheet.influences:
        judged = (
            ("mode", inf.mode, settings.label("response_modes", inf.mode)),
            ("rating", inf.rating, rating_word(inf.rating)),
        )
        for key, value, word in judged:
            if value is None:
                c.check("influences", False, w[key].format(name=inf.name))
                continue
            has = 1.0 if getattr(inf, f"{key}_evidence").strip() else HALF
            what = w[f"stale_{key}"].format(name=inf.name, value=word)
            age = aged(getattr(inf, f"{key}_confirmed_at"), what)
            gap = w[f"{key}_evidence"].format(name=inf.name, value=word)
            private.add(gap)  # it says the mode or the rating
            c.add("influences", has * age, gap if has < 1 else None)

    for key in FIT_QUESTIONS:
        c.check("fit", deal.fit(key) in ("good", "bad"), settings.label("fit_questions", key))

    c.check("actions", any(not a.done for a in sheet.actions), w["action"])

    now = STAGES.index(stage_of(deal.status, deal.funnel))
    answers = sheet.answers()
    for sid, stage, question in signal_specs(settings):
        if STAGES.index(stage) <= now:
            c.check("signals", answers.get(sid, "unknown") in ("good", "bad"), question)

    score = 0.0
    sections: dict[str, list[str]] = {}
    for section, weight in SECTIONS.items():
        mine = [(credit, gap) for s, credit, gap in c.items if s == section]
        if mine:
            score += weight * sum(credit for credit, _ in mine) / len(mine)
        sections[section] = [gap for _, gap in mine if gap]
    gaps = [gap for section_gaps in sections.values() for gap in section_gaps]
    return Completeness(round(score), gaps, stale, sections, frozenset(private))
