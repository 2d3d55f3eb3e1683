"""Action plans of the 5+5+5 board: reads, transactional writes, undoable deletes and marks.

A plan is kept per account and year (`core.review.action_plan`); it is made by the
first write that needs it, so reading an account without one gives an empty plan
and writes nothing. Deleting a step and marking one return a `db.undo.Change`, and so
do the undoable edits of goals, milestones and steps (`edit_goals`, `edit_milestones`,
`new_step`, `change_step`): the session's undo (`u`) puts each back, and redo makes it
again, as for accounts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.local_days import LocalDays
from followup_tui.core.base.records import PurchaseRec
from followup_tui.core.keeping.edit_merge import refuse_changed
from followup_tui.core.review.action_plan import (
    ActionPlan,
    PlanStep,
    check_status,
    check_step,
    clean_goals,
    milestones_of,
    parse_step_when,
    plan_fields,
    plan_from_fields,
    step_fields,
)
from followup_tui.core.review.board import BoardAccount, BoardReview
from followup_tui.core.review.board import board_review as build_board
from followup_tui.core.review.plan_track import WonDeal, sales_by_month
from followup_tui.core.review.review_config import review_config
from followup_tui.db.connection import db, retried
from followup_tui.db.row_locks import lock_account_of, lock_accounts

if TYPE_CHECKING:
    from followup_tui.db.undo import Change  # Peewee: loaded by the writes that need it

# A step's row as an undo records it (`db.undo`): everything but its id.
STEP_STATE = (
    "plan_id",
    "position",
    "who",
    "how",
    "due",
    "why",
    "what_for",
    "status",
    "marked_on",
    "created_at",
)
# What an undo records of a plan's row (its goals) and of a milestone's.
PLAN_STATE = ("goals",)
MILESTONE_STATE = ("plan_id", "month", "expected")
# A list of ids as one JSON parameter: no limit on how many accounts a board holds.
IDS_IN = "(SELECT value FROM json_each(?))"
_STEP_SQL = (
    "SELECT s.id, p.account_id, p.year, s.position, s.who, s.how, s.due, s.why, s.what_for, "
    "s.status, s.marked_on FROM plan_step s JOIN action_plan p ON p.id = s.plan_id"
)


def _day(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _step(row: Sequence[Any]) -> PlanStep:
    sid, account, year, position, who, how, due, why, what_for, status, marked = row
    return PlanStep(
        sid,
        account,
        year,
        position,
        who,
        how,
        parse_step_when(due),
        why,
        what_for,
        status,
        _day(marked),
    )


# -- reads ------------------------------------------------------------------------------


def plans_for(account_ids: Iterable[int] | None, year: int) -> dict[int, ActionPlan]:
    """The saved plans of `year` for these accounts (None: every account), by account id.

    Three queries whatever the number of accounts; accounts without a plan are absent.
    """
    where = "p.year = ?"
    params: list[object] = [year]
    ids = None if account_ids is None else sorted(set(account_ids))
    if ids is not None:
        if not ids:
            return {}
        where += f" AND p.account_id IN {IDS_IN}"
        params.append(json.dumps(ids))
    heads = db.execute_sql(
        f"SELECT p.id, p.account_id, p.goals FROM action_plan p WHERE {where}", params
    ).fetchall()
    months: dict[int, list[Decimal | None]] = {pid: [None] * 12 for pid, _, _ in heads}
    for pid, month, expected in db.execute_sql(
        "SELECT m.plan_id, m.month, m.expected FROM plan_milestone m "
        f"JOIN action_plan p ON p.id = m.plan_id WHERE {where}",
        params,
    ).fetchall():
        if 1 <= month <= 12:
            months[pid][month - 1] = _money(expected)
    steps: dict[int, list[PlanStep]] = {}
    for row in db.execute_sql(
        f"{_STEP_SQL} WHERE {where} ORDER BY s.due, s.position, s.id", params
    ).fetchall():
        steps.setdefault(row[1], []).append(_step(row))
    return {
        account: ActionPlan(
            account,
            year,
            clean_goals([goals or ""]),
            tuple(months[pid]),
            tuple(steps.get(account, ())),
            pid,
        )
        for pid, account, goals in heads
    }


def plan_for(account_id: int, year: int) -> ActionPlan:
    """An account's plan for `year`; an empty one (plan_id None) when none is saved."""
    return plans_for([account_id], year).get(account_id) or ActionPlan(account_id, year)


