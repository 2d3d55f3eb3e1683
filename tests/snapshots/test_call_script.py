"""Snapshots of the call script on a demo account, in both languages, at 80x24 and 120x40.

The person first: name, role and mode, numbers in full, their time and hours, the
last contact; then the script with the prepared value, one of them picked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.db.models import Contact, TalkingPoint
from tests.support import TODAY, make_app

# 11:00 in Shanghai: inside 潘东's calling hours.
MORNING_IN_CHINA = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)


def rep_settings(tmp_path: Path, language: str) -> Settings:
    """The shipped defaults with the rep's name and company set (a blank one would show
    the config file's path, which differs from run to run)."""
    config = tmp_path / f"{language}.yaml"
    config.write_text(
        f"language: {language}\nrep: {{name: Li Ming, company: Yuanhang Tech}}\n",
        encoding="utf-8",
    )
    return load_settings(config)


def prepare() -> int:
    """A long number and a talking point on the demo; the id of 潘东's account."""
    pan = Contact.get(Contact.name == "潘东")
    Contact.update(phone="+86 139 0000 1234 / +86 191 2345 6789").where(
        Contact.id == pan.id
    ).execute()
    TalkingPoint.create(
        text_en="MES 5.2: batch genealogy", text_zh="MES 5.2：批次追溯", expires_on=TODAY
    )
    return int(pan.account_id)


def open_call(account_id: int):
    """A run_before that opens the call script on the account and picks the first reason."""

    async def run_before(pilot) -> None:
        from followup_tui.screens.call_script import CallScriptScreen

        await pilot.pause()
        await pilot.app.push_screen(CallScriptScreen(account_id))
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_call_script_english(snap_compare, tmp_path, demo_db, size) -> None:
    account_id = prepare()
    app = make_app(rep_settings(tmp_path, "en"), demo_db, now=MORNING_IN_CHINA)
    assert snap_compare(app, terminal_size=size, run_before=open_call(account_id))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_call_script_chinese(snap_compare, tmp_path, demo_db, size) -> None:
    account_id = prepare()
    app = make_app(rep_settings(tmp_path, "zh"), demo_db, now=MORNING_IN_CHINA)
    assert snap_compare(app, terminal_size=size, run_before=open_call(account_id))
