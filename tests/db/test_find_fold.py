"""A server's search folds text as SQLite's index does: FTS5's lowering, the index's
folding (`find_fold`), and the server's SQL for both (`find_index.server_statements`)."""

from __future__ import annotations

import sqlite3
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_tui.db.connection import db
from followup_tui.db.find_index import INDEXES, fold_pairs, server_text, server_word


def test_fts5_lowers_every_character_as_the_server_table_says() -> None:
    """Each character as the trigram tokenizer keeps it: its first trigram's first letter."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(text, tokenize='trigram')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
    codes = [
        code
        for code in range(1, 0x10500)
        if not 0xD800 <= code < 0xE000 and not unicodedata.category(chr(code)).startswith("C")
    ]
    con.executemany(
        "INSERT INTO f (rowid, text) VALUES (?, ?)", ((c, chr(c) + "\x01\x01") for c in codes)
    )
    kept = {doc: term[0] for term, doc, _col, at in con.execute("SELECT * FROM v") if at == 0}
    wrong = [hex(c) for c in codes if kept[c] != server_text(chr(c), fold=False)]
    assert not wrong


def test_the_index_folds_before_it_lowers() -> None:
    folds = dict(fold_pairs())
    assert server_text("Café ＳＯＷ Straße 周总", fold=True) == "cafe sow strasse 周总"
    assert server_text("Café", fold=False) == "café"
    assert all(server_text(ch) == server_text(to, fold=False) for ch, to in folds.items())
    assert server_word("ÉTé") == "été" and server_word("Ab") == "Ab"  # short: as the terms


# Every kind of letter the tables change, and some they leave alone.
LETTERS = st.text(
    alphabet=st.characters(min_codepoint=1, max_codepoint=0x2FFFF, blacklist_categories=("Cs",)),
    max_size=30,
)
FOLDED = st.text(alphabet="aAzZéÉßẞÆæŒǅＡｚ％？＇＼ĳİıΣςϐµÅÅ周总 \n", max_size=30)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.one_of(LETTERS, FOLDED), min_size=1, max_size=8))
def test_the_servers_sql_folds_as_python_says(pg_url: str, texts: list[str]) -> None:
    for text in texts:
        lowered, folded = db.execute_sql(
            "SELECT find_lower(?), find_fold(?)", (text, text)
        ).fetchone()
        assert lowered == server_text(text, fold=False)
        assert folded == server_text(text, fold=True)


def test_the_test_cluster_indexes_trigrams(pg_url: str) -> None:
    """Debian's server ships pg_trgm: each searched table's text has its GIN index."""
    rows = db.execute_sql(
        "SELECT tablename FROM pg_indexes WHERE indexname LIKE '%find_text' "
        "AND indexdef LIKE '%gin_trgm_ops%'"
    ).fetchall()
    assert {table for (table,) in rows} == {index.table for index in INDEXES}