def step(step_id: int) -> PlanStep:
    """One step; a FollowupError when there is none with that id."""
    row = db.execute_sql(f"{_STEP_SQL} WHERE s.id = ?", (step_id,)).fetchone()
    if row is None:
        raise FollowupError(f"step: no plan step {step_id}")
    return _step(row)


# -- writes -----------------------------------------------------------------------------


def _plan_id(account_id: int, year: int, now: dt.datetime) -> int:
    """The plan's id, making the plan first if it has none (inside a transaction)."""
    if db.execute_sql("SELECT 1 FROM account WHERE id = ?", (account_id,)).fetchone() is None:
        raise FollowupError(f"plan: no account {account_id}")
    if not 1 <= year <= 9999:
        raise FollowupError(f"plan: not a year: {year}")
    found = db.execute_sql(
        "SELECT id FROM action_plan WHERE account_id = ? AND year = ?", (account_id, year)
    ).fetchone()
    if found:
        return int(found[0])
    cursor = db.execute_sql(
        "INSERT INTO action_plan (account_id, year, goals, created_at, updated_at) "
        "VALUES (?, ?, '', ?, ?)",
        (account_id, year, now, now),
    )
    return new_id(cursor)


def new_id(cursor: Any) -> int:
    """The id SQLite gave the row just inserted."""
    row_id = cursor.lastrowid
    assert row_id is not None
    return int(row_id)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)  # a stamp, not logic


def _touch(plan_id: int, now: dt.datetime) -> None:
    db.execute_sql("UPDATE action_plan SET updated_at = ? WHERE id = ?", (now, plan_id))


@retried
def save_goals(account_id: int, year: int, goals: Sequence[str]) -> ActionPlan:
    """Replace the plan's goals (a line each; blank ones dropped); the plan as saved."""
    kept = clean_goals(goals)
    now = _now()
    with db.atomic():
        lock_accounts(account_id)  # its plan is looked for, then made
        pid = _plan_id(account_id, year, now)
        db.execute_sql(
            "UPDATE action_plan SET goals = ?, updated_at = ? WHERE id = ?",
            ("\n".join(kept), now, pid),
        )
    return plan_for(account_id, year)


@retried
def save_milestones(
    account_id: int, year: int, expected: Mapping[int, str | Decimal | int | None]
) -> ActionPlan:
    """Set the expected amount of the months given (1..12; None or '' clears one).

    Months not given keep theirs. Every amount is checked before anything is written.
    """
    months = milestones_of(expected)
    now = _now()
    with db.atomic():
        lock_accounts(account_id)
        pid = _plan_id(account_id, year, now)
        for m in expected:
            amount = months[m - 1]
            if amount is None:
                db.execute_sql(
                    "DELETE FROM plan_milestone WHERE plan_id = ? AND month = ?", (pid, m)
                )
            else:
                db.execute_sql(
                    "INSERT INTO plan_milestone (plan_id, month, expected) VALUES (?, ?, ?) "
                    "ON CONFLICT (plan_id, month) DO UPDATE SET expected = excluded.expected",
                    (pid, m, str(amount)),
                )
        _touch(pid, now)
    return plan_for(account_id, year)


