"""Who sees what on a team's server (#19): the database itself keeps each rep to their own
accounts, through the data layer, the command line and raw SQL alike.

Two reps (ann, bo) and a manager (mia) log in as themselves to one database set up by
`db.team_access.setup_team`; each test's people are named after its database, as roles
belong to the whole cluster.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.db.accounts import get_account, save_account, timeline
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.db.follow_ups import ContactLog, log_contact
from followup_tui.db.migrations import SHARE_TABLE
from followup_tui.db.models import Account, Activity, Deal, DealReview, FollowUp
from followup_tui.db.sheets import record_review
from followup_tui.db.team_access import (
    add_person,
    move_account,
    setup_team,
    share_account,
)
from tests.pg_cluster import Cluster

DAY = dt.date(2026, 11, 2)


@dataclass
class Team:
    """A team's database and its people's logins."""

    cluster: Cluster
    database: str
    people: dict[str, str]
    accounts: dict[str, int]  # "ann" -> ann's account id, "bo" -> bo's

    def url(self, who: str | None = None) -> str:
        """The URL `who` (ann, bo, mia; the administrator when None) logs in with."""
        if who is None:
            return self.cluster.url(self.database)
        return self.cluster.url(self.database, self.people[who])

    def open_as(self, who: str | None) -> None:
        close_database()
        open_database(ServerUrl(self.url(who)), create=False)

    def sql(self, who: str) -> Any:
        """A plain psycopg connection as `who`, committing each statement."""
        import psycopg

        return psycopg.connect(self.url(who), autocommit=True)


def _book(name: str, settings: Settings) -> int:
    """An account with a deal, a call note and a next step, written by whoever is logged in."""
    account_id = save_account({"name": name})
    deal = Deal.create(account=account_id, title=f"{name} line 3", amount=1000)
    log_contact(
        ContactLog(
            account_id,
            "reached",
            notes=f"{name}: budget confirmed, secret margin",
            deal_id=deal.id,
            next_due=DAY - dt.timedelta(days=1),
            next_purpose=f"{name} quote",
        ),
        settings,
        at=dt.datetime(2026, 10, 20, 10),
    )
    return account_id


@pytest.fixture
def team(pg_cluster: Cluster, settings: Settings) -> Iterator[Team]:
    """A set-up team: ann and bo reps with an account each, mia their manager."""
    database = pg_cluster.new_database()
    people = {who: f"{who}_{database}" for who in ("ann", "bo", "mia")}
    found = Team(pg_cluster, database, people, {})
    url = found.url()
    assert setup_team(url) is True
    add_person(url, people["ann"])
    add_person(url, people["bo"])
    add_person(url, people["mia"], manager=True)
    for who, name in (("ann", "Acme Robotics"), ("bo", "Globex")):
        found.open_as(who)
        found.accounts[who] = _book(name, settings)
    close_database()
    yield found
    close_database()
    pg_cluster.drop(database)
    for login in people.values():
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{login}"')


def _names() -> list[str]:
    return sorted(a.name for a in Account.select())


def test_each_rep_reads_only_their_own_through_the_data_layer(team: Team) -> None:
    bo = team.accounts["bo"]
    team.open_as("ann")
    assert _names() == ["Acme Robotics"]
    assert {d.title for d in Deal.select()} == {"Acme Robotics line 3"}
    assert [a.notes for a in Activity.select()] == [
        "Acme Robotics: budget confirmed, secret margin"
    ]
    assert FollowUp.select().count() == 1
    with pytest.raises(Account.DoesNotExist):
        get_account(bo)
    assert timeline(bo) == []
    # Whose each row is, stamped by the database.
    assert db.execute_sql("SELECT DISTINCT rep FROM account").fetchall() == [(team.people["ann"],)]
    team.open_as("bo")
    assert _names() == ["Globex"]


def _refused(error: BaseException) -> bool:
    text = str(error)
    return "row-level security" in text or "permission denied" in text


def test_a_rep_cannot_change_or_remove_anothers_account(team: Team, settings: Settings) -> None:
    bo = team.accounts["bo"]
    team.open_as("ann")
    with pytest.raises(Account.DoesNotExist):
        save_account({"name": "Globex (taken)"}, bo)
    assert Account.update(name="taken").where(Account.id == bo).execute() == 0
    assert Activity.update(notes="gone").where(Activity.account == bo).execute() == 0
    assert Activity.delete().where(Activity.account == bo).execute() == 0
    assert Deal.delete().where(Deal.account == bo).execute() == 0
    assert Account.delete().where(Account.id == bo).execute() == 0
    with pytest.raises(Exception) as caught:  # psycopg's refusal, as Peewee raises it
        log_contact(ContactLog(bo, "reached", notes="ann was here"), settings)
    assert _refused(caught.value)
    team.open_as("bo")
    assert _names() == ["Globex"]
    assert [a.notes for a in Activity.select()] == ["Globex: budget confirmed, secret margin"]
    assert Deal.select().count() == 1


def test_raw_sql_as_a_rep_sees_and_changes_nothing_of_anothers(team: Team) -> None:
    import psycopg

    ann, bo = team.accounts["ann"], team.accounts["bo"]
    team.open_as("bo")
    db.execute_sql(
        "INSERT INTO external_id (entity, entity_id, system, external_id) "
        "VALUES ('account', ?, 'salesforce', '001BO')",
        (bo,),
    )
    with team.sql("ann") as con:
        assert con.execute("SELECT count(*) FROM external_id").fetchone() == (0,)
        for table in ("account", "contact", "deal", "activity", "follow_up", "queue_state_v5"):
            ids = {
                r[0]
                for r in con.execute(
                    f"SELECT {'id' if table == 'account' else 'account_id'} FROM {table}"
                )
            }
            assert bo not in ids, table
        assert con.execute("UPDATE account SET name = 'x' WHERE id = %s", (bo,)).rowcount == 0
        assert con.execute("DELETE FROM activity WHERE account_id = %s", (bo,)).rowcount == 0
        assert con.execute("DELETE FROM account WHERE id = %s", (bo,)).rowcount == 0
        taken = "UPDATE account SET rep = current_user WHERE id = %s"
        assert con.execute(taken, (bo,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            con.execute(
                "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
                "their_commitments, created_at) VALUES (%s, 'note', now(), 'x', '', '', now())",
                (bo,),
            )
        shared = f"INSERT INTO {SHARE_TABLE} (account_id, rep) VALUES (%s, %s)"
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            con.execute(shared, (bo, team.people["ann"]))
        # Nor pass for bo's rep with a table of her own named as the accounts are.
        con.execute("CREATE TEMPORARY TABLE account (id bigint, rep text)")
        con.execute("INSERT INTO pg_temp.account VALUES (%s, current_user)", (bo,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            con.execute(shared, (bo, team.people["ann"]))
        con.execute("DROP TABLE pg_temp.account")
        # Her own account she may not hand over, nor sign a record with another's name.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="administrator"):
            con.execute("UPDATE account SET rep = %s WHERE id = %s", (team.people["bo"], ann))
        con.execute(
            "UPDATE activity SET written_by = %s WHERE account_id = %s", (team.people["bo"], ann)
        )
        assert con.execute("SELECT DISTINCT written_by FROM activity").fetchall() == [
            (team.people["ann"],)
        ]
        # Nor make tables in the team's schema, which she would own and so read past
        # every policy (her own schema holds her queue's tables only).
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("CREATE TABLE public.mine (id integer)")
    with team.sql("bo") as con:
        assert con.execute("SELECT name FROM account").fetchall() == [("Globex",)]
        assert con.execute("SELECT external_id FROM external_id").fetchall() == [("001BO",)]
        assert con.execute("SELECT count(*) FROM activity").fetchone() == (1,)


def test_the_command_line_as_a_rep_shows_none_of_anothers(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    url = team.url("ann")
    assert main(["due", "--db", url, "--date", DAY.isoformat(), "--all"]) == 0
    due = capsys.readouterr().out
    assert "Acme Robotics" in due and "Globex" not in due
    assert main(["export", "--db", url, "--date", DAY.isoformat()]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in document["accounts"]] == ["Acme Robotics"]
    assert {a["notes"] for a in document["activities"]} == {
        "Acme Robotics: budget confirmed, secret margin"
    }
    assert main(["due", "--db", team.url("bo"), "--date", DAY.isoformat(), "--all"]) == 0
    due = capsys.readouterr().out
    assert "Globex" in due and "Acme Robotics" not in due


def test_find_as_a_rep_finds_none_of_anothers(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["find", "--db", team.url("ann"), "secret", "margin", "--json"]) == 0
    found = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    assert "Acme Robotics" in found and "Globex" not in found


def test_the_manager_reads_both_and_writes_reviews_not_accounts(team: Team) -> None:
    import psycopg

    ann, bo = team.accounts["ann"], team.accounts["bo"]
    team.open_as("mia")
    assert _names() == ["Acme Robotics", "Globex"]
    assert Activity.select().count() == 2
    deal = Deal.get(Deal.account == bo)
    review = record_review(deal.id, DAY, "where is the economic buyer?", 55, {}, reviewer="Mia")
    assert DealReview.get_by_id(review).comments == "where is the economic buyer?"
    with team.sql("mia") as con:
        for sql in (
            f"UPDATE account SET name = 'x' WHERE id = {ann}",
            f"UPDATE account SET notes = 'x', heat = 1 WHERE id = {ann}",
            f"DELETE FROM account WHERE id = {bo}",
            f"UPDATE activity SET notes = 'x' WHERE account_id = {ann}",
            f"INSERT INTO follow_up (account_id, due, purpose, done, snooze_count, created_at) "
            f"VALUES ({ann}, '2026-12-01', 'x', false, 0, now())",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(sql)
        written = con.execute("SELECT written_by FROM deal_review").fetchall()
        assert written == [(team.people["mia"],)]
    team.open_as("bo")  # the rep reads the manager's review of his deal, and keeps it
    assert [r.comments for r in DealReview.select()] == ["where is the economic buyer?"]
    with team.sql("bo") as con:
        changed = "UPDATE deal_review SET comments = 'all fine' WHERE id = %s"
        assert con.execute(changed, (review,)).rowcount == 0
        assert con.execute("DELETE FROM deal_review WHERE id = %s", (review,)).rowcount == 0
    with team.sql("mia") as con:  # hers to change
        assert con.execute(changed, (review,)).rowcount == 1
    assert _names() == ["Globex"]


def test_a_moved_account_changes_hands_with_its_history(team: Team) -> None:
    ann = team.accounts["ann"]
    team.open_as(None)
    moved = move_account(team.url(), ann, team.people["bo"])
    assert (moved.was, moved.now, moved.activities, moved.deals) == (
        team.people["ann"],
        team.people["bo"],
        1,
        1,
    )
    team.open_as("bo")
    assert _names() == ["Acme Robotics", "Globex"]
    history = [a.notes for a in Activity.select().where(Activity.account == ann)]
    assert history == ["Acme Robotics: budget confirmed, secret margin"]
    assert Deal.select().where(Deal.account == ann).count() == 1
    assert FollowUp.select().where(FollowUp.account == ann).count() == 1
    # Who wrote it stays said: ann did.
    written = db.execute_sql("SELECT written_by FROM activity WHERE account_id = ?", (ann,))
    assert written.fetchall() == [(team.people["ann"],)]
    team.open_as("ann")
    assert _names() == []
    assert Activity.select().count() == 0


def test_a_shared_account_is_the_other_reps_to_read_and_work(
    team: Team, settings: Settings
) -> None:
    ann = team.accounts["ann"]
    team.open_as("ann")
    assert share_account(team.url("ann"), ann, team.people["bo"]) is True
    team.open_as("bo")
    assert _names() == ["Acme Robotics", "Globex"]
    assert Activity.select().where(Activity.account == ann).count() == 1
    log_contact(ContactLog(ann, "reached", notes="bo covered the call"), settings)
    assert Account.delete().where(Account.id == ann).execute() == 0  # hers to remove
    rows = db.execute_sql(
        "SELECT written_by FROM activity WHERE account_id = ? ORDER BY id", (ann,)
    ).fetchall()
    assert [r[0] for r in rows] == [team.people["ann"], team.people["bo"]]
    team.open_as("ann")
    assert _names() == ["Acme Robotics"]  # still hers, with bo's call on it
    assert Activity.select().count() == 2


def test_every_table_of_account_data_is_guarded_and_owned_by_no_one_on_the_team(
    team: Team,
) -> None:
    team.open_as(None)
    unguarded = db.execute_sql(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relkind = 'r' AND NOT c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_attribute a "
        "WHERE a.attrelid = c.oid AND a.attname IN ('account_id', 'deal_id', 'plan_id', 'rep', "
        "'entity_id'))"
    ).fetchall()
    assert unguarded == []
    owners = db.execute_sql(
        "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
    ).fetchall()
    assert owners == [("followup_admin",)]


def test_the_managers_command_line_shows_every_reps_accounts(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manager's start replays heat like anyone's: the heat is the one column of the
    records they only read that they may store again (it is the history's, not a rep's)."""
    url = team.url("mia")
    assert main(["due", "--db", url, "--date", DAY.isoformat(), "--all"]) == 0
    due = capsys.readouterr().out
    assert "Acme Robotics" in due and "Globex" in due
    assert main(["export", "--db", url, "--date", DAY.isoformat()]) == 0
    document = json.loads(capsys.readouterr().out)
    assert sorted(a["name"] for a in document["accounts"]) == ["Acme Robotics", "Globex"]


