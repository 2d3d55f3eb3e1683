"""`followup team setup / add / move` (#19): what each says and its exit code.

0 done (or nothing to change), 2 bad input named, 1 the server refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.accounts import save_account
from followup_tui.db.connection import db
from followup_tui.db.database import SCHEMA_VERSION, close_database, open_database
from followup_tui.db.models import Activity
from followup_tui.db.team_access import GROUPS, group_of
from tests.pg_cluster import Cluster


@pytest.fixture
def database(pg_cluster: Cluster) -> Iterator[str]:
    """A new database with followup's schema and no team yet; its name."""
    name = pg_cluster.new_database()
    yield name
    close_database()
    pg_cluster.drop(name)
    for who in ("ann", "bo", "mia", "outsider"):
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{who}_{name}"')


def _team(*argv: str) -> int:
    return main(["team", *argv])


def _said(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = capsys.readouterr()
    return out, err


def test_team_help_lists_its_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["team", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for action in ("setup", "add", "move", "share"):
        assert f"    {action}" in shown, action
    with pytest.raises(SystemExit) as done:
        main(["team", "add", "--help"])
    assert "\\password NAME" in capsys.readouterr().out  # where a password comes from


def test_setup_twice_changes_nothing_the_second_time(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    assert _team("setup", "--db", url) == 0
    assert "the team is set up" in _said(capsys)[0]
    open_database(ServerUrl(url), create=False)
    policies = db.execute_sql("SELECT count(*) FROM pg_policies").fetchone()[0]
    close_database()
    assert policies > 20
    assert _team("setup", "--db", url) == 0
    assert "set up already; nothing changed" in _said(capsys)[0]


def test_setup_on_an_empty_database_makes_the_schema_too(
    pg_cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    name = pg_cluster.new_database(empty=True)
    try:
        assert _team("setup", "--db", pg_cluster.url(name)) == 0
        open_database(ServerUrl(pg_cluster.url(name)), create=False)
        assert {"account", "account_share"} <= set(db.get_tables())
    finally:
        close_database()
        pg_cluster.drop(name)


def test_setup_refuses_a_file_and_a_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _team("setup", "--db", str(tmp_path / "book.db")) == 2
    err = _said(capsys)[1]
    assert "followup team setup works on a team's PostgreSQL server" in err
    assert "book.db" in err
    assert _team("setup", "--db", "postgresql://admin:s3cret@db.example/team") == 2
    assert "holds a password" in _said(capsys)[1]


def test_setup_by_someone_other_than_the_tables_owner_is_refused(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    assert _team("setup", "--db", url) == 0
    assert _team("add", f"ann_{database}", "--db", url) == 0
    capsys.readouterr()
    as_ann = pg_cluster.url(database, f"ann_{database}")
    assert _team("setup", "--db", as_ann) == 1
    err = _said(capsys)[1]
    assert f"belong to followup_admin, not to ann_{database}" in err
    # On a database without the schema, she may not make it either: the server says no.
    empty = pg_cluster.new_database(empty=True)
    try:
        assert _team("setup", "--db", pg_cluster.url(empty, f"ann_{database}")) == 1
        assert "refused: permission denied" in _said(capsys)[1]
    finally:
        close_database()
        pg_cluster.drop(empty)


def test_add_people_and_the_mistakes_said(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    ann, mia = f"ann_{database}", f"mia_{database}"
    assert _team("add", ann, "--db", url) == 1  # before setup
    assert "has no team yet: run `followup team setup` first" in _said(capsys)[1]
    assert _team("setup", "--db", url) == 0
    assert _team("add", ann, "--db", url) == 0
    assert f"{ann} is on the team as a rep: set their password in psql" in _said(capsys)[0]
    assert _team("add", mia, "--manager", "--db", url) == 0
    assert f"{mia} is on the team as a manager" in _said(capsys)[0]
    assert _team("add", ann, "--db", url) == 0
    assert f"{ann} is on the team as a rep already; nothing changed" in _said(capsys)[0]
    assert _team("add", mia, "--db", url) == 2
    assert f"{mia} is on the team already, as a manager" in _said(capsys)[1]
    for bad in ("Ann", "pg_ann", "ann smith", "followup_rep", "x" * 64, "1ann"):
        assert _team("add", bad, "--db", url) == 2, bad
        assert f"not a name a person can log in with: {bad!r}" in _said(capsys)[1]
    outsider = f"outsider_{database}"
    pg_cluster.admin(f"CREATE ROLE {outsider}")
    assert _team("add", outsider, "--db", url) == 2
    assert f"{outsider} is a database role already, outside the team" in _said(capsys)[1]
    open_database(ServerUrl(url), create=False)
    assert (group_of(ann), group_of(mia), group_of(outsider)) == (*GROUPS, None)
    # They log in as themselves, with no password on this cluster's trusted socket.
    close_database()
    open_database(ServerUrl(pg_cluster.url(database, ann)), create=False)
    assert db.execute_sql("SELECT current_user").fetchone()[0] == ann


def test_move_hands_an_account_over_and_names_what_it_cannot_find(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    ann, bo, mia = (f"{who}_{database}" for who in ("ann", "bo", "mia"))
    assert _team("setup", "--db", url) == 0
    for who in (ann, bo):
        assert _team("add", who, "--db", url) == 0
    assert _team("add", mia, "--manager", "--db", url) == 0
    open_database(ServerUrl(pg_cluster.url(database, ann)), create=False)
    acme = save_account({"name": "Acme Robotics"})
    Activity.create(account=acme, kind="call", occurred_at="2026-11-02 10:00:00")
    close_database()
    capsys.readouterr()
    assert _team("move", "acme", "--to", bo, "--db", url) == 0
    said = _said(capsys)[0]
    assert (
        f"Acme Robotics (#{acme}) moved from {ann} to {bo}, with its history: 1 activities" in said
    )
    assert _team("move", str(acme), "--to", bo, "--db", url) == 0
    assert f"Acme Robotics (#{acme}) is {bo}'s already; nothing changed" in _said(capsys)[0]
    assert _team("move", "Initech", "--to", bo, "--db", url) == 2
    assert "Initech" in _said(capsys)[1]
    for nobody in (mia, f"zed_{database}", "Not A Name"):
        assert _team("move", "acme", "--to", nobody, "--db", url) == 2
        assert f"{nobody} is not a rep on this team" in _said(capsys)[1]
    # A rep may not hand even her own account over: only the administrator does.
    assert _team("move", "acme", "--to", ann, "--db", pg_cluster.url(database, bo)) == 1
    assert "only the administrator hands an account over" in _said(capsys)[1]


def test_the_messages_are_said_in_chinese(
    pg_cluster: Cluster, database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    url = pg_cluster.url(database)
    assert _team("setup", "--db", url, "--config", str(config)) == 0
    assert "团队已建好" in _said(capsys)[0]
    assert _team("add", "Ann", "--db", url, "--config", str(config)) == 2
    assert "不能用作登录名：'Ann'" in _said(capsys)[1]


def test_share_lets_another_rep_work_an_account_and_stops(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    ann, bo, mia = (f"{who}_{database}" for who in ("ann", "bo", "mia"))
    assert _team("setup", "--db", url) == 0
    for who in (ann, bo):
        assert _team("add", who, "--db", url) == 0
    assert _team("add", mia, "--manager", "--db", url) == 0
    as_ann, as_bo = pg_cluster.url(database, ann), pg_cluster.url(database, bo)
    open_database(ServerUrl(as_ann), create=False)
    acme = save_account({"name": "Acme Robotics"})
    close_database()
    capsys.readouterr()
    assert _team("share", "acme", "--with", bo, "--db", as_ann) == 0
    assert f"account #{acme} is shared with {bo}" in _said(capsys)[0]
    assert _team("share", "acme", "--with", bo, "--db", as_ann) == 0
    assert f"was shared with {bo} already; nothing changed" in _said(capsys)[0]
    open_database(ServerUrl(as_bo), create=False)
    assert db.execute_sql("SELECT name FROM account").fetchall() == [("Acme Robotics",)]
    close_database()
    # Bo may not pass it on, nor share it back with its own rep; a manager is no rep.
    assert _team("share", "acme", "--with", bo, "--db", as_bo) == 2
    assert f"Acme Robotics is {ann}'s: only its rep" in _said(capsys)[1]
    assert _team("share", "acme", "--with", ann, "--db", as_ann) == 2
    assert f"Acme Robotics is {ann}'s own account" in _said(capsys)[1]
    assert _team("share", "acme", "--with", mia, "--db", as_ann) == 2
    assert f"{mia} is not a rep on this team" in _said(capsys)[1]
    assert _team("share", "acme", "--with", bo, "--stop", "--db", as_ann) == 0
    assert f"account #{acme} is no longer shared with {bo}" in _said(capsys)[0]
    assert _team("share", "acme", "--with", bo, "--stop", "--db", url) == 0
    assert "was not shared" in _said(capsys)[0]
    open_database(ServerUrl(as_bo), create=False)
    assert db.execute_sql("SELECT name FROM account").fetchall() == []


def test_setup_refuses_an_owner_who_is_on_the_team(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tables' owner passes by every policy: on the team, they would read it all."""
    url = pg_cluster.url(database)
    assert _team("setup", "--db", url) == 0
    pg_cluster.admin("GRANT followup_rep TO followup_admin")
    try:
        assert _team("setup", "--db", url) == 1
        assert "followup_admin owns the team's tables" in _said(capsys)[1]
    finally:
        pg_cluster.admin("REVOKE followup_rep FROM followup_admin")


def test_an_older_schema_is_the_administrators_to_upgrade(
    pg_cluster: Cluster, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(database)
    ann = f"ann_{database}"
    assert _team("setup", "--db", url) == 0
    assert _team("add", ann, "--db", url) == 0
    open_database(ServerUrl(url), create=False)
    db.execute_sql(f"UPDATE schema_version SET version = {SCHEMA_VERSION - 1}")
    close_database()
    capsys.readouterr()
    as_ann = pg_cluster.url(database, ann)
    assert main(["due", "--db", as_ann]) == 1
    assert (
        f"is at schema {SCHEMA_VERSION - 1} and this followup needs {SCHEMA_VERSION}: "
        "the database's administrator" in (_said(capsys)[1])
    )
    assert _team("setup", "--db", url) == 0  # migrates (the last step again: nothing doubled)
    capsys.readouterr()
    assert main(["due", "--db", as_ann]) == 0
