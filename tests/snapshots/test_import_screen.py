"""Snapshots of the import screen at 80x24 and 120x40, in English and Chinese: a HubSpot
file's dry run, and a generic spreadsheet's column step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from followup_tui.core.base.config import load_settings
from tests.support import make_app

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _app(tmp_path: Path, demo_db: Path, language: str) -> Any:
    config = tmp_path / "lang.yaml"
    config.write_text(f"language: {language}\n", encoding="utf-8")
    return make_app(load_settings(config), demo_db)


def _picked(name: str) -> Any:
    async def run_before(pilot: Any) -> None:
        pilot.app.action_import_book()  # the palette's "Import a file"
        await pilot.pause()
        pilot.app.screen.query_one("#import-path").value = name
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_dry_run(
    snap_compare: Any,
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    # Paths relative to the fixtures: the picture names no machine's folders.
    monkeypatch.chdir(FIXTURES)
    app = _app(tmp_path, demo_db, language)
    assert snap_compare(app, terminal_size=size, run_before=_picked("hubspot_deals.csv"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_column_step(
    snap_compare: Any,
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
) -> None:
    monkeypatch.chdir(FIXTURES)
    app = _app(tmp_path, demo_db, language)
    assert snap_compare(app, terminal_size=size, run_before=_picked("generic_customers_gbk.csv"))