def test_the_rules_bind_a_rep_on_the_team_through_another_role(team: Team) -> None:
    """A group of reps made by hand (east, in followup_rep): its people are bound too."""
    import psycopg

    east, cy = f"east_{team.database}", f"cy_{team.database}"
    team.cluster.admin(f"CREATE ROLE {east} NOLOGIN IN ROLE followup_rep")
    team.cluster.admin(f"CREATE ROLE {cy} LOGIN IN ROLE {east}")
    try:
        with psycopg.connect(team.cluster.url(team.database, cy), autocommit=True) as con:
            assert con.execute("SELECT count(*) FROM account").fetchone() == (0,)
            made = con.execute(
                "INSERT INTO account (name, owner, search_key, sort_key, name_forms, "
                "relationship, heat, rejection_count, stop_reason, start_reason, archived, "
                "notes, address, phone, email, website, bank, industry, business_plans, "
                "fiscal_year_start, interests, dislikes, delivery_preferences, "
                "business_record, market_data, technical_needs, design_cycle, "
                "supplier_reduction, special_requirements, credit, critical_operations, "
                "rules_of_engagement, plan_text, created_at, updated_at, search_text) "
                "SELECT 'Initech', '', 'initech', 'initech', 'initech', 'target', 30, 0, "
                "'', '', false" + ", ''" * 22 + ", now(), now(), '' RETURNING id, rep"
            ).fetchone()
            assert made[1] == cy
            con.execute(
                "INSERT INTO activity (account_id, kind, occurred_at, notes, our_commitments, "
                "their_commitments, created_at, written_by) "
                "VALUES (%s, 'note', now(), 'x', '', '', now(), %s)",
                (made[0], team.people["bo"]),
            )
            assert con.execute("SELECT written_by FROM activity").fetchall() == [(cy,)]
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="administrator"):
                con.execute(
                    "UPDATE account SET rep = %s WHERE id = %s", (team.people["bo"], made[0])
                )
    finally:
        close_database()
        team.cluster.admin(f"DROP ROLE {cy}")
        team.cluster.admin(f"DROP ROLE {east}")


