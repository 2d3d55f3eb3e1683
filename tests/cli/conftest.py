"""The CLI's tests on both engines: `cli_db` is what `--db` is given, a database file not
yet made, or the URL of an empty team database on the throwaway cluster (`pg_cluster`).
`db_path` and `demo_db` are the root fixtures on both engines: a fresh open database, and
one holding the demo as of TODAY (`Path`, or the team database's `ServerUrl`).

A test of the file itself (backup, restore, check, its permissions) keeps to SQLite with
`engines.on_sqlite_only`; on a server those commands are refused, naming pg_dump (tested in
test_both_engines.py and test_keeping_cli.py).

`PG_NOT_YET` names the tests (with their parameters) that do not pass on PostgreSQL yet,
and why: each is expected to fail there, strictly, so one that starts passing must leave
the list.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.db_target import ServerUrl, database_target
from followup_tui.db.database import close_database, open_database
from tests.cli.engines import ENGINES, copy_database
from tests.support import TODAY

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

PG_NOT_YET: dict[str, str] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests listed in PG_NOT_YET as expected to fail on PostgreSQL."""
    for item in items:
        why = PG_NOT_YET.get(item.name)
        if why:
            item.add_marker(pytest.mark.xfail(reason=f"PostgreSQL: {why}", strict=True))


def _database(
    request: pytest.FixtureRequest, tmp_path: Path, template: str | None = None
) -> Iterator[str]:
    """`--db`'s value on the engine of `request.param`: a file to be made, or a new team
    database (a copy of `template` when given, else with followup's schema, empty)."""
    if request.param == "sqlite":
        yield str(tmp_path / "followup.db")
        close_database()
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = cluster.new_database() if template is None else copy_database(cluster, template)
    yield cluster.url(name)
    close_database()
    cluster.drop(name)


@pytest.fixture(params=ENGINES)
def cli_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """`--db`'s value: a file to be made, or a team database's URL (its schema made)."""
    yield from _database(request, tmp_path)


@pytest.fixture
def second_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another `--db` on the engine of the test's own database (`cli_db`, `db_path` or
    `demo_db`): a second file, or a second team database."""
    params = request.node.callspec.params
    if (params.get("cli_db") or params.get("demo_db")) == "sqlite":
        yield str(tmp_path / "second.db")
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = cluster.new_database()
    yield cluster.url(name)
    close_database()
    cluster.drop(name)


@pytest.fixture
def db_path(cli_db: str) -> Path | ServerUrl:
    """A fresh, open database: a file, or a team's database on the cluster (its URL)."""
    target = database_target(cli_db, "--db")
    open_database(target)
    return target


@pytest.fixture(scope="session")
def pg_demo_template(pg_cluster: Cluster) -> str:
    """A team database holding the demo as of TODAY, written once per test process and
    copied for each test (writing the demo on a server takes a second or more)."""
    from followup_tui.demo import write_demo

    name = pg_cluster.new_database()
    url = ServerUrl(pg_cluster.url(name))
    # Made before any test's own fixtures: the zone they pin is pinned here too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        open_database(url)
        write_demo(today=TODAY, force=False, db_path=url, settings=load_settings(None))
        close_database()
    time.tzset()
    return name


@pytest.fixture(params=ENGINES)
def demo_db(
    request: pytest.FixtureRequest, tmp_path: Path, settings: Settings
) -> Iterator[Path | ServerUrl]:
    """A fresh, open database holding the demo as of TODAY, on either engine."""
    from followup_tui.demo import write_demo

    template = None
    if request.param == "postgresql":
        template = request.getfixturevalue("pg_demo_template")
    for given in _database(request, tmp_path, template):
        target = database_target(given, "--db")
        open_database(target)
        if template is None:
            write_demo(today=TODAY, force=False, db_path=target, settings=settings)
        yield target
