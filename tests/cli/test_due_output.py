"""`followup due`'s output: counts and the first rows, --limit, --all, --json, --pretty.

The rows are the queue screen's own, in its order, and every row streamed
(`--all --json`) is written in the memory of a chunk of rows, not of the book.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings
from followup_tui.core.queue import queue_items
from followup_tui.core.queue.due_json import queue_json
from followup_tui.core.queue.queue_items import SECTIONS, QueueItem, queue_to_dict
from followup_tui.core.queue.queue_lines import line_payload
from followup_tui.db.database import close_database, open_database
from followup_tui.db.queue_store import fast_queue
from tests.cli.engines import Db, on_server, write
from tests.support import TODAY, make_app

ROOT = Path(__file__).resolve().parents[2]
DAY = TODAY.isoformat()


@pytest.fixture
def demo(demo_db: Db) -> Db:
    """The demo on either engine (conftest)."""
    return demo_db


def due(capsys: pytest.CaptureFixture[str], db: Db, *args: str) -> str:
    assert main(["--db", str(db), "due", "--date", DAY, *args]) == 0
    return capsys.readouterr().out


def due_json(capsys: pytest.CaptureFixture[str], db: Db, *args: str) -> dict:
    return json.loads(due(capsys, db, "--json", *args))


def test_the_default_shows_every_count_and_the_first_five_rows(demo, capsys) -> None:
    every = due_json(capsys, demo, "--all")
    text = due(capsys, demo)
    counts = every["counts"]
    assert counts["overdue"] > 5, "the demo has more overdue accounts than a screenful"
    head = text.splitlines()[0]
    for section in every["sections"]:
        assert f"{section['title']} {section['count']}" in head
    for section in every["sections"]:
        if not section["count"]:
            assert f"{section['title']} (" not in text
            continue
        block = text.split(f"{section['title']} ({section['count']})\n", 1)[1].split("\n\n")[0]
        names = [item["account"]["name"] for item in section["items"]]
        shown = [n for n in names if n in block]
        assert shown == names[:5], section["id"]
        more = re.findall(r"… and (\d+) more", block)
        assert more == ([str(section["count"] - 5)] if section["count"] > 5 else [])


def test_limit_takes_the_first_rows_of_each_section(demo, capsys) -> None:
    every = due_json(capsys, demo, "--all")
    two = due_json(capsys, demo, "--limit", "2")
    assert two["limit"] == 2 and every["limit"] is None
    assert two["counts"] == every["counts"]
    for short, full in zip(two["sections"], every["sections"], strict=True):
        assert short["count"] == full["count"]
        assert short["items"] == full["items"][:2]
    counts_only = due(capsys, demo, "--limit", "0")
    assert counts_only.count("\n") == 1 and "Overdue" in counts_only
    zero = due_json(capsys, demo, "--limit", "0")
    assert all(s["items"] == [] for s in zero["sections"])
    assert zero["counts"] == every["counts"]


def test_all_lists_every_row_once(demo, capsys) -> None:
    every = due_json(capsys, demo, "--all")
    assert [s["id"] for s in every["sections"]] == list(SECTIONS)
    assert all(s["count"] == len(s["items"]) for s in every["sections"])
    ids = [i["account"]["id"] for s in every["sections"] for i in s["items"]]
    assert len(ids) == len(set(ids)) == sum(every["counts"].values())
    text = due(capsys, demo, "--all")
    assert "more (--all" not in text
    for name in (i["account"]["name"] for s in every["sections"] for i in s["items"]):
        assert name in text


def test_json_is_compact_unless_pretty(demo, capsys) -> None:
    compact = due(capsys, demo, "--json", "--all")
    assert compact.count("\n") == 1 and ", " not in compact.split('"items"')[0]
    pretty = due(capsys, demo, "--pretty", "--all")  # --pretty alone means JSON too
    assert json.loads(pretty) == json.loads(compact)
    assert pretty == json.dumps(json.loads(compact), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("args", "wrong"),
    [
        (["--limit", "-1"], "must be 0 or more"),
        (["--limit", "five"], "not a whole number"),
        (["--limit", "3", "--all"], "not allowed with"),
    ],
)
def test_bad_row_options_exit_2_naming_the_option(demo, capsys, args, wrong) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(demo), "due", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert wrong in err and ("--limit" in err or "--all" in err)


def test_the_streamed_document_is_the_one_json_dumps_writes(settings: Settings, demo) -> None:
    open_database(demo)
    try:
        queue = fast_queue(TODAY, settings)
        for limit in (None, 0, 1, 3):
            doc = queue_to_dict(queue, limit)
            compact = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
            assert "".join(queue_json(queue, limit)) == compact
            pretty = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            assert "".join(queue_json(queue, limit, pretty=True)) == pretty
    finally:
        close_database()


def screen_rows(settings: Settings, db: Db, day: dt.date) -> list[tuple[str, int]]:
    """(section, account id) of every row the queue screen lists on `day`, in order."""
    import asyncio

    from followup_tui.screens.due_queue import DueQueueScreen

    async def read() -> list[tuple[str, int]]:
        app = make_app(settings, db, today=day)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DueQueueScreen)
            found = [line_payload(line) for line in screen.lines if line[0] == "item"]
            return [(i.section, i.account_id) for i in found if isinstance(i, QueueItem)]

    return asyncio.run(read())


def test_the_cli_lists_the_screens_rows_in_its_order(settings: Settings, demo, capsys) -> None:
    for offset in (0, 1, 3, 8, 20):
        day = TODAY + dt.timedelta(days=offset)
        assert main(["--db", str(demo), "due", "--date", day.isoformat(), "--json", "--all"]) == 0
        doc = json.loads(capsys.readouterr().out)
        printed = [(s["id"], i["account"]["id"]) for s in doc["sections"] for i in s["items"]]
        on_screen = screen_rows(settings, demo, day)
        assert printed, day
        assert printed == on_screen, day


def test_due_never_imports_peewee(demo) -> None:
    """Nor Textual. On a team's server Peewee's pool is the connection from the start
    (db.connection): there only Textual is kept out."""
    unwanted = ("textual",) if on_server(demo) else ("peewee", "textual")
    code = (
        "import sys; from followup_tui.cli.main import main; "
        f"main(['--db', {str(demo)!r}, 'due', '--date', {DAY!r}]); "
        f"print(sorted(m for m in sys.modules if m.startswith({unwanted!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.splitlines()[-1] == "[]"


# On SQLite only: the large book is made by bench/make_db.py, which writes a file, and
# 3,000 accounts copied onto a server would cost more than the rest of this file.
def test_all_json_streams_in_the_memory_of_a_chunk(settings, tmp_path, monkeypatch) -> None:
    book = tmp_path / "book.db"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "make_db.py"),
            "--accounts=3000",
            "--activities-per-account=5",
            "--seed=3",
            f"--today={DAY}",
            f"--out={book}",
            "--force",
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(queue_items, "STREAM_CHUNK", 100)
    open_database(book)

    def peak(limit: int | None) -> tuple[int, int]:
        """Peak memory traced while streaming the queue's JSON, and the bytes written."""
        queue = fast_queue(TODAY, settings)
        tracemalloc.start()
        written = sum(len(piece.encode()) for piece in queue_json(queue, limit))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top, written

    try:
        rows = sum(len(s.items) for s in fast_queue(TODAY, settings).sections)
        assert rows > 1500, "a book large enough for the bound to mean something"
        # The bound, measured here: streaming two chunks of each section.
        bound, _ = peak(200)
        every, written = peak(None)
        assert written > 2 * peak(200)[1]
        # Every row (ten times as many) is streamed within that memory, give or take.
        assert every < 1.5 * bound, (every, bound)
        # Building the document whole, as `followup due --json` did, does not fit
        # the bound: the test can tell the two apart.
        tracemalloc.start()
        json.dumps(queue_to_dict(fast_queue(TODAY, settings), None))
        _, whole = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert whole > 3 * bound, (whole, bound)
    finally:
        close_database()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_rows_fit_an_80_column_terminal(settings: Settings, demo, tmp_path, language) -> None:
    from followup_tui.core.base.config import load_settings
    from followup_tui.core.base.text import display_width
    from followup_tui.core.queue.due_text import queue_lines

    config = tmp_path / "language.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    words = load_settings(config)
    open_database(demo)
    try:
        queue = fast_queue(TODAY, words)
        lines = list(queue_lines(queue, words, None, columns=80))
        body = lines[lines.index("") :]  # after the counts, however many lines they take
        heads = [line for line in body if line.startswith("  ") and not line.startswith("    ")]
        heads = [line for line in heads if "…" not in line[:4]]  # not the "and N more" lines
        assert len(heads) == sum(len(s.items) for s in queue.sections)
        assert all(display_width(line) <= 80 for line in lines), max(lines, key=display_width)
        wide = list(queue_lines(queue, words, None))
        assert max(map(display_width, wide)) > 80, "a pipe keeps the full purpose column"
    finally:
        close_database()