def test_a_reps_rules_are_answered_by_indexes(team: Team) -> None:
    """The rules cost a rep an index lookup, not a read of every account of the team: a
    `current_user` compared as PostgreSQL gives it (a `name`, another collation) could use
    no index on `rep`, which made each query on an account's rows read the whole team's
    accounts (84 ms at 300,000 accounts; 2 ms with the index)."""
    ann = team.accounts["ann"]
    with team.sql("ann") as con:
        con.execute("SET enable_seqscan = off")  # tiny tables: else a scan is cheapest
        for sql, used in (
            ("SELECT count(*) FROM account", "Index Cond: (rep = "),
            (f"SELECT count(*) FROM activity WHERE account_id = {ann}", "Index Cond: ("),
            ("SELECT count(*) FROM bullet WHERE deal_id = 1", "Index Cond: (id = bullet.deal_id)"),
        ):
            plan = "\n".join(r[0] for r in con.execute(f"EXPLAIN {sql}"))
            assert used in plan, plan
            # The rep's accounts are found by an index: by rep (a set of ids), or each
            # row's account by its key (the plan the server picks for a few rows).
            assert "Index Cond: (rep = " in plan or "Index Cond: (id = " in plan, plan
            assert "Seq Scan on account " not in plan and "Seq Scan on account\n" not in plan