@retried
def add_step(
    account_id: int,
    year: int,
    *,
    how: str,
    when: str,
    who: str = "",
    why: str = "",
    what_for: str = "",
) -> PlanStep:
    """Add a step at the end of the plan (made if needed); `when` is 'YYYY-MM' or
    'YYYY-MM-DD' in `year`. Checked whole before anything is written."""
    values = check_step(
        {"who": who, "how": how, "when": when, "why": why, "what_for": what_for}, year
    )
    now = _now()
    with db.atomic():
        lock_accounts(account_id)  # the last place is read, the next one taken
        pid = _plan_id(account_id, year, now)
        (last,) = db.execute_sql(
            "SELECT COALESCE(MAX(position), 0) FROM plan_step WHERE plan_id = ?", (pid,)
        ).fetchone()
        cursor = db.execute_sql(
            "INSERT INTO plan_step (plan_id, position, who, how, due, why, what_for, status, "
            "marked_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?)",
            (
                pid,
                int(last) + 1,
                values["who"],
                values["how"],
                values["when"],
                values["why"],
                values["what_for"],
                now,
            ),
        )
        _touch(pid, now)
    return step(new_id(cursor))


@retried
def edit_step(step_id: int, **changes: str) -> PlanStep:
    """Change some of a step's who / how / when / why / what_for; the step as saved."""
    with db.atomic():
        lock_account_of("plan_step", step_id)
        current = step(step_id)
        values = check_step(changes, current.year)
        if values:
            column = {"when": "due"}
            sets = ", ".join(f"{column.get(k, k)} = ?" for k in values)
            db.execute_sql(f"UPDATE plan_step SET {sets} WHERE id = ?", (*values.values(), step_id))
            _touch_step(step_id)
    return step(step_id)


def _touch_step(step_id: int) -> None:
    db.execute_sql(
        "UPDATE action_plan SET updated_at = ? WHERE id = (SELECT plan_id FROM plan_step "
        "WHERE id = ?)",
        (_now(), step_id),
    )


def _names(s: PlanStep) -> dict[str, str]:
    row = db.execute_sql("SELECT name FROM account WHERE id = ?", (s.account_id,)).fetchone()
    return {"name": str(row[0]) if row else "", "step": s.how}


@retried
def delete_step(step_id: int) -> Change:
    """Delete a step; returns the `db.undo.Change` that puts it back."""
    from followup_tui.db.undo import Change, RowChange, read_row

    with db.atomic("IMMEDIATE"):
        lock_account_of("plan_step", step_id)
        s = step(step_id)
        before = read_row("plan_step", step_id)
        _touch_step(step_id)
        db.execute_sql("DELETE FROM plan_step WHERE id = ?", (step_id,))
    rows = (RowChange("plan_step", step_id, before, None),)
    return Change("step_deleted", s.account_id, rows, _names(s))


@retried
def mark_step(step_id: int, status: str, on: dt.date) -> Change | None:
    """Mark a step open / done / missed on day `on` (open clears the day).

    Returns the `db.undo.Change` that puts the mark back, or None when the step
    already had this mark.
    """
    from followup_tui.db.undo import Change, RowChange, read_row

    check_status(status)
    day = None if status == "open" else on
    with db.atomic("IMMEDIATE"):
        lock_account_of("plan_step", step_id)
        s = step(step_id)
        if s.status == status and s.marked_on == day:
            return None
        before = read_row("plan_step", step_id)
        db.execute_sql(
            "UPDATE plan_step SET status = ?, marked_on = ? WHERE id = ?",
            (status, day.isoformat() if day else None, step_id),
        )
        after = read_row("plan_step", step_id)
    assert before is not None and after is not None
    moved = [k for k in after if before[k] != after[k]]
    rows = (
        RowChange(
            "plan_step", step_id, {k: before[k] for k in moved}, {k: after[k] for k in moved}
        ),
    )
    return Change("step_marked", s.account_id, rows, {**_names(s), "status": status})


# -- undoable edits: goals, milestones, steps added and changed -------------------------
# Each is the write above in one transaction with a read of the rows it touches before
# and after; the difference is the `db.undo.Change` the session's undo (`u`) puts back.
# A plan the edit had to make is not taken away by the undo: left empty, it reads as no
# plan at all, and a later edit's rows never lose their plan.


def _plan_row(account_id: int, year: int) -> int | None:
    found = db.execute_sql(
        "SELECT id FROM action_plan WHERE account_id = ? AND year = ?", (account_id, year)
    ).fetchone()
    return int(found[0]) if found else None


