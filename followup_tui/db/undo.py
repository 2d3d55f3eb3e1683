"""Undoable writes of an account and its key people, and their undo and redo.

Each write here is the ordinary write (`save_account`, `set_archived`, `save_contact`,
`delete_contact`) wrapped so that, in the same transaction, the account's user data is
read before and after: the difference is the `Change` it returns. Undo writes the values
before back, redo the values after, each in one transaction that then recomputes what the
data layer derives from them: search and sort keys, the class, the summary columns
(search text included) and, when the class moved, the stored heat. The queue's dirty
marks and any index kept by triggers follow the rows written.

A change made elsewhere meanwhile (`followup note`, another screen, another process) is
never overwritten: before writing, every field the change touched must still hold the
value the change left there, and a person it added must have gained no history. If one
does not, nothing is written and `UndoConflict` names the fields. Fields the change did
not touch may have moved: they are not written, so an undo after a note or another
field's edit restores exactly what the change altered and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from peewee import IntegrityError

from followup_tui.core.base.text import name_spoken
from followup_tui.core.keeping.edit_merge import refuse_changed
from followup_tui.db.accounts import ACCOUNT_FIELDS, rederive, save_account, set_archived
from followup_tui.db.action_plans import MILESTONE_STATE, PLAN_STATE, STEP_STATE
from followup_tui.db.connection import retried
from followup_tui.db.contacts import CONTACT_FIELDS, delete_contact, restore_contact, save_contact
from followup_tui.db.models import (
    Account,
    ActionPlan,
    Activity,
    Contact,
    Deal,
    FollowUp,
    Influence,
    NoteDraft,
    PlanMilestone,
    PlanStep,
    Purchase,
    YearEndVerdict,
    db,
)
from followup_tui.db.row_locks import lock_accounts

T = TypeVar("T")

# What a change records of the account row: what the rep can set, the archive mark, and
# when it was made (an added account put back by redo keeps it). Derived columns are
# recomputed; `updated_at` is a stamp of the last write, an undo too.
ACCOUNT_STATE = (*ACCOUNT_FIELDS, "archived", "archived_at", "created_at")
CONTACT_STATE = (*CONTACT_FIELDS, "created_at")
# A removed person's saved links (see `delete_contact`): carried, never compared.
_LINK_KEYS = ("activity_ids", "follow_up_ids", "influences", "landmine_links", "bullet_links")

Row = Mapping[str, Any]

# Rows of other tables an undoable write may change (`db.action_plans`,
# `db.review_verdicts`): written back as they were, nothing derived from them.
PLAIN_TABLES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "plan_step": (PlanStep, STEP_STATE),
    "action_plan": (ActionPlan, PLAN_STATE),
    "plan_milestone": (PlanMilestone, MILESTONE_STATE),
    "year_end_verdict": (
        YearEndVerdict,
        ("account_id", "year", "verdict", "proposal", "confirmed_on"),
    ),
}


@dataclass(frozen=True)
class RowChange:
    """One row's values before and after (None: the row did not exist).

    An update keeps only the fields that changed, so an undo checks and writes only those.
    """

    table: str  # "account", "contact" or one of PLAIN_TABLES
    row_id: int
    before: Row | None
    after: Row | None


@dataclass(frozen=True)
class Change:
    """One undoable write: what it did (for the message) and the rows it changed."""

    # added, edited, archived, restored, person_added, person_edited, person_removed;
    # step_deleted, step_marked, step_added, step_edited, goals_edited, milestones_edited
    # (an action plan's), verdict_confirmed (a year-end verdict)
    action: str
    account_id: int
    rows: tuple[RowChange, ...]
    # For the message: name (the account's, before), new_name, person; fields changed.
    names: Mapping[str, str] = field(default_factory=dict)
    fields: tuple[str, ...] = ()

    @property
    def person_id(self) -> int | None:
        """The key person this change added or removed (None: it did neither)."""
        for row in self.rows:
            if row.table == "contact" and (row.before is None or row.after is None):
                return row.row_id
        return None


class UndoConflict(Exception):
    """An undo or redo that would overwrite a change made since; nothing was written."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


# -- the writes ------------------------------------------------------------------------


@retried
def add_account(values: dict[str, Any]) -> tuple[int, Change]:
    """Create an account from the form's values; returns its id and the change."""
    with db.atomic():
        account_id = save_account(values)
        row = _read("account", account_id)
    added = RowChange("account", account_id, None, row)
    return account_id, Change("added", account_id, (added,), {"name": str(values["name"])})


def _check_unchanged(model: Any, row_id: int, values: dict[str, Any], base: dict[str, Any]) -> None:
    """`refuse_changed` on the row as read in the write's transaction (None: deleted)."""
    stored = model.get_or_none(model.id == row_id)
    theirs = None
    if stored is not None:
        theirs = {k: getattr(stored, k) for k in values if hasattr(stored, k)}
    refuse_changed(base, values, theirs)


