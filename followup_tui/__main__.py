"""Allows `python -m followup_tui`."""

from followup_tui.cli.main import run

run()
