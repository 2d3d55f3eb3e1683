"""The headless core never imports Textual, and only the data layer imports Peewee.

Modules are discovered, not listed, so a new module is checked the day it lands.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import followup_tui
import followup_tui.db

# Entry points and the Textual app itself; everything else at the top level is core.
NOT_CORE = {"followup_tui.app", "followup_tui.__main__"}
# The command-line glue may reach the data layer; domain modules may not.
MAY_USE_DATA_LAYER = {"followup_tui.cli", "followup_tui.note_cli", "followup_tui.db"}


def top_level() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.iter_modules(followup_tui.__path__, "followup_tui.")
        if not m.ispkg and m.name not in NOT_CORE
    )


def data_layer() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(followup_tui.db.__path__, "followup_tui.db.")
    )


def loaded_after_import(names: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"for name in {names!r}: __import__(name)\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.strip().split(","))


def test_core_and_data_layer_do_not_import_textual() -> None:
    modules = top_level() + data_layer()
    assert len(modules) > 20
    loaded = loaded_after_import(modules)
    assert "textual" not in loaded and "rich" not in loaded


def test_domain_modules_do_not_import_peewee() -> None:
    domain = [m for m in top_level() if m not in MAY_USE_DATA_LAYER]
    for name in domain:
        assert "peewee" not in loaded_after_import([name]), f"{name} pulls in Peewee"
