"""The `followup` console script, and how followup imports its heavy parts.

Importing makes objects that live as long as the process (modules, classes,
Textual's styles, the Peewee models); the cyclic garbage collector's passes over
them free nothing and cost a tenth of an import or more (issue 20). So the
command line is imported with the collector paused, as the app and the queue are
later (`import_quietly`), and the app keeps it paused until its first frame.
This module imports nothing of followup's but the collector pause: it runs before
any of it.
"""

from __future__ import annotations

import gc
import importlib
from typing import NoReturn

from followup_tui.core.base.collector import collector_paused


def import_quietly(*modules: str) -> None:
    """Import modules with the collector paused, then freeze what they made.

    Frozen, the imported objects are skipped by later full collections too.
    """
    with collector_paused():
        try:
            for name in modules:
                importlib.import_module(name)
        finally:
            gc.freeze()


def run() -> NoReturn:
    """Import the command line quietly, then run it."""
    import_quietly("followup_tui.cli.main")
    from followup_tui.cli.main import run as run_command

    run_command()
