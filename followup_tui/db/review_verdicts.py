"""Year-end verdicts kept per account and year (`core.review.year_end_verdicts`).

Confirming writes the verdict in one transaction and returns the `db.undo.Change`
that puts back what was there before (no verdict, or the earlier one).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.review.year_end_verdicts import (
    VERDICTS,
    AccountNow,
    Revisit,
    Verdict,
    check_verdict,
    revisits,
)
from followup_tui.db.action_plans import IDS_IN, new_id
from followup_tui.db.connection import db, retried
from followup_tui.db.row_locks import lock_accounts

if TYPE_CHECKING:
    from followup_tui.db.undo import Change


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def year_end_verdicts(year: int) -> dict[int, Verdict]:
    """The verdicts kept for `year`, by account id."""
    return {
        account: Verdict(account, year, verdict, proposal, _day(on))
        for account, verdict, proposal, on in db.execute_sql(
            "SELECT account_id, verdict, proposal, confirmed_on FROM year_end_verdict "
            "WHERE year = ?",
            (year,),
        ).fetchall()
    }


@retried
def confirm_year_end(
    account_id: int, year: int, verdict: str, on: dt.date, *, proposal: str = ""
) -> Change | None:
    """Keep the rep's verdict on an account's `year`, confirmed on day `on`.

    `proposal`: what the analysis proposed (kept to show a changed verdict). Returns
    the change that undoes it; None when the same verdict was already kept.
    """
    from followup_tui.db.undo import Change, RowChange, read_row

    check_verdict(verdict)
    if proposal and proposal not in VERDICTS:
        raise FollowupError(f"proposal: {proposal!r} is not one of {', '.join(VERDICTS)}")
    with db.atomic("IMMEDIATE"):
        lock_accounts(account_id)  # its verdict is looked for, then made or changed
        found = db.execute_sql("SELECT name FROM account WHERE id = ?", (account_id,)).fetchone()
        if found is None:
            raise FollowupError(f"verdict: no account {account_id}")
        old = db.execute_sql(
            "SELECT id, verdict FROM year_end_verdict WHERE account_id = ? AND year = ?",
            (account_id, year),
        ).fetchone()
        if old is not None and old[1] == verdict:
            return None
        if old is None:
            cursor = db.execute_sql(
                "INSERT INTO year_end_verdict (account_id, year, verdict, proposal, "
                "confirmed_on) VALUES (?, ?, ?, ?, ?)",
                (account_id, year, verdict, proposal, on.isoformat()),
            )
            row_id, before = new_id(cursor), None
        else:
            row_id = int(old[0])
            before = read_row("year_end_verdict", row_id)
            db.execute_sql(
                "UPDATE year_end_verdict SET verdict = ?, proposal = ?, confirmed_on = ? "
                "WHERE id = ?",
                (verdict, proposal, on.isoformat(), row_id),
            )
        after = read_row("year_end_verdict", row_id)
    if before is not None and after is not None:
        moved = [k for k in after if before[k] != after[k]]
        before, after = {k: before[k] for k in moved}, {k: after[k] for k in moved}
    rows = (RowChange("year_end_verdict", row_id, before, after),)
    names = {"name": str(found[0]), "verdict": verdict, "year": str(year)}
    return Change("verdict_confirmed", account_id, rows, names)


def revisits_of(year: int) -> tuple[Revisit, ...]:
    """The verdicts kept for `year - 1` as `year`'s targets, against the accounts today."""
    kept = year_end_verdicts(year - 1)
    if not kept:
        return ()
    ids = sorted(kept)
    accounts = {
        rid: AccountNow(rid, name, tier or None, quad, rel, bool(archived))
        for rid, name, tier, quad, rel, archived in db.execute_sql(
            "SELECT id, name, tier, quadrant, relationship, archived FROM account "
            f"WHERE id IN {IDS_IN}",
            (json.dumps(ids),),
        ).fetchall()
    }
    return revisits(kept.values(), accounts)
