"""Textual's command palette, its prompt and 'no matches' in the configured language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class LocalCommandPalette(CommandPalette):
    """The command palette, saying 'no matches' in the words it is given."""

    def __init__(self, placeholder: str, no_matches: str) -> None:
        # The id Textual's own action gives its palette.
        super().__init__(placeholder=placeholder, id="--command-palette")
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown to 'No matches found', with our words.

        Textual hardcodes the English text inside this method and offers no hook, so the
        method is repeated here; tests/test_zh_wording.py catches a Textual that changes it.
        """
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # An empty search lists what can be discovered: no 'no matches' there.
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
