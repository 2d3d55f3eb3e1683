"""The database handle every data module shares, apart from the models.

Opening a file, reading the queue and checking stored heat need the handle only;
the Peewee models (`db.models`) take milliseconds to define and are imported by
the code that queries through them, not by every start.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# Initialised by `followup_tui.db.database.open_database`, never at import time.
db = SqliteDatabase(None)
