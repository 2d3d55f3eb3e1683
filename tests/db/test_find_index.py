"""The search index answers as a scan of the tables would, after any mix of writes."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_tui.core.accounts.find_hits import query_words
from followup_tui.core.base.text import name_spoken, search_key, spoken_forms
from followup_tui.db.accounts import save_account
from followup_tui.db.contacts import delete_contact, save_contact
from followup_tui.db.find import accounts_with_notes, find
from followup_tui.db.models import Account, Activity, BestAction, Bullet, Contact, Deal, Landmine
from tests.db.index_checks import assert_index_whole, held_terms, held_terms_scanned

# Latin in both cases, with accents and full width, Chinese, and the pinyin of the
# Chinese: words of every length.
ALPHABET = "abSOWsowéÉaÀＳ周总报价潘东竞争对手pand "
# Texts and searches also made of a few words, so one account's name, notes and records
# often share some of a search's words and not others.
WORDS = ("sow", "SOW", "周总", "报价", "ab", "pand", "Café", "cafe", "É", "竞争对手", "S")
worded = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)
texts = st.one_of(st.text(alphabet=ALPHABET, max_size=14), worded)
# Each searched record and its text columns: an activity's notes and both sides' promises.
RECORDS = {"activity": (Activity, ("notes", "our_commitments", "their_commitments")),
           "best_action": (BestAction, ("what",)), "landmine": (Landmine, ("text",)),
           "bullet": (Bullet, ("text",))}  # fmt: skip
ACCOUNT_PLACES = ("name", "person", "account_notes")
_names = itertools.count()
_files = itertools.count()

operations = st.one_of(
    st.tuples(st.just("add_account"), texts, texts),
    st.tuples(st.just("edit_account"), st.integers(0, 50), texts, texts),
    st.tuples(st.just("delete_account"), st.integers(0, 50)),
    st.tuples(st.just("archive_account"), st.integers(0, 50)),
    st.tuples(st.just("add_person"), st.integers(0, 50), texts),
    st.tuples(st.just("rename_person"), st.integers(0, 50), texts),
    st.tuples(st.just("delete_person"), st.integers(0, 50)),
    st.tuples(
        st.just("add_record"),
        st.sampled_from(sorted(RECORDS)),
        st.integers(0, 50),
        texts,
        texts,
        texts,
    ),
    st.tuples(
        st.just("edit_record"),
        st.sampled_from(sorted(RECORDS)),
        st.integers(0, 50),
        texts,
        st.integers(0, 2),
    ),
    st.tuples(st.just("delete_record"), st.sampled_from(sorted(RECORDS)), st.integers(0, 50)),
)


def _pick(model, n: int):  # type: ignore[no-untyped-def]
    rows = list(model.select().order_by(model.id))
    return rows[n % len(rows)] if rows else None


def _apply(op: tuple) -> None:  # type: ignore[type-arg]
    kind = op[0]
    if kind == "add_account":
        save_account({"name": f"{op[1]}#{next(_names)}", "notes": op[2]})
    elif kind == "edit_account" and (account := _pick(Account, op[1])):
        save_account({"name": f"{op[2]}#{next(_names)}", "notes": op[3]}, account.id)
    elif kind == "delete_account" and (account := _pick(Account, op[1])):
        account.delete_instance()  # cascades to people, activities, deals and their records
    elif kind == "archive_account" and (account := _pick(Account, op[1])):
        Account.update(archived=not account.archived).where(Account.id == account.id).execute()
    elif kind == "add_person" and (account := _pick(Account, op[1])):
        save_contact({"name": op[2] or "x"}, account.id)
    elif kind == "rename_person" and (person := _pick(Contact, op[1])):
        save_contact({"name": op[2] or "y"}, person.account_id, person.id)
    elif kind == "delete_person" and (person := _pick(Contact, op[1])):
        delete_contact(person.id)
    elif kind == "add_record" and (account := _pick(Account, op[2])):
        model, columns = RECORDS[op[1]]
        if model is Activity:
            Activity.create(account=account, kind="note", occurred_at=dt.datetime(2026, 11, 1),
                            notes=op[3], our_commitments=op[4],
                            their_commitments=op[5])  # fmt: skip
        else:
            deal = Deal.get_or_none(Deal.account == account) or Deal.create(
                account=account, title="deal"
            )
            model.create(deal=deal, **{columns[0]: op[3]})
    elif kind == "edit_record":
        model, columns = RECORDS[op[1]]
        if row := _pick(model, op[2]):
            column = columns[op[4] % len(columns)]
            model.update({column: op[3]}).where(model.id == row.id).execute()
    elif kind == "delete_record":
        model, _ = RECORDS[op[1]]
        if row := _pick(model, op[2]):
            row.delete_instance()


def _account_text(account: Account) -> str:
    """What an account's search should cover, from its parts (not its stored search text)."""
    people = list(Contact.select().where(Contact.account == account))
    parts = [search_key(account.name), spoken_forms(account.sort_key), search_key(account.notes)]
    parts += [search_key(p.name) + " " + name_spoken(p.name) for p in people]
    return " ".join(parts)


