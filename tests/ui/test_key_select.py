"""A choice picked by its initial, with options replaced after the field was built."""

from __future__ import annotations

from textual.app import App, ComposeResult

from followup_tui.widgets.key_select import KeySelect

ROLES = [("Economic Buyer", "economic_buyer"), ("User Buyer", "user_buyer"), ("Coach", "coach")]


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield KeySelect(ROLES, value="user_buyer", allow_blank=False)


async def test_an_initial_picks_and_cycles_through_the_options_it_was_given() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field = app.query_one(KeySelect)
        field.focus()
        await pilot.press("e")
        assert field.value == "economic_buyer"
        await pilot.press("c")
        assert field.value == "coach"


async def test_new_options_are_the_ones_initials_find() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field = app.query_one(KeySelect)
        field.set_options([("技术购买者", "technical_buyer"), ("教练", "coach")])
        field.focus()
        await pilot.press("t")  # the stored key, English even when the label is Chinese
        assert field.value == "technical_buyer"
        await pilot.press("e")  # Economic Buyer is gone with the old options
        assert field.value == "technical_buyer"
