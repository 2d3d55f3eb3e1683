"""Allows `python -m followup_tui`."""

import sys

from followup_tui.cli.main import main

sys.exit(main())
