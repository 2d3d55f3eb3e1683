"""Plain, frozen records the data layer fills and the engine reads.

The engine (heat, cadence, due queue) never sees a Peewee model: the data layer
turns rows into these records, so the engine is plain Python, fast and easy to
test. Named tuples, not frozen dataclasses: the queue reads some 100,000 of them
at 10,000 accounts, and a named tuple is built three times faster. Only the
fields the rules need are here. Ids are the database ids.
Dates are calendar dates; an activity's `occurred_on` is the rep's local date
of its UTC timestamp, chosen by the data layer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

# An account not yet judged (no willingness or need) is treated like class C for
# decay, threshold and cadence: it deserves a regular rhythm while it is being
# qualified; D's slow rate would let a new account go cold unseen.
UNJUDGED_CLASS = "C"


def effective_class(quadrant: str | None) -> str:
    """The class whose parameters apply: the account's own, or C while unjudged."""
    return quadrant or UNJUDGED_CLASS


class AccountRec(NamedTuple):
    """An account's state as the queue needs it."""

    id: int
    name: str
    quadrant: str | None = None  # A/B/C/D, None while unjudged
    relationship: str = "target"  # existing / dormant / target
    tier: str | None = None
    rejection_count: int = 0
    archived: bool = False
    stop_reason: str = ""
    # On this day the account's heat was this value: activities on or before it no
    # longer move heat; decay and gains continue from it (see core.accounts.heat_anchor).
    heat_anchor: tuple[date, float] | tuple[date, float, int] | None = None


class ContactRec(NamedTuple):
    """A key person: who to call, and when they like to be called."""

    id: int
    account_id: int
    name: str
    time_zone: str = ""  # IANA name, e.g. Asia/Shanghai; "" when unknown
    call_window_start: str = ""  # "09:00", local to the contact
    call_window_end: str = ""  # "17:30"
    level: int | None = None  # involvement 1-5


class ActivityRec(NamedTuple):
    """A call, visit, email or meeting that happened."""

    id: int
    account_id: int
    occurred_on: date
    kind: str = "call"
    outcome: str | None = None
    contact_id: int | None = None
    deal_id: int | None = None
    notes: str = ""
    our_commitments: str = ""
    their_commitments: str = ""


class FollowUpRec(NamedTuple):
    """A dated next step with an account."""

    id: int
    account_id: int
    due: date
    purpose: str = ""
    done: bool = False
    contact_id: int | None = None
    deal_id: int | None = None


class DealRec(NamedTuple):
    """A Single Sales Objective: its amount, completion date and outcome."""

    id: int
    account_id: int
    title: str
    amount: Decimal | None = None
    completion_date: date | None = None
    outcome: str = "open"  # open / won / lost


class PurchaseRec(NamedTuple):
    """A past purchase, for buying-season prediction."""

    account_id: int
    purchased_on: date
    amount: Decimal | None = None


class BestActionRec(NamedTuple):
    """A deal's best action: who does what by when."""

    id: int
    deal_id: int
    who: str
    what: str
    due: date | None = None
    done: bool = False
