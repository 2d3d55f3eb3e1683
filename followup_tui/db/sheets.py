"""Blue sheets: transactional writes for the screens; the reads come from `sheet_reads`.

Confirmation dates: when a position, a mode or a rating changes (or its
evidence does), its `*_confirmed_at` becomes now (UTC) and `*_confirmed_by`
the activity passed as `confirmed_by`, if any. Passing `confirmed_by` also
re-confirms an unchanged value that `values` names: the call is the evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from peewee import IntegrityError
from playhouse.shortcuts import model_to_dict

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import ANSWERS, DEGREES, RESPONSE_MODES, ROLES
from followup_tui.core.keeping.edit_merge import refuse_changed
from followup_tui.core.sheet.sheet_records import SheetReview
from followup_tui.db.connection import retried
from followup_tui.db.models import (
    BestAction,
    Bullet,
    Deal,
    DealReview,
    Influence,
    Landmine,
    SignalAnswer,
    db,
    utcnow,
)
from followup_tui.db.row_locks import lock_account_of, lock_accounts

# The reads, re-exported (`x as x`): screens and the CLI reach a sheet through this one module.
from followup_tui.db.sheet_reads import find_deal as find_deal
from followup_tui.db.sheet_reads import list_deals as list_deals
from followup_tui.db.sheet_reads import load_sheet as load_sheet
from followup_tui.db.sheet_reads import load_sheets as load_sheets
from followup_tui.db.summaries import refresh_summaries

_BOOKKEEPING = {"id", "created_at", "updated_at", "added_at", "answered_at"}
_CONFIRMS = {"position_confirmed_at", "position_confirmed_by"}
_CONFIRMS |= {f"{k}_confirmed_{w}" for k in ("mode", "rating") for w in ("at", "by")}


def _fields(model: Any) -> tuple[str, ...]:
    """The columns a form may write: all but ids, bookkeeping and confirmation stamps."""
    return tuple(
        f.name for f in model._meta.sorted_fields if f.name not in _BOOKKEEPING | _CONFIRMS
    )


DEAL_FIELDS = _fields(Deal)
INFLUENCE_FIELDS = _fields(Influence)
LANDMINE_FIELDS = _fields(Landmine)
BULLET_FIELDS = _fields(Bullet)
ACTION_FIELDS = _fields(BestAction)


# -- writes ------------------------------------------------------------------------------


def _check_fields(values: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"not {what} fields: {sorted(unknown)}")


def _confirm(
    row: Any, values: dict[str, Any], keys: Mapping[str, tuple[str, ...]], by: int | None
) -> None:
    """Stamp `<key>_confirmed_at/by` for each value (or its evidence) that changed.

    A value set back to unknown (None) has nothing left to confirm: its stamp is cleared.
    """
    for key, watched in keys.items():
        changed = any(k in values and getattr(row, k) != values[k] for k in watched)
        if not (changed or (by is not None and key in values)):
            continue
        known = values.get(key, getattr(row, key)) is not None
        setattr(row, f"{key}_confirmed_at", utcnow() if known else None)
        setattr(row, f"{key}_confirmed_by", by if known else None)


@retried
def save_deal(
    values: dict[str, Any], deal_id: int | None = None, *, confirmed_by: int | None = None
) -> int:
    """Create or update a deal from form values, in one transaction; returns its id."""
    _check_fields(values, DEAL_FIELDS, "deal")
    with db.atomic():
        # Read, then written whole; the summaries of the account it is on (and was on).
        lock_account_of("deal", deal_id)
        # A deal moved to another account: that one too (taken second, not in id order:
        # a deadlock with a move the other way is run again, `retried`).
        lock_accounts(values.get("account"))
        deal = Deal() if deal_id is None else Deal.get_by_id(deal_id)
        before = None if deal_id is None else deal.account_id
        _confirm(deal, values, {"position": ("position",)}, confirmed_by)
        for name, value in values.items():
            setattr(deal, name, value)
        deal.title = deal.title.strip()
        deal.updated_at = utcnow()
        deal.save()
        refresh_summaries({deal.account_id, before or deal.account_id})
    return int(deal.id)


@retried
def save_influence(
    values: dict[str, Any], influence_id: int | None = None, *, confirmed_by: int | None = None
) -> int:
    """Create or update a buying influence; a person can be on a sheet only once."""
    _check_fields(values, INFLUENCE_FIELDS, "influence")
    rating = values.get("rating")
    if rating is not None and not -5 <= int(rating) <= 5:
        raise ValueError(f"a rating is -5..+5, got {rating}")
    for key, allowed in (("role", ROLES), ("mode", (*RESPONSE_MODES, None)), ("degree", DEGREES)):
        if key in values and values[key] not in allowed:
            raise ValueError(f"not a {key}: {values[key]!r}")
    try:
        with db.atomic():
            _lock_sheet("influence", influence_id, values)
            inf = Influence() if influence_id is None else Influence.get_by_id(influence_id)
            keys = {"mode": ("mode", "mode_evidence"), "rating": ("rating", "rating_evidence")}
            _confirm(inf, values, keys, confirmed_by)
            for name, value in values.items():
                setattr(inf, name, value)
            inf.save()
    except IntegrityError:
        raise FollowupError("this person is already on the sheet") from None
    return int(inf.id)


# The sheet's records a form edits, by kind: what `sheet_row` and `save_unless_changed` read.
SHEET_ROWS = {"deal": Deal, "influence": Influence, "landmine": Landmine, "bullet": Bullet,
              "best_action": BestAction}  # fmt: skip


def sheet_row(kind: str, row_id: int) -> dict[str, Any]:
    """One sheet record's stored columns (a link as its id), as a form opens on it."""
    model: Any = SHEET_ROWS[kind]
    row: dict[str, Any] = model.select().where(model.id == row_id).dicts().get()
    return row


