"""Writers at once on one database (#19): a team's server, and the rep's own file.

On a server, READ COMMITTED lets another connection commit between a write's read and
the write made from it: four threads each adding one 50 times ended well short of 200.
The data layer's writes lock their account first (`db.row_locks`), a deadlock or a
serialization failure is run again whole (`connection.retried`), and a lock held too
long is said as "busy" instead of waited on for ever. The same tests on a file hold
what SQLite's write lock already gave.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.call.value_offers import TalkingPoint as PointRec
from followup_tui.core.keeping.edit_merge import EditConflict
from followup_tui.db import connection, server
from followup_tui.db.accounts import get_account
from followup_tui.db.action_plans import add_step, plan_for
from followup_tui.db.connection import db
from followup_tui.db.contacts import save_contact
from followup_tui.db.database import close_database, open_database, storage_problem
from followup_tui.db.database import thread_connection as own_connection
from followup_tui.db.follow_ups import ContactLog, log_contact, schedule, snooze
from followup_tui.db.heat_cache import refresh_heat
from followup_tui.db.models import Account, Activity, Contact, FollowUp, TalkingPoint
from followup_tui.db.summaries import refresh_summaries
from followup_tui.db.talking_points import save_point
from followup_tui.db.undo import edit_account
from tests.pg_cluster import Cluster

FOLLOWUP = Path(sys.executable).parent / "followup"
DAY = dt.date(2026, 11, 22)
AT = dt.datetime(2026, 11, 22, 10, 0)


def together(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Run each worker in its own thread, all released at once; the errors they raised."""
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        try:
            start.wait()
            work()
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return errors


def test_four_threads_adding_fifty_each_count_two_hundred(db_path: Path | ServerUrl) -> None:
    """The issue's count: a snooze reads the follow-up's count and writes it plus one."""
    account = Account.create(name="Acme")
    follow_up = schedule(account.id, DAY, "call")

    def snoozer() -> None:
        for _ in range(50):
            with own_connection():
                snooze(follow_up, DAY + dt.timedelta(days=7))

    assert together([snoozer] * 4) == []
    assert FollowUp.get_by_id(follow_up).snooze_count == 200


# -- twenty writers --------------------------------------------------------------------


def _edit_until_saved(write: Callable[[], None], clashes: list[str], who: str) -> None:
    """`write` (an edit checked against its form's base), opened again on each clash."""
    for _ in range(200):
        try:
            with own_connection():
                write()
            return
        except EditConflict:
            clashes.append(who)  # said to the rep, who opens the form again
    raise AssertionError(f"{who}: never saved")


def _cli_notes(target: str, account_id: int, writer: int, notes: int) -> list[str]:
    """`followup note` run `notes` times; the failures' messages."""
    failed = []
    for n in range(notes):
        run = subprocess.run(
            [str(FOLLOWUP), "--db", target, "note", str(account_id), f"cli {writer} {n} 并发"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "FOLLOWUP_DB": target},
        )
        if run.returncode != 0:
            failed.append(run.stderr)
    return failed