def test_a_year_end_verdict_is_confirmed_by_the_rep_and_again_by_the_manager(
    team: Team,
) -> None:
    from followup_tui.db.review_verdicts import confirm_year_end, year_end_verdicts

    ann = team.accounts["ann"]
    team.open_as("ann")
    confirm_year_end(ann, 2026, "breaking_in", DAY)
    team.open_as("mia")
    assert confirm_year_end(ann, 2026, "move_up", DAY) is not None
    assert year_end_verdicts(2026)[ann].verdict == "move_up"
    team.open_as("bo")
    assert year_end_verdicts(2026) == {}
    team.open_as("ann")
    assert year_end_verdicts(2026)[ann].verdict == "move_up"
    written = db.execute_sql("SELECT written_by FROM year_end_verdict").fetchall()
    assert written == [(team.people["ann"],)]  # who first wrote it


def test_a_function_of_a_reps_own_schema_cannot_stand_in_for_the_teams(team: Team) -> None:
    """A person keeps their own queue in a schema named as them (`team add`), which their
    search path reads first: the team's triggers call the team's functions, not theirs."""
    import psycopg

    ann = team.accounts["ann"]
    with team.sql("ann") as con:
        assert con.execute("SELECT current_schemas(false)").fetchone()[0][0] == team.people["ann"]
        con.execute(
            f'CREATE FUNCTION "{team.people["ann"]}".team_bound(oid) RETURNS boolean '
            "LANGUAGE sql AS 'SELECT false'"
        )
        con.execute("UPDATE activity SET written_by = 'mia' WHERE account_id = %s", (ann,))
        assert con.execute("SELECT DISTINCT written_by FROM activity").fetchall() == [
            (team.people["ann"],)
        ]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="administrator"):
            con.execute("UPDATE account SET rep = %s WHERE id = %s", (team.people["bo"], ann))


