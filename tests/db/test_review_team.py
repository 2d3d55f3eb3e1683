"""The team view's reads (#19): each rep's slice is the one-rep review of that rep's
accounts alone, on both engines; who is a manager is the server's answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.review.periods import period_of
from followup_tui.core.review.team_view import RepBook
from followup_tui.db import review_reads, review_team
from followup_tui.db.action_plans import board_review
from followup_tui.db.connection import db
from tests.support import TODAY

PERIOD = period_of("month", TODAY)


class _Undone(Exception):
    """Raised to roll a look back."""


@contextmanager
def only(rep: str) -> Iterator[None]:
    """The book as if it held `rep`'s accounts alone (the others archived), rolled back
    afterwards: the one-rep reviews read it as that rep's own book."""
    try:
        with db.atomic():
            db.execute_sql("UPDATE account SET archived = TRUE WHERE rep != ?", (rep,))
            yield
            raise _Undone
    except _Undone:
        pass


def split_between_two_reps() -> dict[int, str]:
    db.execute_sql("UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN 'bo' ELSE 'anna' END")
    return review_team.account_reps()


def test_each_rep_is_their_own_review(demo_db: Path, settings: Settings) -> None:
    owner = split_between_two_reps()
    assert set(owner.values()) == {"anna", "bo"}
    team = review_team.team_tab(PERIOD, TODAY, settings)
    assert [r.rep for r in team.reps] == ["anna", "bo"]
    for r in team.reps:
        with only(r.rep):
            board = board_review(2026, TODAY, settings)
            pipeline = review_reads.pipeline_review(TODAY, settings, keep=False)
            activity = review_reads.activity_tab(PERIOD, TODAY)
        assert r.board == board
        assert r.pipeline == pipeline
        assert r.activity == activity
    # Nobody's figures are lost between the reps: the book's reviews add up to the team's.
    whole = review_reads.pipeline_review(TODAY, settings, keep=False)
    assert team.total.deals == len(whole.rows) > 0
    assert team.total.contacts == review_reads.activity_tab(PERIOD, TODAY).contacts > 0
    assert sum(team.total.tier_counts) == sum(
        len(t.accounts) for t in review_reads.board_tab(settings)
    )


def test_a_lone_reps_file_is_one_rep(demo_db: Path, settings: Settings) -> None:
    if db.is_server:
        db.execute_sql("UPDATE account SET rep = ''")  # as a file's: everyone's ''
    books = review_team.rep_books(PERIOD, TODAY)
    assert [b.rep for b in books] == [""]
    (book,) = books
    assert isinstance(book, RepBook)
    team = review_team.team_tab(PERIOD, TODAY, settings)
    (rep,) = team.reps
    assert rep.figures.deals == len(review_reads.pipeline_review(TODAY, settings).rows)
    assert rep.activity == review_reads.activity_tab(PERIOD, TODAY)


def test_no_manager_on_a_file_and_the_servers_answer_on_a_server(db_path: Path) -> None:
    """On a file nobody is a manager; on a server the tests' login, the cluster's
    superuser, is a member of every group there is - the managers' once a team's setup
    made it (tests/ui/test_review_team_server.py: a rep's and a manager's own logins)."""
    if not db.is_server:
        assert review_team.is_manager() is False
        assert review_team.rep_logins() == []
        return
    (made,) = db.execute_sql(
        "SELECT COUNT(*) FROM pg_roles WHERE rolname = 'followup_manager'"
    ).fetchone()
    assert review_team.is_manager() is bool(made)
