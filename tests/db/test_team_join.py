"""A rep's own book joins the team's server (`db.team_join`): every record, once, all or
nothing, references whole, the rep's file untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from peewee import ForeignKeyField

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError
from followup_tui.db import team_join
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.db.models import ALL_MODELS, Account, Activity, Base, DealReview, NoteDraft
from followup_tui.db.team_join import JOINED, RepBook, join_book, read_book
from tests.pg_cluster import Cluster
from tests.support import TODAY

# Kept in step by the data layer (summaries, replayed heat) or holding ids in text:
# compared by their own tests, not as copied values.
_DERIVED = {
    Account: {"heat", "search_text", "heat_anchor_after"},
    Activity: {"heat_after"},
    NoteDraft: {"context", "text"},
    DealReview: {"snapshot"},
}


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo book as a rep's file, made once; each test copies it."""
    from followup_tui.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    open_database(path)
    write_demo(today=TODAY, force=False, db_path=path, settings=load_settings(None))
    close_database()
    return path


@pytest.fixture
def rep_file(demo_book: Path, tmp_path: Path) -> Path:
    """A rep's own file: a copy of the demo book."""
    path = tmp_path / "rep.db"
    shutil.copy(demo_book, path)
    return path


@pytest.fixture
def server(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh team database's URL (not opened)."""
    name = pg_cluster.new_database()
    yield pg_cluster.url(name)
    close_database()
    pg_cluster.drop(name)


def _read(path: Path, workdir: Path) -> RepBook:
    workdir.mkdir(exist_ok=True)
    return read_book(path, workdir)


def _join(path: Path, url: str, tmp_path: Path, settings: Settings) -> team_join.JoinResult:
    """Read the file, open the server, join; the server stays open."""
    book = _read(path, tmp_path / f"work{len(list(tmp_path.glob('work*')))}")
    open_database(ServerUrl(url))
    return join_book(book, settings)


def _counts() -> dict[str, int]:
    return {m._meta.table_name: m.select().count() for m in ALL_MODELS}


def _plain(model: type[Base]) -> list[str]:
    skip = _DERIVED.get(model, set())
    return [
        f.name
        for f in model._meta.sorted_fields
        if not f.primary_key and not isinstance(f, ForeignKeyField) and f.name not in skip
    ]


def _signatures(rows: dict[type[Base], list[dict[str, Any]]]) -> dict[str, Counter[Any]]:
    """Each table's rows as what they say, ids left out: their own values and, for each
    reference, what the record it points to says. Equal on both sides when every record
    came in and every reference points to the record it pointed to in the file."""
    own = {
        model: {row["id"]: tuple(row[n] for n in _plain(model)) for row in table}
        for model, table in rows.items()
    }
    out = {}
    for model, table in rows.items():
        refs = [f for f in model._meta.sorted_fields if isinstance(f, ForeignKeyField)]
        out[model._meta.table_name] = Counter(
            own[model][row["id"]]
            + tuple(None if row[f.name] is None else own[f.rel_model][row[f.name]] for f in refs)
            for row in table
        )
    return out


def _file_rows(book: RepBook) -> dict[type[Base], list[dict[str, Any]]]:
    return {
        t.model: [{f.name: v for f, v in zip(t.fields, row, strict=True)} for row in t.rows]
        for t in book.tables
    }


def _server_rows() -> dict[type[Base], list[dict[str, Any]]]:
    out = {}
    for model in ALL_MODELS:
        fields = model._meta.sorted_fields
        out[model] = [
            {f.name: v for f, v in zip(fields, row, strict=True)}
            for row in model.select(*fields).tuples()
        ]
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_record_joins_with_its_references_and_the_file_is_untouched(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    before = _sha(rep_file)
    book = _read(rep_file, tmp_path / "work")
    open_database(ServerUrl(server))
    result = join_book(book, settings)
    assert _sha(rep_file) == before
    file_counts = {t.model._meta.table_name: len(t.rows) for t in book.tables}
    assert _counts() == file_counts
    assert sum(file_counts.values()) > 1000  # the demo holds every kind of record
    assert result.new == file_counts and sum(result.already.values()) == 0
    assert _signatures(_server_rows()) == _signatures(_file_rows(book))


def test_ids_kept_in_text_follow_the_records(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    """A deal review's snapshot names the sheet's people by id; a position confirmed by a
    call points to that call: on the server, to the joined ones."""
    import json

    con = sqlite3.connect(rep_file)
    reviewed = dict(
        con.execute(
            "SELECT d.title, r.snapshot FROM deal_review r JOIN deal d ON d.id = r.deal_id"
        ).fetchall()
    )
    names_by_file_id = dict(
        con.execute(
            "SELECT i.id, c.name FROM influence i JOIN contact c ON c.id = i.contact_id"
        ).fetchall()
    )
    con.close()
    assert reviewed
    _join(rep_file, server, tmp_path, settings)
    rows = db.execute_sql(
        "SELECT d.title, r.snapshot FROM deal_review r JOIN deal d ON d.id = r.deal_id"
    ).fetchall()
    names_by_server_id = dict(
        db.execute_sql(
            "SELECT i.id, c.name FROM influence i JOIN contact c ON c.id = i.contact_id"
        ).fetchall()
    )
    for title, snapshot in rows:
        was, now = json.loads(reviewed[title]), json.loads(snapshot)
        assert [names_by_server_id.get(i["id"]) for i in now["influences"]] == [
            names_by_file_id.get(i["id"]) for i in was["influences"]
        ]
    # Every confirmed position points to an activity of its own deal's account.
    strays = db.execute_sql(
        "SELECT count(*) FROM deal d JOIN activity a ON a.id = d.position_confirmed_by_id "
        "WHERE a.account_id <> d.account_id"
    ).fetchone()[0]
    assert strays == 0


def test_a_second_join_adds_nothing(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    first = _join(rep_file, server, tmp_path, settings)
    counts = _counts()
    second = _join(rep_file, server, tmp_path, settings)
    assert _counts() == counts
    assert sum(second.new.values()) == 0
    assert second.already == first.new and second.book == first.book


def test_what_the_rep_wrote_since_comes_in_alone_under_the_joined_account(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    _join(rep_file, server, tmp_path, settings)
    counts = _counts()
    close_database()
    # Offline again: a call logged in the file, on an account joined before.
    open_database(rep_file)
    account = Account.select().order_by(Account.id).first()
    Activity.create(
        account=account, kind="call", occurred_at=dt.datetime(2026, 11, 23, 10), notes="back again"
    )
    name = account.name
    close_database()
    result = _join(rep_file, server, tmp_path, settings)
    assert sum(result.new.values()) == 1 and result.new["activity"] == 1
    assert _counts() == {**counts, "activity": counts["activity"] + 1}
    landed = Activity.get(Activity.notes == "back again")
    assert landed.account.name == name
    assert Account.select().where(Account.name == name).count() == 1
    # Its account's summary follows it, as a call logged on the server would.
    assert Account.get_by_id(landed.account_id).last_contact_at == dt.datetime(2026, 11, 23, 10)


def test_a_row_the_server_refuses_leaves_it_as_it_was(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    # The last table's row is refused: everything before it was written, then rolled back.
    con = sqlite3.connect(rep_file)
    con.execute(
        "UPDATE plan_step SET due = ? WHERE id = (SELECT max(id) FROM plan_step)", ("x" * 300,)
    )  # VARCHAR(255) on the server; SQLite keeps it
    con.commit()
    con.close()
    book = _read(rep_file, tmp_path / "work")
    open_database(ServerUrl(server))
    empty = _counts()
    with pytest.raises(FollowupError) as refused:
        join_book(book, settings)
    assert refused.value.exit_code == 1
    assert "nothing was written" in str(refused.value) and "too long" in str(refused.value)
    assert _counts() == empty
    assert _ledger_rows() == 0


def _ledger_rows() -> int:
    """How many records the server remembers joining (none when its table was never made)."""
    if db.execute_sql(f"SELECT to_regclass('{JOINED}')").fetchone()[0] is None:
        return 0
    return int(db.execute_sql(f"SELECT count(*) FROM {JOINED}").fetchone()[0])


def test_a_failure_after_every_row_went_in_rolls_all_back(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peewee import OperationalError

    def refuse(accounts: list[int], settings: Settings) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(team_join, "_refresh", refuse)
    book = _read(rep_file, tmp_path / "work")
    open_database(ServerUrl(server))
    empty = _counts()
    with pytest.raises(FollowupError) as refused:
        join_book(book, settings)
    assert refused.value.exit_code == 1 and "closed the connection" in str(refused.value)
    assert _counts() == empty and _ledger_rows() == 0
    monkeypatch.undo()
    result = join_book(book, settings)  # and a run after it brings everything in
    assert sum(result.new.values()) == book.rows


def test_the_joined_books_heat_and_queue_are_whole(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    """Every joined account's stored heat is its history's replay, and the server's
    triggers noted every joined account for the queue."""
    from followup_tui.db.heat_cache import refresh_heat

    _join(rep_file, server, tmp_path, settings)
    stored = dict(db.execute_sql("SELECT id, heat FROM account").fetchall())
    dirty = {r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty")}
    assert dirty == set(stored)
    assert (
        db.execute_sql(
            "SELECT count(*) FROM activity WHERE heat_after IS NULL AND kind <> 'note'"
        ).fetchone()[0]
        == 0
    )
    refresh_heat(settings)
    assert dict(db.execute_sql("SELECT id, heat FROM account").fetchall()) == stored


def test_an_older_book_is_migrated_in_a_copy_only(
    rep_file: Path, server: str, tmp_path: Path, settings: Settings
) -> None:
    con = sqlite3.connect(rep_file)
    con.execute("DROP TABLE schema_version")
    con.execute("PRAGMA user_version = 15")
    con.commit()
    con.close()
    before = _sha(rep_file)
    result = _join(rep_file, server, tmp_path, settings)
    assert _sha(rep_file) == before
    assert not list(rep_file.parent.glob("rep.db.*.bak"))  # no backup beside the rep's file
    assert result.new["account"] == Account.select().count() > 0


@pytest.mark.parametrize(
    ("content", "word"),
    [(None, "no such file"), (b"", "not a followup book"), (b"hello " * 200, "is not a followup")],
)
def test_a_file_that_is_no_book_is_refused_by_name(
    tmp_path: Path, content: bytes | None, word: str
) -> None:
    path = tmp_path / "notes.db"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FollowupError) as refused:
        read_book(path, tmp_path)
    assert refused.value.exit_code == 2
    assert str(path) in str(refused.value) and word in str(refused.value)


def test_a_book_from_a_newer_followup_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(FollowupError, match="newer followup") as refused:
        read_book(path, tmp_path)
    assert refused.value.exit_code == 2


def test_a_join_needs_a_server(rep_file: Path, tmp_path: Path, settings: Settings) -> None:
    book = _read(rep_file, tmp_path / "work")
    open_database(tmp_path / "other.db")
    try:
        with pytest.raises(FollowupError, match="team's server"):
            join_book(book, settings)
    finally:
        close_database()


def _small_book(path: Path, names: list[str], calls: int) -> None:
    open_database(path)
    for name in names:
        account = Account.create(name=name)
        for n in range(calls):
            Activity.create(account=account, kind="call", occurred_at=dt.datetime(2026, 1, 1 + n))
    close_database()


@hsettings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12
        ).filter(str.strip),
        max_size=6,
        unique=True,
    ),
    calls=st.integers(0, 3),
)
def test_joining_twice_is_joining_once(
    names: list[str], calls: int, pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """For any accounts in a file: the server after two joins holds what one gives."""
    settings = load_settings(None)
    work = tmp_path_factory.mktemp("prop")
    path = work / "rep.db"
    _small_book(path, names, calls)
    name = pg_cluster.new_database()
    try:
        once = _join(path, pg_cluster.url(name), work, settings)
        after_once = _signatures(_server_rows())
        twice = _join(path, pg_cluster.url(name), work, settings)
        assert _signatures(_server_rows()) == after_once
        assert sum(twice.new.values()) == 0 and twice.already == once.new
        assert once.new["account"] == len(names) and once.new["activity"] == len(names) * calls
    finally:
        close_database()
        pg_cluster.drop(name)


def _team(cluster: Cluster, name: str, reps: tuple[str, ...]) -> None:
    """The team database `name` set up (groups, grants, row-level security) with a rep's
    login for each of `reps`."""
    from followup_tui.db.team_access import add_person, setup_team

    url = cluster.url(name)
    setup_team(url)
    for rep in reps:
        add_person(url, rep)
    close_database()


def _reps_of(names: list[str]) -> set[str]:
    rows = db.execute_sql(
        "SELECT DISTINCT a.rep FROM account a WHERE a.name = ANY(?::text[])", (names,)
    ).fetchall()
    return {r[0] for r in rows}


def test_two_reps_books_each_come_in_as_their_own(
    rep_file: Path, pg_cluster: Cluster, tmp_path: Path, settings: Settings
) -> None:
    bob_file = tmp_path / "bob.db"
    _small_book(bob_file, ["Bob's Bakery", "Bob's Garage"], calls=2)
    name = pg_cluster.new_database()
    try:
        _team(pg_cluster, name, ("rep_alice", "rep_bob"))
        alice = _join(rep_file, pg_cluster.url(name, "rep_alice"), tmp_path, settings)
        close_database()
        bob = _join(bob_file, pg_cluster.url(name, "rep_bob"), tmp_path, settings)
        assert (alice.rep, bob.rep) == ("rep_alice", "rep_bob")
        assert bob.new["account"] == 2 and sum(bob.already.values()) == 0
        assert Account.select().count() == 2  # Bob sees his own book only
        assert _ledger_rows() == 2 + 4  # and what his joins brought in, not Alice's
        # Bob's second run is his own: nothing of Alice's is 'already joined' for him.
        again = join_book(_read(bob_file, tmp_path / "again"), settings)
        assert sum(again.new.values()) == 0 and sum(again.already.values()) == 2 + 4
        close_database()
        open_database(ServerUrl(pg_cluster.url(name)))  # the administrator sees both
        reps = Counter(r[0] for r in db.execute_sql("SELECT rep FROM account").fetchall())
        assert reps == {"rep_alice": alice.new["account"], "rep_bob": 2}
        assert _reps_of(["Bob's Bakery", "Bob's Garage"]) == {"rep_bob"}
        # Every record each rep brought in says who wrote it.
        writers = Counter(r[0] for r in db.execute_sql("SELECT written_by FROM activity"))
        assert writers == {"rep_alice": alice.new["activity"], "rep_bob": 4}
    finally:
        close_database()
        pg_cluster.drop(name)


def test_two_reps_with_an_account_of_the_same_name_each_get_theirs(
    pg_cluster: Cluster, tmp_path: Path, settings: Settings
) -> None:
    files = {rep: tmp_path / f"{rep}.db" for rep in ("rep_carol", "rep_dave")}
    for path in files.values():
        _small_book(path, ["Acme"], calls=1)
    name = pg_cluster.new_database()
    try:
        _team(pg_cluster, name, tuple(files))
        for rep, path in files.items():
            close_database()
            _join(path, pg_cluster.url(name, rep), tmp_path, settings)
        close_database()
        open_database(ServerUrl(pg_cluster.url(name)))  # the administrator sees both
        assert _reps_of(["Acme"]) == set(files)
    finally:
        close_database()
        pg_cluster.drop(name)


def test_an_account_name_the_rep_has_on_the_server_already_is_refused_by_name(
    pg_cluster: Cluster, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "rep.db"
    _small_book(path, ["Acme", "Zenith"], calls=1)
    name = pg_cluster.new_database()
    try:
        open_database(ServerUrl(pg_cluster.url(name)))
        Account.create(name="Zenith")  # made on the server, by the same login
        before = _counts()
        close_database()
        with pytest.raises(FollowupError, match="named Zenith") as refused:
            _join(path, pg_cluster.url(name), tmp_path, settings)
        assert refused.value.exit_code == 1
        assert _counts() == before
    finally:
        close_database()
        pg_cluster.drop(name)


def test_what_the_rep_wrote_on_an_account_handed_over_since_is_left_out(
    pg_cluster: Cluster, tmp_path: Path, settings: Settings
) -> None:
    """An account joined, then handed to another rep: what the first rep wrote on it in
    their file since is theirs no more to bring in; the rest of the book comes in."""
    from followup_tui.db.models import Contact
    from followup_tui.db.team_access import move_account

    path = tmp_path / "alice.db"
    _small_book(path, ["Acme", "Zenith"], calls=1)
    name = pg_cluster.new_database()
    url = pg_cluster.url(name)
    try:
        _team(pg_cluster, name, ("rep_alice", "rep_bob"))
        _join(path, pg_cluster.url(name, "rep_alice"), tmp_path, settings)
        close_database()
        open_database(ServerUrl(url))
        move_account(url, Account.get(Account.name == "Acme").id, "rep_bob")
        close_database()
        open_database(path)  # Alice, offline, on both accounts
        for account in Account.select():
            Activity.create(account=account, kind="call", occurred_at=dt.datetime(2026, 2, 1))
            Contact.create(account=account, name=f"Someone at {account.name}")
        close_database()
        again = _join(path, pg_cluster.url(name, "rep_alice"), tmp_path, settings)
        assert (again.new["activity"], again.new["contact"]) == (1, 1)
        assert (again.left_out["activity"], again.left_out["contact"]) == (1, 1)
        close_database()
        open_database(ServerUrl(url))
        calls = dict(
            db.execute_sql(
                "SELECT a.name, count(*) FROM activity c JOIN account a ON a.id = c.account_id "
                "GROUP BY a.name"
            ).fetchall()
        )
        assert calls == {"Acme": 1, "Zenith": 2}
    finally:
        close_database()
        pg_cluster.drop(name)


@hsettings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    calls=st.lists(st.integers(0, 3), min_size=1, max_size=6),
    kept=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_joining_a_part_then_the_whole_is_joining_the_whole(
    calls: list[int],
    kept: list[bool],
    pg_cluster: Cluster,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """For any book and any part of it joined first (the same book, some accounts not
    written yet): joining the whole after gives the server what one join of the whole
    gives, each record once."""
    settings = load_settings(None)
    work = tmp_path_factory.mktemp("part")
    whole, part = work / "whole.db", work / "part.db"
    open_database(whole)
    for n, count in enumerate(calls):
        account = Account.create(name=f"Account {n}")
        for day in range(count):
            Activity.create(
                account=account, kind="visit", occurred_at=dt.datetime(2026, 3, 1 + day)
            )
    close_database()
    shutil.copy(whole, part)
    con = sqlite3.connect(part)
    con.execute("PRAGMA foreign_keys = ON")
    for n, keep in zip(range(len(calls)), kept, strict=False):
        if not keep:
            con.execute("DELETE FROM account WHERE name = ?", (f"Account {n}",))
    con.commit()
    con.close()
    once, twice = pg_cluster.new_database(), pg_cluster.new_database()
    try:
        _join(whole, pg_cluster.url(once), work, settings)
        expected = _signatures(_server_rows())
        close_database()
        _join(part, pg_cluster.url(twice), work, settings)
        close_database()
        _join(whole, pg_cluster.url(twice), work, settings)
        assert _signatures(_server_rows()) == expected
    finally:
        close_database()
        pg_cluster.drop(once)
        pg_cluster.drop(twice)


def test_a_reps_first_start_after_joining_replays_no_heat(
    rep_file: Path, pg_cluster: Cluster, tmp_path: Path, settings: Settings
) -> None:
    """The join stores every joined account's heat: a rep who sees only those needs no
    replay on their first start; one who saw an account before the join still gets one."""
    from followup_tui.db.accounts import save_account
    from followup_tui.db.heat_cache import ensure_heat_current, refresh_heat

    name = pg_cluster.new_database()
    try:
        _team(pg_cluster, name, ("rep_fresh", "rep_held"))
        _join(rep_file, pg_cluster.url(name, "rep_fresh"), tmp_path, settings)
        stored = dict(db.execute_sql("SELECT id, heat FROM account").fetchall())
        assert ensure_heat_current(settings) is False  # nothing to replay
        refresh_heat(settings)
        assert dict(db.execute_sql("SELECT id, heat FROM account").fetchall()) == stored
        close_database()
        open_database(ServerUrl(pg_cluster.url(name, "rep_held")))
        save_account({"name": "Held before joining"})
        close_database()
        book = tmp_path / "held.db"
        _small_book(book, ["Held Co"], calls=1)
        _join(book, pg_cluster.url(name, "rep_held"), tmp_path, settings)
        assert ensure_heat_current(settings) is True  # an account from before: replayed
    finally:
        close_database()
        pg_cluster.drop(name)
