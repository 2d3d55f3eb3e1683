"""Help found in the palette by its name in the other language: 帮助 in English, help in Chinese.

Textual's system commands are matched on their titles, which are in the rep's
language; a rep who thinks of help in the other language found nothing.
"""

from __future__ import annotations

from typing import cast

from textual.command import Hit, Hits, Provider

from followup_tui.screens.base import Workbench


class HelpCommands(Provider):
    """The help command, when what was typed names it in the other language only."""

    async def search(self, query: str) -> Hits:
        """Offer help under its title in the rep's language (the system command's own)."""
        settings = cast(Workbench, self.app).settings
        vocabulary = settings.data["vocabulary"]
        other = "zh" if settings.language == "en" else "en"
        ours, theirs = settings.word("key_app_help"), vocabulary[other]["key_app_help"]
        matcher = self.matcher(query)
        score = matcher.match(theirs)
        if score <= 0 or matcher.match(ours) > 0:
            return  # no match, or the system command is already offered
        title = settings.word("palette_command").format(
            category=settings.word("category_app"), action=ours
        )
        yield Hit(
            score,
            title,
            lambda: self.app.run_action("app.help"),
            text=title,
            help=settings.word("tip_app_help"),
        )
