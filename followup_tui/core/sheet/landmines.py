"""Landmines the sheet finds by itself: risks read off the sheet every time it is shown.

They are never stored: fix the sheet and the landmine goes. Each rule has a stable
id (`FoundLandmine.rule`), a severity (high / medium / low) and a suggested action.
Rules about people run once per influence; a person gets one finding per rule, and
the EB and high-influence rules replace the general ones for the same person, so a
sheet never says the same thing twice. Rules about time (completion date, best
actions) only apply to an open deal: a won or lost deal has no next step.

Every person rated below zero is a landmine (`against_us`), its severity set by
the rating and the person's influence (`deal_review` in settings.yaml), and so is
every buying role nobody fills: what we do not know is a risk. So is not knowing
where we stand (`stand_unknown`): too few signals answered for a verdict; its
suggestion names the signals to find out first.

`sheet_landmines` is the sheet's one list: these findings plus the landmines the
rep recorded and has not resolved, each with its bullet (or none yet). The deal
list's count and the sheet's count are both `landmine_count` of it.

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
from followup_tui.core.sheet.position import DECISIVE, STAGES, UNKNOWN, Verdict, stage_of, verdict
from followup_tui.core.sheet.review_rules import review_rules
from followup_tui.core.sheet.room import Room
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetInfluence,
    days_old,
    rating_word,
    signal_specs,
)

SEVERITIES = ("high", "medium", "low")
NOT_RECEPTIVE = ("even_keel", "overconfident")  # EK and OC buy nothing until moved
HOSTILE_RATING = -4  # the shipped `deal_review.against_high_at`: kept for older callers
RECORDED = "recorded"  # the rule id of a landmine the rep wrote on the sheet
WRITTEN = (RECORDED, "landmine_unanswered")  # findings that show what the rep wrote


@dataclass(frozen=True, slots=True)
class FoundLandmine:
    """A risk the sheet shows by itself, with what to do about it."""

    rule: str  # stable id, one of RULES
    text: str
    suggestion: str
    severity: str  # high / medium / low
    influence_id: int | None = None
    ref_id: int | None = None  # the best action or recorded landmine it is about
    bullet_id: int | None = None  # a recorded landmine's bullet, when one disarms it
    # For a shared screen, decided from the fields that filled the text, never by reading it:
    # `private` when it carries a person (name, mode, rating: a rule run on someone, a
    # landmine tied to someone); `shared` a version that leaves the person out, when there is one.
    private: bool = False
    shared: str = ""
    doer: str = ""  # who does the best action it is about, as the rep wrote it

    def for_room(self, room: Room) -> str | None:
        """What a shared screen shows of the finding; None when it must be masked: it is
        about someone by the data, or what it would show names a coach, or the rep wrote
        it and it names anyone on the sheet (a rule's text names people only through its
        data; a rep's in words). Who does a best action shows unless it names a coach."""
        if self.private:
            return None
        shown = self.shared if self.shared and room.names_coach(self.doer) else self.text
        if room.names_coach(shown) or (self.rule in WRITTEN and room.names_anyone(shown)):
            return None
        return shown

    def fix_for_room(self, room: Room) -> str | None:
        """What a shared screen shows of the suggestion; None when the finding is masked."""
        return None if self.for_room(room) is None else self.suggestion


class _Ctx:
    """What every rule reads: the sheet, the day and the settings; `say` builds findings."""

    def __init__(
        self,
        sheet: BlueSheet,
        today: date,
        settings: Settings,
        signals: Verdict | None = None,
        explain: bool = True,
    ) -> None:
        self.sheet = sheet
        self.today = today
        self.settings = settings
        self.signals = signals  # the signals' verdict, when the caller has it already
        self.explain = explain  # False: findings without their text (counted, not read)
        self.lang = settings.language
        # <rule> is the finding, <rule>_fix what to do about it.
        self.words = settings.words("landmine_")
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
        shared: dict[str, object] | None = None,
        doer: str = "",
        **fields: object,
    ) -> FoundLandmine:
        """A finding of `rule` in the configured language, its {fields} filled in.

        A finding on a person is private (its text names them); `shared` are the fields
        that make a version of the text without the person, for a shared screen.
        """
        if not self.explain:
            who = None if influence is None else influence.id
            return FoundLandmine(rule, "", "", severity, who, ref_id, private=influence is not None)
        text, suggestion = self.words[rule], self.words[f"{rule}_fix"]
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
            private=influence is not None,
            shared="" if shared is None else text.format(**{**values, **shared}),
            doer=doer,
        )


Rule = Callable[[_Ctx], Iterator[FoundLandmine]]


def _roles(c: _Ctx) -> Iterator[FoundLandmine]:
    roles = {i.role for i in c.sheet.influences}
    if "economic_buyer" not in roles:
        yield c.say("no_economic_buyer", "high", role=c.settings.label("roles", "economic_buyer"))
    for role in ("user_buyer", "technical_buyer"):  # an unknown role is a risk (seed 003 part 3)
        if role not in roles:
            yield c.say("role_unfilled", "medium", role=c.settings.label("roles", role))
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
    rules = review_rules(c.settings)
    for inf in c.sheet.influences:
        if inf.rating is None:
            continue
        severity = rules.against_severity(inf.rating, inf.degree)
        if severity is not None:
            yield c.say("hostile_influence", severity, inf)


