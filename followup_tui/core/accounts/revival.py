"""Reviving a dormant account: a plan of regular attempts, never a silent drop (seed 004).

A dormant account bought from us once and stopped after a problem. Winning it
back takes a step-by-step plan: an attempt about every month
(`dormant.revival_days`), each bringing a new reason to talk (a new product, a
sample, a process change). "Selling starts at the fifth rejection": up to
`dormant.slow_after_rejections` rejections the rhythm holds; each rejection past
that adds `dormant.slow_step_days`, up to `dormant.slowest_days`. However often
it was turned down, the account comes back by then.

The attempt about to be made is counted from the rejections so far: after four
rejections comes attempt five. Both queue builders (`queue_builder.build_queue`
and `account_states.queue_keys`) and the call script ask this module, so they agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from followup_tui.core.base.config import RevivalParams
from followup_tui.core.base.vocabulary import shipped_words

# The seed's number: the attempt at which selling starts.
FIFTH = 5


def revival_gap(rejections: int, rules: RevivalParams) -> int:
    """Days to wait after an attempt, once the account has been turned down `rejections` times."""
    past = max(0, rejections - rules.slow_after_rejections)
    return max(1, min(rules.every_days + past * rules.slow_step_days, rules.slowest_days))


def next_revival(last_attempt: date | None, rejections: int, rules: RevivalParams) -> date | None:
    """The day the next attempt is due; None when never attempted (due at once)."""
    if last_attempt is None:
        return None
    return last_attempt + timedelta(days=revival_gap(rejections, rules))


def revival_due(
    last_attempt: date | None, rejections: int, rules: RevivalParams, today: date
) -> bool:
    """Whether a dormant account with no step scheduled is to be tried again on `today`."""
    due = next_revival(last_attempt, rejections, rules)
    return due is None or due <= today


def attempt_number(rejections: int) -> int:
    """The attempt about to be made: the rejections so far, plus this one."""
    return max(0, rejections) + 1


def attempt_words(rejections: int, language: str) -> str:
    """'attempt 5 - selling starts at the fifth rejection' (past it: keep going), in `language`."""
    n = attempt_number(rejections)
    key = "revival_attempt" if n <= FIFTH else "revival_attempt_past"
    return shipped_words(language, "reason_")[key].format(n=n)
