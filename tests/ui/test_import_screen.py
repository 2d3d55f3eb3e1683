"""The import screen: a file picked, its columns mapped, the dry run shown, then written
with a progress bar, stopped with nothing kept; the database read afterwards, and the
same records as `followup import` writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.paths import default_maps_dir
from followup_tui.screens.transfer.import_screen import ImportScreen
from tests.support import make_app

FIXTURES = Path(__file__).parent.parent / "fixtures"
TABLES = ("account", "contact", "deal", "influence", "external_id")


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _counts(db: Path) -> tuple[int, ...]:
    return tuple(_rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES)


async def _settle(app: Any, pilot: Any) -> None:
    """Until the screen's worker (reading, matching, writing) is done and shown."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _open(app: Any, pilot: Any, path: Path | str) -> ImportScreen:
    app.action_import_book()  # the palette's "Import a file"
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path").value = str(path)
    await pilot.press("enter")
    await _settle(app, pilot)
    return screen


def _text(screen: ImportScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_the_palette_lists_import_and_opens_the_screen(
    settings: Settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Import a file" in titles
        # Through the palette itself: typed, then chosen.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"import a file")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        # The screen's own keys are in the palette too, each with an id.
        inside = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Import: Dry run", "Import: Import", "Import: Back"} <= set(inside)


async def test_a_hubspot_file_dry_run_then_import(
    settings: Settings, demo_db: Path, tmp_path: Path
) -> None:
    before = _counts(demo_db)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, FIXTURES / "hubspot_deals.csv")
        found = _text(screen, "#import-found")
        assert "CSV, utf-8, HubSpot, 3 rows" in found
        assert "would have created 2 accounts, 2 people, 3 deals, 3 buying influences" in found
        lines = _text(screen, "#import-lines")
        assert "create deal 'Wayne Enterprises renewal'" in lines
        assert "hubspot_deals.csv, line 2" in lines
        assert _counts(demo_db) == before  # the dry run wrote nothing
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert screen.outcome == "done"
        assert "Imported" in _text(screen, "#import-status")
    titles = [t for (t,) in _rows(demo_db, "SELECT title FROM deal WHERE title LIKE 'Wayne%'")]
    assert sorted(titles) == ["Wayne Enterprises pilot", "Wayne Enterprises renewal"]
    assert _counts(demo_db)[2] == before[2] + 3


async def test_a_generic_sheet_is_mapped_and_the_mapping_remembered(
    settings: Settings, demo_db: Path, tmp_path: Path
) -> None:
    mapping = yaml.safe_load((FIXTURES / "generic_customers_map.yaml").read_text("utf-8"))
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, FIXTURES / "generic_customers_gbk.csv")
        assert screen.step == "map"
        assert "gb18030" in _text(screen, "#import-found")
        headers = screen.look.sheets[0].sheet.headers
        for (_, i), select in screen.selects.items():
            assert select.value == "notes"  # kept as a profile note unless mapped
            select.value = mapping.get(headers[i], "notes")
        await pilot.press("ctrl+r")
        await _settle(app, pilot)
        assert screen.step == "preview"
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert screen.outcome == "done"
    rows = _rows(
        demo_db,
        "SELECT c.name, c.title, a.name, a.address FROM contact c JOIN account a "
        "ON a.id = c.account_id WHERE c.email = 'lina@byd.example'",
    )
    assert rows == [("李娜", "技术总监", "比亚迪股份有限公司", "深圳")]
    # The column without a field was kept as a note on the person the row names.
    (notes,) = _rows(demo_db, "SELECT notes FROM contact WHERE email = 'wangjg@huawei.example'")[0]
    assert "备注: 老客户" in notes
    # Remembered by its headers where `followup import` looks: the CLI needs no --map now.
    assert list(default_maps_dir().glob("*.yaml"))
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(FIXTURES / "generic_customers_gbk.csv")]) == 0
    people = (
        "SELECT name, title, phone, email, notes FROM contact WHERE email IN "
        "('wangjg@huawei.example', 'lina@byd.example') ORDER BY email"
    )
    assert _rows(other, people) == _rows(demo_db, people)
    assert len(_rows(other, people)) == 2


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_bad_rows_stop_the_import_until_skipped(
    demo_db: Path, tmp_path: Path, language: str
) -> None:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    bad = tmp_path / "deals.csv"
    text = (FIXTURES / "hubspot_deals.csv").read_text("utf-8")
    bad.write_text(text.replace("5000,", "five,"), "utf-8")
    before = _counts(demo_db)
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, bad)
        lines = _text(screen, "#import-lines")
        if language == "en":
            assert f"bad row: {bad}, line 3, column 'Amount': not a number: 'five'" in lines
        else:
            assert f"有误的行：{bad}，第 3 行，“Amount”列：不是数字：“five”" in lines
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert screen.step == "preview" and _counts(demo_db) == before
        screen.query_one("#import-skip-bad").value = True
        await _settle(app, pilot)
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert screen.outcome == "done"
    assert _counts(demo_db)[2] == before[2] + 2
    side = tmp_path / "deals.csv.bad.csv"
    assert side.exists() and ("five" in side.read_text("utf-8-sig"))