def _records(account: Account) -> list[tuple[str, int, str]]:
    """The account's records as (place, id, folded text)."""
    out = []
    for place, (model, columns) in RECORDS.items():
        query = model.select()
        query = (query.where(model.account == account) if model is Activity
                 else query.join(Deal).where(Deal.account == account))  # fmt: skip
        for row in query:
            out.append((place, row.id, " ".join(search_key(getattr(row, c)) for c in columns)))
    return out


def _scan(words: list[str]) -> tuple[set[int], set[tuple[str, int]], set[int]]:
    """What a search must find, read row by row: the accounts found as accounts (their
    own text holds every word, or their records hold them only between them), the
    records found, and the accounts the list's notes search gives.

    A record is found when it holds every word, or some of them and its account's own
    text (name, people, account notes) the rest.
    """
    wanted = set(words)
    accounts, records, listed = set(), set(), set()
    for account in Account.select():
        own = {w for w in words if w in _account_text(account)}
        if own == wanted:
            accounts.add(account.id)
        seen, placed = set(own), False
        for place, row_id, text in _records(account):
            held = {w for w in words if w in text}
            seen |= held
            if held == wanted or (own != wanted and held and held | own == wanted):
                records.add((place, row_id))
                placed = True
                if held == wanted or own != wanted:
                    listed.add(account.id)
        if own != wanted and seen == wanted and not placed:
            accounts.add(account.id)
            listed.add(account.id)
    return accounts, records, listed


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(operations, max_size=14), st.lists(texts, min_size=1, max_size=4))
def test_the_index_equals_a_scan_after_random_writes(
    db_path: Path,
    writes: list[tuple],
    queries: list[str],  # type: ignore[type-arg]
) -> None:
    for op in writes:
        _apply(op)
    for query in [*queries, "sow", "周总", "pandong", "cafe", "sow 周总", "ab 报价"]:
        words = query_words(query)
        if not words:
            continue
        hits, more = find(words, 10**6)
        assert not more
        accounts, records, listed = _scan(words)
        assert {h.account_id for h in hits if h.place in ACCOUNT_PLACES} == accounts
        assert {(h.place, h.row_id) for h in hits if h.place in RECORDS} == records
        archived = {a.id for a in Account.select().where(Account.archived == True)}  # noqa: E712
        assert {h.account_id for h in hits if h.archived} == {h.account_id for h in hits} & archived
        assert set(accounts_with_notes(words, None)) == listed
        assert set(accounts_with_notes(words)) == listed - archived
        assert set(accounts_with_notes(words, True)) == listed & archived
    assert_index_whole()


def test_the_full_text_index_is_whole(db_path: Path) -> None:
    """FTS5's own check, after writes of every kind: no trigger left a stale entry."""
    for op in [("add_account", "SOW 周总", "报价"), ("add_person", 0, "潘东"),
               ("add_record", "activity", 0, "竞争对手 SOW", "Café", "报价"),
               ("add_record", "landmine", 0, "abc", "", ""),
               ("edit_record", "activity", 0, "周总", 1),
               ("edit_record", "activity", 0, "Résumé", 0), ("archive_account", 0),
               ("rename_person", 0, "Pan"),
               ("delete_record", "landmine", 0), ("delete_account", 0)]:  # fmt: skip
        _apply(op)
    assert_index_whole()


