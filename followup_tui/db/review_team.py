"""What the manager's team view reads (#19): the one-rep reviews' reads, split by rep.

A rep is the database login owning an account (`account.rep`, schema 17); on a rep's
own file every account's rep is '' - one rep. Board and pipeline are read once, as
`db.review_reads` reads them for one rep, and split by their accounts' rep; the
activity is counted per rep by the same read with a rep filter. On a server, a
manager's login reads every rep's rows (row-level security lets it); the data layer
adds no filter of its own for who may see what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from followup_tui.core.base.config import Settings
from followup_tui.core.review.periods import Period
from followup_tui.core.review.review_view import as_of
from followup_tui.db.connection import db

if TYPE_CHECKING:
    # The team's rules are imported with its first read: the review screen asks only
    # `is_manager` as key 4 is pressed.
    from followup_tui.core.review.board import BoardAccount
    from followup_tui.core.review.pipeline import PipelineDeal
    from followup_tui.core.review.team_view import RepBook, TeamReview


def is_manager() -> bool:
    """Whether the login may see the team view: a member of the managers' group on a
    server (the administrator, a superuser, counts as one); never on a file."""
    if not db.is_server:
        return False
    # The groups of `followup team setup` (here: their module loads the migrations').
    from followup_tui.db.team_access import MANAGER_GROUP

    row = db.execute_sql(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?) "
        "THEN pg_has_role(current_user, ?, 'member') ELSE FALSE END",
        (MANAGER_GROUP, MANAGER_GROUP),
    ).fetchone()
    return bool(row and row[0])


def account_reps() -> dict[int, str]:
    """Each live account's rep."""
    return dict(db.execute_sql("SELECT id, rep FROM account WHERE NOT archived").fetchall())


def rep_logins() -> list[str]:
    """The logins of the reps' group on this team (a rep with no account yet is a rep
    too); none on a file, or before the team's roles are made. The groups belong to the
    whole cluster, which may hold other teams' databases: a person of this team has a
    schema of their own in this database (`followup team add` makes it)."""
    if not db.is_server:
        return []
    from followup_tui.db.team_access import REP_GROUP

    rows = db.execute_sql(
        "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = ? AND r.rolcanlogin "
        "AND EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = r.rolname)",
        (REP_GROUP,),
    ).fetchall()
    return [name for (name,) in rows]


def rep_books(period: Period, today: dt.date, reps: Iterable[str] | None = None) -> list[RepBook]:
    """Each rep's slice of the book for the team view: board accounts, open deals (as
    of the period's day), the period's activity and follow-ups. `reps`: these reps
    only (None: every rep owning a live account, and every login of the reps' group)."""
    from followup_tui.core.review.team_view import RepBook
    from followup_tui.db.action_plans import board_accounts
    from followup_tui.db.review_reads import activity_by_rep, pipeline_deals

    owner = account_reps()
    wanted = set(owner.values()) | set(rep_logins()) if reps is None else set(reps)
    board: dict[str, list[BoardAccount]] = {r: [] for r in wanted}
    for a in board_accounts():
        rep = owner.get(a.account_id)
        if rep in board:
            board[rep].append(a)
    deals: dict[str, list[PipelineDeal]] = {r: [] for r in wanted}
    for d in pipeline_deals(as_of(period, today)):
        rep = owner.get(d.sheet.deal.account_id)
        if rep in deals:
            deals[rep].append(d)
    done = activity_by_rep(period, today)  # one read for every rep, not one a rep
    books = []
    for rep in sorted(wanted):
        counts, follow_ups = done.get(rep, ([], []))
        books.append(
            RepBook(rep, tuple(board[rep]), tuple(deals[rep]), tuple(counts), tuple(follow_ups))
        )
    return books


def team_tab(period: Period, today: dt.date, settings: Settings) -> TeamReview:
    """Every rep's board, pipeline and activity of `period`, side by side, and the team's."""
    from followup_tui.core.review.review_config import review_config
    from followup_tui.core.review.team_view import team_review
    from followup_tui.db.action_plans import plans_for, sales_of

    books = rep_books(period, today)
    ids = [a.account_id for b in books for a in b.board]
    year = period.start.year
    return team_review(
        books,
        plans_for(ids, year),
        sales_of(ids, year, review_config(settings).match_days),
        period,
        as_of(period, today),
        today,
        settings,
    )
