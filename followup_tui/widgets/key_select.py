"""A choice picked by its initial: `e` chooses Economic Buyer without opening the list.

Textual's Select searches by typing only once its list is open; on a form that costs
two keys and an arrow per choice. Here a printable key on the closed field picks the
next option whose label, or whose stored key (English even in a Chinese UI), starts
with it; pressing it again moves to the next such option.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import RenderableType
from textual import events
from textual.widgets import Select


class KeySelect(Select[str]):
    """A Select whose closed field takes an option's initial."""

    def __init__(self, options: Iterable[tuple[RenderableType, str]], **kwargs: Any) -> None:
        # Select keeps its options privately: the field keeps its own list of what it was given.
        self.choices: list[tuple[RenderableType, str]] = list(options)
        super().__init__(self.choices, **kwargs)

    def set_options(self, options: Iterable[tuple[RenderableType, str]]) -> None:
        """Replace the options, keeping the list the initials are looked up in."""
        self.choices = list(options)
        super().set_options(self.choices)

    async def _on_key(self, event: events.Key) -> None:
        # Typing, like an Input's: not a command, so not a binding. Only when the list is
        # closed; the open list does its own type-to-search.
        char = event.character
        typed = not self.expanded and char is not None and char.isprintable() and char != " "
        picked = self._next_with(char.lower()) if typed and char is not None else None
        if picked is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self.value = picked

    def _next_with(self, initial: str) -> str | None:
        """The option after the current one starting with `initial` (wrapping), or None."""
        matches = [
            value
            for label, value in self.choices
            if str(label).lower().startswith(initial) or value.lower().startswith(initial)
        ]
        if not matches:
            return None
        if self.value in matches:
            return matches[(matches.index(self.value) + 1) % len(matches)]
        return matches[0]
