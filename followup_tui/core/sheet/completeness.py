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

`snapshot` is the JSON-able sheet a review stores; `review_diff` compares two
of them: position slid or rose, people added or gone, ratings and modes moved,
landmines added, cleared or disarmed, signals that changed their answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
    trap_specs,
)

SECTIONS = {"sso": 20, "position": 15, "influences": 25, "fit": 10, "actions": 10, "signals": 20}
HALF = 0.5


def _words(settings: Settings | None) -> Mapping[str, str]:
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
    w = _words(settings)
    c = _Checks()
    stale: list[str] = []
    deal = sheet.deal

    def aged(stamp: datetime | None, what: str) -> float:
        days = _is_stale(stamp, today, settings)
        if days is None:
            return 1.0
        stale.append(w["stale"].format(what=what, days=days))
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
    return Completeness(round(score), gaps, stale, sections)


# -- reviews -----------------------------------------------------------------------------


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def snapshot(sheet: BlueSheet) -> dict[str, Any]:
    """The sheet as a review stores it (JSON-able), for the next review to diff against."""
    deal = sheet.deal
    return {
        "deal": {
            "title": deal.title,
            "amount": _money(deal.amount),
            "completion_date": None if deal.completion_date is None else str(deal.completion_date),
            "status": deal.status,
            "funnel": deal.funnel,
            "outcome": deal.outcome,
            "position": deal.position,
            "alternate_position": deal.alternate_position,
        },
        "influences": [
            {
                "id": i.id,
                "contact_id": i.contact_id,
                "name": i.name,
                "role": i.role,
                "mode": i.mode,
                "rating": i.rating,
                "degree": i.degree,
                "contacted": i.contacted,
            }
            for i in sheet.influences
        ],
        "landmines": [
            {
                "id": m.id,
                "category": m.category,
                "text": m.text,
                "resolved": m.resolved,
                "bullet_id": m.bullet_id,
            }
            for m in sheet.landmines
        ],
        "signals": {s.signal: s.answer for s in sheet.signals},
    }


def _by_id(rows: Any) -> dict[Any, dict[str, Any]]:
    return {row.get("id"): row for row in rows or () if isinstance(row, dict)}


class _Words:
    """Display words for a diff: config labels when settings are given, raw keys if not."""

    def __init__(self, settings: Settings | None) -> None:
        self.settings = settings
        self.w = _words(settings)

    def label(self, section: str, key: Any) -> str:
        if key is None:
            return "-"
        return self.settings.label(section, str(key)) if self.settings else str(key)

    def pos(self, value: Any) -> str:
        if value is None:
            return "-"
        return position_word(int(value), self.settings) if self.settings else rating_word(value)

    def questions(self) -> dict[str, str]:
        if self.settings is None:
            return {}
        return {sid: q for sid, _, q in signal_specs(self.settings)} | dict(
            trap_specs(self.settings)
        )


DEAL_FIELDS = {
    "status": "deal_statuses",
    "funnel": "funnel_levels",
    "outcome": "deal_outcomes",
    "amount": None,
    "completion_date": None,
}


def _deal_lines(old: Mapping[str, Any], new: Mapping[str, Any], say: _Words) -> list[str]:
    w, lines = say.w, []
    if old.get("position") != new.get("position"):
        was, now = old.get("position"), new.get("position")
        rose = now is not None and (was is None or now > was)
        lines.append(w["rose" if rose else "slid"].format(old=say.pos(was), new=say.pos(now)))
    if old.get("alternate_position") != new.get("alternate_position"):
        was, now = old.get("alternate_position"), new.get("alternate_position")
        lines.append(w["alternate_moved"].format(old=say.pos(was), new=say.pos(now)))
    for key, section in DEAL_FIELDS.items():
        if key not in old or key not in new:
            continue  # an older snapshot did not keep it
        was, now = old[key], new[key]
        if key == "amount":  # 1280000 and 1280000.0 are the same amount
            was, now = (None if v is None else Decimal(str(v)) for v in (was, now))
        if was != now:
            if section is not None:
                was, now = say.label(section, was), say.label(section, now)
            elif key == "amount":
                was, now = (
                    None if v is None else f"{v:,.2f}".removesuffix(".00") for v in (was, now)
                )
            lines.append(w["field"].format(field=w[key], old=was or "-", new=now or "-"))
    return lines


def _influence_lines(old: Any, new: Any, say: _Words) -> list[str]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)

    def name(iid: Any) -> str:
        # Older snapshots kept no names: today's name, else the contact's id.
        row = after.get(iid) or before[iid]
        return str(row.get("name") or before.get(iid, {}).get("name") or f"#{iid}")

    for iid, now in after.items():
        was = before.get(iid)
        if was is None:
            lines.append(w["added"].format(name=name(iid), role=say.label("roles", now["role"])))
            continue
        for key, section, word in (
            ("role", "roles", "role_moved"),
            ("rating", None, "rating_moved"),
            ("mode", "response_modes", "mode_moved"),
        ):
            if key in was and was.get(key) != now.get(key):
                a, b = was.get(key), now.get(key)
                a, b = (say.label(section, v) if section else rating_word(v) for v in (a, b))
                lines.append(w[word].format(name=name(iid), old=a, new=b))
    lines.extend(w["removed"].format(name=name(iid)) for iid in before if iid not in after)
    return lines


def _landmine_lines(old: Any, new: Any, say: _Words) -> list[str]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)
    for mid, now in after.items():
        was, text = before.get(mid), now.get("text", "")
        if was is None:
            if not now.get("resolved"):
                lines.append(w["mine_added"].format(text=text))
        elif bool(was.get("resolved")) != bool(now.get("resolved")):
            key = "mine_cleared" if now.get("resolved") else "mine_reopened"
            lines.append(w[key].format(text=text))
        elif "bullet_id" in was and was["bullet_id"] is None and now.get("bullet_id") is not None:
            lines.append(w["mine_disarmed"].format(text=text))
    lines.extend(
        w["mine_cleared"].format(text=was.get("text", ""))
        for mid, was in before.items()
        if mid not in after and not was.get("resolved")
    )
    return lines


def _signal_lines(old: Any, new: Any, say: _Words) -> list[str]:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return []  # an older snapshot kept no signals: nothing to compare
    questions = say.questions()
    return [
        say.w["signal_moved"].format(
            question=questions.get(sid, sid),
            old=say.label("answers", old.get(sid, "unknown")),
            new=say.label("answers", answer),
        )
        for sid, answer in new.items()
        if old.get(sid, "unknown") != answer
    ]


def review_diff(
    previous_snapshot: Mapping[str, Any],
    current_snapshot: Mapping[str, Any],
    settings: Settings | None = None,
) -> list[str]:
    """What changed between two review snapshots, one line each, position first.

    Without `settings` the lines are English with raw keys. Older snapshots may
    lack some keys (names, signals): those comparisons are skipped or shown by id.
    """
    say = _Words(settings)
    prev, cur = previous_snapshot, current_snapshot
    return [
        *_deal_lines(prev.get("deal") or {}, cur.get("deal") or {}, say),
        *_influence_lines(prev.get("influences"), cur.get("influences"), say),
        *_landmine_lines(prev.get("landmines"), cur.get("landmines"), say),
        *_signal_lines(prev.get("signals"), cur.get("signals"), say),
    ]
