"""Where do we stand? The verdict from the twelve signals and the two traps (seed 003 part 1).

The stage in use follows the deal's status and funnel level (`stage_of`):

    late    status urgent, or funnel best few
    middle  otherwise: status in progress, or funnel in the funnel
    early   otherwise: status getting started or later, above the funnel or universe

Either marker is enough to move the deal on: a customer who has put us in the
funnel is past the first questions even if the rep still calls it "getting
started", and an urgent deal is in its last weeks wherever the funnel says.

The verdict (`verdict`) reads the answers of the signals of every stage up to
the one in use, and both traps:

- A good answer scores +2 in the current stage and +1 in an earlier one; a bad
  one costs 3 in the current stage and 1 in an earlier one (bad news now
  weighs more than bad news we have lived past). Unknown scores 0.
- A trap answered bad (the customer acts earlier than its real stage, or the
  roles see us differently) costs 2 and rules out first choice.
- The score is the sum over the most a full set of good answers would give,
  as -100..100: 50 or more is first choice, 0 or more contender, -50 or more
  stand-in, below that out.
- Late stage, the decisive signals: a sudden objection, price not negotiated
  seriously, the top boss not showing up. One answered bad caps the verdict at
  stand-in; two or more make it out, whatever else looks good.
- Too little answered (fewer than `deal_review.min_answered_percent` of the
  counted signals, 50 by default) and no decisive bad news: the verdict is
  *unknown*. Not knowing where we stand is itself a landmine (the sheet's
  `stand_unknown` rule names the signals to find out first). Known decisive bad
  news still counts: early bad news is good news. An unanswered trap is not
  counted: traps are checks on good news, not news.

Reasons start with the line that decided the kind (the score against its cut-off,
or how many signals are unknown against how many must be answered), then the
decisive signals, the caps, the other bad answers, the traps and the good
answers, each in the words of the config. `deal_verdict` (core.sheet.deal_verdict)
weighs the rest of the sheet on top: position, out-of-control SSO, landmines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from followup_tui.core.base.config import Settings
from followup_tui.core.sheet.review_rules import review_rules
from followup_tui.core.sheet.sheet_records import (
    good_replies,
    reply_word,
    signal_specs,
    trap_specs,
)

STAGES = ("early", "middle", "late")
KINDS = ("first_choice", "contender", "stand_in", "out")  # best first
UNKNOWN = "unknown"  # too little answered to say where we stand
ALL_KINDS = (*KINDS, UNKNOWN)
DECISIVE = ("no_sudden_objection", "price_negotiated", "top_boss_appears")
GOOD_NOW, GOOD_BEFORE = 2, 1
BAD_NOW, BAD_BEFORE = 3, 1
TRAP_COST = 2
FIRST_CHOICE_AT, CONTENDER_AT, STAND_IN_AT = 50, 0, -50


def stage_of(status: str, funnel: str) -> str:
    """The buying stage a deal is in: 'early', 'middle' or 'late' (see the module doc)."""
    if status == "urgent" or funnel == "best_few":
        return "late"
    if status == "in_progress" or funnel == "in":
        return "middle"
    return "early"


@dataclass(frozen=True)
class Verdict:
    """Where we stand: first choice, contender, stand-in or out, and why."""

    kind: str  # one of KINDS, or UNKNOWN
    reasons: list[str]
    score: int  # -100..100
    stage: str = "early"
    counted: int = 0  # signals read at this stage (traps apart)
    unknown: int = 0  # of those, not answered or answered unknown
    drivers: list[str] = field(default_factory=list)  # signal/trap ids behind the reasons
    # The reasons that are rules, not answers: the cut-off that decided and every cap.
    # A printed sheet shows these above its signal table, so no signal is listed twice.
    rules: list[str] = field(default_factory=list)


def words(settings: Settings) -> Mapping[str, str]:
    """The verdict's own words in the configured language: the vocabulary's verdict_<key>."""
    return settings.words("verdict_")


def kind_label(kind: str, settings: Settings) -> str:
    """A verdict kind or a stage for people: 'Stand-in', '陪标替补'."""
    return words(settings).get(kind, kind)


def _cap(kind: str, at_best: str) -> str:
    """The worse of two verdict kinds (unknown stays unknown: a cap is not knowledge)."""
    if kind == UNKNOWN:
        return kind
    return KINDS[max(KINDS.index(kind), KINDS.index(at_best))]


def cap(kind: str, at_best: str) -> str:
    """The worse of a verdict kind and a cap; an unknown verdict stays unknown."""
    return _cap(kind, at_best)


def score_line(score: int, kind: str, settings: Settings) -> str:
    """The threshold a score fell on: 'Score 12: contender (0 to 49)'."""
    cuts = {
        "first_choice": (FIRST_CHOICE_AT, None),
        "contender": (CONTENDER_AT, FIRST_CHOICE_AT - 1),
        "stand_in": (STAND_IN_AT, CONTENDER_AT - 1),
        "out": (None, STAND_IN_AT - 1),
    }
    low, high = cuts[kind]
    w = words(settings)
    if high is None:
        band = w["band_from"].format(low=low)
    elif low is None:
        band = w["band_below"].format(high=STAND_IN_AT)
    else:
        band = w["band"].format(low=low, high=high)
    return w["score_line"].format(score=score, kind=kind_label(kind, settings), band=band)


def verdict(
    answers: Mapping[str, str], stage: str, settings: Settings, *, explain: bool = True
) -> Verdict:
    """The verdict from signal and trap answers (id -> good/bad/unknown) at a stage.

    `explain=False`: the kind, score and counts only, every reason left empty - the
    pipeline judges thousands of sheets and shows none of their reasons.
    """
    w = words(settings)
    goods = good_replies(settings)
    now = STAGES.index(stage)
    counted = [(sid, st, q) for sid, st, q in signal_specs(settings) if STAGES.index(st) <= now]
    total = best = unknown = 0
    decisive: list[tuple[str, str]] = []
    bad: list[tuple[str, str]] = []
    good: list[tuple[str, str]] = []
    for sid, st, question in counted:
        current = STAGES.index(st) == now
        best += GOOD_NOW if current else GOOD_BEFORE
        answer = answers.get(sid, "unknown")
        reason = ""
        if explain:
            said = reply_word("bad" if answer == "bad" else "good", goods.get(sid, "yes"), settings)
            reason = f"{w[st]} · {question} {said}"
        if answer == "good":
            total += GOOD_NOW if current else GOOD_BEFORE
            good.append((sid, reason))
        elif answer == "bad":
            total -= BAD_NOW if current else BAD_BEFORE
            (decisive if stage == "late" and sid in DECISIVE else bad).append((sid, reason))
        else:
            unknown += 1
    traps = []
    for tid, question in trap_specs(settings):
        answer = answers.get(tid, "unknown")
        if answer == "bad":
            total -= TRAP_COST
            said = reply_word("bad", goods.get(tid, "no"), settings) if explain else ""
            traps.append((tid, f"{w['trap']} · {question} {said}" if explain else ""))
    n_counted = len(counted)
    score = max(-100, min(100, round(100 * total / best))) if best else 0
    if score >= FIRST_CHOICE_AT:
        kind = "first_choice"
    elif score >= CONTENDER_AT:
        kind = "contender"
    elif score >= STAND_IN_AT:
        kind = "stand_in"
    else:
        kind = "out"
    decided = score_line(score, kind, settings) if explain else ""
    caps: list[str] = []
    if len(decisive) >= 2:
        kind = "out"
        caps.append(w["decisive"].format(n=len(decisive)))
    elif decisive:
        kind = _cap(kind, "stand_in")
        caps.append(w["one_decisive"])
    if traps and kind == "first_choice":
        kind = "contender"
        caps.append(w["trap_cap"])
    need = review_rules(settings).needed(n_counted)
    if (not n_counted or n_counted - unknown < need) and not decisive:
        kind = UNKNOWN
        decided = w["unknowns"].format(n=unknown, total=n_counted, need=need)
    # Bad news first: it is what the rep must act on (or walk away from).
    driving = [*decisive, *bad, *traps]
    reasons = [decided, *[r for _, r in decisive], *caps]
    reasons += [r for _, r in (*bad, *traps, *good)]
    return Verdict(
        kind,
        reasons,
        score,
        stage,
        n_counted,
        unknown,
        [sid for sid, _ in (*driving, *good)],
        [decided, *caps],
    )
