"""The demo database: about 30 accounts with contacts, weeks of history, deals and blue sheets.

The demo is data: `data/*.yaml` hold the accounts, people, deals, sheets and
histories, with every date relative to the demo's day. `build_demo` turns them
into a plain export document (see docs/export-format.md) whose dates lead up to
a given day; `write_demo` loads it through the data layer's importer, then writes
the 5+5+5 accounts' action plans (`demo.plans`, not part of the export format).
Nothing here touches Peewee: the importer and `db.action_plans` validate and write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.demo.builder import build_demo
from followup_tui.demo.load import DemoDataError, demo_data
from followup_tui.demo.plans import add_demo_plans
from followup_tui.demo.schema import SIGNAL_IDS

__all__ = ["SIGNAL_IDS", "DemoDataError", "build_demo", "demo_data", "write_demo"]


def write_demo(
    *, today: dt.date, force: bool, db_path: Path | ServerUrl, settings: Settings
) -> dict[str, int]:
    """Load the demo into the open database, backing up and replacing data only with
    `force`. A team's server takes the demo only while it holds no data: nothing there
    is replaced without a backup, and its backups are pg_dump's."""
    from followup_tui.db import transfer
    from followup_tui.db.database import keep_copy
    from followup_tui.db.heat_cache import mark_heat_current, refresh_heat

    if transfer.holds_data():
        if isinstance(db_path, ServerUrl):
            raise FollowupError(Said("cli_demo_server_data", {"url": db_path}))
        if not force:
            raise FollowupError(
                f"{db_path} already holds data; open it with `followup`, or use --force to "
                "replace it (a backup is kept)"
            )
        keep_copy(db_path, "pre-demo")
    counts = transfer.import_document(build_demo(today, settings=settings), replace=force)
    counts["plan_steps"] = add_demo_plans(today)
    refresh_heat(settings)
    mark_heat_current(settings)
    return counts