def _stand(c: _Ctx) -> Iterator[FoundLandmine]:
    deal = c.sheet.deal
    v = c.signals or verdict(c.sheet.answers(), stage_of(deal.status, deal.funnel), c.settings)
    if v.kind != UNKNOWN:
        return
    if not c.explain:
        yield c.say("stand_unknown", "high")
        return
    first = signals_to_find_first(c.sheet, c.settings)
    questions = c.words["question_join"].join(q for _, q in first)
    yield c.say("stand_unknown", "high", n=v.unknown, total=v.counted, questions=questions)


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
    words = c.words
    for inf in c.sheet.influences:
        stance = (("mode", inf.mode), ("rating", inf.rating))
        missing = [words[f"stance_{k}"] for k, v in stance if v is None]
        if missing:
            yield c.say("unknown_stance", "medium", inf, items=words["stance_join"].join(missing))


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
        yield c.say("sso_no_evidence", "high", items=c.words["list_join"].join(missing))


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
            # Who does it may be the coach: a shared screen then reads it without them.
            without: dict[str, object] | None = {"what": act.what} if act.who else None
            yield c.say(
                "action_overdue",
                "medium",
                ref_id=act.id,
                shared=without,
                doer=act.who,
                days=days,
                what=what,
            )


def _unanswered(c: _Ctx) -> Iterator[FoundLandmine]:
    for mine in c.sheet.landmines:
        if not mine.resolved and mine.bullet_id is None:
            inf = c.sheet.influence(mine.influence_id)
            yield c.say("landmine_unanswered", "low", inf, ref_id=mine.id, what=mine.text)


# (rule ids it yields, the rule, whether it needs an open deal), in display order.
_RULES: tuple[tuple[tuple[str, ...], Rule, bool], ...] = (
    (("no_economic_buyer", "role_unfilled", "no_coach"), _roles, False),
    (("eb_not_receptive", "not_receptive"), _modes, False),
    (("hostile_influence",), _hostile, False),
    (("stand_unknown",), _stand, True),
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


def find_landmines(
    sheet: BlueSheet,
    today: date,
    settings: Settings,
    signals: Verdict | None = None,
    *,
    explain: bool = True,
) -> list[FoundLandmine]:
    """Every landmine the sheet shows by itself today, most severe first.

    `signals`: the sheet's `position.verdict`, when the caller has it already;
    `explain=False`: each finding without its text and suggestion (for counting).
    """
    ctx = _Ctx(sheet, today, settings, signals, explain)
    is_open = sheet.deal.outcome == "open"
    found = [
        item for _, rule, needs_open in _RULES if is_open or not needs_open for item in rule(ctx)
    ]
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def signals_to_find_first(sheet: BlueSheet, settings: Settings) -> list[tuple[str, str]]:
    """(id, question) of the unanswered signals to find out first, at most `find_first`.

    The deal's own stage first (its decisive late signals before the others), then
    the stages before it, latest first: the news that would move the verdict most.
    """
    answers = sheet.answers()
    now = STAGES.index(stage_of(sheet.deal.status, sheet.deal.funnel))
    open_ones = [
        (sid, st, q)
        for sid, st, q in signal_specs(settings)
        if STAGES.index(st) <= now and answers.get(sid, "unknown") not in ("good", "bad")
    ]
    open_ones.sort(key=lambda s: (now - STAGES.index(s[1]), s[0] not in DECISIVE))
    return [(sid, q) for sid, _, q in open_ones[: review_rules(settings).find_first]]


def sheet_landmines(
    sheet: BlueSheet,
    today: date,
    settings: Settings,
    signals: Verdict | None = None,
    *,
    explain: bool = True,
) -> list[FoundLandmine]:
    """The sheet's one list of landmines, most severe first: what the rules find and
    every unresolved landmine the rep recorded (rule `RECORDED`, `ref_id` its id,
    `bullet_id` the bullet that disarms it or None: "no bullet yet").

    A recorded landmine without a bullet is medium, one with a bullet low; the
    rules' `landmine_unanswered` finding is folded into its recorded landmine, so
    nothing is listed twice. The deal list and the sheet both count this list.
    """
    found = [
        f
        for f in find_landmines(sheet, today, settings, signals, explain=explain)
        if f.rule != "landmine_unanswered"
    ]
    fix = settings.words("landmine_")["landmine_unanswered_fix"]
    for mine in sheet.landmines:
        if mine.resolved:
            continue
        severity = "low" if mine.bullet_id is not None else "medium"
        found.append(
            FoundLandmine(
                RECORDED,
                mine.text,
                "" if mine.bullet_id is not None else fix,
                severity,
                mine.influence_id,
                mine.id,
                mine.bullet_id,
                private=mine.influence_id is not None,
            )
        )
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def landmine_count(sheet: BlueSheet, today: date, settings: Settings) -> int:
    """How many landmines a sheet has: the one number the deal list and the sheet show."""
    return len(sheet_landmines(sheet, today, settings))
