"""Something new, prepared: every reason to call that the data already holds.

Seed 003 part 5: each follow-up call brings something new of value - a promised
answer, a change in their business, a price to confirm, a new product. Most of
those are already in the record: what we promised on the last contact, the
questions left open in its notes, what they were going to do, best actions due,
the rep's notes since, the amounts of open deals. They are offered ready to
pick, with the rep's own talking points (new products, cases, events) that have
not expired. What was picked or typed is kept as the call's value draft.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from followup_tui.core.base.records import ActivityRec
from followup_tui.core.call.script import bridge_source, first_line, is_contact
from followup_tui.core.call.script_words import phrase as _t

ACTION_AHEAD_DAYS = 7  # a best action due within a week is worth raising on this call
OFFER_WIDTH = 70  # cells of a quoted line in an offer
_QUESTION = re.compile(r"[?？]")
TALKING_POINT_KINDS = ("product", "case", "event", "other")


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    """Something new the rep keeps to bring up: a product, a case, an event."""

    id: int
    en: str
    zh: str
    kind: str = "product"
    expires_on: dt.date | None = None  # the last day it may be offered; None: no end

    def text(self, language: str) -> str:
        """The point in `language`, the other language when that one is blank."""
        first, other = (self.zh, self.en) if language == "zh" else (self.en, self.zh)
        return (first or other).strip()

    def live(self, today: dt.date) -> bool:
        """Whether it may still be offered: not past its expiry day."""
        return self.expires_on is None or today <= self.expires_on

    def fields(self) -> dict[str, object]:
        """The point as its form holds it (what an edit made elsewhere is told by)."""
        return {"kind": self.kind, "en": self.en, "zh": self.zh, "expires_on": self.expires_on}


@dataclass(frozen=True, slots=True)
class DueAction:
    """A best action on one of the account's open deals, not done yet."""

    id: int
    what: str
    due: dt.date | None


@dataclass(frozen=True, slots=True)
class OpenDeal:
    """An open deal whose amount the call can confirm."""

    id: int
    title: str
    amount: str  # as shown ("120,000.00"); "" when no amount is set


@dataclass(frozen=True, slots=True)
class Offer:
    """One reason to call, ready to pick: its stable key, its kind and its text."""

    key: str  # "owed:12", "point:3"...: what the draft remembers
    kind: str  # owed / open_question / theirs / action / news / price / point
    text: str


def value_offers(
    *,
    history: Sequence[ActivityRec],
    today: dt.date,
    language: str,
    contact_id: int | None = None,
    rep_notes: Iterable[ActivityRec] = (),
    actions: Iterable[DueAction] = (),
    deals: Iterable[OpenDeal] = (),
    points: Iterable[TalkingPoint] = (),
) -> list[Offer]:
    """Every reason the data holds for this call, most pressing first."""
    offers: list[Offer] = []
    last = bridge_source(history, today, contact_id)
    if last is not None:
        offers.extend(_from_last_contact(last, language))
    for action in actions:
        if action.due is not None and action.due > today + dt.timedelta(days=ACTION_AHEAD_DAYS):
            continue
        when = action.due.isoformat() if action.due else "-"
        text = _t("offer_action", language, what=first_line(action.what, OFFER_WIDTH), due=when)
        offers.append(Offer(f"action:{action.id}", "action", text))
    since = last.occurred_on if last is not None else dt.date.min
    for note in rep_notes:
        # The rep's notes written since the last contact: news the customer has not heard.
        if note.occurred_on >= since and not is_contact(note) and note.notes.strip():
            text = _t("offer_news", language, note=first_line(note.notes, OFFER_WIDTH))
            offers.append(Offer(f"news:{note.id}", "news", text))
    for deal in deals:
        if deal.amount:
            text = _t("offer_price", language, deal=deal.title, amount=deal.amount)
            offers.append(Offer(f"price:{deal.id}", "price", text))
    for point in points:
        if point.live(today) and point.text(language):
            offers.append(Offer(f"point:{point.id}", "point", point.text(language)))
    return offers


def _from_last_contact(last: ActivityRec, language: str) -> list[Offer]:
    """What the last contact left owed: our promises, its open questions, their promises."""
    offers = []
    if last.our_commitments.strip():
        text = _t("offer_owed", language, what=first_line(last.our_commitments, OFFER_WIDTH))
        offers.append(Offer(f"owed:{last.id}", "owed", text))
    asked = [ln.strip() for ln in last.notes.splitlines() if _QUESTION.search(ln)]
    for n, line in enumerate(asked):
        text = _t("offer_question", language, question=first_line(line, OFFER_WIDTH))
        offers.append(Offer(f"question:{last.id}:{n}", "open_question", text))
    if last.their_commitments.strip():
        text = _t("offer_theirs", language, what=first_line(last.their_commitments, OFFER_WIDTH))
        offers.append(Offer(f"theirs:{last.id}", "theirs", text))
    return offers


@dataclass(frozen=True, slots=True)
class ValueDraft:
    """What the rep chose for the value section: an offer (by key and text) or typed text."""

    offer_key: str = ""
    offer_text: str = ""  # kept with the key: the offer may be gone when the call resumes
    typed: str = ""
    reason: str = ""  # a key of the configured generic `value_reasons`

    @property
    def chosen(self) -> str:
        """The value the script says: typed text first, then the offer, then the reason key."""
        return self.typed.strip() or self.offer_text or self.reason

    @property
    def shown(self) -> str:
        """What the value form's text box holds: the typed text, else the offer picked."""
        return self.typed or self.offer_text

    def to_text(self) -> str:
        """The draft as the text stored in the draft table."""
        return json.dumps(
            {
                "kind": "call_value",
                "offer_key": self.offer_key,
                "offer_text": self.offer_text,
                "typed": self.typed,
                "reason": self.reason,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_text(cls, text: str | None) -> ValueDraft:
        """The draft stored as `text`; an empty one when there is none or it is damaged."""
        try:
            data = json.loads(text or "")
        except ValueError:
            return cls()
        if not isinstance(data, dict) or data.get("kind") != "call_value":
            return cls()
        return cls(
            **{
                name: str(data.get(name) or "")
                for name in ("offer_key", "offer_text", "typed", "reason")
            }
        )

    def worded_as(self, offers: Sequence[Offer]) -> ValueDraft:
        """The draft with its offer's text as the offers word it now: picked in English,
        a call opened in Chinese says it in Chinese (an offer gone keeps its text)."""
        now = next((offer.text for offer in offers if offer.key == self.offer_key), None)
        return self if now is None or not self.offer_key else replace(self, offer_text=now)

    @property
    def empty(self) -> bool:
        """Nothing chosen: no draft needs keeping."""
        return not (self.offer_key or self.typed.strip() or self.reason)


def next_offer(offers: Sequence[Offer], current_key: str) -> Offer | None:
    """The offer after the one picked (the first when none is, or the last was): one key cycles."""
    if not offers:
        return None
    keys = [offer.key for offer in offers]
    if current_key in keys:
        return offers[(keys.index(current_key) + 1) % len(offers)]
    return offers[0]