def _account_name(account_id: int) -> str:
    row = db.execute_sql("SELECT name FROM account WHERE id = ?", (account_id,)).fetchone()
    return str(row[0]) if row else ""


@retried
def edit_goals(account_id: int, year: int, goals: Sequence[str]) -> Change | None:
    """`save_goals`, undoable; None when the goals were already these."""
    from followup_tui.db.undo import Change, RowChange

    with db.atomic("IMMEDIATE"):
        lock_accounts(account_id)
        pid = _plan_row(account_id, year)
        was = plan_for(account_id, year).goals if pid is not None else ()
        save_goals(account_id, year, goals)
        pid = _plan_row(account_id, year)
        now = plan_for(account_id, year).goals
    assert pid is not None
    if now == was:
        return None
    rows = (RowChange("action_plan", pid, {"goals": "\n".join(was)}, {"goals": "\n".join(now)}),)
    names = {"name": _account_name(account_id), "year": str(year)}
    return Change("goals_edited", account_id, rows, names)


@retried
def edit_plan(
    account_id: int,
    year: int,
    fields: Mapping[str, object],
    *,
    base: Mapping[str, object] | None = None,
) -> tuple[Change | None, Change | None]:
    """The plan form's goals and months (`plan_fields`), saved as two undoable changes:
    the goals', then the months' (None: already so).

    With `base` (the plan as the form opened on it), a plan changed elsewhere since is
    not overwritten: `EditConflict`, and nothing is written.
    """
    goals, months = plan_from_fields(fields)
    with db.atomic("IMMEDIATE"):
        lock_accounts(account_id)  # checked against the form's base, then written
        if base is not None:
            now = plan_for(account_id, year)
            refuse_changed(base, fields, plan_fields(now.goals, now.milestones))
        return edit_goals(account_id, year, goals), edit_milestones(account_id, year, months)


def _milestones(pid: int | None) -> dict[int, dict[str, Any]]:
    if pid is None:
        return {}
    from followup_tui.db.undo import read_row

    ids = db.execute_sql("SELECT id FROM plan_milestone WHERE plan_id = ?", (pid,)).fetchall()
    return {int(i): read_row("plan_milestone", int(i)) or {} for (i,) in ids}


@retried
def edit_milestones(
    account_id: int, year: int, expected: Mapping[int, str | Decimal | int | None]
) -> Change | None:
    """`save_milestones`, undoable; None when every month given already expected that."""
    from followup_tui.db.undo import Change, RowChange

    with db.atomic("IMMEDIATE"):
        lock_accounts(account_id)
        before = _milestones(_plan_row(account_id, year))
        save_milestones(account_id, year, expected)
        after = _milestones(_plan_row(account_id, year))
    rows = []
    for mid in sorted({*before, *after}):
        old, new = before.get(mid), after.get(mid)
        if old == new:
            continue
        if old is not None and new is not None:
            moved = [k for k in new if old[k] != new[k]]
            old, new = {k: old[k] for k in moved}, {k: new[k] for k in moved}
        rows.append(RowChange("plan_milestone", mid, old, new))
    if not rows:
        return None
    names = {"name": _account_name(account_id), "year": str(year)}
    return Change("milestones_edited", account_id, tuple(rows), names)


@retried
def new_step(
    account_id: int,
    year: int,
    *,
    how: str,
    when: str,
    who: str = "",
    why: str = "",
    what_for: str = "",
) -> tuple[PlanStep, Change]:
    """`add_step`, undoable: the step and the change that takes it away again."""
    from followup_tui.db.undo import Change, RowChange, read_row

    with db.atomic("IMMEDIATE"):
        s = add_step(account_id, year, how=how, when=when, who=who, why=why, what_for=what_for)
        after = read_row("plan_step", s.step_id)
    rows = (RowChange("plan_step", s.step_id, None, after),)
    return s, Change("step_added", account_id, rows, _names(s))


