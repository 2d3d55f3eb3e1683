"""Blue sheets read as plain records for the rules: one deal's sheet, many, the deal list.

`followup_tui.db.sheets` holds the writes and re-exports these, so screens and
the CLI reach every sheet operation through one module.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from peewee import JOIN, SQL, fn

from followup_tui.core.accounts.naming import (
    NamedThing,
    best_named,
    name_forms,
    ranked,
    typed_words,
)
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.base.text import name_sort_key, search_key, whole_number
from followup_tui.core.sheet.completeness import completeness
from followup_tui.core.sheet.landmines import landmine_count
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    DealRow,
    SheetAction,
    SheetBullet,
    SheetDeal,
    SheetInfluence,
    SheetLandmine,
    SheetReview,
    SignalAnswerRec,
)
from followup_tui.db.connection import db
from followup_tui.db.lookup import accounts_by_name
from followup_tui.db.models import (
    Account,
    BestAction,
    Bullet,
    Contact,
    Deal,
    DealReview,
    Influence,
    Landmine,
    SignalAnswer,
)
from followup_tui.db.query_rows import tuple_rows

# SheetDeal fields read straight off the Deal row (the rest: its id, account and amount).
_DEAL_COPY = tuple(
    k for k in SheetDeal.__slots__ if k not in {"id", "account_id", "account_name", "amount"}
)
_DEAL_TIMES = {
    "completion_date": lambda v: dt.date.fromisoformat(v[:10]),
    "position_confirmed_at": lambda v: dt.datetime.fromisoformat(v[:26]),
    "created_at": lambda v: dt.datetime.fromisoformat(v[:26]),
}
# SheetInfluence fields read straight off the Influence row (name and title come from Contact).
_INFLUENCE_COPY = tuple(k for k in SheetInfluence.__slots__ if k not in {"name", "title"})


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_sheets(deal_ids: Iterable[int] | None = None) -> dict[int, BlueSheet]:
    """The sheets of several deals (None: of all), in a fixed number of queries."""
    ids = None if deal_ids is None else list(dict.fromkeys(deal_ids))
    # The ids as one JSON parameter: Peewee builds an IN list of thousands of ids
    # (the pipeline's every open deal) a node at a time, slower than the query.
    # The open database's own parameter mark: Peewee writes this SQL as it is given.
    mark = db.peewee().param
    listed = SQL(f"(SELECT value FROM json_each({mark}))", [json.dumps(ids)])

    def only(field: Any) -> Any:
        return True if ids is None else field.in_(listed)

    # Plain SQL rows, not models: a model per deal (or Peewee's converter per field)
    # costs more than reading it; the three time columns are converted here.
    where, params = ("", ()) if ids is None else (
        "WHERE d.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    )  # fmt: skip
    columns = ", ".join(f"d.{k}" for k in _DEAL_COPY)
    deals = {}
    for rid, account, name, amount, *rest in db.execute_sql(
        f"SELECT d.id, d.account_id, a.name, d.amount, {columns} FROM deal d "
        f"JOIN account a ON a.id = d.account_id {where}",
        params,
    ).fetchall():
        values = dict(zip(_DEAL_COPY, rest, strict=True))
        for key, convert in _DEAL_TIMES.items():
            if values[key] is not None:
                values[key] = convert(str(values[key]))
        deals[rid] = SheetDeal(
            id=rid, account_id=account, account_name=name, amount=_money(amount), **values
        )
    parts: dict[int, dict[str, list[Any]]] = {
        i: {
            "influences": [],
            "landmines": [],
            "bullets": [],
            "actions": [],
            "signals": [],
            "reviews": [],
        }
        for i in deals
    }
    query = (
        Influence.select(Influence, Contact.id, Contact.name, Contact.title)
        .join(Contact, on=(Influence.contact == Contact.id))
        .where(only(Influence.deal))
        .order_by(Influence.added_at, Influence.id)
    )
    for i in query:
        parts[i.deal_id]["influences"].append(
            SheetInfluence(
                **{k: getattr(i, k) for k in _INFLUENCE_COPY},
                name=i.contact.name,
                title=i.contact.title,
            )
        )
    for m in Landmine.select().where(only(Landmine.deal)).order_by(Landmine.id):
        parts[m.deal_id]["landmines"].append(
            SheetLandmine(
                m.id, m.category, m.text, m.influence_id, m.bullet_id, m.resolved, m.created_at
            )
        )
    for b in Bullet.select().where(only(Bullet.deal)).order_by(Bullet.id):
        parts[b.deal_id]["bullets"].append(
            SheetBullet(b.id, b.category, b.text, b.influence_id, b.created_at)
        )
    actions = BestAction.select().where(only(BestAction.deal))
    for a in actions.order_by(BestAction.done, BestAction.due.asc(nulls="last"), BestAction.id):
        parts[a.deal_id]["actions"].append(
            SheetAction(a.id, a.who, a.what, a.due, a.done, a.done_on, a.landmine_id, a.target)
        )
    for s in SignalAnswer.select().where(only(SignalAnswer.deal)).order_by(SignalAnswer.id):
        parts[s.deal_id]["signals"].append(
            SignalAnswerRec(s.signal, s.answer, s.note, s.answered_at)
        )
    reviews = DealReview.select(
        DealReview.id,
        DealReview.deal,
        DealReview.reviewed_on,
        DealReview.reviewer,
        DealReview.score,
        DealReview.verdict,
        DealReview.comments,
    ).where(only(DealReview.deal))
    for r in reviews.order_by(DealReview.reviewed_on, DealReview.id):
        parts[r.deal_id]["reviews"].append(
            SheetReview(r.id, r.reviewed_on, r.reviewer, r.score, r.verdict, r.comments)
        )
    return {
        i: BlueSheet(deal, **{k: tuple(v) for k, v in parts[i].items()})
        for i, deal in deals.items()
    }


def load_sheet(deal_id: int) -> BlueSheet:
    """One deal's whole sheet as plain records."""
    sheet = load_sheets([deal_id]).get(deal_id)
    if sheet is None:
        raise FollowupError(f"no deal with id {deal_id}")
    return sheet


