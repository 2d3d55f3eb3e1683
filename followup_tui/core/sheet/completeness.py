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

The words (`WORDS`) are shared with the review diff (`review_diff`), which
says what changed on a sheet between two reviews.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS, ROLES, SSO_INDICATORS
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

WORDS = {
    "en": {
        "evidence": "{indicator}: what is the evidence?",
        "position": "Where do we stand now on the position scale?",
        "alternate": "Where do we plan to be next (the alternate position)?",
        "role": "Who is the {role}?",
        "nobody": "Who are the buying influences in this deal?",
        "mode": "{name}: which response mode, and what shows it?",
        "mode_evidence": "{name}: what shows {value} mode?",
        "rating": "{name}: how much do they support us, and what shows it?",
        "rating_evidence": "{name}: what shows a rating of {value}?",
        "action": "What is the next best action: who does what by when?",
        "stale": "{what}: last confirmed {days} days ago",
        "stale_position": "Position {value}",
        "stale_mode": "{name}'s mode {value}",
        "stale_rating": "{name}'s rating {value}",
        # review_diff
        "slid": "Position slid: {old} → {new}",
        "rose": "Position rose: {old} → {new}",
        "alternate_moved": "Alternate position: {old} → {new}",
        "field": "{field}: {old} → {new}",
        "added": "New on the sheet: {name} ({role})",
        "removed": "Off the sheet: {name}",
        "rating_moved": "{name}: rating {old} → {new}",
        "mode_moved": "{name}: mode {old} → {new}",
        "role_moved": "{name}: role {old} → {new}",
        "mine_added": "Landmine added: {text}",
        "mine_cleared": "Landmine cleared: {text}",
        "mine_reopened": "Landmine back: {text}",
        "mine_disarmed": "Landmine answered by a bullet: {text}",
        "signal_moved": "{question} {old} → {new}",
        "status": "Status",
        "funnel": "Funnel",
        "outcome": "Outcome",
        "amount": "Amount",
        "completion_date": "Completion date",
    },
    "zh": {
        "evidence": "{indicator}：证据是什么？",
        "position": "我们现在在定位标尺上的什么位置？",
        "alternate": "下一步计划到达什么位置（期望位置）？",
        "role": "谁是{role}？",
        "nobody": "这个项目的采购影响者有哪些人？",
        "mode": "{name}：处于哪种反应模式，依据是什么？",
        "mode_evidence": "{name}：凭什么判断是{value}？",
        "rating": "{name}：对我们的支持度如何，依据是什么？",
        "rating_evidence": "{name}：支持度{value}的依据是什么？",
        "action": "下一个最佳行动是什么：谁在什么时候之前做什么？",
        "stale": "{what}：上次确认于{days}天前",
        "stale_position": "定位{value}",
        "stale_mode": "{name}的反应模式{value}",
        "stale_rating": "{name}的支持度{value}",
        "slid": "定位下滑：{old} → {new}",
        "rose": "定位上升：{old} → {new}",
        "alternate_moved": "期望位置：{old} → {new}",
        "field": "{field}:{old} → {new}",
        "added": "新加入：{name}（{role}）",
        "removed": "已移出：{name}",
        "rating_moved": "{name}：支持度 {old} → {new}",
        "mode_moved": "{name}：反应模式 {old} → {new}",
        "role_moved": "{name}：角色 {old} → {new}",
        "mine_added": "新增地雷：{text}",
        "mine_cleared": "地雷已排除：{text}",
        "mine_reopened": "地雷重现：{text}",
        "mine_disarmed": "地雷有了对付它的子弹：{text}",
        "signal_moved": "{question} {old} → {new}",
        "status": "状态",
        "funnel": "漏斗层级",
        "outcome": "结果",
        "amount": "金额",
        "completion_date": "完成日期",
    },
}


def words_for(settings: Settings | None) -> Mapping[str, str]:
    """The sheet-rule words in the configured language (English without settings)."""
    lang = settings.language if settings is not None else "en"
    return WORDS.get(lang, WORDS["en"])


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
    w = words_for(settings)
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