def test_a_schema_9_file_gains_the_index_filled_and_kept(tmp_path: Path) -> None:
    import sqlite3

    from followup_tui.db.database import close_database, open_database
    from tests.support import drop_find_index

    path = tmp_path / "v9.db"
    open_database(path)
    account_id = save_account({"name": "华为技术", "notes": "年底预算"})
    save_contact({"name": "潘东"}, account_id)
    Activity.create(account=account_id, kind="call", occurred_at=dt.datetime(2026, 11, 2),
                    notes="周总要 SOW 草稿")  # fmt: skip
    close_database()
    con = sqlite3.connect(path)
    drop_find_index(con)
    # The search text as schema 9 wrote it: no pinyin of key people.
    con.execute("UPDATE account SET search_text = replace(search_text, 'pandong pd', '')")
    con.execute("PRAGMA user_version = 9")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and ".v9-" in backup.name
        assert Contact.get().spoken == "pandong pd"
        person = find(query_words("pandong"), 5)[0]
        assert [(h.place, h.text) for h in person] == [("person", "潘东")]
        assert [h.place for h in find(query_words("sow"), 5)[0]] == ["activity"]
        Activity.create(account=account_id, kind="note", occurred_at=dt.datetime(2026, 11, 3),
                        notes="竞争对手来访")  # fmt: skip
        assert [h.text for h in find(query_words("竞争对手"), 5)[0]] == ["竞争对手来访"]
    finally:
        close_database()


def _schema_11_index(con) -> None:  # type: ignore[no-untyped-def]
    """The index as schema 11 made it: external content over the raw columns, no folding,
    no commitments; names stored without their punctuation-free form."""
    for index, table, column in (("find_account", "account", "search_text"),
                                 ("find_activity", "activity", "notes"),
                                 ("find_best_action", "best_action", "what"),
                                 ("find_landmine", "landmine", "text"),
                                 ("find_bullet", "bullet", "text")):  # fmt: skip
        con.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content='{table}', "
                    "content_rowid='id', tokenize='trigram', columnsize=0)")  # fmt: skip
        add = f"INSERT INTO {index} (rowid, {column}) VALUES (NEW.id, NEW.{column});"
        con.execute(f"CREATE TRIGGER {index}_ins AFTER INSERT ON {table} BEGIN {add} END")
        con.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
    con.execute("UPDATE account SET name_forms = search_key, "
                "search_text = replace(search_text, ' margies', '')")  # fmt: skip


def test_a_schema_11_file_gains_the_folded_index(tmp_path: Path) -> None:
    import sqlite3

    from followup_tui.db.database import close_database, open_database
    from followup_tui.db.lookup import accounts_by_name
    from tests.support import drop_find_index

    path = tmp_path / "v11.db"
    open_database(path)
    account_id = save_account({"name": "Margie's Travel"})
    Activity.create(account=account_id, kind="call", occurred_at=dt.datetime(2026, 11, 2),
                    notes="Café with 周总", their_commitments="Send the SOW")  # fmt: skip
    close_database()
    con = sqlite3.connect(path)
    drop_find_index(con)
    con.execute("ALTER TABLE contact ADD COLUMN spoken VARCHAR(255) NOT NULL DEFAULT ''")
    _schema_11_index(con)
    con.execute("PRAGMA user_version = 11")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and ".v11-" in backup.name
        assert [h.thing.id for h in accounts_by_name("margies")] == [account_id]
        for word, place in (("cafe", "activity"), ("sow", "activity"), ("周总", "activity"),
                            ("margies", "name")):  # fmt: skip
            assert [h.place for h in find(query_words(word), 5)[0]] == [place], word
        Activity.create(account=account_id, kind="note", occurred_at=dt.datetime(2026, 11, 3),
                        notes="Résumé reçu")  # fmt: skip
        assert [h.text for h in find(query_words("resume"), 5)[0]] == ["Résumé reçu"]
        from followup_tui.db.connection import db
        from followup_tui.db.find_index import INDEXES

        for index in INDEXES:
            db.execute_sql(f"INSERT INTO {index.name} ({index.name}) VALUES ('integrity-check')")
    finally:
        close_database()


def test_a_schema_14_file_gains_the_per_account_index(tmp_path: Path) -> None:
    """Migration 15 makes the accounts-by-word index from the activities already there,
    and its triggers keep it after."""
    import sqlite3

    from followup_tui.db.database import close_database, open_database
    from followup_tui.db.find_index import HELD

    path = tmp_path / "v14.db"
    open_database(path)
    huawei = save_account({"name": "华为技术"})
    other = save_account({"name": "Northwind"})
    close_database()
    con = sqlite3.connect(path)
    for event in ("ins", "del", "upd"):
        con.execute(f"DROP TRIGGER {HELD}_{event}")
    con.execute(f"DROP TABLE {HELD}_terms")
    con.execute(f"DROP TABLE {HELD}")
    # Written while schema 14 had no such index: the migration must read them.
    con.execute(
        "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
        "their_commitments, created_at) VALUES (?, 'call', '2026-11-02 10:00:00', "
        "'budget for the pilot', '', '', '2026-11-02 10:00:00')",
        (other,),
    )
    con.execute("PRAGMA user_version = 14")
    con.commit()
    con.close()
    backup = open_database(path)
    try:
        assert backup is not None and ".v14-" in backup.name
        assert held_terms() == held_terms_scanned()
        # "northwind budget": the name and a note of one account; 华为 holds neither word.
        hits, _ = find(query_words("northwind budget"), 5)
        assert [(h.account_id, h.place) for h in hits] == [(other, "activity")]
        Activity.create(account=huawei, kind="note", occurred_at=dt.datetime(2026, 11, 3),
                        notes="budget 周总")  # fmt: skip
        assert set(accounts_with_notes(query_words("华为 budget"))) == {huawei}
        assert held_terms() == held_terms_scanned()
    finally:
        close_database()


