"""The daily due queue: who to call today, and why. Plain Python; "today" is passed in.

Sections, in this order of urgency. Archived accounts never appear, and each
account appears once: in the first section it belongs to, with the others as
badges (`QueueItem.also`) and their reasons after its own.

| id            | who                                                                     |
|---------------|-------------------------------------------------------------------------|
| overdue       | earliest open follow-up, or open deal's best action, due before today   |
| today         | the same, due today                                                     |
| no_next_step  | live account (existing, target, or any with an open deal), no open follow-up |
| cooling       | live account that will go cold before its next scheduled contact, or has |
|               | gone cold (`heat_state`); those hot (>= `heat.hot`) within             |
|               | `heat.was_hot_days` come first                                          |
| dormant       | dormant account, no open deal, no open follow-up, next revival attempt  |
|               | due (`accounts.revival.next_revival`; never attempted: at once)         |
| buying_season | predicted purchase minus `buying_season.lead_days` <= today < predicted |

A buying season with no contact since it opened is also due at its must-reach
mark (`buying_season.must_reach_days` before the purchase): overdue/today with
a season reason (`accounts.buying_season.season_due`), like a dated step.

Overdue best actions (of open deals) share the overdue/today sections with
follow-ups: a best action is a dated next step too, and the rep works one list.

Priority (higher first within a section) is documented in
`followup_tui.core.queue.priority`; every item carries `priority_explained`, the lines a
"why is this here?" shows. Ties go by account name, then id. In Cooling,
accounts that were hot sort before all others. `order_for_work_through` walks
the sections top to bottom, each account once, and sinks rows known to be
outside their calling window. The rows, the sections and the JSON structure of
`followup due --json` (`queue_to_dict`) are in `followup_tui.core.queue.queue_items`,
re-exported here. Reasons and priority lines are in the configured language
(`followup_tui.core.queue.queue_words`).

Performance: one pass over each input list (`queue_facts`), activities grouped by account
(or passed pre-grouped), each account's history replayed once by `scan_heat`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import partial

from followup_tui.core.accounts.buying_season import (
    SeasonPrediction,
    predict_next_purchase,
    season_due,
)
from followup_tui.core.accounts.heat import HeatFacts, fmt, scan_heat
from followup_tui.core.accounts.heat_state import HeatState, state_for
from followup_tui.core.accounts.revival import attempt_words, revival_due
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    ContactRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
    effective_class,
)
from followup_tui.core.base.text import plural
from followup_tui.core.queue.priority import (
    base_priority,
    cooling_points,
    overdue_points,
    season_points,
)
from followup_tui.core.queue.queue_facts import QueueFacts, excerpt, group_by_account
from followup_tui.core.queue.queue_items import (
    SECTIONS,
    DueQueue,
    LastContact,
    OrderKey,
    QueueItem,
    QueueRows,
    QueueSection,
    item_to_dict,
    order_for_work_through,
    queue_to_dict,
    summary_counts,
)
from followup_tui.core.queue.queue_words import season_reason

__all__ = [
    "SECTIONS",
    "DueQueue",
    "LastContact",
    "QueueItem",
    "QueueSection",
    "build_queue",
    "item_to_dict",
    "merge_queue",
    "order_for_work_through",
    "queue_to_dict",
    "summary_counts",
]

# A section hit: (reasons, section points, section priority lines).
_Hit = tuple[list[str], float, list[str]]


def _days(n: int) -> dict[str, object]:
    """A count of days for a template: `n` for Chinese, '1 day' / '3 days' for English."""
    return {"n": n, "days": plural(n, "day")}


class _Builder(QueueFacts):
    """One queue build: the indexed facts, then the section rules over each account."""

    def __init__(self, today: date, settings: Settings, now_utc: datetime | None) -> None:
        super().__init__(today, settings, now_utc)
        self.seasons: dict[int, tuple[SeasonPrediction | None, date | None]] = {}

    def hits(self, acc: AccountRec, facts: HeatFacts, text: bool = True) -> dict[str, _Hit]:
        """The sections this account belongs to, each with its reasons and extra points.

        Without `text` the reasons and lines are left empty: the build decides
        membership and order, and each row writes its words when first read.
        """
        today, hp, klass, t = self.today, self.hp, effective_class(acc.quadrant), self.t
        last = facts.last
        idle = (today - last.occurred_on).days if last is not None else None
        live = acc.relationship != "dormant" or acc.id in self.deal_facts
        opened = self.n_open.get(acc.id, 0)
        hits: dict[str, _Hit] = {}
        fu = self.first_fu.get(acc.id)
        fu = fu if fu is not None and fu.due <= today else None
        ba = self.first_ba.get(acc.id)
        dues = [x.due for x in (fu, ba) if x is not None and x.due is not None]
        season, mark = self._season(acc, facts)
        reach = mark if mark is not None and mark <= today else None
        if reach is not None:
            dues.append(reach)  # the season's must-reach mark, come without contact
        if dues:
            late = (today - min(dues)).days
            why: list[str] = []
            if text:
                # Each thing due says its own lateness, the most overdue first: it is
                # what put the row here (a row with only a best action is told once).
                due: list[tuple[date, str]] = []
                if fu is not None:
                    due.append((fu.due, self._when((today - fu.due).days)))
                if ba is not None and ba.due is not None:
                    when = self._when((today - ba.due).days)
                    what = t["who_what"].format(who=ba.who, what=ba.what) if ba.who else ba.what
                    deal = self.open_deals[ba.deal_id].title
                    due.append((ba.due, t["best_action"].format(when=when, what=what, deal=deal)))
                if season is not None and reach is not None:
                    due.append((reach, self._season_due_words(season, reach)))
                due.sort(key=lambda pair: pair[0])  # stable: ties keep this order
                why.extend(words for _, words in due)
                if opened > 1:
                    why.append(t["open_follow_ups"].format(n=opened))
                if not live:  # a dormant account's step is an attempt of its revival plan
                    why.append(attempt_words(acc.rejection_count, self.lang))
            points, lines = overdue_points(late, self.lang, text)
            if reach is not None and reach == min(dues) and season is not None:
                # A season mark due keeps the points it rose by as the mark neared.
                lead = self.settings.buying_season_lead_days
                must = self.settings.buying_season_must_reach_days
                to_go = (season.predicted - today).days
                more, more_lines = season_points(to_go, lead, must, self.lang, text)
                points, lines = points + more, [*lines, *more_lines]
            hits["overdue" if late else "today"] = (why, points, lines)
        if live and opened == 0:
            why = []
            if text:
                rel = acc.relationship
                label = self.settings.label("relationship_types", rel)
                kind = t["kind_account"].format(rel=rel, rel_label=label)
                kind = t["kind_deal"] if rel == "dormant" else kind
                why.append(t["no_next_step"].format(kind=kind))
            hits["no_next_step"] = (why, 0.0, [])
        if live:
            state = self.state_of(acc, facts)
            if state.cooling:
                window = hp.cooling_window_days
                why = self._cooling_words(acc, facts, klass, state, idle) if text else []
                points, lines = cooling_points(window, state.below_in, self.lang, text)
                if facts.peak >= hp.hot and text:
                    when = date.fromordinal(facts.peak_on).isoformat()
                    lines.append(t["was_hot"].format(peak=fmt(facts.peak), day=when))
                hits["cooling"] = (why, points, lines)
        elif (
            acc.relationship == "dormant"
            and opened == 0
            and revival_due(
                last.occurred_on if last else None,
                acc.rejection_count,
                self.settings.revival,
                today,
            )
        ):
            why = []
            if text:
                why.append(attempt_words(acc.rejection_count, self.lang))
                attempt = (
                    t["last_attempt"].format(**_days(idle))
                    if idle is not None
                    else t["never_attempted"]
                )
                no = acc.rejection_count
                rejections = plural(no, "rejection")
                why.append(
                    t["dormant"].format(attempt=attempt, rejections=rejections, rejections_n=no)
                )
                if acc.stop_reason:
                    why.append(t["stopped"].format(why=excerpt(acc.stop_reason)))
            hits["dormant"] = (why, 0.0, [])
        if season is not None:
            lead = self.settings.buying_season_lead_days
            must = self.settings.buying_season_must_reach_days
            to_go = (season.predicted - today).days
            reason = [season_reason(season, self.lang)] if text else []
            if text and mark is not None and reach is None:
                reason.append(t["season_reach_by"].format(mark=mark.isoformat(), **_days(must)))
            hits["buying_season"] = (reason, *season_points(to_go, lead, must, self.lang, text))
        return hits

    def state_of(self, acc: AccountRec, facts: HeatFacts) -> HeatState:
        """The account's heat state today (`heat_state`: the one rule every view uses)."""
        klass = effective_class(acc.quadrant)
        due = self.next_due.get(acc.id)
        return state_for(
            self.settings,
            klass,
            facts.value,
            facts.trend,
            # Heat decays from a contact, or from an import's kept heat (`heat_anchor`).
            contacted=facts.peak_on >= 0,
            next_in=None if due is None else (due - self.today).days,
        )

    def _season(
        self, acc: AccountRec, facts: HeatFacts
    ) -> tuple[SeasonPrediction | None, date | None]:
        """The account's buying season if open today, and its must-reach mark while nobody
        was contacted in it (`buying_season.season_due`).

        Kept per account for the build: a row asks again for its mark and its words.
        """
        known = self.seasons.get(acc.id)
        if known is None:
            known = self.seasons[acc.id] = self._predict_season(acc, facts)
        return known

    def _predict_season(
        self, acc: AccountRec, facts: HeatFacts
    ) -> tuple[SeasonPrediction | None, date | None]:
        dates = self.bought.get(acc.id)
        if not dates or len(dates) < 2:
            return None, None
        today = self.today
        season = predict_next_purchase(dates, today, self.settings.buying_season_lead_days)
        if season is None or not season.is_open(today):
            return None, None
        last = facts.last.occurred_on.toordinal() if facts.last is not None else None
        due = season_due(
            season.contact_from.toordinal(),
            season.predicted.toordinal(),
            last,
            self.settings.buying_season_must_reach_days,
            today.toordinal(),
        )
        return season, date.fromordinal(due) if due is not None else None

    def _season_due_words(self, season: SeasonPrediction, reach: date) -> str:
        """'buying season: contact overdue by 3 days (60 days before the purchase expected ...)'."""
        must = self.settings.buying_season_must_reach_days
        return self.t["season_due"].format(
            when=self._when((self.today - reach).days),
            predicted=season.predicted.isoformat(),
            must_n=must,
            must=plural(must, "day"),
        )

    def _cooling_words(
        self, acc: AccountRec, facts: HeatFacts, klass: str, state: HeatState, idle: int | None
    ) -> list[str]:
        """Why a live account is cooling: heat soon below its threshold with no contact
        scheduled first, or gone cold; and how long since the last contact."""
        t, hp = self.t, self.hp
        threshold = hp.threshold[klass]
        cadence = self.settings.classes[klass].cadence_days
        hot = facts.peak >= hp.hot
        why = []
        peak, value, below = fmt(facts.peak), fmt(facts.value), fmt(threshold)
        day = date.fromordinal(facts.peak_on).isoformat() if facts.peak_on > 0 else ""
        if state.kind == "cooling" and state.below_in is not None:
            soon = t["was_soon" if hot else "heat_soon"]
            days = _days(state.below_in)
            why.append(soon.format(peak=peak, day=day, value=value, threshold=below, **days))
            due = self.next_due.get(acc.id)
            if due is None:
                why.append(t["nothing_scheduled"])
            else:
                why.append(t["next_too_late"].format(**_days((due - self.today).days)))
        else:
            if hot:
                why.append(t["was_now"].format(peak=peak, day=day, value=value))
            why.append(t["cold"].format(value=value, threshold=below))
        if idle is not None and idle > cadence:
            every = plural(cadence, "day")
            why.append(
                t["idle"].format(klass=klass, cadence_n=cadence, cadence=every, **_days(idle))
            )
        return why

    def _when(self, late: int) -> str:
        """'overdue by 3 days' or 'due today', in the configured language."""
        if not late:
            return self.t["due_today"]
        return self.t["overdue_by"].format(**_days(late))

    def items(self, acc: AccountRec, facts: HeatFacts, hits: dict[str, _Hit]) -> list[QueueItem]:
        """The account's rows, one per section it hits; their words are written when read."""
        today, last = self.today, facts.last
        base, _ = base_priority(
            acc.quadrant, facts, self.deal_facts.get(acc.id), today, self.lang, text=False
        )
        fu = self.first_fu.get(acc.id)
        fu = fu if fu is not None and fu.due <= today else None
        ba = self.first_ba.get(acc.id)
        contact = self.contact_for(acc, fu, last)
        can_call = self.can_call(contact)
        last_contact = (
            None
            if last is None
            else LastContact(
                last.occurred_on,
                (today - last.occurred_on).days,
                last.kind,
                last.outcome,
                excerpt(last.notes),
                last.contact_id,
            )
        )
        was_hot = facts.peak >= self.hp.hot
        heat, trend = round(facts.value, 1), facts.trend
        contact_id = contact.id if contact else None
        contact_name = contact.name if contact else None
        # One row per account, in its most urgent section (hits come in section
        # order); the other sections it belongs to ride along as badges.
        section, (_, points, _) = next(iter(hits.items()))
        due_now = section in ("overdue", "today")
        rows = [
            QueueItem(
                section,
                acc.id,
                acc.name,
                contact_id,
                contact_name,
                acc.quadrant,
                heat,
                trend,
                fu if due_now else None,
                ba if due_now else None,
                last_contact,
                round(base + points, 1),
                can_call,
                partial(self.explain, acc, facts, section),
                was_hot=was_hot and section == "cooling",
                also=tuple(other for other in hits if other != section),
                season_mark=self._season(acc, facts)[1],
            )
        ]
        return rows

    def explain(
        self, acc: AccountRec, facts: HeatFacts, section: str
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """One row's words: its section's reasons, then the others'; its priority's lines."""
        hits = self.hits(acc, facts)
        why, _, lines = hits[section]
        reasons = list(why)
        for other, (other_why, _, _) in hits.items():
            if other != section:
                reasons.extend(other_why)
        _, base_lines = base_priority(
            acc.quadrant, facts, self.deal_facts.get(acc.id), self.today, self.lang
        )
        return tuple(reasons), (*lines, *base_lines)


def build_queue(
    today: date,
    settings: Settings,
    accounts: Iterable[AccountRec],
    contacts: Iterable[ContactRec],
    follow_ups: Iterable[FollowUpRec],
    activities: Iterable[ActivityRec] | Mapping[int, Sequence[ActivityRec]],
    deals: Iterable[DealRec],
    purchases: Iterable[PurchaseRec],
    best_actions: Iterable[BestActionRec],
    *,
    now_utc: datetime | None = None,
    heat_seeds: Mapping[int, float] | None = None,
) -> DueQueue:
    """The due queue for `today` (see the module docstring for every rule).

    `heat_seeds` maps account ids to the heat right after their first listed
    activity: for those accounts `activities` may start there, before the
    trend and cooling window, instead of holding the whole history (see
    `heat.scan_heat`).

    `activities` may be a flat iterable or already grouped by account id. Each
    account's activities are replayed by date; within a day in the order given
    (the data layer passes them by time). Input already in that order (say,
    ORDER BY account, occurred_at) is replayed without sorting. `now_utc`
    (naive means UTC) drives `callable_now`; without it every row's is None.
    """
    builder = _Builder(today, settings, now_utc)
    builder.index(contacts, follow_ups, deals, purchases, best_actions)
    groups = activities if isinstance(activities, Mapping) else group_by_account(activities)
    window = settings.heat.was_hot_days
    found: dict[str, list[tuple[OrderKey, QueueItem]]] = {s: [] for s in SECTIONS}
    for acc in accounts:
        if acc.archived:
            continue
        acts = groups.get(acc.id)
        model = builder.models[effective_class(acc.quadrant)]
        seed = heat_seeds.get(acc.id) if heat_seeds is not None and acts else None
        facts = scan_heat(
            acts or (),
            today,
            model,
            trend_days=builder.trend_days,
            window_days=window,
            seed=seed,
            anchor=acc.heat_anchor,
        )
        hits = builder.hits(acc, facts, text=False)
        if hits:
            for item in builder.items(acc, facts, hits):
                found[item.section].append((_order(item), item))
    titles = settings.words("queue_section_")
    cache = {(item.account_id, item.section): item for rows in found.values() for _, item in rows}
    sections = []
    for s in SECTIONS:
        keys = sorted(key for key, _ in found[s])
        sections.append(QueueSection(s, titles[s], QueueRows(s, keys, cache)))
    return DueQueue(today, tuple(sections))


def _order(item: QueueItem) -> OrderKey:
    """An item's place in its section: was hot first, then priority, name, id."""
    return (not item.was_hot, -item.priority, item.account_name.casefold(), item.account_id)


def merge_queue(base: DueQueue, fresh: DueQueue, account_ids: Iterable[int]) -> DueQueue:
    """`base` with the rows of `account_ids` replaced by `fresh`'s (built for just those).

    A row depends on its own account only, so after a write to a few accounts
    the queue is theirs rebuilt and merged, not every account's again.
    """
    if fresh.today != base.today:
        raise ValueError("queues of different days cannot be merged")
    ids = set(account_ids)
    old_rows = base.sections[0].items
    cache = {k: v for k, v in old_rows.items.items() if k[0] not in ids}
    for section in fresh.sections:
        cache.update(section.items.items)
    sections = []
    for old, new in zip(base.sections, fresh.sections, strict=True):
        keys = [k for k in old.items.keys if k[3] not in ids] + new.items.keys
        keys.sort()
        sections.append(QueueSection(old.id, old.title, old.items.again(keys, cache)))
    return DueQueue(base.today, tuple(sections))
