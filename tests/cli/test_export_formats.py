"""`followup export` beyond JSON: spreadsheets a manager opens safely, the calendar and
contacts a phone imports, an account's dossier; usage mistakes exit 2 and write nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
import zipfile
from pathlib import Path

import icalendar
import openpyxl
import pytest
import vobject

from followup_tui.cli.main import main
from followup_tui.core.transfer.sheet_cells import restored
from tests.cli.engines import Db

DAY = "2026-11-22"
EVIL = '=HYPERLINK("http://evil.example","点这里")'


@pytest.fixture
def book(demo_db: Db, capsys: pytest.CaptureFixture[str]) -> Db:
    """The demo on either engine (conftest), with a note that reads as a formula."""
    assert main(["--db", str(demo_db), "note", "华为", EVIL, "--today", DAY]) == 0
    capsys.readouterr()
    return demo_db


def _json(db: Db, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["--db", str(db), "export", "--date", DAY]) == 0
    return json.loads(capsys.readouterr().out)


def _read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _as_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_csv_folder_holds_every_table_as_the_json_export_does(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _json(book, capsys)
    out = tmp_path / "sheets"
    args = ["--format", "csv", "-o", str(out), "--date", DAY]
    assert main(["--db", str(book), "export", *args]) == 0
    tables = [k for k, v in doc.items() if isinstance(v, list)]
    assert f"Exported {len(tables)} files" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in tables)
    for name in ("accounts", "contacts", "deals", "activities", "follow_ups"):
        path = out / f"{name}.csv"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Chinese right
        rows = _read_csv(path.read_bytes())
        assert len(rows) == len(doc[name])
        for row, record in zip(rows, doc[name], strict=True):
            # Every cell, guard taken off, is the JSON export's value as text.
            assert {k: restored(v) for k, v in row.items()} == {k: _as_cell(record[k]) for k in row}


def test_formula_text_is_guarded_in_csv_and_stays_text_in_xlsx(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(book), "export", "--format", "csv", "--table", "activities"]) == 0
    rows = _read_csv(capsys.readouterr().out.encode())
    notes = [r["notes"] for r in rows if "HYPERLINK" in r["notes"]]
    assert notes == ["'" + EVIL]
    target = tmp_path / "book.xlsx"
    assert main(["--db", str(book), "export", "--format", "xlsx", "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target)["activities"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("notes") + 1
    cells = [r[column - 1] for r in sheet.iter_rows(min_row=2)]
    cells = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in cells] == [(EVIL, "s")]  # text, never a formula


def test_csv_zip_and_xlsx_hold_the_same_tables(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _json(book, capsys)
    zipped = tmp_path / "book.zip"
    assert main(["--db", str(book), "export", "--format", "csv", "-o", str(zipped)]) == 0
    with zipfile.ZipFile(zipped) as archive:
        names = sorted(archive.namelist())
        deals = _read_csv(archive.read("deals.csv"))
    tables = [k for k, v in doc.items() if isinstance(v, list)]
    assert names == sorted(f"{t}.csv" for t in tables)
    assert [int(r["id"]) for r in deals] == [d["id"] for d in doc["deals"]]
    workbook = tmp_path / "book.xlsx"
    assert main(["--db", str(book), "export", "--format", "xlsx", "-o", str(workbook)]) == 0
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == tables  # the JSON document's tables, in its order
    accounts = list(wb["accounts"].iter_rows(values_only=True))
    assert len(accounts) == 1 + len(doc["accounts"])
    assert {r[1] for r in accounts[1:]} == {a["name"] for a in doc["accounts"]}


def test_calendar_has_every_open_follow_up_and_dated_best_action(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _json(book, capsys)
    live = {a["id"] for a in doc["accounts"] if not a["archived"]}
    open_deals = {
        d["id"] for d in doc["deals"] if d["outcome"] == "open" and d["account_id"] in live
    }
    follow_ups = [f for f in doc["follow_ups"] if not f["done"] and f["account_id"] in live]
    actions = [
        b for b in doc["best_actions"] if not b["done"] and b["due"] and b["deal_id"] in open_deals
    ]
    target = tmp_path / "due.ics"
    assert main(["--db", str(book), "export", "--format", "ics", "-o", str(target)]) == 0
    first = icalendar.Calendar.from_ical(target.read_bytes())
    todos = [c for c in first.walk() if c.name == "VTODO"]
    assert len(todos) == len(follow_ups) + len(actions) > 0
    due = {str(t["uid"]): t.decoded("due") for t in todos}
    for f in follow_ups:
        (uid,) = [u for u in due if u.startswith(f"followup-follow_up-{f['id']}-")]
        assert due[uid] == dt.date.fromisoformat(f["due"])
    assert all(any(c.name == "VALARM" for c in t.walk()) for t in todos)
    # Exported again, the same UIDs: a calendar updates its entries instead of doubling them.
    assert main(["--db", str(book), "export", "--format", "ics"]) == 0
    again = icalendar.Calendar.from_ical(capsys.readouterr().out.encode())
    assert {str(t["uid"]) for t in again.walk() if t.name == "VTODO"} == set(due)


def test_calendar_entries_can_be_events(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("export:\n  calendar_entry: event\n  reminder_at: '8:15'\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(config))
    assert main(["--db", str(book), "export", "--format", "ics"]) == 0
    cal = icalendar.Calendar.from_ical(capsys.readouterr().out.encode())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert events and not [c for c in cal.walk() if c.name == "VTODO"]
    alarm = next(c for c in events[0].walk() if c.name == "VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(hours=8, minutes=15)


def test_a_bad_export_setting_is_named_and_exits_2(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("export:\n  calendar_entry: task\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(config))
    assert main(["--db", str(book), "export", "--format", "ics"]) == 2
    err = capsys.readouterr().err
    assert "settings.yaml, line 2" in err and "calendar_entry" in err


def test_contacts_read_back_as_vcards(book: Db, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(book, capsys)
    live = {a["id"]: a["name"] for a in doc["accounts"] if not a["archived"]}
    people = [c for c in doc["contacts"] if c["account_id"] in live]
    assert main(["--db", str(book), "export", "--format", "vcf"]) == 0
    text = capsys.readouterr().out
    cards = list(vobject.readComponents(text))
    assert len(cards) == len(people)
    by_name = {c.fn.value: c for c in cards}
    for p in people:
        card = by_name[p["name"]]
        assert card.org.value[0] == live[p["account_id"]]
        if p["phone"]:
            assert card.tel.value == p["phone"]
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_dossier_names_the_account_by_pinyin_and_quotes_notes_whole(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "huawei.md"
    assert main(["--db", str(book), "export", "--format", "md", "huawei", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 华为技术\n")
    for heading in ("## Key people", "## Deals", "## Timeline"):
        assert heading in text
    assert EVIL in text  # the note typed a moment ago, whole
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "csv"], "-o FOLDER"),
        (["--format", "csv", "--table", "nosuch"], "no table named nosuch"),
        (["--format", "md"], "dossier"),
        (["--format", "md", "nosuch-account"], "no account matches"),
        (["--format", "json", "--table", "deals"], "--table goes with --format csv"),
    ],
)
def test_usage_mistakes_exit_2_and_say_what_to_do(
    book: Db, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert main(["--db", str(book), "export", *args]) == 2
    assert says in capsys.readouterr().err


def test_a_csv_folder_over_a_file_is_refused(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clash = tmp_path / "taken"
    clash.write_text("mine", encoding="utf-8")
    assert main(["--db", str(book), "export", "--format", "csv", "-o", str(clash)]) == 2
    assert clash.read_text(encoding="utf-8") == "mine"
    assert "not a folder" in capsys.readouterr().err


def test_in_chinese_the_dossier_and_the_messages_are_chinese(
    book: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    config = tmp_path / "settings.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(config))
    assert main(["--db", str(book), "export", "--format", "md", "华为"]) == 0
    text = capsys.readouterr().out
    assert "## 关键人物" in text and "## 时间线" in text and "- **分类**: A" in text
    assert main(["--db", str(book), "export", "--format", "csv"]) == 2
    assert "会写多个文件：请用 -o 文件夹" in capsys.readouterr().err
    assert main(["--db", str(book), "export", "--format", "ics"]) == 0
    cal = icalendar.Calendar.from_ical(capsys.readouterr().out.encode())
    assert any(str(t["summary"]).startswith("跟进") for t in cal.walk("VTODO"))