@retried
def edit_account(
    values: dict[str, Any], account_id: int, *, base: dict[str, Any] | None = None
) -> Change | None:
    """Save the account form's values on an account; None when nothing changed.

    With `base` (the account as the form opened on it), an account changed elsewhere
    since then is not overwritten: `EditConflict` is raised and nothing is written.
    """
    before_name = _account_name(account_id)

    def write() -> None:
        if base is not None:
            _check_unchanged(Account, account_id, values, base)
        save_account(values, account_id)

    rows = _recorded(account_id, write)[1]
    if not rows:
        return None
    account = _only(rows, "account")
    changed = tuple(account.after or {}) if account is not None else ()
    names = {"name": before_name, "new_name": _account_name(account_id)}
    return Change("edited", account_id, rows, names, changed)


@retried
def archive(account_id: int, archived: bool) -> Change | None:
    """Archive or restore an account; None when it already was."""
    name = _account_name(account_id)
    rows = _recorded(account_id, lambda: set_archived(account_id, archived))[1]
    if not rows:
        return None
    return Change("archived" if archived else "restored", account_id, rows, {"name": name})


@retried
def save_person(
    values: dict[str, Any],
    account_id: int,
    contact_id: int | None = None,
    *,
    base: dict[str, Any] | None = None,
) -> tuple[int, Change | None]:
    """Add or edit a key person; returns their id and the change (None: nothing changed).

    With `base` (the person as the form opened on them), a person changed elsewhere
    since is not overwritten: `EditConflict` is raised and nothing is written.
    """

    def write() -> int:
        if base is not None and contact_id is not None:
            _check_unchanged(Contact, contact_id, values, base)
        return save_contact(values, account_id, contact_id)

    new_id, rows = _recorded(account_id, write)
    if not rows:
        return new_id, None
    mine = next((r for r in rows if r.table == "contact" and r.row_id == new_id), None)
    action = "person_added" if contact_id is None else "person_edited"
    changed = tuple(mine.after or {}) if action == "person_edited" and mine else ()
    names = {"name": _account_name(account_id), "person": str(values.get("name", ""))}
    return new_id, Change(action, account_id, rows, names, changed)


@retried
def remove_person(contact_id: int) -> Change:
    """Remove a key person; the change keeps their links, so an undo ties them again."""
    account_id = int(Contact.get_by_id(contact_id).account_id)
    saved, rows = _recorded(account_id, lambda: delete_contact(contact_id))
    # The links cleared on delete are not in a row: put them with the person's values.
    rows = tuple(
        RowChange(r.table, r.row_id, {**(r.before or {}), **_links(saved)}, None)
        if r.table == "contact" and r.row_id == contact_id
        else r
        for r in rows
    )
    names = {"name": _account_name(account_id), "person": str(saved["name"])}
    return Change("person_removed", account_id, rows, names)


# -- undo and redo ---------------------------------------------------------------------


@retried
def undo(change: Change) -> None:
    """Put back the values before `change`, in one transaction; UndoConflict: nothing done."""
    _apply(change, [(r, r.after, r.before) for r in reversed(change.rows)])


@retried
def redo(change: Change) -> None:
    """Make `change` again after an undo, in one transaction; UndoConflict: nothing done."""
    _apply(change, [(r, r.before, r.after) for r in change.rows])


def _apply(change: Change, steps: list[tuple[RowChange, Row | None, Row | None]]) -> None:
    # IMMEDIATE: the write lock from the first read, so no other process writes between
    # the check that the rows are as the change left them and the write that restores them.
    with db.atomic("IMMEDIATE"):
        lock_accounts(change.account_id)  # checked, then written back: no write between
        conflicts: list[str] = []
        for row, expected, wanted in steps:
            conflicts += _conflicts(row, expected, wanted)
        was = _class_of(change.account_id)
        coming_back = any(r.table == "account" and e is None and w for r, e, w in steps)
        if was == _NEW and not coming_back:
            conflicts.append("account")  # deleted since (an import): nothing to hang rows on
        if conflicts:
            raise UndoConflict(list(dict.fromkeys(conflicts)))
        try:
            with db.atomic():
                for row, expected, wanted in steps:
                    _write(row, change.account_id, expected, wanted)
        except IntegrityError as error:
            # An account of the same owner took the name back meanwhile (names are unique).
            raise UndoConflict(["name_taken"]) from error
        if any(r.table not in PLAIN_TABLES for r, _, _ in steps):
            _rederive(change.account_id, was)


_NEW = "new"  # `_class_of` of an account that did not exist: no history to replay


def _conflicts(row: RowChange, expected: Row | None, wanted: Row | None) -> list[str]:
    """The fields of `row` that no longer hold `expected` (the change's own result).

    A person about to be removed again must have no history the change did not know.
    """
    current = _read(row.table, row.row_id)
    if expected is None:  # the row must still be absent
        return [] if current is None else ["id"]
    if current is None:
        return ["person" if row.table == "contact" else "account"]
    wrong = [k for k, v in expected.items() if k not in _LINK_KEYS and current[k] != v]
    if wanted is None and row.table == "contact":
        if _history(row.row_id) - _saved_links(expected):
            wrong.append("history")  # a call logged with them since: removing would cut it
    elif wanted is None and row.table == "account" and _has_records(row.row_id):
        wrong.append("records")  # people, notes or deals added to a new account since
    return wrong