@retried
def change_step(
    step_id: int, changes: Mapping[str, str], *, base: Mapping[str, object] | None = None
) -> Change | None:
    """`edit_step`, undoable; None when the step already read so.

    With `base` (the step as its form opened on it), a step changed elsewhere since is
    not overwritten: `EditConflict`, and nothing is written.
    """
    from followup_tui.db.undo import Change, RowChange, read_row

    with db.atomic("IMMEDIATE"):
        lock_account_of("plan_step", step_id)  # checked against the form's base, then written
        if base is not None:
            found = db.execute_sql(f"{_STEP_SQL} WHERE s.id = ?", (step_id,)).fetchone()
            refuse_changed(base, changes, step_fields(_step(found)) if found else None)
        before = read_row("plan_step", step_id)
        s = edit_step(step_id, **changes)
        after = read_row("plan_step", step_id)
    assert before is not None and after is not None
    moved = [k for k in after if before[k] != after[k]]
    if not moved:
        return None
    rows = (
        RowChange(
            "plan_step", step_id, {k: before[k] for k in moved}, {k: after[k] for k in moved}
        ),
    )
    return Change("step_edited", s.account_id, rows, _names(s), tuple(moved))


# -- expected against actual ------------------------------------------------------------


def sales_of(account_ids: Sequence[int], year: int, match_days: int) -> dict[int, list[Decimal]]:
    """These accounts' actual amounts by month of `year` (`plan_track.sales_by_month`).

    A won deal's close day: the day of its last contact logged as won, else its
    completion date, else the day it was last saved.
    """
    if not account_ids:
        return {}
    ids = list(account_ids)
    start = dt.date(year, 1, 1) - dt.timedelta(days=match_days)
    end = dt.date(year, 12, 31) + dt.timedelta(days=match_days)
    purchases = [
        PurchaseRec(account, _day(on) or start, _money(amount))
        for account, on, amount in db.execute_sql(
            "SELECT account_id, purchased_on, amount FROM purchase "
            f"WHERE account_id IN {IDS_IN} AND purchased_on BETWEEN ? AND ?",
            (json.dumps(ids), start.isoformat(), end.isoformat()),
        ).fetchall()
    ]
    local = LocalDays()
    won = []
    for deal, account, amount, completion, updated, won_at in db.execute_sql(
        "SELECT d.id, d.account_id, d.amount, d.completion_date, d.updated_at, "
        "(SELECT MAX(a.occurred_at) FROM activity a WHERE a.deal_id = d.id "
        "AND a.outcome = 'won') FROM deal d "
        f"WHERE d.outcome = 'won' AND d.account_id IN {IDS_IN}",
        (json.dumps(ids),),
    ).fetchall():
        closed = local(str(won_at)) if won_at else _day(completion) or local(str(updated))
        if start <= closed <= end:
            won.append(WonDeal(deal, account, closed, _money(amount)))
    return sales_by_month(year, purchases, won, match_days)


def board_accounts() -> list[BoardAccount]:
    """Every live account given a 5+5+5 tier.

    Here rather than in `db.review_reads`: the review screen's key 4 reads the board
    alone, and the other tabs' reads (the sheets', Peewee's models) stay unloaded.
    """
    return [
        # The stored sort key: pypinyin (a third of a second to load) stays unloaded.
        BoardAccount(rid, name, tier, quad, rel, _money(expected), _money(actual), key)
        for rid, name, tier, quad, rel, expected, actual, key in db.execute_sql(
            "SELECT id, name, tier, quadrant, relationship, plan_expected, plan_actual, "
            "sort_key FROM account WHERE NOT archived AND tier IS NOT NULL AND tier != ''"
        ).fetchall()
    ]


def board_review(year: int, today: dt.date, settings: Settings) -> BoardReview:
    """The 5+5+5 board of `year` judged on `today` (or the year's last day, if sooner):
    each tier's accounts with their plans and months, and each tier's months."""
    cfg = review_config(settings)
    accounts = board_accounts()
    ids = [a.account_id for a in accounts]
    as_of = min(today, dt.date(year, 12, 31))
    return build_board(
        accounts,
        plans_for(ids, year),
        sales_of(ids, year, cfg.match_days),
        year,
        as_of,
        cfg.tier_slots,
        cfg.plan_tolerance_percent,
    )
