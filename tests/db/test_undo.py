"""Undo and redo of account and key-person edits: exact, in one transaction, never over a change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from peewee import IntegrityError

from followup_tui.core.base.kinds import RELATIONSHIP_TYPES, TIERS
from followup_tui.core.base.undo_history import UndoHistory
from followup_tui.db import undo as edits
from followup_tui.db.accounts import save_account
from followup_tui.db.database import db
from followup_tui.db.heat_cache import ensure_heat_current
from followup_tui.db.models import Account, Activity, Contact, FollowUp
from followup_tui.db.undo import Change, UndoConflict

# The user data and everything derived from it that an undo must give back exactly.
# `updated_at` is the stamp of the last write, and an undo is a write.
_TABLES = {
    "account": "SELECT * FROM account ORDER BY id",
    "contact": "SELECT * FROM contact ORDER BY id",
    "influence": "SELECT * FROM influence ORDER BY id",
    "links": "SELECT id, contact_id, heat_after FROM activity ORDER BY id",
    "follow_up": "SELECT id, contact_id FROM follow_up ORDER BY id",
    "landmine": "SELECT id, influence_id FROM landmine ORDER BY id",
    "bullet": "SELECT id, influence_id FROM bullet ORDER BY id",
}


def user_data() -> dict[str, list[tuple[Any, ...]]]:
    """Every table an edit here can reach, `updated_at` left out."""
    out = {}
    for name, sql in _TABLES.items():
        cursor = db.execute_sql(sql)
        columns = [c[0] for c in cursor.description]
        keep = [i for i, c in enumerate(columns) if c != "updated_at"]
        out[name] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
    return out


def differences(was: dict, now: dict) -> list[tuple[Any, ...]]:
    """The rows that differ, table by table, for a readable failure."""
    out: list[tuple[Any, ...]] = []
    for table, rows in was.items():
        gone = [r for r in rows if r not in now[table]]
        new = [r for r in now[table] if r not in rows]
        out += [(table, "was", r) for r in gone] + [(table, "now", r) for r in new]
    return out


def huawei() -> Account:
    return Account.get(Account.name == "华为技术")


def test_rename_is_undone_with_its_search_keys_and_redone(settings, demo_db) -> None:
    ensure_heat_current(settings)
    account = huawei()
    start = user_data()
    change = edits.edit_account({"name": "华为终端"}, account.id)
    assert change is not None and change.fields == ("name",)
    assert change.names == {"name": "华为技术", "new_name": "华为终端"}
    assert "华为终端".casefold() in Account.get_by_id(account.id).search_text
    edits.undo(change)
    assert user_data() == start
    assert Account.get_by_id(account.id).name == "华为技术"
    edits.redo(change)
    assert Account.get_by_id(account.id).name == "华为终端"
    # The queue rereads the account: its dirty mark is set by the restoring write.
    marks = db.execute_sql("SELECT account_id FROM queue_dirty").fetchall()
    assert (account.id,) in marks


def test_a_class_change_undone_gives_the_heat_back(settings, demo_db) -> None:
    ensure_heat_current(settings)
    account = huawei()
    start = user_data()
    flipped = "low" if account.willingness == "high" else "high"
    change = edits.edit_account({"willingness": flipped}, account.id)
    assert change is not None
    assert Account.get_by_id(account.id).quadrant != account.quadrant
    edits.undo(change)
    assert user_data() == start


def test_a_form_saved_unchanged_is_no_step(settings, demo_db) -> None:
    account = huawei()
    assert edits.edit_account({"name": account.name, "tier": account.tier}, account.id) is None
    assert edits.archive(account.id, False) is None


def test_an_undo_never_overwrites_a_change_made_since(settings, demo_db) -> None:
    """Renamed here, renamed again elsewhere: the undo refuses and writes nothing."""
    account = huawei()
    change = edits.edit_account({"name": "华为终端", "tier": TIERS[0]}, account.id)
    assert change is not None
    save_account({"name": "华为云"}, account.id)  # another screen or process
    before = user_data()
    with pytest.raises(UndoConflict) as raised:
        edits.undo(change)
    assert raised.value.fields == ["name"]
    assert user_data() == before, "nothing half-restored: the tier stays too"


def test_a_change_to_other_fields_since_does_not_stop_the_undo(settings, demo_db) -> None:
    """A note logged, another field edited: only what the change altered goes back."""
    account = huawei()
    change = edits.edit_account({"name": "华为终端"}, account.id)
    assert change is not None
    save_account({"phone": "+86 755 0000 0000"}, account.id)
    edits.undo(change)
    back = Account.get_by_id(account.id)
    assert (back.name, back.phone) == ("华为技术", "+86 755 0000 0000")


def test_a_person_added_then_called_is_not_removed_by_undo(settings, demo_db) -> None:
    account = huawei()
    person_id, change = edits.save_person({"name": "赵工"}, account.id)
    assert change is not None
    when = dt.datetime(2026, 11, 21, 9, 0)
    Activity.create(
        account=account.id, contact=person_id, kind="call", outcome="reached", occurred_at=when
    )
    with pytest.raises(UndoConflict) as raised:
        edits.undo(change)
    assert raised.value.fields == ["history"]
    assert Contact.get_by_id(person_id).name == "赵工"


def test_a_removed_person_comes_back_with_links_and_their_id_taken_refuses(
    settings, demo_db
) -> None:
    linked = FollowUp.select().where(FollowUp.contact.is_null(False)).first()
    person = Contact.get_by_id(linked.contact_id)
    start = user_data()
    change = edits.remove_person(person.id)
    edits.undo(change)
    assert user_data() == start
    edits.redo(change)
    # The same id given to someone else meanwhile: the person cannot come back cleanly.
    Contact.insert(id=person.id, account=person.account_id, name="新人").execute()
    with pytest.raises(UndoConflict):
        edits.undo(change)
    assert Contact.get_by_id(person.id).name == "新人"


def test_making_a_coach_is_undone_with_the_marker_taken_from_the_other(settings, demo_db) -> None:
    coach = Contact.get(Contact.is_coach == True)  # noqa: E712
    other = Contact.get((Contact.account == coach.account_id) & (Contact.id != coach.id))
    start = user_data()
    _, change = edits.save_person({"is_coach": True}, coach.account_id, other.id)
    assert change is not None
    assert not Contact.get_by_id(coach.id).is_coach
    edits.undo(change)
    assert user_data() == start


# -- any sequence of edits, undone, leaves the book as it was ---------------------------

_names = st.text(alphabet="华为技术杭州新客户 ACMEabc-", min_size=1, max_size=8).filter(
    lambda s: s.strip() != ""
)
_account_edit = st.fixed_dictionaries(
    {},
    optional={
        "name": _names,
        "willingness": st.sampled_from(["high", "low", None]),
        "need": st.sampled_from(["strong", "weak", None]),
        "relationship": st.sampled_from(RELATIONSHIP_TYPES),
        "tier": st.sampled_from([*TIERS, None]),
        "notes": st.text(alphabet="竞争对手 SOW note", max_size=12),
        "phone": st.text(alphabet="+86 0123", max_size=10),
    },
)
_person_edit = st.fixed_dictionaries(
    {},
    optional={
        "name": _names,
        "phone": st.text(alphabet="+86 0123", max_size=10),
        "is_coach": st.booleans(),
        "level": st.sampled_from([None, 1, 3, 5]),
    },
)
_ops = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 2), _account_edit),
        st.tuples(st.just("archive"), st.integers(0, 2), st.booleans()),
        st.tuples(st.just("add"), st.integers(0, 2), _person_edit),
        st.tuples(st.just("person"), st.integers(0, 2), st.tuples(st.integers(0, 9), _person_edit)),
        st.tuples(st.just("remove"), st.integers(0, 2), st.integers(0, 9)),
        st.tuples(st.just("new"), st.integers(0, 2), _account_edit),
    ),
    max_size=8,
)


def _run(op: tuple[str, int, Any], account_ids: list[int]) -> Change | None:
    kind, which, arg = op
    account_id = account_ids[which]
    query = Contact.select(Contact.id).where(Contact.account == account_id).order_by(Contact.id)
    people = [c.id for c in query]
    if kind == "edit":
        return edits.edit_account(arg, account_id)
    if kind == "archive":
        return edits.archive(account_id, arg)
    if kind == "new":
        account_id, change = edits.add_account({"name": "新客户", **arg})
        account_ids[which] = account_id  # later steps work on it too
        return change
    if kind == "add":
        return edits.save_person({"name": "新人", **arg}, account_id)[1]
    if not people:
        return None
    if kind == "person":
        index, values = arg
        return edits.save_person(values, account_id, people[index % len(people)])[1]
    return edits.remove_person(people[arg % len(people)])


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops)
def test_any_edits_then_as_many_undos_give_the_book_back(settings, demo_db, ops) -> None:
    ensure_heat_current(settings)
    account_ids = [a.id for a in Account.select().order_by(Account.id).limit(3)]
    start = user_data()
    history: UndoHistory[Change] = UndoHistory()
    for op in ops:
        try:
            change = _run(op, account_ids)
        except IntegrityError:  # a name the owner has already: the form refuses it
            continue
        if change is not None:
            history.record(change)
    after = user_data()
    while (step := history.next_undo()) is not None:
        edits.undo(step)
        history.undone()
    assert differences(start, user_data()) == []
    while (step := history.next_redo()) is not None:
        edits.redo(step)
        history.redone()
    assert differences(after, user_data()) == []
    while (step := history.next_undo()) is not None:  # the next example starts as this did
        edits.undo(step)
        history.undone()


def test_an_added_account_is_taken_away_unless_something_hangs_on_it(settings, demo_db) -> None:
    start = user_data()
    account_id, change = edits.add_account({"name": "杭州新客户", "willingness": "high"})
    added = user_data()
    edits.undo(change)
    assert user_data() == start
    edits.redo(change)
    assert user_data() == added, "back with the same id, values and creation stamp"
    edits.save_person({"name": "赵工"}, account_id)
    with pytest.raises(UndoConflict) as raised:
        edits.undo(change)
    assert raised.value.fields == ["records"]


def test_the_history_is_a_stack_with_redo(settings) -> None:
    history: UndoHistory[int] = UndoHistory(depth=20)
    for step in range(25):
        history.record(step)
    assert history.undo_count == 20
    assert history.next_undo() == 24
    history.undone()
    history.undone()
    assert (history.next_undo(), history.next_redo()) == (22, 23)
    history.redone()
    assert history.next_undo() == 23
    history.record(99)
    assert history.next_redo() is None, "a new change ends what could be redone"
