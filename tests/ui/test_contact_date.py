"""The influence form's 'Last contacted': past days forwards, no dateless tick, inline errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import Checkbox

from followup_tui.screens.sheet.sheet_influence_form import InfluenceForm
from tests.support import TODAY, make_app


async def open_form(app: Any, pilot: Any, results: list[Any]) -> InfluenceForm:
    form = InfluenceForm(app.settings, "Person", {"role": "user_buyer"}, today=TODAY)
    await app.push_screen(form, results.append)
    await pilot.pause()
    return form


async def type_and_save(pilot: Any, form: InfluenceForm, text: str) -> None:
    form.query_one("#f-last_contacted_on").focus()
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()


def error_of(form: InfluenceForm, field: str) -> str:
    return str(form.query_one(f"#row-{field}").error)  # type: ignore[attr-defined]


async def test_yesterday_is_saved_as_a_past_contact(settings, db_path) -> None:
    app = make_app(settings, db_path)
    results: list[Any] = []
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(app, pilot, results)
        await type_and_save(pilot, form, "yesterday")
    (values,) = results
    assert values["contacted"] is True
    assert values["last_contacted_on"] == TODAY - dt.timedelta(days=1)


async def test_tomorrow_and_a_dateless_tick_are_refused_inline(settings, db_path) -> None:
    app = make_app(settings, db_path)
    results: list[Any] = []
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(app, pilot, results)
        await type_and_save(pilot, form, "tomorrow")
        assert app.screen is form and not results
        assert "in the future" in error_of(form, "last_contacted_on")

        form.query_one("#f-last_contacted_on").focus()
        await pilot.press(*["backspace"] * len("tomorrow"))
        form.query_one("#f-contacted", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and not results  # not saved as "yes" with no day
        assert error_of(form, "last_contacted_on").startswith("Contacted: on what day?")

        await type_and_save(pilot, form, "-2d")
    (values,) = results
    assert values["contacted"] and values["last_contacted_on"] == TODAY - dt.timedelta(days=2)


async def test_the_placeholder_offers_past_days_only(settings, db_path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(app, pilot, [])
        hint = str(form.query_one("#f-last_contacted_on").placeholder)  # type: ignore[attr-defined]
    assert "yesterday" in hint and "-3d" in hint
    assert "tomorrow" not in hint and "+3d" not in hint and "下周一" not in hint