def _describe(rows: Iterable[tuple[int, str, str]]) -> str:
    return "\n".join(f"  {rid}  {title}  ({account})" for rid, title, account in rows)


def _listed(rows: list[tuple[int, str, str]], limit: int | None) -> str | Said:
    """Every row, or the first `limit` and "…and N more" when a limit is asked."""
    if limit is None or len(rows) <= limit:
        return _describe(rows)
    return Said("cli_listing_more", {"listing": _describe(rows[:limit]), "n": len(rows) - limit})


def find_deal(text: str, limit: int | None = None) -> int:
    """The id of the deal named by `text`: an id, a title, or its account's name.

    Titles match as account names do (`core.accounts.naming`: case, width and
    accents folded, Chinese by pinyin or initials); an exact title wins over
    titles that merely contain it. Text naming no title may name an account
    instead, by the one naming rule (`db.lookup.accounts_by_name`, pinyin too):
    its one deal, or its one open deal. No match, or several, is a FollowupError
    (exit 2) that lists every candidate; with `limit`, the first `limit` and
    "…and N more".
    """
    wanted = text.strip()
    if not wanted:
        raise FollowupError(Said("cli_deal_empty"))
    query = Deal.select(Deal.id, Deal.title, Account.name, Deal.account, Deal.outcome).join(
        Account, on=(Deal.account == Account.id)
    )
    found = list(tuple_rows(query.order_by(Deal.id).tuples()))
    rows = [(int(r[0]), str(r[1]), str(r[2])) for r in found]
    if whole_number(wanted) and any(rid == int(wanted) for rid, _, _ in rows):
        return int(wanted)
    words = typed_words(wanted)
    titled = [
        NamedThing(rid, title, name_forms(search_key(title), name_sort_key(title)))
        for rid, title, _ in rows
    ]
    by_id = {r[0]: r for r in rows}
    matches = [by_id[h.thing.id] for h in best_named(ranked(words, titled))]
    if not matches:
        # A deal named by its account: `followup sheet northwind`, `followup sheet huawei`.
        accounts = {h.thing.id for h in accounts_by_name(wanted)}
        of_accounts = [r for r in found if int(r[3]) in accounts]
        open_ones = [r for r in of_accounts if r[4] == "open"]
        chosen = open_ones if len(open_ones) == 1 else of_accounts
        matches = [by_id[int(r[0])] for r in chosen]
    if len(matches) == 1:
        return int(matches[0][0])
    if matches:
        shown = _listed(matches, limit)
        raise FollowupError(
            Said("cli_deal_several", {"text": repr(text), "n": len(matches), "listing": shown})
        )
    key = search_key(wanted)
    titles = {search_key(r[1]): r for r in rows}
    close = difflib.get_close_matches(key, list(titles), n=len(titles), cutoff=0.6)
    near = [titles[k] for k in close]
    if near:
        raise FollowupError(
            Said("cli_deal_near", {"text": repr(text), "listing": _listed(near, limit)})
        )
    if rows:
        raise FollowupError(Said("cli_deal_none", {"text": repr(text), "n": len(rows)}))
    raise FollowupError(Said("cli_deal_none_yet", {"text": repr(text)}))


