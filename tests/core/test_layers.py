"""The headless core never imports Textual or Peewee; the data layer never imports Textual.

Modules are discovered, not listed, so a new module is checked the day it lands.
The same rules are import-linter contracts in pyproject.toml (static); this test
checks what is really loaded at run time, lazy imports included.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import followup_tui.core
import followup_tui.db


def modules_of(package: object) -> list[str]:
    """Every module under a package, subpackages included."""
    prefix = f"{package.__name__}."  # type: ignore[attr-defined]
    return sorted(
        m.name
        for m in pkgutil.walk_packages(package.__path__, prefix)  # type: ignore[attr-defined]
    )


def loaded_after_import(names: list[str]) -> set[str]:
    """Top-level packages in sys.modules after importing `names` in a fresh interpreter."""
    code = (
        "import sys\n"
        f"for name in {names!r}: __import__(name)\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.strip().split(","))


def test_core_and_data_layer_do_not_import_textual() -> None:
    modules = modules_of(followup_tui.core) + modules_of(followup_tui.db)
    assert len(modules) > 20
    loaded = loaded_after_import(modules)
    assert "textual" not in loaded and "rich" not in loaded


def test_core_does_not_import_peewee() -> None:
    core = modules_of(followup_tui.core)
    assert len(core) > 20
    for name in core:
        assert "peewee" not in loaded_after_import([name]), f"{name} pulls in Peewee"


def test_no_two_modules_share_a_name() -> None:
    """A name says what a module holds: two modules of one name hold two things."""
    package = Path(followup_tui.__file__).parent
    names = Counter(p.name for p in package.rglob("*.py") if p.name != "__init__.py")
    assert not [name for name, count in names.items() if count > 1]
