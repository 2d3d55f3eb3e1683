"""An account's queue state: what placing it in the due queue takes, for any later day.

`due_queue.build_queue` replays every account's history for the day asked; at
10,000 accounts that is most of a second. Yet little of an account's place in
the queue depends on the day: its next due date, its heat at the last contact
(after that heat only decays), its deals' facts and its buying season are the
same tomorrow unless something is written. `account_state` reduces an account
to those facts once, when its records change (`db.queue_state` keeps one row
per live account and rewrites the rows of accounts written to);
`queue_keys` then places every account for a day with arithmetic alone.

`queue_keys` decides the same sections, priorities and order as `build_queue`
(tests compare the two on every day of a range and after every kind of write);
the rows' words and details are still built by `build_queue`, for the accounts
a screen shows. A state is exact for days in `[valid_from, valid_until)`: not
before the day it was written or the last contact, and not past the day its
buying-season prediction rolls over. Outside that range the caller rebuilds it.

Days are ordinals (`date.toordinal()`): states are compared with integers, in
SQL and here. Pure Python: no database, no Textual.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from followup_tui.core.accounts.buying_season import (
    predict_next_purchase,
    prediction_holds_until,
    season_due,
)
from followup_tui.core.accounts.heat import (
    MIN_HEAT,
    STEADY_BAND,
    HeatModel,
    days_until_below,
    heat_model,
    heat_path,
)
from followup_tui.core.accounts.heat_anchor import held_until
from followup_tui.core.accounts.revival import next_revival
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
    effective_class,
)
from followup_tui.core.queue.priority import (
    CLASS_POINTS,
    COMPLETION_POINTS,
    OVERDUE_CAP_DAYS,
    TREND_POINTS,
    UNJUDGED_POINTS,
    amount_points,
    completion_points,
    cooling_points,
    overdue_points,
    season_points,
)
from followup_tui.core.queue.queue_items import SECTIONS

# The cooling filter may start a few days early: float rounding at a boundary
# must never leave an account out; `queue_keys` then decides exactly.
_COOLING_SLACK = 3


# Bumped whenever what a state holds, or how it is written, changes: stored
# states of another format are rewritten (see `db.queue_state.fingerprint`).
STATE_FORMAT = 5

# How many of `AccountState`'s fields, from the first, `queue_keys` reads.
QUEUE_FIELDS = 16


class AccountState(NamedTuple):
    """One live account, reduced to what places it in the queue on any day it is valid for.

    The first `QUEUE_FIELDS` fields are what `queue_keys` reads, in this order;
    the rest only choose which states to read for a day (`db.queue_state` filters on them).
    """

    account_id: int
    sort_name: str  # the name casefolded: the order of equal priorities
    quadrant: str | None
    live: bool  # a prospect or customer, or any account with an open deal
    has_next: bool  # has an open follow-up
    next_due: int | None  # earliest open follow-up or open deal's undone best action
    last: int | None  # the last day heat is known: a contact, or an import's kept heat
    heat: float  # heat at the end of `last` (unused when None)
    hot_until: int | None  # the last day the account was hot (`_last_hot_day`); None if never
    # The trend's reference heat for day last + 0, last + 1, ..., last + trend_days - 1
    # (see `_trail`); read only in those days, empty if the state is valid after them.
    trail: str
    amount_points: float | None  # the largest open deal's amount, as points
    completion: int | None  # the nearest open deal's completion date
    season_from: int | None  # the buying season predicted: contact from ...
    season_until: int | None  # ... until the predicted purchase
    revive_from: int | None  # a dormant account to revive from this day (`revival`)
    tried: int | None  # the last contact day: what a buying season asks about
    cool_from: int | None  # not cooling before this day (a filter, a few days early)
    valid_from: int
    valid_until: int | None


def heat_reach(settings: Settings) -> int:
    """How far back from a day the queue reads heat: its trend and "was hot" windows."""
    trend_days = settings.heat.trend_days
    return max(trend_days, settings.heat.cooling_window_days, settings.heat.was_hot_days)


def account_state(
    acc: AccountRec,
    activities: Sequence[ActivityRec],
    follow_ups: Iterable[FollowUpRec],
    deals: Iterable[DealRec],
    best_actions: Iterable[BestActionRec],
    purchases: Sequence[date],
    settings: Settings,
    today: date,
) -> AccountState:
    """The state of one account, exact from `today` on (see the module docstring).

    `activities` is its whole contact history in replay order (notes left
    out); `follow_ups` its open ones; `deals` its open deals and
    `best_actions` their undone best actions; `purchases` its purchase dates.
    """
    klass = effective_class(acc.quadrant)
    model = heat_model(settings, acc.quadrant)
    # End-of-day heat on each contact day, oldest first; an import's kept heat
    # (`heat_anchor`) stands for every day up to its own.
    anchor = acc.heat_anchor
    a_o = anchor[0].toordinal() if anchor is not None else -1
    held = held_until(anchor) if anchor is not None else -1
    points: list[tuple[int, float]] = [(a_o, anchor[1])] if anchor is not None else []
    for a, h in zip(activities, heat_path(activities, model, anchor), strict=True):
        day = a.occurred_on.toordinal()
        if day < a_o or (day == a_o and a.id <= held):
            continue
        if points and points[-1][0] == day:
            points[-1] = (day, h)
        else:
            points.append((day, h))
    last, heat = points[-1] if points else (None, model.start)
    tried = activities[-1].occurred_on.toordinal() if activities else None
    first = anchor[1] if anchor is not None else model.start  # heat before the first point
    # The trail is read only in the trend's days after `last`: a state valid from
    # later than that (written after them) never reads it, and most states are.
    trend_days = settings.heat.trend_days
    recent = last is not None and last + trend_days > max(today.toordinal(), last)
    trail = _trail(points, settings, model, first) if recent else ""
    hot_until = _last_hot_day(points, settings.heat.hot, model.rate) if points else None
    follow_ups, deals = list(follow_ups), list(deals)
    dues = [f.due for f in follow_ups]
    open_deals = {d.id for d in deals}
    dues += [b.due for b in best_actions if b.deal_id in open_deals and b.due is not None]
    amount: Decimal | None = None
    completion: date | None = None
    for d in deals:
        if d.amount is not None and (amount is None or d.amount > amount):
            amount = d.amount
        if d.completion_date is not None and (completion is None or d.completion_date < completion):
            completion = d.completion_date
    live = acc.relationship != "dormant" or bool(open_deals)
    has_next = bool(follow_ups)
    season_from, season_until, valid_until = season_window(purchases, settings, today)
    cool_from = revive_from = None
    if live and last is not None:
        # The first day the account could be cooling: its heat within the cooling
        # window of its threshold (a few days early; `queue_keys` decides exactly).
        rate, threshold = model.rate, settings.heat.threshold[klass]
        if heat < threshold:
            cool_from = last
        elif rate > 0 and threshold > MIN_HEAT:
            below = math.floor((heat - threshold) / rate) + 1  # days to below, from `last`
            soon = last + below - settings.heat.cooling_window_days - _COOLING_SLACK
            cool_from = max(last, soon)
    elif not live and not has_next:
        # Revival counts from the last attempt, not from an import's kept heat.
        since = date.fromordinal(tried) if tried is not None else None
        revive = next_revival(since, acc.rejection_count, settings.revival)
        revive_from = revive.toordinal() if revive is not None else 0
    return AccountState(
        acc.id,
        acc.name.casefold(),
        acc.quadrant,
        live,
        has_next,
        min(dues).toordinal() if dues else None,
        last,
        heat,
        hot_until,
        trail,
        amount_points(amount) if amount is not None and amount > 0 else None,
        completion.toordinal() if completion is not None else None,
        season_from,
        season_until,
        revive_from,
        tried,
        cool_from,
        max(today.toordinal(), last or 0),
        valid_until,
    )


def season_window(
    purchases: Sequence[date], settings: Settings, today: date
) -> tuple[int | None, int | None, int | None]:
    """(season_from, season_until, valid_until) of a state written on `today`.

    The only part of a state that depends on the day it is written: when the
    buying season's prediction rolls over, a state is brought up to date with this
    alone (`reseasoned`).
    """
    if len(purchases) < 2:
        return None, None, None
    lead = settings.buying_season_lead_days
    season = predict_next_purchase(purchases, today, lead)
    holds = prediction_holds_until(purchases, today, lead)
    return (
        season.contact_from.toordinal() if season is not None else None,
        season.predicted.toordinal() if season is not None else None,
        holds.toordinal() if holds is not None else None,
    )


def reseasoned(
    state: AccountState, purchases: Sequence[date], settings: Settings, today: date
) -> AccountState:
    """The state as `account_state` would write it on `today`, from the state of an
    earlier day and the account's purchase dates, nothing else of it having changed.

    Everything else a state holds is the same whatever day it is written on (the
    trail, kept, is read only while it is needed); valid from `today` or its last
    contact.
    """
    season_from, season_until, valid_until = season_window(purchases, settings, today)
    return state._replace(
        season_from=season_from,
        season_until=season_until,
        valid_from=max(today.toordinal(), state.last or 0),
        valid_until=valid_until,
    )


# An account's place in a section, which is also its sort key: (not was-hot,
# -priority, casefolded name, account id). The priority is -placed[1].
Placed = tuple[bool, float, str, int]


def _points_table(points: Callable[[int], float], last: int) -> list[float]:
    """`points(n)` for n in 0..last, so the loop below indexes instead of calling."""
    return [points(n) for n in range(last + 1)]


def queue_keys(
    states: Iterable[Sequence[Any]], today: date, settings: Settings
) -> dict[str, list[Placed]]:
    """Each section's accounts on `today`, in queue order, from their states alone.

    `states` are rows holding `AccountState`'s first `QUEUE_FIELDS` fields in
    that order, each valid for `today`; a trail may be None when the last contact is
    at least `trend_days` before `today` (it is not read then). The rules
    are `due_queue.build_queue`'s, step for step, with the same float
    arithmetic, so the priorities are equal to the last bit: each account in
    its most urgent section only, cooling as `heat_state` says. Points come from
    `priority`'s own functions, tabulated once per call: this loop runs for
    thousands of accounts.
    """
    hp = settings.heat
    t = today.toordinal()
    trend_days = settings.heat.trend_days
    window, was_hot = hp.cooling_window_days, hp.was_hot_days
    t_o, w_o = t - trend_days, t - was_hot
    lead = settings.buying_season_lead_days
    must = settings.buying_season_must_reach_days
    classes: dict[str | None, tuple[float, float, float, float]] = {}
    for code in settings.classes:
        points = CLASS_POINTS.get(code, UNJUDGED_POINTS)
        classes[code] = (hp.decay_per_day[code], hp.threshold[code], points, hp.start[code])
    rate_c, threshold_c, _, start_c = classes[effective_class(None)]
    unjudged = (rate_c, threshold_c, UNJUDGED_POINTS, start_c)
    late_cap = OVERDUE_CAP_DAYS
    overdue_pts = _points_table(lambda n: overdue_points(n, text=False)[0], late_cap)
    near = COMPLETION_POINTS[-1][0] + 1  # beyond this many days a completion earns what `near` does
    completion_pts = _points_table(completion_points, near)
    passed = completion_points(-1)
    cooling_pts = _points_table(lambda n: cooling_points(window, n, text=False)[0], window)
    season_pts = _points_table(lambda n: season_points(n, lead, must, text=False)[0], max(lead, 0))
    falling, steady, rising = (
        TREND_POINTS["falling"],
        TREND_POINTS["steady"],
        TREND_POINTS["rising"],
    )
    # A book's priorities take a few hundred values: `round` (a decimal conversion)
    # once per value. (0.0 and -0.0 share a key: they sort and compare alike.)
    rounded: dict[float, float] = {}
    found: dict[str, list[Placed]] = {s: [] for s in SECTIONS}
    overdue, due_today = found["overdue"], found["today"]
    no_next, cooling, dormant = found["no_next_step"], found["cooling"], found["dormant"]
    season = found["buying_season"]
    for aid, key_name, quad, live, has_next, next_due, last, h, hot_until, trail, amount, \
            completion, s_from, s_until, revive, tried in states:  # fmt: skip
        rate, threshold, base, start = classes.get(quad, unjudged)
        if last is None:
            value = before = start
        else:
            k = t - last
            value = h - k * rate
            if value < MIN_HEAT:
                value = MIN_HEAT
            if k < trend_days:
                # Contacted within the trend's reach: the trail holds its reference heat.
                before = float(trail.split(" ", k + 1)[k])
            else:
                before = h - (t_o - last) * rate
                if before < MIN_HEAT:
                    before = MIN_HEAT
        if value - before >= STEADY_BAND:
            base += rising
            is_rising = True
        elif before - value >= STEADY_BAND:
            base += falling
            is_rising = False
        else:
            base += steady
            is_rising = False
        if amount is not None:
            base += amount
        if completion is not None:
            days = completion - t
            base += passed if days < 0 else completion_pts[days if days < near else near]
        if s_from is not None:  # a season's must-reach mark without contact is a due date too
            # Only once it is reached: before that, cooling looks ahead to the steps
            # actually scheduled, as `heat_state` does in the full build.
            reach = season_due(s_from, s_until, tried, must, t)
            if reach is not None and reach <= t and (next_due is None or reach <= next_due):
                next_due = reach
            else:
                reach = None
        else:
            reach = None
        # One row per account: the first section it belongs to, in section order.
        if next_due is not None and next_due <= t:
            late = t - next_due
            points = overdue_pts[late if late < late_cap else late_cap]
            if reach is not None:  # a season mark due keeps the season's points, as it rose
                points = points + season_pts[s_until - t]
            value = base + points
            priority = rounded.get(value)
            if priority is None:
                priority = rounded[value] = round(value, 1)
            (overdue if late else due_today).append((True, -priority, key_name, aid))
            continue
        if live:
            if not has_next:
                value = base + 0.0
                priority = rounded.get(value)
                if priority is None:
                    priority = rounded[value] = round(value, 1)
                no_next.append((True, -priority, key_name, aid))
                continue
            if last is not None and not is_rising:
                # `heat_state`'s rule: cold, or below the threshold within the
                # window with no contact scheduled before then.
                below_in = days_until_below(value, rate, threshold)
                if (
                    below_in is not None
                    and below_in <= window
                    and (next_due is None or below_in < next_due - t)
                ):
                    pts = cooling_pts[below_in] if below_in >= 1 else 0.0
                    value = base + pts
                    priority = rounded.get(value)
                    if priority is None:
                        priority = rounded[value] = round(value, 1)
                    # Hot within `was_hot_days` sorts first (`_last_hot_day`'s float test).
                    was_hot_now = hot_until is not None and hot_until >= w_o
                    cooling.append((not was_hot_now, -priority, key_name, aid))
                    continue
        elif revive is not None and revive <= t:
            value = base + 0.0
            priority = rounded.get(value)
            if priority is None:
                priority = rounded[value] = round(value, 1)
            dormant.append((True, -priority, key_name, aid))
            continue
        if s_from is not None and s_from <= t < s_until:
            value = base + season_pts[s_until - t]
            priority = rounded.get(value)
            if priority is None:
                priority = rounded[value] = round(value, 1)
            season.append((True, -priority, key_name, aid))
    for rows in found.values():
        rows.sort()
    return found


def _last_hot_day(points: list[tuple[int, float]], hot: float, rate: float) -> int | None:
    """The last day whose end-of-day heat was at least `hot`, from contact-day heats.

    After a contact day heat decays until the next one: the hot days run on
    while `h - n * rate >= hot` (the float test `scan_heat` makes for the peak),
    up to the day before the next contact. None if never hot.
    """
    nxt: int | None = None
    for day, h in reversed(points):
        if h >= hot:
            if rate <= 0:
                # No decay: hot until the next contact, or for as long as anyone asks.
                n = 100_000 if nxt is None else nxt - 1 - day
            else:
                n = max(0, math.floor((h - hot) / rate))
                while h - (n + 1) * rate >= hot:
                    n += 1
                while n > 0 and h - n * rate < hot:
                    n -= 1
            return day + n if nxt is None else min(day + n, nxt - 1)
        nxt = day
    return None


def _trail(
    points: list[tuple[int, float]], settings: Settings, model: HeatModel, first: float
) -> str:
    """What a trend reads on the days just after the last contact.

    For k = 0 .. `trend_days` - 1, the heat `trend_days` before day `last + k`,
    which may reach back before the last contact; floats in `repr`, which reads
    back to the same bits. From `last + trend_days` on the trend is plain decay
    from the last contact. `first` is the heat before the first point: the
    class's start, or an import's kept heat (`heat_anchor`).
    """
    trend_days = settings.heat.trend_days
    rate = model.rate
    last = points[-1][0]
    # Only the last contact before the trend's reach and those after it can count.
    early = next(i for i, (day, _) in enumerate(points) if day >= last - trend_days)
    points = points[max(0, early - 1) :]
    values = []
    for k in range(trend_days):
        t_o = last + k - trend_days
        before = first  # no point yet on that day: the start (or a kept heat's) value
        for day, h in points:
            if day <= t_o:
                before = max(MIN_HEAT, h - (t_o - day) * rate)
        values.append(repr(before))
    return " ".join(values)


def account_states(
    accounts: Iterable[AccountRec],
    activities: Mapping[int, Sequence[ActivityRec]],
    follow_ups: Iterable[FollowUpRec],
    deals: Iterable[DealRec],
    best_actions: Iterable[BestActionRec],
    purchases: Iterable[PurchaseRec],
    settings: Settings,
    today: date,
) -> list[AccountState]:
    """The states of these accounts (archived ones left out), from their records.

    `activities` are whole histories by account, in replay order; the other
    records may hold closed or done ones, which are left out here.
    """
    by_account: dict[int, tuple[list[FollowUpRec], list[DealRec], list[date]]] = {}

    def of(account_id: int) -> tuple[list[FollowUpRec], list[DealRec], list[date]]:
        found = by_account.get(account_id)
        if found is None:
            found = by_account[account_id] = ([], [], [])
        return found

    for f in follow_ups:
        if not f.done:
            of(f.account_id)[0].append(f)
    deal_account: dict[int, int] = {}
    for d in deals:
        if d.outcome == "open":
            of(d.account_id)[1].append(d)
            deal_account[d.id] = d.account_id
    actions: dict[int, list[BestActionRec]] = {}
    for b in best_actions:
        if not b.done and b.deal_id in deal_account:
            actions.setdefault(deal_account[b.deal_id], []).append(b)
    for p in purchases:
        of(p.account_id)[2].append(p.purchased_on)
    states = []
    for acc in accounts:
        if acc.archived:
            continue
        fus, open_deals, bought = by_account.get(acc.id, ([], [], []))
        states.append(
            account_state(
                acc,
                activities.get(acc.id, ()),
                fus,
                open_deals,
                actions.get(acc.id, ()),
                bought,
                settings,
                today,
            )
        )
    return states
