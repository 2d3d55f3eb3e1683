"""The Team tab on a team's PostgreSQL database (#19): a manager sees every rep side by
side, each rep's row the one-rep reviews of that rep's accounts; a rep has no such tab."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.screens.review.review_screen import ReviewScreen
from followup_tui.widgets.virtual_table import VirtualTable
from tests.pg_cluster import Cluster
from tests.support import TODAY, make_app
from tests.ui.test_review_team import one_rep_row, rows_of, settle

REPS = ("t7_anna", "t7_bo")


def _role(cluster: Cluster, name: str, options: str) -> None:
    cluster.admin(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {name} {options}; END IF; END $$"
    )


@pytest.fixture(autouse=True)
def no_file_keeping(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app keeps a file safe as it starts (`keep_file_safe`, which asks the path for
    its file): nothing to keep on a server, where it has no file (until T6's start-up)."""
    monkeypatch.setattr("followup_tui.app.keep_file_safe", lambda app: None)


@pytest.fixture
def team_db(pg_cluster: Cluster, settings: Settings) -> Iterator[tuple[Cluster, str]]:
    """The demo on a team's database, its accounts split between two reps (logins of the
    reps' group), a manager's group and a manager's login; open as the administrator."""
    from followup_tui.demo import write_demo

    _role(pg_cluster, "followup_manager", "NOLOGIN")
    _role(pg_cluster, "followup_rep", "NOLOGIN")
    for rep in REPS:
        _role(pg_cluster, rep, "LOGIN IN ROLE followup_rep")
    _role(pg_cluster, "t7_mia", "LOGIN IN ROLE followup_manager")
    name = pg_cluster.new_database()
    url = ServerUrl(pg_cluster.url(name))
    open_database(url)
    write_demo(today=TODAY, force=False, db_path=url, settings=settings)
    db.execute_sql("UPDATE account SET rep = CASE WHEN id % 3 = 0 THEN 't7_bo' ELSE 't7_anna' END")
    for who in (*REPS, "t7_mia"):  # until the team's setup grants them (T2's roles)
        db.execute_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {who}")
        db.execute_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {who}")
        db.execute_sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {who}")
    yield pg_cluster, name
    close_database()
    pg_cluster.drop(name)


def as_login(cluster: Cluster, name: str, user: str) -> ServerUrl:
    close_database()
    url = ServerUrl(cluster.url(name, user=user))
    open_database(url)
    return url


@pytest.mark.xfail(
    strict=True,
    reason="the app's start as a login that owns no table (the queue's per-user state): T6",
)
async def test_a_rep_on_a_server_has_no_team_tab(
    team_db: tuple[Cluster, str], settings: Settings
) -> None:
    cluster, name = team_db
    url = as_login(cluster, name, "t7_anna")
    app = make_app(settings, url)  # type: ignore[arg-type]
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert not screen.query("#tab-team")
        await pilot.press("w")
        assert screen.active_tab() == "board"


@pytest.mark.xfail(
    strict=True,
    reason="the activity read's local day is SQLite's date(x, 'localtime') "
    "(db.review_reads.activity_inputs): T4's server dates",
)
async def test_a_manager_on_a_server_sees_both_reps(
    team_db: tuple[Cluster, str], settings: Settings
) -> None:
    cluster, name = team_db
    # The administrator (a superuser: a member of every group, the managers' too); a
    # manager's own login opens the app once a login that owns nothing can (T6).
    url = ServerUrl(cluster.url(name))
    expected = {rep: one_rep_row(rep, settings) for rep in REPS}
    app = make_app(settings, url)  # type: ignore[arg-type]
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("4", "w")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.active_tab() == "team"
        rows = rows_of(screen.query_one("#team-table", VirtualTable))
        assert [r[0] for r in rows] == [*REPS, "Team total"]
        assert rows[0] == expected["t7_anna"]
        assert rows[1] == expected["t7_bo"]


def test_who_is_a_manager_is_the_servers_answer(team_db: tuple[Cluster, str]) -> None:
    """A login of the managers' group is a manager, a rep's login is not."""
    from followup_tui.db.review_team import is_manager, rep_logins

    cluster, name = team_db
    assert is_manager() is True  # the administrator: a superuser
    assert set(REPS) <= set(rep_logins())
    assert "t7_mia" not in rep_logins()
    for login, manager in (("t7_anna", False), ("t7_mia", True)):
        as_login(cluster, name, login)
        assert is_manager() is manager, login
