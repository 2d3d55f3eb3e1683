"""The Team tab on a team's PostgreSQL database (#19): a manager sees every rep side by
side, each rep's row the one-rep reviews of that rep's accounts; a rep has no such tab."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.db.team_access import add_person, setup_team
from followup_tui.screens.review.review_screen import ReviewScreen
from followup_tui.widgets.virtual_table import VirtualTable
from tests.pg_cluster import Cluster
from tests.support import TODAY, make_app
from tests.ui.test_review_team import one_rep_row, rows_of, settle


@pytest.fixture(autouse=True)
def no_file_keeping(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app keeps a file safe as it starts (`keep_file_safe`, which asks the path for
    its file): nothing to keep on a server, where it has no file (until T6's start-up)."""
    monkeypatch.setattr("followup_tui.app.keep_file_safe", lambda app: None)


@dataclass
class Team:
    """A set-up team's database on the demo: two reps sharing its accounts, a manager."""

    cluster: Cluster
    database: str
    reps: tuple[str, str]
    manager: str


@pytest.fixture
def team_db(pg_cluster: Cluster, settings: Settings) -> Iterator[Team]:
    """The demo on a team's database (`followup team setup`, `team add`), its accounts
    split between two reps; open as the administrator."""
    from followup_tui.demo import write_demo

    name = pg_cluster.new_database()
    team = Team(pg_cluster, name, (f"anna_{name}", f"bo_{name}"), f"mia_{name}")
    url = pg_cluster.url(name)
    assert setup_team(url) is True
    for rep in team.reps:
        add_person(url, rep)
    add_person(url, team.manager, manager=True)
    open_database(ServerUrl(url))
    write_demo(today=TODAY, force=False, db_path=ServerUrl(url), settings=settings)
    anna, bo = team.reps
    db.execute_sql("UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN ? ELSE ? END", (bo, anna))
    yield team
    close_database()
    pg_cluster.drop(name)
    for login in (*team.reps, team.manager):
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{login}"')


def as_login(team: Team, user: str) -> ServerUrl:
    close_database()
    url = ServerUrl(team.cluster.url(team.database, user=user))
    open_database(url, create=False)
    return url


async def test_a_rep_on_a_server_has_no_team_tab(team_db: Team, settings: Settings) -> None:
    url = as_login(team_db, team_db.reps[0])
    app = make_app(settings, url)  # type: ignore[arg-type]
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert not screen.query("#tab-team")
        await pilot.press("w")
        assert screen.active_tab() == "board"


async def test_a_manager_on_a_server_sees_both_reps(team_db: Team, settings: Settings) -> None:
    # Each rep's own review, read by the administrator with the other rep's accounts
    # put aside (and put back).
    expected = [one_rep_row(rep, settings) for rep in team_db.reps]
    url = as_login(team_db, team_db.manager)
    app = make_app(settings, url)  # type: ignore[arg-type]
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4", "w")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.active_tab() == "team"
        rows = rows_of(screen.query_one("#team-table", VirtualTable))
        assert [r[0] for r in rows] == [*team_db.reps, "Team total"]
        assert rows[:2] == expected


def test_who_is_a_manager_is_the_servers_answer(team_db: Team) -> None:
    """A login of the managers' group is a manager, a rep's login is not; the reps'
    group's logins are the team's reps."""
    from followup_tui.db.review_team import is_manager, rep_logins

    assert is_manager() is True  # the administrator: a superuser
    assert set(team_db.reps) <= set(rep_logins())
    assert team_db.manager not in rep_logins()
    for login, manager in ((team_db.reps[0], False), (team_db.manager, True)):
        as_login(team_db, login)
        assert is_manager() is manager, login
