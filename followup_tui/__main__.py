"""Allows `python -m followup_tui`."""

import sys

from followup_tui.cli import main

sys.exit(main())
