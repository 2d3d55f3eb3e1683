"""The call's rules: is it worth making, where a note line is filed, what step comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from followup_tui.core.accounts.cadence import Proposal, keep_scheduled, propose_next
from followup_tui.core.accounts.heat_state import heat_now
from followup_tui.core.base.config import Settings
from followup_tui.core.base.paths import default_config_path
from followup_tui.core.base.records import ActivityRec, ContactRec
from followup_tui.core.call.call_checks import WorthCheck, worth_calling


def file_target(
    kind: str, influence_id: int | None, deal_id: int | None, fallback_deal_id: int | None
) -> tuple[int | None, str | None]:
    """The deal a note line of `kind` goes on, or None and the vocabulary key of why not.

    A win, a rating or a mode is the person's: it needs them on the deal's blue
    sheet. A landmine or bullet is about the deal, not the person: it goes on the
    account's deal even when the person is not on its sheet.
    """
    if influence_id is not None and deal_id is not None:
        return deal_id, None
    if kind in ("landmine", "bullet"):
        return fallback_deal_id, None if fallback_deal_id is not None else "no_deal_for"
    return None, "no_sheet_no_deal" if fallback_deal_id is None else "not_on_sheet"


def next_step(
    today: dt.date,
    quadrant: str | None,
    settings: Settings,
    *,
    completions: Iterable[dt.date | None],
    open_follow_ups: Sequence[Mapping[str, Any]],
    follow_up_id: int | None,
    purpose: str,
    outcome: str | None = None,
    contact: ContactRec | None = None,
    dormant_rejections: int | None = None,
) -> tuple[Proposal, str]:
    """The next date to propose after the call, and its purpose.

    A follow-up still ahead is the date the rep already chose: offered back, since
    saving replaces it, with its purpose when it is not the one being worked.
    `outcome` and `contact` (the person called) place a retry after no answer.
    """
    completion = min((d for d in completions if d), default=None)
    ahead = next((f for f in open_follow_ups if f["due"] > today), None)
    proposal = keep_scheduled(
        propose_next(
            today,
            quadrant,
            settings,
            deal_completion=completion,
            outcome=outcome,
            contact=contact,
            dormant_rejections=dormant_rejections,
        ),
        ahead["due"] if ahead else None,
        today,
    )
    if ahead is not None and ahead["id"] != follow_up_id and ahead["purpose"]:
        purpose = ahead["purpose"]
    return proposal, purpose


def with_commitment(
    note: str, commitment: str | None, ask: str, minimum: str, settings: Settings
) -> str:
    """The notes, plus which planned commitment the call obtained (the call-plan discipline)."""
    key = {"asked": "got_asked", "minimum": "got_minimum", "none": "got_none"}.get(commitment or "")
    line = settings.word(key).format(ask=ask, minimum=minimum) if key else ""
    return f"{note}\n{line}".strip() if line else note


def user_config_file(settings: Settings) -> str:
    """The config file the rep edits: the one loaded on top of the defaults, else the default."""
    # The shipped defaults are named "config/<name>.yaml"; anything else came from the user.
    loaded = [s for s in settings.sources if not s.startswith("config/")]
    return loaded[-1] if loaded else str(default_config_path())


def worth_another_call(
    account: Mapping[str, Any],
    history: Sequence[ActivityRec],
    open_deals: Sequence[Mapping[str, Any]],
    today: dt.date,
    settings: Settings,
    *,
    next_due: dt.date | None = None,
) -> WorthCheck:
    """Whether the account is worth this call: its heat, rejections and the first deal's fit.

    `next_due` is the next scheduled follow-up: "cooling" is judged against it, as the
    queue judges it (`heat_state`).
    """
    now = heat_now(history, today, account["quadrant"], settings, anchor=account.get("heat_anchor"))
    fit = {}
    if open_deals:
        deal = open_deals[0]
        fit = {k: deal[f"fit_{k}"] for k in ("credit", "need_fit", "loyalty")}
    return worth_calling(
        account["quadrant"],
        now.report.value,
        account["rejection_count"],
        fit,
        settings,
        relationship=account["relationship"],
        trend=now.trend,
        next_in=None if next_due is None else (next_due - today).days,
    )
