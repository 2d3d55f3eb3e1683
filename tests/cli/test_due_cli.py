"""`followup due`: the queue for a fixed database and day, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from followup_tui.cli.main import main
from followup_tui.core.queue.queue_items import SECTIONS
from tests.cli.engines import Db
from tests.pg_cluster import Cluster


def test_due_json_structure(demo_db: Db, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(demo_db), "due", "--date", "2026-11-22", "--json", "--all"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["date"] == "2026-11-22"
    assert doc["limit"] is None
    assert [s["id"] for s in doc["sections"]] == list(SECTIONS)
    assert doc["counts"] == {s["id"]: s["count"] for s in doc["sections"]}
    assert all(s["count"] == len(s["items"]) for s in doc["sections"])
    overdue = doc["sections"][0]["items"]
    assert overdue, "the demo has overdue follow-ups"
    item = overdue[0]
    assert set(item) == {
        "account",
        "contact",
        "class",
        "heat",
        "heat_trend",
        "also",
        "follow_up",
        "best_action",
        "last_contact",
        "reasons",
        "priority",
        "priority_explained",
        "callable_now",
    }
    assert any(r.startswith("overdue by") for r in item["reasons"])
    assert [i["priority"] for i in overdue] == sorted(
        (i["priority"] for i in overdue), reverse=True
    )
    assert all(i["callable_now"] is None for s in doc["sections"] for i in s["items"])
    today = {i["account"]["name"] for i in doc["sections"][1]["items"]}
    overdue_names = {i["account"]["name"] for i in overdue}
    assert not today & overdue_names
    names = {i["account"]["name"] for s in doc["sections"] for i in s["items"]}
    assert any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n)


def test_due_text_lists_sections_with_counts(demo_db: Db, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(demo_db), "due", "--date", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Due queue for 2026-11-22:")
    assert "Overdue (" in out and "Today (" in out
    assert "overdue by" in out


def test_due_on_an_empty_database_says_nothing_is_due(db_path: Db, capsys) -> None:
    from followup_tui.db.database import close_database

    close_database()
    assert main(["--db", str(db_path), "due", "--date", "2026-11-22"]) == 0
    assert "Nothing due." in capsys.readouterr().out


def test_due_rejects_bad_date_and_missing_database(tmp_path: Path, capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "x.db"), "due", "--date", "tomorrow-ish"])
    assert info.value.code == 2
    assert main(["--db", str(tmp_path / "missing.db"), "due"]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


def test_due_on_a_server_database_without_the_schema_makes_none(
    pg_cluster: Cluster, tmp_path: Path, capsys
) -> None:
    """A server's counterpart of the missing file: an empty database stays empty."""
    import psycopg

    from followup_tui.db.database import close_database

    name = pg_cluster.new_database(empty=True)
    url = pg_cluster.url(name)
    zh = tmp_path / "zh.yaml"
    zh.write_text("language: zh\n", encoding="utf-8")
    try:
        assert main(["--db", url, "due", "--date", "2026-11-22"]) == 2
        assert f"no followup schema in {url}" in capsys.readouterr().err
        assert main(["--db", url, "--config", str(zh), "due", "--date", "2026-11-22"]) == 2
        assert f"{url} 中没有 followup 的表结构" in capsys.readouterr().err
        with psycopg.connect(url) as conn:
            tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            assert conn.execute(tables).fetchone() == (0,)
    finally:
        close_database()
        pg_cluster.drop(name)


def test_due_date_takes_the_apps_shorthand(demo_db: Db, capsys) -> None:
    import datetime as dt

    today = dt.date.today()
    for value, day in (
        ("tomorrow", today + dt.timedelta(days=1)),
        ("明天", today + dt.timedelta(days=1)),
        ("+3d", today + dt.timedelta(days=3)),
        ("-1d", today - dt.timedelta(days=1)),  # `--date -1d`: no `=` needed
        ("昨天", today - dt.timedelta(days=1)),
        ("2026-11-22", dt.date(2026, 11, 22)),
    ):
        capsys.readouterr()
        assert main(["--db", str(demo_db), "due", "--date", value, "--json"]) == 0, value
        assert json.loads(capsys.readouterr().out)["date"] == day.isoformat(), value


def test_a_bad_day_names_the_option_and_the_value(tmp_path: Path, capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "x.db"), "due", "--date", "-0d"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert 'argument --date: cannot read "-0d" as a date (a shift must be at least 1' in err


def test_due_pauses_the_collector_while_it_prints_and_restores_it(
    demo_db: Db, capsys, monkeypatch
) -> None:
    """The queue is placed and printed with no collector pass (as the app's start), and a
    caller in the same process (a test, a script) gets the collector back as it was."""
    import gc

    from followup_tui.core.queue import due_text

    seen: list[bool] = []
    real = due_text.queue_lines

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        yield from real(*args, **kwargs)

    monkeypatch.setattr(due_text, "queue_lines", watching)
    assert gc.isenabled()
    assert main(["--db", str(demo_db), "due", "--date", "2026-11-22"]) == 0
    assert seen == [False] and gc.isenabled()
    assert "Overdue" in capsys.readouterr().out
