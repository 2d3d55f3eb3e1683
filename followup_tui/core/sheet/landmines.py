"""Landmines the sheet finds by itself: risks read off the sheet every time it is shown.

They are never stored: fix the sheet and the landmine goes. Each rule has a stable
id (`FoundLandmine.rule`), a severity (high / medium / low) and a suggested action.
Rules about people run once per influence; a person gets one finding per rule, and
the EB and high-influence rules replace the general ones for the same person, so a
sheet never says the same thing twice. Rules about time (completion date, best
actions) only apply to an open deal: a won or lost deal has no next step.

The new-player rule skips people added within a day of the deal itself: everyone
on a sheet being drawn for the first time is new, and that is not a change in the
customer's organisation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS, SSO_INDICATORS
from followup_tui.core.queue.queue_words import say
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetInfluence, days_old, rating_word

SEVERITIES = ("high", "medium", "low")
NOT_RECEPTIVE = ("even_keel", "overconfident")  # EK and OC buy nothing until moved
HOSTILE_RATING = -4  # rated this or lower: actively against us

# Rule id -> (text, suggested action), per language. Domain words (roles, modes,
# indicators, fit questions) come from config labels and fill the {fields}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "no_economic_buyer": (
            "No {role} named",
            "Ask the coach who releases the money for this deal and add that person as {role}.",
        ),
        "eb_not_receptive": (
            "{name}, the {role}, is in {mode} mode and will buy nothing until moved",
            "Show {name} a gap ({growth}) or a problem ({trouble}) this deal closes; "
            "let a supporter press if needed.",
        ),
        "no_coach": (
            "No {role}: nobody guides us from the inside",
            "Find someone who wants us to win and has credibility with the buyer; develop them.",
        ),
        "hostile_influence": (
            "{name} is rated {rating}: against us",
            "Find what {name} loses if we win; use a bullet or a supporter as a lever.",
        ),
        "high_never_contacted": (
            "{name} has high influence and has never been contacted",
            "Meet {name} first: a high-influence person we have not met is against us.",
        ),
        "new_player": (
            "{name} is a new player (added {days} days ago)",
            "Learn what {name} wants from this deal before they settle against us.",
        ),
        "never_contacted": (
            "{name} has never been contacted: no contact means opposition",
            "Plan a call or a meeting with {name}, through the coach if needed.",
        ),
        "not_receptive": (
            "{name} is in {mode} mode and will buy nothing until moved",
            "Show {name} a gap ({growth}) or a problem ({trouble}) this deal closes.",
        ),
        "unknown_stance": (
            "{name}: {items} unknown",
            "Find out at the next contact with {name}, or ask the coach.",
        ),
        "role_by_title": (
            "{name} is {role} by title only, with no evidence of their part in this deal",
            "Confirm what {name} really does in this purchase: releases money, uses, screens "
            "or guides.",
        ),
        "poor_fit": (
            "Poor ideal-customer fit: {items}",
            "Decide with your manager whether this deal deserves the effort, and on what terms.",
        ),
        "sso_no_evidence": (
            "No evidence for {items}: the deal is out of control",
            "Get a fact from the customer for each: a document, a date, a name.",
        ),
        "completion_passed": (
            "The completion date {date} passed {days} days ago",
            "Test the deal with the customer: a new date with evidence, or close it as lost.",
        ),
        "no_best_action": (
            "No open best action",
            "Write who does what by when, aimed at a landmine or a win.",
        ),
        "action_overdue": (
            "Best action overdue by {days} days: {what}",
            "Do it today, or replan it with a new date.",
        ),
        "landmine_unanswered": (
            "No bullet against the landmine: {what}",
            "Look for a bullet that disarms it, or plan an action that removes it.",
        ),
    },
    "zh": {
        "no_economic_buyer": (
            "没有确定{role}",
            "问教练这个项目的钱由谁批准，把此人加为{role}。",
        ),
        "eb_not_receptive": (
            "{role}{name}处于{mode}，不改变就不会购买",
            "让{name}看到本项目能弥补的差距（{growth}）或解决的问题（{trouble}）；必要时请支持者施压。",
        ),
        "no_coach": (
            "没有{role}：内部没人给我们指路",
            "找一位希望我们赢、且在客户内部有信誉的人，把他发展为教练。",
        ),
        "hostile_influence": (
            "{name}的支持度为{rating}：反对我们",
            "弄清我们赢了{name}会失去什么；用子弹或支持者去撬动。",
        ),
        "high_never_contacted": (
            "{name}影响力高，却从未接触过",
            "先见{name}：没有接触过的高影响力人物就是反对者。",
        ),
        "new_player": (
            "{name}是新人（{days}天前加入）",
            "在{name}形成反对意见之前，弄清他想从这个项目得到什么。",
        ),
        "never_contacted": (
            "从未接触过{name}：没有接触就意味着反对",
            "安排与{name}通话或见面，必要时请教练引荐。",
        ),
        "not_receptive": (
            "{name}处于{mode}，不改变就不会购买",
            "让{name}看到本项目能弥补的差距（{growth}）或解决的问题（{trouble}）。",
        ),
        "unknown_stance": (
            "{name}：{items}未知",
            "下次接触{name}时弄清楚，或者问教练。",
        ),
        "role_by_title": (
            "{name}仅凭职位被定为{role}，没有他在本项目中作用的证据",
            "确认{name}在这次采购中的真实作用：批钱、使用、把关还是指路。",
        ),
        "poor_fit": (
            "与理想客户不匹配：{items}",
            "和经理商定这个项目是否值得投入，以及在什么条件下投入。",
        ),
        "sso_no_evidence": (
            "{items}没有证据：项目处于失控状态",
            "为每一项向客户拿到事实：文件、日期或人名。",
        ),
        "completion_passed": (
            "完成日期{date}已过去{days}天",
            "和客户重新确认：有证据的新日期，或者以丢单结束。",
        ),
        "no_best_action": (
            "没有未完成的最佳行动",
            "写下谁在什么时候之前做什么，针对一个地雷或一个赢。",
        ),
        "action_overdue": (
            "最佳行动已逾期{days}天：{what}",
            "今天就做，或者重新安排日期。",
        ),
        "landmine_unanswered": (
            "没有子弹对付的地雷：{what}",
            "找一颗能拆除它的子弹，或安排一个消除它的行动。",
        ),
    },
}
STANCE_WORDS = {
    "en": {"mode": "response mode", "rating": "rating", "join": " and "},
    "zh": {"mode": "反应模式", "rating": "支持度", "join": "和"},
}
LIST_JOIN = {"en": ", ", "zh": "、"}


@dataclass(frozen=True, slots=True)
class FoundLandmine:
    """A risk the sheet shows by itself, with what to do about it."""

    rule: str  # stable id, one of RULES
    text: str
    suggestion: str
    severity: str  # high / medium / low
    influence_id: int | None = None
    ref_id: int | None = None  # the best action or recorded landmine it is about


class _Ctx:
    """What every rule reads: the sheet, the day and the settings; `say` builds findings."""

    def __init__(self, sheet: BlueSheet, today: date, settings: Settings) -> None:
        self.sheet = sheet
        self.today = today
        self.settings = settings
        self.lang = settings.language if settings.language in WORDS else "en"
        self.modes = {
            "growth": settings.label("response_modes", "growth"),
            "trouble": settings.label("response_modes", "trouble"),
        }

    def say(
        self,
        rule: str,
        severity: str,
        influence: SheetInfluence | None = None,
        ref_id: int | None = None,
        **fields: object,
    ) -> FoundLandmine:
        """A finding of `rule` in the configured language, its {fields} filled in."""
        text, suggestion = WORDS[self.lang][rule]
        values: dict[str, object] = {**self.modes, **fields}
        if influence is not None:
            values.setdefault("name", influence.name)
            values.setdefault("role", self.settings.label("roles", influence.role))
            values.setdefault("mode", self.settings.label("response_modes", influence.mode))
            values.setdefault("rating", rating_word(influence.rating))
        return FoundLandmine(
            rule,
            text.format(**values),
            suggestion.format(**values),
            severity,
            None if influence is None else influence.id,
            ref_id,
        )


Rule = Callable[[_Ctx], Iterator[FoundLandmine]]


def _roles(c: _Ctx) -> Iterator[FoundLandmine]:
    roles = {i.role for i in c.sheet.influences}
    if "economic_buyer" not in roles:
        yield c.say("no_economic_buyer", "high", role=c.settings.label("roles", "economic_buyer"))
    if "coach" not in roles:
        yield c.say("no_coach", "medium", role=c.settings.label("roles", "coach"))


def _modes(c: _Ctx) -> Iterator[FoundLandmine]:
    for inf in c.sheet.influences:
        if inf.mode not in NOT_RECEPTIVE:
            continue
        if inf.role == "economic_buyer":
            yield c.say("eb_not_receptive", "high", inf)
        else:
            yield c.say("not_receptive", "high" if inf.degree == "high" else "medium", inf)


def _hostile(c: _Ctx) -> Iterator[FoundLandmine]:
    for inf in c.sheet.influences:
        if inf.rating is not None and inf.rating <= HOSTILE_RATING:
            yield c.say("hostile_influence", "high", inf)


def _contact(c: _Ctx) -> Iterator[FoundLandmine]:
    for inf in c.sheet.influences:
        if inf.contacted:
            continue
        if inf.degree == "high":
            yield c.say("high_never_contacted", "high", inf)
        else:
            yield c.say("never_contacted", "medium", inf)


def _new_players(c: _Ctx) -> Iterator[FoundLandmine]:
    deal_age = days_old(c.sheet.deal.created_at, c.today)
    for inf in c.sheet.influences:
        age = days_old(inf.added_at, c.today)
        if age is None or not 0 <= age <= c.settings.new_player_days:
            continue
        if deal_age is not None and deal_age - age <= 1:
            continue  # on the sheet from its first day: part of the first map, not a change
        yield c.say("new_player", "medium", inf, days=age)


def _unknown(c: _Ctx) -> Iterator[FoundLandmine]:
    words = STANCE_WORDS[c.lang]
    for inf in c.sheet.influences:
        missing = [words[k] for k, v in (("mode", inf.mode), ("rating", inf.rating)) if v is None]
        if missing:
            yield c.say("unknown_stance", "medium", inf, items=words["join"].join(missing))


def _title_only(c: _Ctx) -> Iterator[FoundLandmine]:
    for inf in c.sheet.influences:
        if not inf.role_evidence.strip():
            yield c.say("role_by_title", "low", inf)


def _fit(c: _Ctx) -> Iterator[FoundLandmine]:
    deal = c.sheet.deal
    bad = [c.settings.label("fit_questions", q) for q in FIT_QUESTIONS if deal.fit(q) == "bad"]
    if bad:
        yield c.say("poor_fit", "medium", items=" ".join(bad))


def _evidence(c: _Ctx) -> Iterator[FoundLandmine]:
    missing = [
        c.settings.label("sso_indicators", key)
        for key in SSO_INDICATORS
        if not c.sheet.deal.evidence(key).strip()
    ]
    if missing:
        yield c.say("sso_no_evidence", "high", items=LIST_JOIN[c.lang].join(missing))


def _completion(c: _Ctx) -> Iterator[FoundLandmine]:
    when = c.sheet.deal.completion_date
    if when is not None and when < c.today:
        yield c.say("completion_passed", "high", date=when.isoformat(), days=(c.today - when).days)


def _actions(c: _Ctx) -> Iterator[FoundLandmine]:
    open_actions = [a for a in c.sheet.actions if not a.done]
    if not open_actions:
        yield c.say("no_best_action", "high")
    for act in open_actions:
        if act.due is not None and act.due < c.today:
            # "教练：确认…" in Chinese: the join is the language's, as in the queue.
            what = say(c.lang, "who_what", who=act.who, what=act.what) if act.who else act.what
            days = (c.today - act.due).days
            yield c.say("action_overdue", "medium", ref_id=act.id, days=days, what=what)


def _unanswered(c: _Ctx) -> Iterator[FoundLandmine]:
    for mine in c.sheet.landmines:
        if not mine.resolved and mine.bullet_id is None:
            inf = c.sheet.influence(mine.influence_id)
            yield c.say("landmine_unanswered", "low", inf, ref_id=mine.id, what=mine.text)


# (rule ids it yields, the rule, whether it needs an open deal), in display order.
_RULES: tuple[tuple[tuple[str, ...], Rule, bool], ...] = (
    (("no_economic_buyer", "no_coach"), _roles, False),
    (("eb_not_receptive", "not_receptive"), _modes, False),
    (("hostile_influence",), _hostile, False),
    (("high_never_contacted", "never_contacted"), _contact, False),
    (("new_player",), _new_players, False),
    (("unknown_stance",), _unknown, False),
    (("role_by_title",), _title_only, False),
    (("poor_fit",), _fit, False),
    (("sso_no_evidence",), _evidence, False),
    (("completion_passed",), _completion, True),
    (("no_best_action", "action_overdue"), _actions, True),
    (("landmine_unanswered",), _unanswered, False),
)
RULES: tuple[str, ...] = tuple(rule for ids, _, _ in _RULES for rule in ids)


def find_landmines(sheet: BlueSheet, today: date, settings: Settings) -> list[FoundLandmine]:
    """Every landmine the sheet shows by itself today, most severe first."""
    ctx = _Ctx(sheet, today, settings)
    is_open = sheet.deal.outcome == "open"
    found = [
        item for _, rule, needs_open in _RULES if is_open or not needs_open for item in rule(ctx)
    ]
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))