def list_deals(
    account_id: int | None = None,
    *,
    open_only: bool = False,
    today: dt.date | None = None,
    settings: Settings | None = None,
) -> list[DealRow]:
    """Rows of the deal list, open deals first, soonest completion first.

    Given `today` and `settings`, each row also carries its completeness score,
    and its landmine count is the sheet's (`core.sheet.landmines.landmine_count`:
    found and recorded, as the sheet shows them). Without them the count is only
    the recorded landmines not yet resolved (for callers with no rules to apply).
    """
    mines = (
        Landmine.select(Landmine.deal, fn.COUNT(Landmine.id).alias("n"))
        .where(Landmine.resolved == False)  # noqa: E712
        .group_by(Landmine.deal)
        .alias("mines")
    )
    query = (
        Deal.select(
            Deal,
            Account.id,
            Account.name,
            Account.archived,
            fn.COALESCE(mines.c.n, 0).alias("open_mines"),
        )
        .join(Account, on=(Deal.account == Account.id))
        .switch(Deal)
        .join(mines, JOIN.LEFT_OUTER, on=(mines.c.deal_id == Deal.id))
        .order_by(
            fn.IIF(Deal.outcome == "open", 0, 1),
            Deal.completion_date.asc(nulls="last"),
            Deal.id,
        )
    )
    if account_id is not None:
        query = query.where(Deal.account == account_id)
    if open_only:
        query = query.where(Deal.outcome == "open")
    deals = list(query)
    scores: dict[int, int] = {}
    counts: dict[int, int] = {}
    if today is not None and settings is not None:
        wanted = None if account_id is None and not open_only else [d.id for d in deals]
        sheets = load_sheets(wanted)
        scores = {i: completeness(s, today, settings).score for i, s in sheets.items()}
        counts = {i: landmine_count(s, today, settings) for i, s in sheets.items()}
    return [
        DealRow(
            *(d.id, d.account_id, d.account.name, d.title, _money(d.amount), d.completion_date),
            # `open_mines` is the COALESCE the query selects, not a Deal field.
            *(d.status, d.funnel, d.position, counts.get(d.id, int(d.open_mines))),  # type: ignore[attr-defined]
            *(d.outcome, scores.get(d.id)),
            account_archived=bool(d.account.archived),
        )
        for d in deals
    ]
