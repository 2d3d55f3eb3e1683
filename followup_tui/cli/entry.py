"""The `followup` console script: `cli.main.run`, imported with the collector paused.

Importing the command line (its parser, settings and commands modules, and
what they import) makes thousands of objects that live as long as the process;
the cyclic garbage collector's passes over them free nothing and cost about
2 ms of every start and every subcommand (issue 20). Everything imported later
is imported the same way (`runtime.import_quietly`), and the app pauses the
collector until its first frame.
"""

from __future__ import annotations

import gc
from typing import NoReturn


def run() -> NoReturn:
    """Import the command line quietly, then run it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from followup_tui.cli.main import run as run_command
    finally:
        if was_enabled:
            gc.enable()
    run_command()
