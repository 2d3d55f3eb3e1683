"""Fixtures for the tests that drive the Textual app."""

from __future__ import annotations

import pytest

from tests.support import still_cursors


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs with cursors that do not blink."""
    still_cursors(monkeypatch)