def test_twenty_writers_lose_nothing_and_every_clash_is_said(
    db_path: Path | ServerUrl, settings: Settings
) -> None:
    """16 threads of the data layer and 4 `followup note` processes on two accounts:
    notes counted, a count raised, a note field and a talking point edited through the
    form's check against what it opened on, plan steps placed, a coach chosen."""
    acme = Account.create(name="Acme").id
    beta = Account.create(name="Beta").id
    accounts = (acme, beta)
    follow_ups = {a: schedule(a, DAY, "call") for a in accounts}
    point = save_point(PointRec(0, "point", "要点")).id
    rounds = 6
    clashes: list[str] = []

    def noter(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):
                log = ContactLog(accounts[n % 2], None, f"thread {i} note {n}", kind="note")
                with own_connection():
                    log_contact(log, settings, at=AT)

        return work

    def snoozer(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):
                with own_connection():
                    snooze(follow_ups[accounts[(i + n) % 2]], DAY + dt.timedelta(days=3))

        return work

    def note_editor(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):
                account = accounts[n % 2]

                def write(account: int = account, n: int = n) -> None:
                    base = {"notes": get_account(account)["notes"]}  # the form opens
                    values = {"notes": f"{base['notes']} e{i}.{n}"}
                    edit_account(values, account, base=base)

                _edit_until_saved(write, clashes, f"editor {i}")

        return work

    def point_editor(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):

                def write(n: int = n) -> None:
                    row = TalkingPoint.get_by_id(point)
                    opened = PointRec(point, row.text_en, row.text_zh, row.kind, row.expires_on)
                    mine = PointRec(point, f"{opened.en} p{i}.{n}", opened.zh)
                    save_point(mine, opened.fields())

                _edit_until_saved(write, clashes, f"point {i}")

        return work

    def planner(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):
                with own_connection():
                    add_step(accounts[n % 2], 2026, how=f"step {i}.{n}", when="2026-05")

        return work

    def coach_chooser(i: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(rounds):
                with own_connection():
                    values = {"name": f"Coach {i}.{n}", "is_coach": True}
                    save_contact(values, accounts[n % 2])

        return work

    kinds = (noter, snoozer, note_editor, point_editor, planner, coach_chooser)
    threads = [kinds[i % len(kinds)](i) for i in range(16)]
    target = str(db_path)
    cli_failures: list[str] = []

    def cli(writer: int) -> Callable[[], None]:
        def work() -> None:
            cli_failures.extend(_cli_notes(target, accounts[writer % 2], writer, 3))

        return work

    errors = together([*threads, *(cli(w) for w in range(4))])
    assert errors == []
    assert cli_failures == []

    def of(kind: Callable[[int], Callable[[], None]]) -> list[int]:
        return [i for i in range(16) if kinds[i % len(kinds)] is kind]

    def words(text: str) -> list[str]:
        return sorted(text.split())

    # Every write counted, every edit saved in its field once (none overwrote another
    # unseen), every step in a place of its own, one coach an account.
    found = {
        "notes": Activity.select().where(Activity.kind == "note").count(),
        "snoozes": sum(FollowUp.get_by_id(f).snooze_count for f in follow_ups.values()),
        "edits": words(" ".join(Account.get_by_id(a).notes for a in accounts)),
        "point": words(TalkingPoint.get_by_id(point).text_en),
        "places": [sorted(s.position for s in plan_for(a, 2026).steps) for a in accounts],
        "coaches": [Contact.select().where((Contact.account == a) & Contact.is_coach).count()
                    for a in accounts],
    }  # fmt: skip
    steps = len(of(planner)) * rounds // 2
    assert found == {
        "notes": len(of(noter)) * rounds + 4 * 3,
        "snoozes": len(of(snoozer)) * rounds,
        "edits": words(" ".join(f"e{i}.{n}" for i in of(note_editor) for n in range(rounds))),
        "point": words("point " + " ".join(
            f"p{i}.{n}" for i in of(point_editor) for n in range(rounds))),
        "places": [list(range(1, steps + 1))] * 2,
        "coaches": [1, 1],
    }  # fmt: skip
    # Each clash was an edit refused and said: the rep's form opened again on it.
    assert all(who.startswith(("editor", "point")) for who in clashes)
    # What the writes derived (summaries, heat) is what the rows give now.
    derived = "SELECT id, search_text, last_contact_at, next_follow_up, heat FROM account"
    before = sorted(db.execute_sql(derived).fetchall())
    with db.atomic():
        refresh_summaries(accounts)
        refresh_heat(settings, accounts)
    assert sorted(db.execute_sql(derived).fetchall()) == before


# -- the server's own: locks held too long, deadlocks, serialization failures ----------


@pytest.fixture
def team(pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    """A team database opened with a 1 s lock timeout; its URL and a second connection
    (another rep's, raw psycopg, in a transaction) for the test to hold rows with."""
    import psycopg

    monkeypatch.setattr(server, "LOCK_TIMEOUT_S", 1)
    name = pg_cluster.new_database()
    # The data layer's connections, not the other one, find each deadlock: they look
    # after 0.2 s of waiting (before their lock timeout), the other after 10 s.
    pg_cluster.admin(f"ALTER DATABASE \"{name}\" SET deadlock_timeout = '200ms'")
    url = pg_cluster.url(name)
    open_database(ServerUrl(url))
    with closing(psycopg.connect(url)) as other:
        other.execute("SET deadlock_timeout = '10s'")
        other.commit()
        yield url, other
    close_database()
    pg_cluster.drop(name)


@contextmanager
def in_thread(work: Callable[[], Any]) -> Iterator[dict[str, Any]]:
    """Run `work` in a thread with its own connection; its result or error when the
    block ends (it is waited for)."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            with own_connection():
                out["result"] = work()
        except BaseException as error:  # the test reads it
            out["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield out
    finally:
        thread.join(timeout=30)
    assert not thread.is_alive(), "the write hung"


def _waiting(url: str, query: str) -> bool:
    """Whether a connection's statement starting with `query` waits for a lock (seen
    from a connection of its own: the test's other one is inside its transaction)."""
    import psycopg

    with closing(psycopg.connect(url, autocommit=True)) as watcher:
        found = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE %s",
            (query + "%",),
        ).fetchone()
    return bool(found and found[0])


def wait_for_lock_wait(url: str, query: str) -> None:
    """Until a connection's statement starting with `query` waits for a lock."""
    for _ in range(500):
        if _waiting(url, query):
            return
        time.sleep(0.01)
    raise AssertionError(f"no statement {query!r} waited for a lock")


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The retries `connection.retried` made (each after a pause), none waited for."""
    made: list[int] = []
    monkeypatch.setattr(connection, "_pause", made.append)
    return made


def _deadlock(url: str, other: Any, follow_up: int, account: int) -> dict[str, Any]:
    """A snooze and another connection each holding what the other wants next: the other
    connection changes the follow-up first, the snooze locks the account and waits for
    the follow-up, then the other connection wants the account. The snooze is ended."""
    other.execute("UPDATE follow_up SET purpose = 'theirs' WHERE id = %s", (follow_up,))
    with in_thread(lambda: snooze(follow_up, DAY + dt.timedelta(days=5))) as out:
        wait_for_lock_wait(url, 'UPDATE "follow_up"')
        other.execute(
            "SELECT 1 FROM account WHERE id = %s FOR NO KEY UPDATE", (account,)
        )  # waits until the server ends the snooze's transaction, the deadlock's victim
        other.commit()
    return out


def test_a_deadlock_is_run_again_whole_and_both_writes_stand(
    team: tuple[str, Any], pauses: list[int]
) -> None:
    url, other = team
    account = Account.create(name="Acme").id
    follow_up = schedule(account, DAY, "call")
    out = _deadlock(url, other, follow_up, account)
    assert "error" not in out
    # Ended, run again (and again if the other connection's lock wait lost the race for
    # the account to the second try: the same deadlock, the same answer).
    assert pauses[:1] == [1]
    row = FollowUp.get_by_id(follow_up)
    assert (row.snooze_count, row.purpose, row.due) == (1, "theirs", DAY + dt.timedelta(days=5))


def test_a_deadlock_after_the_last_try_is_said_and_nothing_is_written(
    team: tuple[str, Any], pauses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, other = team
    monkeypatch.setattr(connection, "WRITE_TRIES", 1)
    account = Account.create(name="Acme").id
    follow_up = schedule(account, DAY, "call")
    out = _deadlock(url, other, follow_up, account)
    assert storage_problem(out["error"]) == "storage_server_clash"
    assert pauses == []
    row = FollowUp.get_by_id(follow_up)
    assert (row.snooze_count, row.purpose, row.due) == (0, "theirs", DAY)


def test_a_serialization_failure_is_run_again_whole(
    pg_cluster: Cluster, pauses: list[int], settings: Settings
) -> None:
    """On a server whose transactions are REPEATABLE READ, a row another connection
    changed after the write began ends the write (40001): run again, it sees the change."""
    import psycopg

    name = pg_cluster.new_database()
    pg_cluster.admin(
        f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = 'repeatable read'"
    )
    url = pg_cluster.url(name)
    open_database(ServerUrl(url))
    try:
        account = Account.create(name="Acme").id
        with closing(psycopg.connect(url)) as other:
            other.execute("UPDATE account SET notes = 'theirs' WHERE id = %s", (account,))
            log = ContactLog(account, "reached", "called")
            with in_thread(lambda: log_contact(log, settings, at=AT)) as out:
                wait_for_lock_wait(url, "SELECT 1 FROM account")
                other.commit()
        assert "error" not in out
        assert pauses == [1]
        assert Activity.select().where(Activity.account == account).count() == 1
        saved = Account.get_by_id(account)
        assert (saved.notes, saved.last_contact_at) == ("theirs", AT)
    finally:
        close_database()
        pg_cluster.drop(name)


def test_a_lock_held_too_long_is_said_busy_not_waited_on(
    team: tuple[str, Any], settings: Settings
) -> None:
    _, other = team
    account = Account.create(name="Acme").id
    other.execute("UPDATE account SET notes = 'held' WHERE id = %s", (account,))
    begun = time.monotonic()
    with in_thread(lambda: log_contact(ContactLog(account, None, "x"), settings, at=AT)) as out:
        pass
    waited = time.monotonic() - begun
    other.rollback()
    assert storage_problem(out["error"]) == "storage_server_busy"
    assert 0.9 < waited < 10
    assert Activity.select().count() == 0  # nothing half-written


def test_the_command_line_says_busy_and_exits_1(pg_url: str) -> None:
    """`followup note` on an account another connection holds: the server's lock timeout
    (`server.LOCK_TIMEOUT_S`), then a sentence, exit 1, nothing written."""
    import psycopg

    account = Account.create(name="Acme").id
    with closing(psycopg.connect(pg_url)) as other:
        other.execute("UPDATE account SET notes = 'held' WHERE id = %s", (account,))
        begun = time.monotonic()
        run = subprocess.run(
            [str(FOLLOWUP), "--db", pg_url, "note", str(account), "a note"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        waited = time.monotonic() - begun
    assert run.returncode == 1, run.stderr
    assert "not saved to the team's database" in run.stderr
    assert "the team's database is busy" in run.stderr
    assert "Nothing was written" in run.stderr
    assert server.LOCK_TIMEOUT_S <= waited < server.LOCK_TIMEOUT_S + 20
    assert Activity.select().count() == 0


def test_a_statement_past_the_timeout_is_said_busy(
    pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "STATEMENT_TIMEOUT_S", 1)
    name = pg_cluster.new_database()
    open_database(ServerUrl(pg_cluster.url(name)))
    try:
        with pytest.raises(db.operational_errors) as caught:
            db.execute_sql("SELECT pg_sleep(3)")
        assert storage_problem(caught.value) == "storage_server_busy"
        with db.long_statements():  # a migration's may take longer
            db.execute_sql("SELECT pg_sleep(1.2)")
    finally:
        close_database()
        pg_cluster.drop(name)


def test_a_lost_connection_is_said_and_the_next_write_connects_again(
    team: tuple[str, Any], settings: Settings
) -> None:
    _, other = team
    account = Account.create(name="Acme").id
    other.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    other.commit()
    with pytest.raises(db.operational_errors) as caught:
        log_contact(ContactLog(account, None, "first"), settings, at=AT)
    assert storage_problem(caught.value) == "storage_server_gone"
    log_contact(ContactLog(account, None, "again"), settings, at=AT)  # the app's retry
    assert [a.notes for a in Activity.select()] == ["again"]


def test_a_server_that_never_answers_is_said_within_the_connect_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A socket that takes the connection and says nothing: refused in time, not a hang."""
    import socket

    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 1)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(tmp_path / ".s.PGSQL.5432"))
    listener.listen(4)
    begun = time.monotonic()
    try:
        with pytest.raises(FollowupError, match="cannot reach the database server"):
            open_database(ServerUrl(f"postgresql://rep@/team?host={tmp_path}"))
    finally:
        listener.close()
        close_database()
    assert time.monotonic() - begun < 8


