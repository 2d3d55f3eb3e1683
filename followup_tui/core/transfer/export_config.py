"""The exports' settings: the `export:` block of settings.yaml.

Checked when the config loads (`config_check._check_export`), so a bad value is
named with its file and line before any export starts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from followup_tui.core.base.config import Settings
from followup_tui.core.call.call_window import parse_hhmm


class ExportConfig(NamedTuple):
    """How the calendar export writes its entries."""

    calendar_entry: str = "todo"  # one of calendar_file.KINDS
    reminder_at: dt.time = dt.time(9, 0)


def export_config(settings: Settings) -> ExportConfig:
    """The export settings (checked at load; the shipped defaults fill any gap)."""
    block: Any = settings.data.get("export") or {}
    base = ExportConfig()
    return ExportConfig(
        calendar_entry=str(block.get("calendar_entry", base.calendar_entry)),
        reminder_at=parse_hhmm(str(block.get("reminder_at", ""))) or base.reminder_at,
    )
