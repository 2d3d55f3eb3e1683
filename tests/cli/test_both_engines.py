"""Every `followup` command on both engines (issue 19): the same book gives the same
output on the rep's file and on a team's PostgreSQL database.

Commands that keep a file (backup, restore, check) are refused on a server, naming
pg_dump; the others run there as they do on a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.cli.main import main
from followup_tui.core.base.config import load_settings
from followup_tui.db.database import close_database
from tests.pg_cluster import Cluster

DAY = "2026-11-22"


def run(db: str, *args: str) -> tuple[int, str, str]:
    """`followup --db DB ARGS...` in this process: its exit code, output and errors."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db, *args])
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def ok(db: str, *args: str) -> str:
    code, out, err = run(db, *args)
    assert code == 0, err
    return out


@pytest.fixture
def demo(cli_db: str) -> str:
    """The demo book written by `followup demo` into `cli_db`."""
    ok(cli_db, "demo", "--no-open", "--date", DAY)
    return cli_db


def test_the_demo_queue_note_and_sheet_on_either_engine(demo: str) -> None:
    before = json.loads(ok(demo, "due", "--json", "--all", "--date", DAY))
    assert before["date"] == DAY and before["counts"]["overdue"] > 0
    first = before["sections"][0]["items"][0]["account"]["name"]
    said = ok(demo, "note", first, "他们要新报价", "--outcome", "reached", "--next", "2026-12-01",
              "--today", DAY)  # fmt: skip
    assert first in said
    after = json.loads(ok(demo, "due", "--json", "--all", "--date", DAY))
    rows = [i for s in after["sections"] for i in s["items"] if i["account"]["name"] == first]
    assert rows and all(i["last_contact"]["date"] == DAY for i in rows), rows
    text = ok(demo, "due", "--date", DAY)
    assert "Overdue" in text
    sheet = ok(demo, "sheet", "1", "--date", DAY)
    assert sheet.startswith("# ")
    assert json.loads(ok(demo, "sheet", "1", "--format", "json", "--date", DAY))


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "ics", "vcf", "md"])
def test_every_export_format_on_either_engine(demo: str, fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{'zip' if fmt == 'csv' else fmt}"
    args = ["export", "--format", fmt, "--date", DAY]
    if fmt == "md":
        args.append("Northwind")
    else:
        args += ["-o", str(target)]
    out = ok(demo, *args)
    data = out.encode() if fmt == "md" else target.read_bytes()
    assert len(data) > 500
    if fmt == "json":
        assert len(json.loads(data)["accounts"]) == 30


def test_keys_need_no_database(cli_db: str) -> None:
    assert "queue.done" in ok(cli_db, "keys")


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_an_export_imports_into_the_other_engine(
    demo: str, tmp_path: Path, pg_cluster: Cluster, fmt: str
) -> None:
    exported = tmp_path / f"book.{'zip' if fmt == 'csv' else fmt}"
    ok(demo, "export", "--format", fmt, "-o", str(exported), "--date", DAY)
    other = str(tmp_path / "other.db")
    if "://" not in demo:
        other = pg_cluster.url(pg_cluster.new_database())
    ok(other, "import", str(exported), "--date", DAY)
    again = tmp_path / "again.json"
    ok(other, "export", "-o", str(again), "--date", DAY)
    first = json.loads(ok(demo, "export", "--date", DAY))
    assert json.loads(again.read_text()) == first


@pytest.mark.parametrize(
    "command",
    [
        ["backup"],
        ["backup", "-o", "copy.db"],
        ["restore", "x.db"],
        ["restore", "kept.db"],
        ["check"],
        ["check", "--quick", "--json"],
    ],
)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_commands_keeping_a_file_are_refused_on_a_server(
    command: list[str],
    language: str,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    config = tmp_path / "language.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    (here / "kept.db").write_bytes(b"a backup to restore")
    code, out, err = run(pg_url, "--config", str(config), *command)
    assert code == 2 and not out
    assert f"followup {command[0]}" in err and "pg_dump" in err
    assert ("只用于数据库文件" in err) == (language == "zh"), err
    # Nothing made or touched where it ran: no copy, no backups folder, the source as it was.
    assert [p.name for p in here.iterdir()] == ["kept.db"]
    assert (here / "kept.db").read_bytes() == b"a backup to restore"


def test_the_demo_goes_into_an_empty_team_database_only(pg_url: str) -> None:
    ok(pg_url, "demo", "--no-open", "--date", DAY)
    code, _, err = run(pg_url, "demo", "--no-open", "--force", "--date", DAY)
    assert code == 2 and "already holds data" in err and "pg_dump" in err


def test_an_import_does_not_replace_a_team_database(pg_url: str, tmp_path: Path) -> None:
    ok(pg_url, "demo", "--no-open", "--date", DAY)
    exported = tmp_path / "book.json"
    ok(pg_url, "export", "-o", str(exported), "--date", DAY)
    code, _, err = run(pg_url, "import", str(exported), "--replace")
    assert code == 2 and "--replace" in err
    assert len(json.loads(ok(pg_url, "export", "--date", DAY))["accounts"]) == 30


# -- the same book, the same output -------------------------------------------------


@pytest.fixture(params=["UTC", "Pacific/Kiritimati"])
def both(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    pg_cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[str, str]]:
    """A database file and a team database, both empty (the file not made yet); the
    rep's clock in UTC or 14 hours ahead, the server's ten hours behind: a day is the
    rep's, never the server's."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    name = pg_cluster.new_database()
    pg_cluster.admin(f"ALTER DATABASE \"{name}\" SET timezone TO 'America/Adak'")
    yield str(tmp_path / "book.db"), pg_cluster.url(name)
    close_database()
    pg_cluster.drop(name)


def _settled(text: str) -> str:
    """The output with the moments stamped by the wall clock (the demo's plans are
    written at the moment they are made, a calendar's entries stamped as exported) said
    as one."""
    text = re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:NOW", text)
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?", _now_or_kept, text)


def _now_or_kept(found: re.Match[str]) -> str:
    moment = dt.datetime.fromisoformat(found.group())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return "NOW" if abs(moment - now) < dt.timedelta(hours=1) else found.group()


def test_the_demo_gives_the_same_output_on_both_engines(both: tuple[str, str]) -> None:
    file, server = both
    for db in both:
        ok(db, "demo", "--no-open", "--date", DAY)
    for args in (
        ["due", "--json", "--all", "--date", DAY],
        ["due", "--all", "--date", DAY],
        ["due", "--json", "--date", "2026-12-03"],
        ["export", "--date", DAY],
        ["export", "--format", "md", "Northwind", "--date", DAY],
        ["export", "--format", "csv", "--table", "activities", "--date", DAY],
        ["export", "--format", "ics", "--date", DAY],
        ["sheet", "2", "--date", DAY],
    ):
        assert _settled(ok(file, *args)) == _settled(ok(server, *args)), args
    # A note is stamped with the moment it is written: the queues after it are compared.
    for db in both:
        ok(db, "note", "华为", "他们要新报价", "--outcome", "reached", "--today", DAY)
    after = ["due", "--json", "--all", "--date", DAY]
    assert ok(file, *after) == ok(server, *after)


def _book_of(doc: dict[str, Any], keep: set[int]) -> dict[str, Any]:
    """The demo document cut to some of its accounts, with what hangs off them."""
    deals = {d["id"] for d in doc["deals"] if d["account_id"] in keep}
    out = dict(doc)
    for table, rows in doc.items():
        if not isinstance(rows, list):
            continue
        if table == "accounts":
            out[table] = [r for r in rows if r["id"] in keep]
        elif rows and "account_id" in rows[0]:
            out[table] = [r for r in rows if r["account_id"] in keep]
        elif rows and "deal_id" in rows[0]:
            out[table] = [r for r in rows if r["deal_id"] in deals]
        else:
            out[table] = []
    return out


@hsettings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    keep=st.sets(st.integers(1, 30), min_size=1, max_size=8),
    written=st.integers(-30, 30),
    ahead=st.integers(0, 60),
)
def test_due_json_is_the_same_on_both_engines_for_any_small_book(
    tmp_path_factory: pytest.TempPathFactory,
    pg_cluster: Cluster,
    keep: set[int],
    written: int,
    ahead: int,
) -> None:
    from followup_tui.demo import build_demo

    day = dt.date(2026, 11, 22) + dt.timedelta(days=written)
    doc = _book_of(build_demo(day, settings=load_settings(None)), keep)
    folder = tmp_path_factory.mktemp("book")
    book = folder / "book.json"
    book.write_text(json.dumps(doc), encoding="utf-8")
    name = pg_cluster.new_database()
    try:
        on = (day + dt.timedelta(days=ahead)).isoformat()
        outputs = []
        for db in (str(folder / "book.db"), pg_cluster.url(name)):
            ok(db, "import", str(book), "--date", day.isoformat())
            outputs.append(ok(db, "due", "--json", "--all", "--date", on))
        assert outputs[0] == outputs[1]
        assert json.loads(outputs[0])["date"] == on
    finally:
        close_database()
        pg_cluster.drop(name)


def test_find_on_either_engine(demo: str) -> None:
    hits = json.loads(ok(demo, "find", "华为", "--json"))
    assert hits and any("华为" in json.dumps(h, ensure_ascii=False) for h in hits)


@pytest.mark.parametrize("tab", ["board", "pipeline", "health", "year-end", "heat", "activity"])
def test_every_review_on_either_engine(demo: str, tab: str) -> None:
    doc = json.loads(ok(demo, "review", tab, "--format", "json", "--date", DAY))
    assert doc["as_of"] == DAY


def test_another_crms_file_imports_the_same_on_either_engine(cli_db: str, tmp_path: Path) -> None:
    report = Path(__file__).parent.parent / "fixtures" / "salesforce_opportunity_contact_roles.csv"
    dry = ok(cli_db, "import", str(report), "--dry-run", "--date", DAY)
    assert "Acme Robotics" in dry
    if "://" not in cli_db:
        assert not Path(cli_db).exists()  # a dry run leaves no file it made
    ok(cli_db, "import", str(report), "--date", DAY)
    ok(cli_db, "import", str(report), "--date", DAY)  # again: nothing twice
    doc = json.loads(ok(cli_db, "export", "--date", DAY))
    assert sorted(a["name"] for a in doc["accounts"]) == [
        "Acme Robotics",
        "Globex Corporation",
        "Initech",
    ]
    assert len(doc["deals"]) == 3