@retried
def save_unless_changed(
    kind: str,
    row_id: int,
    opened: Mapping[str, Any],
    values: dict[str, Any],
    save: Callable[[dict[str, Any]], object],
) -> None:
    """`save(values)`, unless the record changed elsewhere since its form opened on
    `opened` (any field the form holds): then `EditConflict`, and nothing is written."""
    with db.atomic():
        model: Any = SHEET_ROWS[kind]
        lock_account_of(model._meta.table_name, row_id)  # checked, then written: none between
        refuse_changed(opened, values, model.select().where(model.id == row_id).dicts().first())
        save(values)


def _lock_sheet(table: str, row_id: int | None, values: dict[str, Any]) -> None:
    """Hold the account of a sheet's row (a new one's: its deal's) for the write."""
    if row_id is None:
        lock_account_of("deal", values.get("deal"))
    else:
        lock_account_of(table, row_id)


@retried
def _save(model: Any, fields: tuple[str, ...], values: dict[str, Any], row_id: int | None) -> int:
    _check_fields(values, fields, model.__name__.lower())
    with db.atomic():
        _lock_sheet(model._meta.table_name, row_id, values)
        row = model() if row_id is None else model.get_by_id(row_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return int(row.id)


def save_landmine(values: dict[str, Any], landmine_id: int | None = None) -> int:
    """Create or update a recorded landmine (deal, category, text, influence, bullet, resolved)."""
    return _save(Landmine, LANDMINE_FIELDS, values, landmine_id)


def save_bullet(values: dict[str, Any], bullet_id: int | None = None) -> int:
    """Create or update a bullet (deal, category, text, influence)."""
    return _save(Bullet, BULLET_FIELDS, values, bullet_id)


@retried
def link_bullet(landmine_id: int, bullet_id: int | None) -> None:
    """Tie a landmine to the bullet that disarms it (None unlinks); both on the same deal."""
    with db.atomic():
        lock_account_of("landmine", landmine_id)
        mine = Landmine.get_by_id(landmine_id)
        if bullet_id is not None and Bullet.get_by_id(bullet_id).deal_id != mine.deal_id:
            raise FollowupError("a bullet can only disarm a landmine of the same deal")
        Landmine.update(bullet=bullet_id).where(Landmine.id == landmine_id).execute()


def save_action(
    values: dict[str, Any], action_id: int | None = None, *, today: dt.date | None = None
) -> int:
    """Create or update a best action; marking it done stamps `today` unless `done_on` is given.

    Callers pass the app's `today` (time is injected); the clock is only a fallback.
    """
    values = dict(values)
    if values.get("done") and not values.get("done_on"):
        values["done_on"] = today or dt.date.today()
    elif values.get("done") is False:
        values["done_on"] = None
    return _save(BestAction, ACTION_FIELDS, values, action_id)


# What can be deleted with undo, and the links to it that deletion clears (SET NULL):
# kind -> (model, ((linking model, its field), ...)).
_UNDO: dict[str, tuple[Any, tuple[tuple[Any, str], ...]]] = {
    "influence": (Influence, ((Landmine, "influence"), (Bullet, "influence"))),
    "landmine": (Landmine, ((BestAction, "landmine"),)),
    "bullet": (Bullet, ((Landmine, "bullet"),)),
    "action": (BestAction, ()),
}


@retried
def delete_item(kind: str, item_id: int) -> dict[str, Any]:
    """Delete an influence, landmine, bullet or action; returns what `restore_item` needs."""
    model, links = _UNDO[kind]
    with db.atomic():
        lock_account_of(model._meta.table_name, item_id)  # its links are read, then cleared
        row = model.get_by_id(item_id)
        saved = {"_kind": kind, "_row": model_to_dict(row, recurse=False), "_links": []}
        for other, name in links:  # rows tied to it stay, unlinked; undo ties them again
            field = getattr(other, name)
            ids = [r.id for r in other.select(other.id).where(field == item_id)]
            saved["_links"].append(ids)
        row.delete_instance()
    return saved


@retried
def restore_item(saved: dict[str, Any]) -> None:
    """Put back a row removed by `delete_item`, with the same id and links."""
    model, links = _UNDO[saved["_kind"]]
    row = saved["_row"]
    with db.atomic():
        lock_account_of("deal", row.get("deal"))
        model.insert(**row).execute()
        for (other, name), ids in zip(links, saved["_links"], strict=True):
            other.update({getattr(other, name): row["id"]}).where(other.id.in_(ids)).execute()


def delete_influence(influence_id: int) -> dict[str, Any]:
    """Take a person off a sheet; returns what `restore_influence` needs (undo)."""
    return delete_item("influence", influence_id)


def restore_influence(saved: dict[str, Any]) -> None:
    """Put back a person removed by `delete_influence`, with the same id and links."""
    restore_item(saved)


def set_signal(deal_id: int, signal_id: str, answer: str, note: str = "") -> None:
    """Answer one signal or trap for a deal: good, bad or unknown."""
    if answer not in ANSWERS:
        raise ValueError(f"an answer is one of {ANSWERS}, got {answer!r}")
    SignalAnswer.insert(
        deal=deal_id, signal=signal_id, answer=answer, note=note, answered_at=utcnow()
    ).on_conflict(
        conflict_target=[SignalAnswer.deal, SignalAnswer.signal],
        preserve=[SignalAnswer.answer, SignalAnswer.note, SignalAnswer.answered_at],
    ).execute()


def record_review(
    deal_id: int,
    reviewed_on: dt.date,
    comments: str,
    score: int | None,
    snapshot_json: str | dict[str, Any],
    *,
    reviewer: str = "",
    verdict: str = "",
) -> int:
    """Store a finished deal review; the next review diffs against its snapshot.

    `reviewer` is who led it (the manager), `verdict` the verdict kind it reached
    (`core.sheet.deal_verdict`); both show in the review history.
    """
    text = snapshot_json if isinstance(snapshot_json, str) else json.dumps(snapshot_json)
    review = DealReview.create(
        deal=deal_id,
        reviewed_on=reviewed_on,
        comments=comments,
        score=score,
        snapshot=text,
        reviewer=reviewer.strip(),
        verdict=verdict,
    )
    return int(review.id)


def review_history(deal_id: int) -> list[SheetReview]:
    """Every finished review of a deal, oldest first: date, reviewer, score, verdict, comments.

    The same records `load_sheet(deal_id).reviews` holds, for a screen that needs
    only the history.
    """
    return list(load_sheet(deal_id).reviews)


def last_review(deal_id: int) -> dict[str, Any] | None:
    """The latest review of a deal (its snapshot parsed), or None if it was never reviewed.

    Its `comments` are what the next review opens with: the manager's words stay.
    """
    review = (
        DealReview.select()
        .where(DealReview.deal == deal_id)
        .order_by(DealReview.reviewed_on.desc(), DealReview.id.desc())
        .first()
    )
    if review is None:
        return None
    try:
        parsed = json.loads(review.snapshot or "{}")
    except ValueError:
        parsed = {}  # a damaged snapshot only costs the "what changed" list
    return {
        "id": review.id,
        "deal_id": review.deal_id,
        "reviewed_on": review.reviewed_on,
        "comments": review.comments,
        "score": review.score,
        "reviewer": review.reviewer,
        "verdict": review.verdict,
        "snapshot": parsed if isinstance(parsed, dict) else {},
    }
