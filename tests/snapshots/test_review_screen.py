"""Snapshots of the review screen on the demo: the board and the pipeline, in English and
Chinese, at the smallest size (80x24, charts simplified) and a wide one."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings, load_settings
from tests.support import make_app


@pytest.fixture
def zh(tmp_path: Path) -> Settings:
    """The shipped defaults in Chinese."""
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    return load_settings(config)


def on_tab(*keys: str):  # type: ignore[no-untyped-def]
    """Open the review screen, go to a tab, and wait for its read to be drawn."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("4", *keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    return run


SIZES = [(80, 24), (160, 45)]
IDS = ["80x24", "160x45"]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_board(snap_compare, settings, zh, demo_db, language, size) -> None:
    app = make_app(settings if language == "en" else zh, demo_db)
    assert snap_compare(app, terminal_size=size, run_before=on_tab())


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_pipeline(snap_compare, settings, zh, demo_db, language, size) -> None:
    app = make_app(settings if language == "en" else zh, demo_db)
    assert snap_compare(app, terminal_size=size, run_before=on_tab("right"))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("tab", ["year-end", "activity"])
def test_narrow_tabs(snap_compare, settings, zh, demo_db, language, tab) -> None:
    """At 80x24 the year-end's last column and the week table's last column are whole,
    and the footer's last key (Quit) fits."""
    app = make_app(settings if language == "en" else zh, demo_db)
    keys = ("right",) * (3 if tab == "year-end" else 5)
    assert snap_compare(app, terminal_size=(80, 24), run_before=on_tab(*keys))
