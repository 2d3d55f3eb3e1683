"""What the call script screen reads about an account and the person being called."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.records import ActivityRec
from followup_tui.core.call.value_offers import DueAction
from followup_tui.db.accounts import activity_records, as_record, get_account
from followup_tui.db.contacts import list_contacts
from followup_tui.db.models import Activity, BestAction, Deal, FollowUp, Influence, Purchase
from followup_tui.db.query_rows import dict_rows, tuple_rows


@dataclass(frozen=True)
class CallData:
    """An account's facts for a call: who, history, deals, and the person's stance."""

    account: dict[str, Any]
    contacts: list[dict[str, Any]]
    history: tuple[ActivityRec, ...]  # newest first
    won_deals: int
    purchases: int
    open_deals: list[dict[str, Any]]
    follow_up: dict[str, Any] | None
    role: str | None
    mode: str | None
    influence_id: int | None  # the person's line on an open deal's blue sheet
    deal_id: int | None  # that line's deal
    # Where a landmine or bullet goes when the person has no line: the account's only
    # open deal, or the one closing soonest; None when the account has no open deal.
    fallback_deal_id: int | None = None
    # The rep's quick notes, newest first: shown to the rep as theirs, never bridged from.
    rep_notes: tuple[ActivityRec, ...] = ()
    # Every open follow-up, soonest first: logging the call closes them all.
    open_follow_ups: tuple[dict[str, Any], ...] = ()
    # Undone best actions of the open deals: raised on the call when due soon.
    actions: tuple[DueAction, ...] = ()
    # Whom a call opened without naming a person is with: the open follow-up's
    # person, else the first key person (None: the account has none).
    default_contact_id: int | None = None

    def contact(self, contact_id: int | None) -> dict[str, Any] | None:
        """One of the account's key people, by id; None when not one of them."""
        return next((c for c in self.contacts if c["id"] == contact_id), None)

    def deal_title(self, deal_id: int | None) -> str:
        """The title of one of the account's open deals, for messages."""
        return next((d["title"] for d in self.open_deals if d["id"] == deal_id), "the deal")


def nearest_open_deal(open_deals: list[dict[str, Any]]) -> int | None:
    """The open deal a note belongs to when no person ties it: the one closing soonest."""
    if not open_deals:
        return None
    # Undated deals go last; the id breaks ties so the choice is stable.
    soonest = min(open_deals, key=lambda d: (d["completion_date"] or dt.date.max, d["id"]))
    return int(soonest["id"])


REP_NOTES_SHOWN = 3


def rep_notes(account_id: int, limit: int = REP_NOTES_SHOWN) -> tuple[ActivityRec, ...]:
    """The account's latest quick notes, newest first (`activity_records` leaves them out)."""
    query = (
        Activity.select()
        .where((Activity.account == account_id) & (Activity.kind == "note"))
        .order_by(Activity.occurred_at.desc(), Activity.id.desc())
        .limit(limit)
    )
    return tuple(as_record(a) for a in query)


def open_actions(account_id: int) -> tuple[DueAction, ...]:
    """The account's undone best actions on open deals, soonest first (undated last)."""
    query = (
        BestAction.select(BestAction.id, BestAction.what, BestAction.due)
        .join(Deal)
        .where(
            (Deal.account == account_id) & (Deal.outcome == "open") & (BestAction.done == False)  # noqa: E712
        )
        .order_by(BestAction.due.asc(nulls="last"), BestAction.id)
        .tuples()
    )
    return tuple(DueAction(aid, what, due) for aid, what, due in tuple_rows(query))


def call_data(account_id: int, contact_id: int | None = None) -> CallData:
    """Gather what the script needs in a handful of small queries."""
    deals = dict_rows(Deal.select().where(Deal.account == account_id).dicts())
    open_follow_ups = tuple(
        dict_rows(
            FollowUp.select()
            .where((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
            .order_by(FollowUp.due, FollowUp.id)
            .dicts()
        )
    )
    follow_up = open_follow_ups[0] if open_follow_ups else None
    contacts = list_contacts(account_id)
    # Default to the first key person before reading the stance, so the person the
    # script addresses and the person notes are filed for are the same.
    default = follow_up["contact"] if follow_up is not None else None
    if default is None and contacts:
        default = contacts[0]["id"]
    if contact_id is None:
        contact_id = default
    role = mode = influence_id = deal_id = None
    if contact_id is not None:
        stance = (
            Influence.select(Influence.role, Influence.mode, Influence.id, Influence.deal)
            .join(Deal)
            .where((Influence.contact == contact_id) & (Deal.outcome == "open"))
            .order_by(Influence.added_at.desc())
            .tuples()
            .first()
        )
        if stance is not None:
            role, mode, influence_id, deal_id = stance
    open_deals = [d for d in deals if d["outcome"] == "open"]
    account = get_account(account_id)
    account["contact_id"] = contact_id
    return CallData(
        account=account,
        contacts=contacts,
        history=tuple(reversed(activity_records(account_id))),
        won_deals=sum(1 for d in deals if d["outcome"] == "won"),
        purchases=Purchase.select().where(Purchase.account == account_id).count(),
        open_deals=open_deals,
        follow_up=follow_up,
        role=role,
        mode=mode,
        influence_id=influence_id,
        deal_id=deal_id,
        fallback_deal_id=nearest_open_deal(open_deals),
        rep_notes=rep_notes(account_id),
        open_follow_ups=open_follow_ups,
        actions=open_actions(account_id),
        default_contact_id=default,
    )


# What a note line can be filed as while on a call, and where it goes.
FILE_KINDS = ("landmine", "bullet", "win", "rating", "mode")


# Each filed line is one list item in the Markdown sheet, so appended evidence must
# not bring a newline with it.
EVIDENCE_JOIN = "; "


def file_note_line(kind: str, text: str, deal_id: int, influence_id: int | None) -> None:
    """File one line of call notes on the blue sheet: so the sheet fills itself from calls."""
    from followup_tui.db.sheets import save_bullet, save_influence, save_landmine

    # Landmines and bullets belong to the deal, so they may have no influence; a win,
    # rating or mode evidence is one person's judgement and needs their line.

    if kind == "landmine":
        save_landmine(
            {"deal": deal_id, "category": "other", "text": text, "influence": influence_id}
        )
    elif kind == "bullet":
        save_bullet(
            {"deal": deal_id, "category": "difference", "text": text, "influence": influence_id}
        )
    else:
        if influence_id is None:
            raise ValueError(f"filing a {kind} needs the person's buying influence")
        field = {"win": "personal_win", "rating": "rating_evidence", "mode": "mode_evidence"}[kind]
        current = getattr(Influence.get_by_id(influence_id), field).strip()
        joined = f"{current}{EVIDENCE_JOIN}{text}" if current else text
        # Saving new evidence stamps the judgement as confirmed today.
        save_influence({field: joined}, influence_id)
