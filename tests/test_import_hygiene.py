"""The headless core never imports Textual, so the CLI starts fast and stays testable."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "followup_tui.cli",
    "followup_tui.config",
    "followup_tui.classification",
    "followup_tui.kinds",
    "followup_tui.text",
    "followup_tui.db.models",
    "followup_tui.db.database",
    "followup_tui.db.accounts",
    "followup_tui.db.transfer",
    "followup_tui.demo",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_only_the_data_layer_imports_peewee() -> None:
    code = (
        "import sys\n"
        "for name in ['followup_tui.config', 'followup_tui.classification', "
        "'followup_tui.demo', 'followup_tui.text']: __import__(name)\n"
        "print('peewee' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