def _write(row: RowChange, account_id: int, expected: Row | None, wanted: Row | None) -> None:
    if row.table in PLAIN_TABLES:
        model = PLAIN_TABLES[row.table][0]
        if wanted is None:
            model.delete().where(model.id == row.row_id).execute()
        elif expected is None:
            model.insert(id=row.row_id, **dict(wanted)).execute()
        else:
            model.update(**dict(wanted)).where(model.id == row.row_id).execute()
    elif row.table == "account" and wanted is None:
        Account.delete().where(Account.id == row.row_id).execute()
    elif row.table == "account" and expected is None:
        Account.insert(id=row.row_id, **dict(wanted or {})).execute()
    elif row.table == "account":
        Account.update(**dict(wanted or {})).where(Account.id == row.row_id).execute()
    elif wanted is None:
        delete_contact(row.row_id)
    elif expected is None:
        restore_contact({"id": row.row_id, "account_id": account_id, **wanted})
    else:
        values = dict(wanted)
        if "name" in values:  # derived from the name, as `save_contact` derives it
            values["spoken"] = name_spoken(values["name"])
        Contact.update(**values).where(Contact.id == row.row_id).execute()


def _rederive(account_id: int, was: str | None) -> None:
    """Recompute what the data layer derives from the account's user data."""
    account = Account.get_or_none(Account.id == account_id)
    if account is not None:  # None: an added account taken away again
        rederive(account, was, new=was == _NEW)


# -- reading the state -----------------------------------------------------------------


def _recorded(account_id: int, write: Callable[[], T]) -> tuple[T, tuple[RowChange, ...]]:
    """Run `write` in a transaction and return its result and the rows it changed."""
    with db.atomic("IMMEDIATE"):  # no other write between the two reads
        lock_accounts(account_id)
        before = _state(account_id)
        result = write()
        after = _state(account_id)
    return result, _diff(before, after)


State = dict[tuple[str, int], dict[str, Any]]


def _state(account_id: int) -> State:
    state: State = {}
    account = _read("account", account_id)
    if account is not None:
        state["account", account_id] = account
    for contact in Contact.select().where(Contact.account == account_id):
        state["contact", contact.id] = {n: getattr(contact, n) for n in CONTACT_STATE}
    return state


def _diff(before: State, after: State) -> tuple[RowChange, ...]:
    rows = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is not None and new is not None:
            moved = [k for k in new if old[k] != new[k]]
            old, new = {k: old[k] for k in moved}, {k: new[k] for k in moved}
        rows.append(RowChange(key[0], key[1], old, new))
    return tuple(rows)


def read_row(table: str, row_id: int) -> dict[str, Any] | None:
    """A row's values as a change records them (None: no such row)."""
    return _read(table, row_id)


def _read(table: str, row_id: int) -> dict[str, Any] | None:
    if table in PLAIN_TABLES:
        model, names = PLAIN_TABLES[table]
        found = model.get_or_none(model.id == row_id)
        return None if found is None else {n: getattr(found, n) for n in names}
    if table == "account":
        account = Account.get_or_none(Account.id == row_id)
        return None if account is None else {n: getattr(account, n) for n in ACCOUNT_STATE}
    contact = Contact.get_or_none(Contact.id == row_id)
    return None if contact is None else {n: getattr(contact, n) for n in CONTACT_STATE}


def _only(rows: tuple[RowChange, ...], table: str) -> RowChange | None:
    return next((r for r in rows if r.table == table), None)


def _account_name(account_id: int) -> str:
    return str(Account.get_by_id(account_id).name)


def _class_of(account_id: int) -> str | None:
    found = Account.get_or_none(Account.id == account_id)
    return _NEW if found is None else found.quadrant


def _has_records(account_id: int) -> bool:
    """Whether anything hangs on the account: people, history, deals, follow-ups, a draft."""
    models: tuple[Any, ...] = (Contact, Activity, Deal, FollowUp, Purchase, NoteDraft)
    return any(m.select().where(m.account == account_id).exists() for m in models)


def _links(saved: Mapping[str, Any]) -> dict[str, Any]:
    return {k: saved[k] for k in _LINK_KEYS if k in saved}


def _history(contact_id: int) -> set[tuple[str, int]]:
    """The rows that name this person: their activities, follow-ups and sheet influences."""
    found: set[tuple[str, int]] = set()
    models: tuple[tuple[str, Any], ...] = (
        ("activity", Activity),
        ("follow_up", FollowUp),
        ("influence", Influence),
    )
    for kind, model in models:
        ids = model.select(model.id).where(model.contact == contact_id).tuples()
        found.update((kind, int(row_id)) for (row_id,) in ids)
    return found


def _saved_links(values: Row) -> set[tuple[str, int]]:
    """The history a removed person had (and gets back): nothing new for them since."""
    found = {("activity", i) for i in values.get("activity_ids", ())}
    found |= {("follow_up", i) for i in values.get("follow_up_ids", ())}
    found |= {("influence", row["id"]) for row in values.get("influences", ())}
    return found
