"""Shared fixtures: every test runs with its own config and data directories."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.db.database import close_database, open_database
from tests.support import TODAY

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

# No time limit per example: a property states a rule, not a speed (speed is the
# benchmarks' business), and on a loaded 2-core machine the default 200 ms deadline
# failed properties that hold.
hypothesis_settings.register_profile("followup", deadline=None)
hypothesis_settings.load_profile("followup")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's config or writes the per-user data or cache directory."""
    monkeypatch.delenv("FOLLOWUP_CONFIG", raising=False)
    # Local days and times are shown from UTC timestamps: pin the zone for every machine.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def settings() -> Settings:
    """The shipped defaults."""
    return load_settings(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A fresh, open database file."""
    path = tmp_path / "followup.db"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def demo_db(db_path: Path, settings: Settings) -> Path:
    """A fresh database holding the demo as of TODAY."""
    from followup_tui.demo import write_demo

    write_demo(today=TODAY, force=False, db_path=db_path, settings=settings)
    return db_path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for this test process, stopped and removed at its end."""
    from tests.pg_cluster import server_bindir, start_cluster

    bindir = server_bindir()
    if bindir is None:
        pytest.skip(
            "no PostgreSQL server on this machine (initdb, pg_ctl, postgres): the tests on "
            "PostgreSQL are skipped; scripts/check.sh installs it"
        )
    cluster = start_cluster(bindir)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh team database on the cluster with followup's schema, open; its URL."""
    from followup_tui.core.base.db_target import ServerUrl

    name = pg_cluster.new_database()
    url = pg_cluster.url(name)
    open_database(ServerUrl(url))
    yield url
    close_database()
    pg_cluster.drop(name)
