"""The honest verdict of a whole sheet: the signals' verdict, weighed by the rest of the sheet.

`position.verdict` reads the twelve signals and the two traps. A deal is more than
its signals (seed 003 parts 1 and 3), so `deal_verdict` caps that verdict, never
raises it:

- The rep's own position: below `deal_review.not_first_below` (0) it is not a
  first choice; at `stand_in_at` (-3, worried) or lower, at best a stand-in.
  "You may not be first if you think you are, but you are surely not first if
  you think you are not."
- Out of control: an SSO indicator without evidence caps it at contender.
- The worst landmines: `contender_high_mines` (2) high-severity landmines make it
  not a first choice, `stand_in_high_mines` (4) at best a stand-in.

An unknown verdict stays unknown: caps are not knowledge of where we stand with
the customer. Every cap that applies adds its reason, after the line that
decided the score, naming its threshold.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.landmines import FoundLandmine, sheet_landmines
from followup_tui.core.sheet.position import UNKNOWN, Verdict, cap, stage_of, verdict, words
from followup_tui.core.sheet.review_rules import review_rules
from followup_tui.core.sheet.sheet_records import BlueSheet, position_word


def deal_verdict(
    sheet: BlueSheet,
    today: date,
    settings: Settings,
    landmines: list[FoundLandmine] | None = None,
    signals: Verdict | None = None,
) -> Verdict:
    """The verdict of the whole sheet with its reasons (see the module doc).

    `landmines`: the sheet's `sheet_landmines`, `signals` its `position.verdict`,
    when the caller has them already.
    """
    deal = sheet.deal
    if signals is None:
        signals = verdict(sheet.answers(), stage_of(deal.status, deal.funnel), settings)
    if signals.kind == UNKNOWN:
        return signals
    rules, w = review_rules(settings), words(settings)
    kind, caps = signals.kind, []
    if deal.position is not None:
        where = position_word(deal.position, settings)
        if deal.position <= rules.stand_in_at:
            kind = cap(kind, "stand_in")
            caps.append(w["position_stand_in"].format(position=where, at=rules.stand_in_at))
        elif deal.position < rules.not_first_below:
            kind = cap(kind, "contender")
            caps.append(w["position_not_first"].format(position=where, at=rules.not_first_below))
    missing = [
        settings.label("sso_indicators", k) for k in SSO_INDICATORS if not deal.evidence(k).strip()
    ]
    if missing:
        kind = cap(kind, "contender")
        joined = settings.words("landmine_")["list_join"].join(missing)
        caps.append(w["out_of_control"].format(items=joined))
    if landmines is None:
        landmines = sheet_landmines(sheet, today, settings)
    high = sum(1 for m in landmines if m.severity == "high")
    if high >= rules.stand_in_high_mines:
        kind = cap(kind, "stand_in")
        caps.append(w["mines_stand_in"].format(n=high, at=rules.stand_in_high_mines))
    elif high >= rules.contender_high_mines:
        kind = cap(kind, "contender")
        caps.append(w["mines_contender"].format(n=high, at=rules.contender_high_mines))
    if not caps:
        return signals
    reasons = [signals.reasons[0], *caps, *signals.reasons[1:]]
    rules_said = [signals.rules[0], *caps, *signals.rules[1:]]
    return replace(signals, kind=kind, reasons=reasons, rules=rules_said)
