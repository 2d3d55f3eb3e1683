"""The suite's cursors do not blink, so screenshots do not depend on timing."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea


class Fields(App[None]):
    """An input and a text area, nothing else."""

    def compose(self) -> ComposeResult:
        """The two widgets with a cursor."""
        yield Input(id="line")
        yield TextArea(id="area")


async def test_inputs_and_text_areas_do_not_blink() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.query_one(Input).cursor_blink is False
        assert app.query_one(TextArea).cursor_blink is False
