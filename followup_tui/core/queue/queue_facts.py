"""The facts a queue build reads per account: its inputs indexed in one pass each.

`followup_tui.core.queue.queue_builder` subclasses `QueueFacts` with the section
rules; keeping the indexing here leaves the builder to say who is due and why.
The indexes are plain instance attributes, so the per-row lookups stay one dict
`get` each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from followup_tui.core.accounts.cadence import skips_weekends
from followup_tui.core.accounts.heat import heat_model
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    ContactRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
)
from followup_tui.core.call.call_window import callable_now
from followup_tui.core.queue.priority import DealFacts
from followup_tui.core.queue.queue_words import words

NOTES_EXCERPT = 60


def excerpt(text: str) -> str:
    """The first line of a note, shortened for a queue row."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= NOTES_EXCERPT else line[: NOTES_EXCERPT - 1] + "…"


def group_by_account(activities: Iterable[ActivityRec]) -> dict[int, list[ActivityRec]]:
    """Activities by account id, in one pass."""
    groups: dict[int, list[ActivityRec]] = {}
    for a in activities:
        bucket = groups.get(a.account_id)
        if bucket is None:
            groups[a.account_id] = [a]
        else:
            bucket.append(a)
    return groups


class QueueFacts:
    """The inputs of one queue build reduced to per-account facts, one pass over each list."""

    def __init__(self, today: date, settings: Settings, now_utc: datetime | None) -> None:
        self.today, self.settings, self.now_utc = today, settings, now_utc
        self.hp = settings.heat
        self.trend_days = settings.heat.trend_days
        self.models = {k: heat_model(settings, k) for k in settings.classes}
        self.first_fu: dict[int, FollowUpRec] = {}
        self.n_open: dict[int, int] = {}
        self.deal_facts: dict[int, DealFacts] = {}
        self.open_deals: dict[int, DealRec] = {}
        self.first_ba: dict[int, BestActionRec] = {}
        # The next dated step of any day, follow-up or best action: what "cooling" looks ahead to.
        self.next_due: dict[int, date] = {}
        self.bought: dict[int, list[date]] = {}
        self.contact_by_id: dict[int, ContactRec] = {}
        self.top_contact: dict[int, ContactRec] = {}
        self.callable_cache: dict[tuple[str, str, str], bool | None] = {}
        self.weekdays_only = skips_weekends(settings)  # their weekend is outside their hours
        self.lang = settings.language
        self.t = words(settings.language)

    def index(
        self,
        contacts: Iterable[ContactRec],
        follow_ups: Iterable[FollowUpRec],
        deals: Iterable[DealRec],
        purchases: Iterable[PurchaseRec],
        best_actions: Iterable[BestActionRec],
    ) -> None:
        """Reduce every input but activities to per-account facts, one pass each."""
        for f in follow_ups:
            if not f.done:
                self.n_open[f.account_id] = self.n_open.get(f.account_id, 0) + 1
                cur = self.first_fu.get(f.account_id)
                if cur is None or (f.due, f.id) < (cur.due, cur.id):
                    self.first_fu[f.account_id] = f
                    self.next_due[f.account_id] = self.first_fu[f.account_id].due
        for d in deals:
            if d.outcome != "open":
                continue
            self.open_deals[d.id] = d
            df = self.deal_facts.setdefault(d.account_id, DealFacts())
            if d.amount is not None and (df.amount is None or d.amount > df.amount):
                df.amount, df.amount_title = d.amount, d.title
            if d.completion_date is not None and (
                df.completion is None or d.completion_date < df.completion
            ):
                df.completion, df.completion_title = d.completion_date, d.title
        for b in best_actions:
            deal = self.open_deals.get(b.deal_id)
            if deal is None or b.done or b.due is None:
                continue
            soonest = self.next_due.get(deal.account_id)
            if soonest is None or b.due < soonest:
                self.next_due[deal.account_id] = b.due
            if b.due > self.today:
                continue
            cur_ba = self.first_ba.get(deal.account_id)
            if cur_ba is None or (b.due, b.id) < (cur_ba.due or b.due, cur_ba.id):
                self.first_ba[deal.account_id] = b
        for p in purchases:
            self.bought.setdefault(p.account_id, []).append(p.purchased_on)
        for c in contacts:
            self.contact_by_id[c.id] = c
            top = self.top_contact.get(c.account_id)
            # Most involved first, then the earliest added.
            if top is None or (c.level or 0, -c.id) > (top.level or 0, -top.id):
                self.top_contact[c.account_id] = c

    def contact_for(
        self, acc: AccountRec, fu: FollowUpRec | None, last: ActivityRec | None
    ) -> ContactRec | None:
        """The follow-up's contact, else the last one contacted, else the most involved."""
        for cid in ((fu.contact_id if fu else None), (last.contact_id if last else None)):
            if cid is not None and cid in self.contact_by_id:
                return self.contact_by_id[cid]
        return self.top_contact.get(acc.id)

    def can_call(self, contact: ContactRec | None) -> bool | None:
        """Callable now; cached per (zone, window), as the clock is fixed for the build."""
        if contact is None or self.now_utc is None:
            return None
        key = (contact.time_zone, contact.call_window_start, contact.call_window_end)
        if key not in self.callable_cache:
            self.callable_cache[key] = callable_now(
                contact, self.now_utc, weekdays_only=self.weekdays_only
            )
        return self.callable_cache[key]