async def test_stopping_the_write_keeps_nothing(
    settings: Settings, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from followup_tui.db import book_import

    # A file long enough for several chunks, each written slowly: stopped halfway.
    path = tmp_path / "companies.csv"
    lines = ["Record ID,Company name,Company Domain Name"]
    lines += [f"{9000 + n},Company {n},c{n}.example" for n in range(60)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setattr(book_import, "CHUNK", 5)
    slow = book_import.insert_rows

    def insert_slowly(*args: Any, **kwargs: Any) -> None:
        time.sleep(0.05)
        slow(*args, **kwargs)

    monkeypatch.setattr(book_import, "insert_rows", insert_slowly)
    before = _counts(demo_db)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, path)
        assert "would have created 60 accounts" in _text(screen, "#import-found")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert screen.step == "writing"
        # The screen answers while the worker writes: the bar has moved.
        progress = screen.query_one("#import-progress").progress
        assert 0 < progress < 120
        await pilot.press("escape")
        await _settle(app, pilot)
        assert screen.outcome == "cancelled"
        assert "nothing of this import was written" in _text(screen, "#import-status")
    assert _counts(demo_db) == before


async def test_the_account_list_shows_what_was_imported(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        accounts = app.screen
        names = {e.name for e in accounts.index._entries.values()}
        assert "Cyberdyne Systems" not in names
        screen = await _open(app, pilot, FIXTURES / "hubspot_deals.csv")
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert screen.outcome == "done"
        await pilot.press("escape", "escape")  # the summary, then the file step: left
        await _settle(app, pilot)
        assert app.screen is accounts
        names = {e.name for e in accounts.index._entries.values()}
        assert "Cyberdyne Systems" in names


@pytest.mark.parametrize(("language", "said"), [("en", "no such file: "), ("zh", "没有这个文件：")])
async def test_a_missing_file_is_said_inline(
    demo_db: Path, tmp_path: Path, language: str, said: str
) -> None:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, tmp_path / "nowhere.csv")
        assert screen.has_class("-error")
        assert _text(screen, "#import-error") == f"{said}{tmp_path / 'nowhere.csv'}"
        assert screen.step == "pick"


def test_the_path_completes_to_folders_and_importable_files(tmp_path: Path) -> None:
    from followup_tui.screens.transfer.path_completion import completion

    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "hubspot.csv").write_text("x", "utf-8")
    (tmp_path / "exports" / "hubspot.pdf").write_text("x", "utf-8")
    base = str(tmp_path)
    assert completion(f"{base}/exp") == f"{base}/exports/"
    assert completion(f"{base}/exports/hub") == f"{base}/exports/hubspot.csv"
    assert completion(f"{base}/exports/hubspot.csv") is None
    assert completion(f"{base}/nothing/x") is None
