"""The data layer: the only code that touches Peewee, on the rep's own SQLite file or a
team's PostgreSQL server.

Peewee imports psycopg at its own import whenever it is installed, for its PostgreSQL
support: tens of milliseconds that a rep on their own file would pay on every start
for nothing. So psycopg is kept from Peewee's import (only from that: the finder below
answers for nothing else), and `db.server` loads it itself when a server is named.
"""

from __future__ import annotations

import sys


class _DriverKeptFromPeewee:
    """A module finder refusing psycopg to Peewee while Peewee is being imported."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name == "psycopg" or name.startswith("psycopg."):
            peewee = sys.modules.get("peewee")
            # Mid-import: in sys.modules, and its classes not made yet.
            if peewee is not None and not hasattr(peewee, "PostgresqlDatabase"):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


if not any(isinstance(f, _DriverKeptFromPeewee) for f in sys.meta_path):
    sys.meta_path.insert(0, _DriverKeptFromPeewee())
