"""What the reviews read (`core.review`), in a fixed number of plain SQL queries each.

Raw tuples, as the queue's reads (`db.queue_data`): a year of a large book is tens
of thousands of rows. Stored times are UTC; each becomes the rep's local day
(`core.base.local_days`), as the queue reads them. Archived accounts are left out
of every review but health, which needs to know when a prospect was archived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from followup_tui.core.accounts.heat_anchor import HeatAnchor, anchor_of
from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FUNNEL_LEVELS
from followup_tui.core.base.local_days import LocalDays
from followup_tui.core.base.records import PurchaseRec
from followup_tui.core.review.activity import (
    ActivityCount,
    ActivityReview,
    FollowUpDone,
    counted_review,
)
from followup_tui.core.review.board import Tier, board
from followup_tui.core.review.health import Health, Prospect, pipeline_health
from followup_tui.core.review.heat_review import (
    HeatInput,
    HeatReview,
    heat_on,
    heat_review,
    rows_between,
)
from followup_tui.core.review.periods import Period
from followup_tui.core.review.pipeline import (
    Judgements,
    Pipeline,
    PipelineDeal,
    build_pipeline,
)
from followup_tui.core.review.review_config import review_config
from followup_tui.core.review.year_end import YearEnd, year_end
from followup_tui.db.action_plans import board_accounts
from followup_tui.db.connection import db
from followup_tui.db.queue_data import MARGIN_DAYS, heat_histories
from followup_tui.db.sheet_reads import load_sheets

Row = tuple[Any, ...]
# The sheets the last pipeline read judged (by their whole content, so never stale):
# the review screen's next read judges only the sheets that changed since.
JUDGED = Judgements()


def _rows(sql: str, *params: object) -> Iterator[Row]:
    return iter(db.execute_sql(sql, params).fetchall())


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _until(day: dt.date) -> str:
    """A bound on stored UTC text that keeps every local day up to `day` (then filtered)."""
    return (day + dt.timedelta(days=MARGIN_DAYS)).isoformat()


def last_contacts(today: dt.date) -> dict[int, dt.date]:
    """Each account's last contact (notes aside) on or before `today`, as a local day.

    A stored time before `today - MARGIN_DAYS` falls on or before `today` in any zone:
    an account whose stored last contact (the list's summary) is that old needs no
    more; for the others, the latest contact before that bound is one query,
    and the few contacts from it to `today` are judged one by one.
    """
    local = LocalDays()
    safe = (today - dt.timedelta(days=MARGIN_DAYS)).isoformat()
    out: dict[int, dt.date] = {}
    for account, at in _rows(
        "SELECT id, last_contact_at FROM account WHERE last_contact_at < ?", safe
    ):
        out[account] = local(str(at))
    for account, at in _rows(
        # Each account's latest through its index (its contacts, latest first, down to
        # the first not a note), not all its contacts grouped.
        "SELECT c.id, (SELECT x.occurred_at FROM activity x WHERE x.account_id = c.id "
        "AND x.kind != 'note' AND x.occurred_at < ? ORDER BY x.occurred_at DESC LIMIT 1) "
        "FROM account c WHERE c.last_contact_at >= ?",
        safe,
        safe,
    ):
        if at is not None:
            out[account] = local(str(at))
    for account, at in _rows(
        "SELECT account_id, occurred_at FROM activity WHERE kind != 'note' "
        "AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at",
        safe,
        _until(today),
    ):
        day = local(at)
        if day <= today:
            out[account] = day
    return out


def pipeline_deals(today: dt.date) -> list[PipelineDeal]:
    """Every open deal of a live account, with its sheet and the account's last contact."""
    ids = [
        r[0]
        for r in _rows(
            "SELECT d.id FROM deal d JOIN account a ON a.id = d.account_id "
            "WHERE d.outcome = 'open' AND NOT a.archived ORDER BY d.id"
        )
    ]
    sheets = load_sheets(ids)
    contacts = last_contacts(today)
    return [PipelineDeal(sheets[i], contacts.get(sheets[i].deal.account_id)) for i in ids]


def prospects() -> list[Prospect]:
    """Every account with the days health reads: created, archived, first contact,
    first deal, first purchase, and its best open deal's funnel level.

    One row per account, each first found through its account's index (the first
    contact: the account's contacts in time order, up to the first that is not a
    note) rather than every activity grouped.
    """
    local = LocalDays()
    rank = {level: n for n, level in enumerate(FUNNEL_LEVELS)}
    best: dict[int, str] = {}
    for account, funnel in _rows("SELECT account_id, funnel FROM deal WHERE outcome = 'open'"):
        if funnel in rank and rank[funnel] > rank.get(best.get(account, ""), -1):
            best[account] = funnel

    def day(at: object) -> dt.date | None:
        return None if at is None else local(str(at))

    return [
        Prospect(
            rid,
            quad,
            local(str(created)),
            local(str(archived_at)) if archived else None,
            day(contact),
            day(deal),
            day(purchase),
            best.get(rid),
        )
        for rid, quad, created, archived, archived_at, contact, deal, purchase in _rows(
            "SELECT c.id, c.quadrant, c.created_at, c.archived, "
            "COALESCE(c.archived_at, c.updated_at), "
            "(SELECT x.occurred_at FROM activity x WHERE x.account_id = c.id "
            "AND x.kind != 'note' ORDER BY x.occurred_at LIMIT 1), "
            "(SELECT MIN(d.created_at) FROM deal d WHERE d.account_id = c.id), "
            "(SELECT MIN(p.purchased_on) FROM purchase p WHERE p.account_id = c.id) "
            "FROM account c"
        )
    ]


def live_names() -> dict[int, str]:
    """Account id -> name of every live (not archived) account."""
    return dict(_rows("SELECT id, name FROM account WHERE NOT archived"))


def purchases_until(day: dt.date) -> list[PurchaseRec]:
    """Every purchase on or before `day`.

    Five years of a book's purchases fall on a few thousand days and amounts: each
    converted once (dates and Decimals are values, shared safely).
    """
    days: dict[object, dt.date] = {}
    amounts: dict[str, Decimal] = {}
    out = []
    for account, on, amount in _rows(
        "SELECT account_id, purchased_on, amount FROM purchase WHERE purchased_on <= ?",
        day.isoformat(),
    ):
        on_day = days.get(on)
        if on_day is None:
            on_day = days[on] = _date(on)
        # By its text, as each amount was read: 5 and 5.0 are equal keys, not equal amounts.
        money = None
        if amount is not None:
            text = str(amount)
            money = amounts.get(text)
            if money is None:
                money = amounts[text] = Decimal(text)
        out.append(PurchaseRec(account, on_day, money))
    return out


HeatAccount = tuple[int, str, str | None, HeatAnchor | None]  # id, name, class, anchor


def heat_accounts() -> list[HeatAccount]:
    """Every live account as heat reads it: its id, name, class and heat anchor."""
    return [
        (
            rid,
            name,
            quad,
            anchor_of(_date(anchor_on), anchor, after) if anchor_on is not None else None,
        )
        for rid, name, quad, anchor, anchor_on, after in _rows(
            "SELECT id, name, quadrant, heat_anchor, heat_anchor_on, heat_anchor_after "
            "FROM account WHERE NOT archived"
        )
    ]


def heat_inputs(
    today: dt.date,
    settings: Settings,
    window_days: int = 0,
    accounts: list[HeatAccount] | None = None,
) -> list[HeatInput]:
    """Every live account's contacts up to `today` as the heat replay reads them.

    The queue's read of histories (`db.queue_data.heat_histories`): with stored heat
    current, the history before the last `window_days` comes as one seed (the heat
    right after its last contact), so heat on `today` is replayed from there.
    `accounts`: `heat_accounts()` read already (the tab reads two days).
    """
    activities, seeds = heat_histories(today, settings, window_days)
    found = seeds or {}
    return [
        HeatInput(rid, name, quad, activities.get(rid, ()), anchor, found.get(rid))
        for rid, name, quad, anchor in (heat_accounts() if accounts is None else accounts)
    ]


def activity_inputs(
    period: Period, today: dt.date
) -> tuple[list[ActivityCount], list[FollowUpDone]]:
    """The activities of a period (notes too) counted by local day and what the review
    tells apart, and the follow-ups it may judge (`activity_by_rep`, the book as one)."""
    return activity_by_rep(period, today, by_rep=False).get("", ([], []))


def activity_by_rep(
    period: Period, today: dt.date, *, by_rep: bool = True
) -> dict[str, tuple[list[ActivityCount], list[FollowUpDone]]]:
    """`activity_inputs` of each rep's accounts (the team view's), read at once; with
    `by_rep` False, the whole book's under the rep ''.

    Counted in SQL: a year of 200,000 activities is a few thousand rows. SQLite's
    'localtime' gives the local day by the same C library call as `LocalDays`. A
    table scan, not the time index: a year is most of the table, and the index
    would fetch each row apart.
    """
    rep_of = "(SELECT c.rep FROM account c WHERE c.id = a.account_id)" if by_rep else "''"
    follow_up_rep = "c.rep" if by_rep else "''"
    local = LocalDays()
    start = (period.start - dt.timedelta(days=MARGIN_DAYS)).isoformat()
    out: dict[str, tuple[list[ActivityCount], list[FollowUpDone]]] = {}
    # A server's day is in the session's zone, set to this process's (`db.server`); `+`
    # keeps SQLite off the time index, which PostgreSQL's planner decides by itself.
    day_sql, at = "date(a.occurred_at, 'localtime')", "+a.occurred_at"
    if db.is_server:
        from followup_tui.db.server import local_day_sql

        day_sql, at = local_day_sql("a.occurred_at"), "a.occurred_at"
    for rep, day, kind, outcome, in_sheet, n in _rows(
        f"SELECT {rep_of}, {day_sql}, a.kind, a.outcome, a.deal_id IS NOT NULL, "
        f"COUNT(*) FROM activity a WHERE {at} >= ? AND {at} < ? "
        "AND a.account_id NOT IN (SELECT id FROM account WHERE archived) "
        "GROUP BY 1, 2, 3, 4, 5",
        start,
        _until(period.end),
    ):
        on = _date(day)
        if period.holds(on):
            out.setdefault(rep, ([], []))[0].append(
                ActivityCount(on, kind, outcome, bool(in_sheet), n)
            )
    # A follow-up marked done without its day (an old import) cannot be judged: left out.
    for rep, due, done, done_at in _rows(
        f"SELECT {follow_up_rep}, f.due, f.done, f.done_at "
        "FROM follow_up f JOIN account c ON c.id = f.account_id WHERE NOT c.archived "
        "AND (f.due BETWEEN ? AND ? OR f.done_at >= ?)",
        period.start.isoformat(),
        period.end.isoformat(),
        start,
    ):
        if not (done and not done_at):
            done_on = local(str(done_at)) if done and done_at else None
            out.setdefault(rep, ([], []))[1].append(FollowUpDone(_date(due), done_on))
    return out


# Each tab read and judged: what `followup review` prints and the review screen shows.


def pipeline_review(today: dt.date, settings: Settings, *, keep: bool = True) -> Pipeline:
    """The pipeline of every open deal on `today`; `keep`: its sheets' judgements kept for
    the next read (`JUDGED`), which a command printing once has no use for."""
    return build_pipeline(pipeline_deals(today), today, settings, JUDGED if keep else None)


def health_review(quarter: Period, day: dt.date, settings: Settings) -> Health:
    """Pipeline health on `day` and over the four quarters ending with `quarter`."""
    return pipeline_health(prospects(), quarter, day, review_config(settings).goal_percent)


def year_end_review(the_year: int, settings: Settings) -> YearEnd:
    """The year-end analysis of `the_year`, with the verdicts kept for it and the year
    before's verdicts as its targets."""
    from followup_tui.db.review_verdicts import revisits_of, year_end_verdicts

    kept = {a: v.verdict for a, v in year_end_verdicts(the_year).items()}
    return year_end(
        the_year,
        live_names(),
        purchases_until(dt.date(the_year, 12, 31)),
        settings,
        kept,
        revisits_of(the_year),
    )


def heat_tab(today: dt.date, settings: Settings) -> HeatReview:
    """Heat by class and the biggest falls on `today`."""
    # Heat today and `heat_fall_days` ago, each replayed from the last contact before it:
    # two short reads instead of a month of every account's contacts.
    then = today - dt.timedelta(days=review_config(settings).heat_fall_days)
    accounts = heat_accounts()
    before = heat_on(heat_inputs(then, settings, accounts=accounts), then, settings)
    rows = rows_between(heat_inputs(today, settings, accounts=accounts), before, today, settings)
    return heat_review(rows, today, settings)


def activity_tab(period: Period, today: dt.date) -> ActivityReview:
    """The rep's activity in `period`, up to `today`."""
    counts, follow_ups = activity_inputs(period, today)
    return counted_review(period, counts, follow_ups, today)


def board_tab(settings: Settings) -> tuple[Tier, ...]:
    """The 5+5+5 board's three tiers."""
    return board(board_accounts(), review_config(settings).tier_slots)