def test_two_reps_may_each_have_an_account_of_one_name(team: Team) -> None:
    """Names are unique per rep, as on a rep's own file: bo is not refused "Acme Robotics"
    over ann's, which he cannot see; ann is refused a second one of hers."""
    from peewee import IntegrityError

    team.open_as("bo")
    save_account({"name": "Acme Robotics"})
    assert _names() == ["Acme Robotics", "Globex"]
    team.open_as("ann")
    with pytest.raises(IntegrityError):
        save_account({"name": "Acme Robotics"})
    assert _names() == ["Acme Robotics"]


def test_a_person_already_on_another_team_database_gets_their_own_queue_here(
    team: Team, pg_cluster: Cluster, settings: Settings
) -> None:
    # Logins belong to the server, schemas to each database: ann, added again to a second
    # team database, must keep her queue's tables there too, not share the team's.
    second = pg_cluster.new_database()
    url = pg_cluster.url(second)
    try:
        assert setup_team(url) is True
        assert add_person(url, team.people["ann"]) is False  # in the group already
        close_database()
        open_database(ServerUrl(pg_cluster.url(second, team.people["ann"])), create=False)
        _book("Initech", settings)
        assert db.execute_sql("SELECT current_schema()").fetchone()[0] == team.people["ann"]
        where = db.execute_sql(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.oid = to_regclass('queue_dirty')"
        ).fetchone()[0]
        assert where == team.people["ann"]
    finally:
        close_database()
        pg_cluster.drop(second)


# Accounts as (owner, the reps it is shared with): any layout of a two-rep team's book.
_layouts = st.lists(
    st.tuples(st.sampled_from(["ann", "bo"]), st.frozensets(st.sampled_from(["ann", "bo"]))),
    max_size=6,
)


@hsettings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(layout=_layouts)
def test_on_any_book_a_rep_sees_and_works_their_own_and_what_is_shared_only(
    team: Team, layout: list[tuple[str, frozenset[str]]]
) -> None:
    # The rule, held by the server whatever the book: a rep reads and updates exactly
    # their own accounts and those shared with them, removes only their own; the
    # manager reads every one and changes none.
    team.open_as(None)
    db.execute_sql("DELETE FROM account WHERE name LIKE 'Layout %'")
    made: list[tuple[int, str, frozenset[str]]] = [
        (team.accounts["ann"], "ann", frozenset()),
        (team.accounts["bo"], "bo", frozenset()),
    ]
    for k, (owner, shared) in enumerate(layout):
        account_id = save_account({"name": f"Layout {k}"})
        db.execute_sql("UPDATE account SET rep = ? WHERE id = ?", (team.people[owner], account_id))
        for rep in shared:
            db.execute_sql(
                f"INSERT INTO {SHARE_TABLE} (account_id, rep) VALUES (?, ?)",
                (account_id, team.people[rep]),
            )
        made.append((account_id, owner, shared))
    close_database()
    every = [m[0] for m in made]
    for who in ("ann", "bo"):
        own = {i for i, owner, _ in made if owner == who}
        seen = own | {i for i, _, shared in made if who in shared}
        with team.sql(who) as conn:
            assert {r[0] for r in conn.execute("SELECT id FROM account")} == seen
            with conn.transaction(force_rollback=True):
                worked = conn.execute(
                    "UPDATE account SET name = name WHERE id = ANY(%s)", (every,)
                ).rowcount
                removed = conn.execute("DELETE FROM account WHERE id = ANY(%s)", (every,)).rowcount
            assert (worked, removed) == (len(seen), len(own))
    with team.sql("mia") as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM account")} == set(every)
        for sql in ("UPDATE account SET name = name", "DELETE FROM account"):
            try:
                with conn.transaction(force_rollback=True):
                    changed = conn.execute(f"{sql} WHERE id = ANY(%s)", (every,)).rowcount
            except Exception as error:  # refused outright: as good as changing none
                assert _refused(error), error
            else:
                assert changed == 0