def test_a_terminal_gets_about_a_screenful() -> None:
    from followup_tui.core.queue.due_text import DEFAULT_ROWS, screenful

    assert screenful(24, 80, 6) == 1  # six sections: one row each is the least they show
    assert screenful(50, 120, 2) == DEFAULT_ROWS
    assert screenful(40, 120, 3) == 4
    for lines in range(10, 120):
        for sections in range(1, 7):
            rows = screenful(lines, 120, sections)
            assert 1 <= rows <= DEFAULT_ROWS
            if rows > 1:  # more than the least: it fits the screen
                assert 3 + sections * (3 + 2 * rows) <= lines


def test_control_characters_in_the_data_never_reach_the_terminal(demo, capsys) -> None:
    write(
        demo,
        "UPDATE account SET name = ? WHERE id = (SELECT min(account_id) FROM follow_up "
        "WHERE NOT done AND due < ?)",
        ("\x1b[31mRed\x1b[0m\nCorp\tLtd", DAY),
    )
    write(demo, "UPDATE follow_up SET purpose = 'call\\r\\nback' WHERE NOT done")
    text = due(capsys, demo, "--all")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", text)
    row = next(line for line in text.splitlines() if "Red" in line)
    assert "Corp Ltd" in row and "[31mRed" in row  # shown, harmless, on the row's one line
    data = due_json(capsys, demo, "--all")  # JSON keeps the text as stored
    names = [i["account"]["name"] for s in data["sections"] for i in s["items"]]
    assert "\x1b[31mRed\x1b[0m\nCorp\tLtd" in names
