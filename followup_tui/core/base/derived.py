"""Values derived from the settings alone, made once per settings object.

The sheet's rules look up the same signal questions and reply words for every deal;
the pipeline judges thousands of deals in one go. Settings are frozen, so what is
derived from them holds as long as the same object is passed: each function keeps
the value for the last settings object it saw (by identity; a new load makes it
again).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from followup_tui.core.base.config import Settings

T = TypeVar("T")


def per_settings(make: Callable[[Settings], T]) -> Callable[[Settings], T]:
    """`make(settings)`, kept for the last settings object it was called with."""
    # One slot holding (settings, value), replaced whole: a reader in another thread
    # never pairs one settings object with another's value.
    slot: list[tuple[Settings, T]] = []

    @wraps(make)
    def derived(settings: Settings) -> T:
        if slot and slot[0][0] is settings:
            return slot[0][1]
        value = make(settings)
        slot[:] = [(settings, value)]
        return value

    return derived