def test_an_import_leaves_the_per_account_index_whole(demo_db: Path) -> None:
    """An import makes the per-account index once, after its rows (not a trigger per
    row), and its triggers keep it from then on; a server's generated columns are whole
    after it too."""
    from followup_tui.db.connection import db
    from followup_tui.db.find_index import HELD

    held = set()
    if not db.is_server:
        triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?"
        assert db.execute_sql(triggers, (f"{HELD}_%",)).fetchone()[0] == 3
        held = held_terms()
        assert held
    assert_index_whole()
    account = Account.get(Account.name == "华为技术")
    Activity.create(account=account, kind="note", occurred_at=dt.datetime(2026, 11, 3),
                    notes="zorblax budget")  # fmt: skip
    assert_index_whole()
    if not db.is_server:
        assert held_terms() != held
    assert set(accounts_with_notes(query_words("华为 zorblax"))) == {account.id}


def _ranks() -> dict[str, dict[int, object]]:
    """Each row's id -> what names it on either engine: an account its name (unique),
    a person or record its place among its table's ids. SQLite gives a deleted newest
    row's id again and a server does not, but both give a new row the highest id."""
    tables = {"account": Account, "person": Contact} | {p: m for p, (m, _) in RECORDS.items()}
    ranks: dict[str, dict[int, object]] = {}
    for place, model in tables.items():
        ids = [row.id for row in model.select(model.id).order_by(model.id)]
        ranks[place] = dict(zip(ids, range(len(ids)), strict=True))
    ranks["account"] = {a.id: a.name for a in Account.select(Account.id, Account.name)}
    return ranks


def _searched(queries: list[str]) -> list[tuple]:  # type: ignore[type-arg]
    """Everything a search gives for each query, ids as `_ranks` names them: `find`'s hits
    in order (all, and the first three), and the list's accounts with where it opens them."""
    ranks = _ranks()

    def named(place: str, row_id: int | None) -> object:
        return ranks[place][row_id] if row_id is not None and place in ranks else row_id

    out: list[tuple] = []  # type: ignore[type-arg]
    for query in [*queries, "sow 周总", "ab 报价", "s", "周"]:
        words = query_words(query)
        if not words:
            continue
        for limit in (3, 10**6):
            hits, more = find(words, limit)
            out.append((query, limit, more, [
                (ranks["account"][h.account_id], h.place, named(h.place, h.row_id), h.text,
                 h.kind, h.day, h.archived, h.commitment) for h in hits
            ]))  # fmt: skip
        spots = accounts_with_notes(words, None)
        out.append((query, sorted(
            (ranks["account"][aid], place, named(place, rid)) for aid, (place, rid) in spots.items()
        )))  # fmt: skip
    return out


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(operations, max_size=14), st.lists(texts, min_size=1, max_size=4))
def test_a_server_finds_what_sqlite_finds(
    pg_url: str,
    tmp_path: Path,
    writes: list[tuple],  # type: ignore[type-arg]
    queries: list[str],
) -> None:
    """The same writes on both engines, then the same searches: the same answers, in the
    same order. One server database for every example, emptied first."""
    from followup_tui.core.base.db_target import ServerUrl
    from followup_tui.db.connection import db
    from followup_tui.db.database import open_database

    global _names
    book = tmp_path / f"book{next(_files)}.db"
    answers = []
    for target in (book, ServerUrl(pg_url)):
        _names = itertools.count()  # the same account names on both
        open_database(target)
        if db.is_server:
            db.execute_sql("TRUNCATE account CASCADE")
        for op in writes:
            _apply(op)
        answers.append(_searched(queries))
    book.unlink()
    assert answers[0] == answers[1]
