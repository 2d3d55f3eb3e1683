"""Year-end verdicts kept per year, and what they ask of the year after (seed 004).

The year-end analysis proposes a verdict for each account (`core.review.year_end`);
the rep confirms it or picks another - move up to regular customer, still breaking
in, or drop - and the verdict is kept for that account and year with its day and
the proposal it answered. A confirmed verdict becomes a target of the next year:
the year-end review of year + 1 lists each one with the account's tier, class and
relationship today, and whether they already follow it:

- *move up*: followed once the account is an existing (regular) customer;
- *breaking in*: followed while the account keeps a place on the 5+5+5 board;
- *drop*: followed once the account is off the board (no tier) or archived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.review.year_end import PROPOSALS

VERDICTS = PROPOSALS  # move_up / breaking_in / drop


@dataclass(frozen=True, slots=True)
class Verdict:
    """The rep's verdict on an account's year."""

    account_id: int
    year: int
    verdict: str  # one of VERDICTS
    proposal: str  # what the analysis proposed when it was confirmed ('' unknown)
    confirmed_on: date

    @property
    def changed(self) -> bool:
        """The rep chose other than proposed."""
        return bool(self.proposal) and self.proposal != self.verdict


@dataclass(frozen=True, slots=True)
class AccountNow:
    """What a revisit compares a verdict with: the account as it is today."""

    account_id: int
    name: str
    tier: str | None
    quadrant: str | None
    relationship: str
    archived: bool


@dataclass(frozen=True, slots=True)
class Revisit:
    """A verdict of the year before as a target of this year."""

    account_id: int
    name: str
    verdict: str
    tier: str | None
    quadrant: str | None
    relationship: str
    followed: bool  # the account already follows the verdict (see the module doc)


def check_verdict(verdict: str) -> str:
    """A verdict key, or a FollowupError naming the known ones."""
    if verdict not in VERDICTS:
        raise FollowupError(f"verdict: {verdict!r} is not one of {', '.join(VERDICTS)}")
    return verdict


def follows(verdict: str, now: AccountNow) -> bool:
    """Whether the account as it is follows the verdict."""
    if verdict == "move_up":
        return now.relationship == "existing"
    if verdict == "drop":
        return now.archived or not now.tier
    return bool(now.tier) and not now.archived


def revisits(
    verdicts: Iterable[Verdict], accounts: Mapping[int, AccountNow]
) -> tuple[Revisit, ...]:
    """Last year's verdicts as this year's targets: those not yet followed first, by name."""
    out = []
    for v in verdicts:
        now = accounts.get(v.account_id)
        if now is None:  # the account was deleted since
            continue
        out.append(
            Revisit(
                v.account_id,
                now.name,
                v.verdict,
                now.tier,
                now.quadrant,
                now.relationship,
                follows(v.verdict, now),
            )
        )
    out.sort(key=lambda r: (r.followed, VERDICTS.index(r.verdict), r.name, r.account_id))
    return tuple(out)
