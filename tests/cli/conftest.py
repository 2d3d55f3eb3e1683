"""The CLI's tests on both engines: `cli_db` is what `--db` is given, a database file not
yet made, or the URL of an empty team database on the throwaway cluster (`pg_cluster`).
`db_path` and `demo_db` are the root fixtures on both engines: a fresh open database, and
one holding the demo as of TODAY (`Path`, or the team database's `ServerUrl`).

A test of the file itself (backup, restore, check, its permissions) keeps to SQLite with
`engines.on_sqlite_only`; on a server those commands are refused, naming pg_dump
(test_both_engines.test_commands_keeping_a_file_are_refused_on_a_server).

`PG_NOT_YET` names the tests (with their parameters) that do not pass on PostgreSQL yet,
and why: each is expected to fail there, strictly, so one that starts passing must leave
the list.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from followup_tui.core.base.config import load_settings
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


def _database(request: pytest.FixtureRequest, tmp_path: Path, *, demo: bool) -> Iterator[str]:
    """`--db`'s value on the engine of `request.param`: a new file (not made yet, or a
    copy of the demo's) or a new team database (a copy of the demo's or of an empty one
    with followup's schema); removed after the test."""
    if request.param == "sqlite":
        path = tmp_path / "followup.db"
        if demo:
            shutil.copy(request.getfixturevalue("sqlite_demo_template"), path)
        yield str(path)
        close_database()
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    template = request.getfixturevalue("pg_demo_template" if demo else "pg_schema_template")
    name = copy_database(cluster, template)
    yield cluster.url(name)
    close_database()
    cluster.drop(name)


@pytest.fixture(params=ENGINES)
def cli_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """`--db`'s value: a file to be made, or a team database's URL (its schema made)."""
    yield from _database(request, tmp_path, demo=False)


@pytest.fixture
def second_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another `--db` on the engine of the test's own database (`cli_db`, `db_path` or
    `demo_db`): a second file, or a second team database."""
    params = request.node.callspec.params
    if (params.get("cli_db") or params.get("demo_db")) == "sqlite":
        yield str(tmp_path / "second.db")
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = copy_database(cluster, request.getfixturevalue("pg_schema_template"))
    yield cluster.url(name)
    close_database()
    cluster.drop(name)


@pytest.fixture
def db_path(cli_db: str) -> Path | ServerUrl:
    """A fresh, open database: a file, or a team's database on the cluster (its URL)."""
    target = database_target(cli_db, "--db")
    open_database(target)
    return target


@pytest.fixture(params=ENGINES)
def demo_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | ServerUrl]:
    """A fresh, open database holding the demo as of TODAY, on either engine."""
    for given in _database(request, tmp_path, demo=True):
        target = database_target(given, "--db")
        open_database(target)
        yield target


# -- written once per test process, copied for each test -----------------------------
# Writing the demo takes a third of a second into a file and a second or more onto a
# server; copying it, a few milliseconds.


def _write_demo(target: Path | ServerUrl) -> None:
    """The demo as of TODAY into `target`, closed after. Made before any test's own
    fixtures: the time zone they pin is pinned here too."""
    from followup_tui.demo import write_demo

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        open_database(target)
        write_demo(today=TODAY, force=False, db_path=target, settings=load_settings(None))
        close_database()
    time.tzset()


@pytest.fixture(scope="session")
def sqlite_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the demo as of TODAY."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    _write_demo(path)
    assert not path.with_name("demo.db-wal").exists(), "closed: the whole book in one file"
    return path


@pytest.fixture(scope="session")
def pg_schema_template(pg_cluster: Cluster) -> str:
    """A team database with followup's schema and no data."""
    return pg_cluster.new_database()


@pytest.fixture(scope="session")
def pg_demo_template(pg_cluster: Cluster, pg_schema_template: str) -> str:
    """A team database holding the demo as of TODAY."""
    name = copy_database(pg_cluster, pg_schema_template)
    _write_demo(ServerUrl(pg_cluster.url(name)))
    return name
