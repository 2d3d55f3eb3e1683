"""Schema 18 on a team's server: a database made before it gains the search's folded
texts and the book's change stamp, filled from the rows already there."""

from __future__ import annotations

import datetime as dt

from followup_tui.core.accounts.find_hits import query_words
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.accounts import save_account
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database, schema_version
from followup_tui.db.find import find
from followup_tui.db.find_index import INDEXES, SERVER_COLUMN
from followup_tui.db.migrations import SCHEMA_VERSION, record_version
from followup_tui.db.models import ALL_MODELS, Activity
from followup_tui.db.review_stamp import book_stamp
from tests.db.index_checks import assert_index_whole


def test_a_schema_17_server_gains_its_search_and_stamp(pg_url: str) -> None:
    account = save_account({"name": "华为技术"})
    Activity.create(account=account, kind="call", occurred_at=dt.datetime(2026, 11, 2),
                    notes="Café: 周总要 SOW")  # fmt: skip
    # The database as schema 17 made it: none of schema 18's.
    with db.atomic():
        for index in INDEXES:
            db.execute_sql(f"ALTER TABLE {index.table} DROP COLUMN {SERVER_COLUMN}")
        for model in ALL_MODELS:
            db.execute_sql(f'DROP TRIGGER book_changed ON "{model._meta.table_name}"')
        db.execute_sql("DROP FUNCTION book_changed()")
        db.execute_sql("DROP SEQUENCE book_changes")
        record_version(db, 17)
    close_database()
    open_database(ServerUrl(pg_url))
    assert schema_version() == SCHEMA_VERSION == 18
    assert_index_whole()
    assert [h.place for h in find(query_words("cafe 周总"), 5)[0]] == ["activity"]
    stamp = book_stamp()
    save_account({"name": "Contoso"})
    assert book_stamp() != stamp