@pytest.mark.parametrize("states", ["none yet", "kept"])
def test_a_queue_refresh_waits_for_a_write_in_progress_and_keeps_it(
    team: tuple[str, Any], settings: Settings, states: str
) -> None:
    """An account's queue state is rewritten under its lock: a contact being logged when
    the refresh reads the account's dirty mark is in the state written, or its mark stays
    (the contact's own mark was already there: its write adds none). Both when every
    state is written (none yet) and when only the marked ones are."""
    from followup_tui.db.queue_states import STATE_TABLE
    from followup_tui.db.queue_store import refresh_states

    url, other = team
    account = Account.create(name="Acme").id  # marked dirty: a state is still to write
    if states == "kept":
        refresh_states(DAY, settings)
        db.execute_sql("INSERT INTO queue_dirty (account_id) VALUES (?)", (account,))
    other.execute("SELECT 1 FROM account WHERE id = %s FOR NO KEY UPDATE", (account,))
    other.execute(
        "INSERT INTO activity (account_id, kind, outcome, occurred_at, notes, our_commitments, "
        "their_commitments, created_at) VALUES (%s, 'call', 'reached', '2026-11-22 10:00', "
        "'', '', '', '2026-11-22 10:00')",
        (account,),
    )
    with in_thread(lambda: refresh_states(DAY, settings)) as out:
        for _ in range(300):  # until the refresh waits for the account, or is done
            if out or _waiting(url, "SELECT 1 FROM account"):
                break
            time.sleep(0.01)
        other.commit()
    assert "error" not in out
    dirty = db.execute_sql("SELECT account_id FROM queue_dirty").fetchall()
    (last,) = db.execute_sql(
        f"SELECT last_day FROM {STATE_TABLE} WHERE account_id = ?", (account,)
    ).fetchone()
    assert last == DAY.toordinal() or dirty == [(account,)]
