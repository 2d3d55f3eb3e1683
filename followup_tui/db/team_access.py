"""A team on one PostgreSQL database: its group roles, who sees what, its people, accounts
handed over (#19).

Each person logs in as themselves. The database enforces who sees what with row-level
security, since every app connects to it directly (filtering in the app protects nothing):

- a rep (`REP_GROUP`) reads and writes their own accounts (`account.rep`, schema 17) and
  the accounts shared with them (`account_share`), and every row hanging off those:
  a table with `account_id` through the account, one with `deal_id` through the deal,
  one with `plan_id` through the plan (each policy reads the parent table, whose own
  policy applies inside it); a rep removes only their own accounts;
- a manager (`MANAGER_GROUP`) reads everything and writes the reviews: deal reviews
  (their comments: each review only its writer changes or removes, rep or manager) and
  year-end verdicts (any confirmed again; removed by their writer);
  of the records they only read, they store again the heat replayed from the history
  (`MANAGER_REPLAYS`), as every reader's start does, and nothing else;
- the data layer's own tables (the queue's states and marks) are kept per account for
  a rep too, and so are other systems' ids of the records (`external_id`, through the
  record they name); the rest (talking points, the caches) are the team's.

The administrator who runs `followup team setup` owns the tables; an owner passes by
row-level security, so the tables' owner is never a rep or a manager. Who wrote a record
(`written_by`) and whose an account is (`rep`) are stamped by the database for a team's
people: they write neither themselves, and only the administrator hands an account over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.db.connection import db
from followup_tui.db.migrations import SHARE_TABLE, TEAM_WRITTEN, VERSION_TABLE
from followup_tui.db.team_join import JOINED

REP_GROUP = "followup_rep"
MANAGER_GROUP = "followup_manager"
GROUPS = (REP_GROUP, MANAGER_GROUP)
# Tables a manager writes: the reviews, with their comments. A year-end verdict is the
# review's, confirmed again by the rep or the manager; a deal review is kept as its writer
# wrote it (`KEPT_AS_WRITTEN`: only they change or remove it - no rep rewrites a
# manager's comments).
MANAGER_WRITES = ("deal_review", "year_end_verdict")
KEPT_AS_WRITTEN = ("deal_review",)
# Columns a manager writes on records they only read: the heat replayed from an
# account's history (`db.heat_cache`), which any reader may store again, as it is the
# same for whoever replays it. Nothing a rep wrote.
MANAGER_REPLAYS = {"account": "heat", "activity": "heat_after"}
# The records another system's ids name (`external_id.entity`, `db.book_import`).
ENTITIES = ("account", "contact", "deal", "influence")
# The queue's marks: written by triggers on any write, also for an account just removed
# (whose row no policy shows any more), so a rep may add any; reads stay their own.
MARK_TABLES = ("queue_dirty", "queue_replace")
# The team's schema: the one holding the accounts (a person's search path reads their
# own schema, their queue's, before it).
NS = "(SELECT relnamespace FROM pg_class WHERE oid = to_regclass('account'))"
NS_NAME = f"(SELECT nspname FROM pg_namespace WHERE oid = {NS})"
# A role name a person logs in with, as PostgreSQL keeps it unquoted.
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# The one logged in, as the policies compare it: PostgreSQL's `current_user` is a `name`,
# whose collation ("C") is not the text columns' - compared as it is, no index on `rep`
# could answer (every account of the team read for each query, 100+ ms at 300,000).
ME = '(current_user::text COLLATE "default")'
# What a rep sees of the accounts: their own and those shared with them. Said so that an
# index answers each part (`account_rep` on (rep, id), the shares' ids as one array):
# an `IN (subquery)` beside an OR would read every account of the team for each query.
_SHARED_WITH_ME = f"SELECT account_id FROM {SHARE_TABLE} WHERE rep = {ME}"
_REP_ACCOUNTS = f"rep = {ME} OR id = ANY (ARRAY({_SHARED_WITH_ME}))"
# The same accounts' ids for the rows hanging off them, read once per query from the
# index (account's own policy still applies inside).
_REP_ACCOUNT_IDS = f"SELECT id FROM account WHERE rep = {ME} UNION ALL {_SHARED_WITH_ME}"

# Functions the policies and triggers call (made by the administrator, who owns them).
_FUNCTIONS = (
    # Whose account an id is, read past row-level security (the function runs as its
    # owner): `account_share`'s policies ask it, as reading `account` there would loop
    # back into `account`'s own policy, which reads `account_share`.
    "CREATE OR REPLACE FUNCTION team_rep_of(bigint) RETURNS text LANGUAGE sql STABLE "
    # pg_temp last: else a temporary table of the caller's named `account` comes first.
    "SECURITY DEFINER SET search_path = {schema}, pg_temp "
    "AS 'SELECT rep FROM account WHERE id = $1'",
    # Whether the one writing is bound by the team's rules: anyone but the table's owner
    # (the administrator, who may write on someone's behalf), a superuser or a role that
    # passes by row-level security anyway. Catalogs named in full: no table of the
    # caller's can stand in for them.
    "CREATE OR REPLACE FUNCTION team_bound(oid) RETURNS boolean LANGUAGE sql STABLE AS "
    "'SELECT NOT (r.rolsuper OR r.rolbypassrls OR r.oid = "
    "(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = $1)) "
    "FROM pg_catalog.pg_roles r WHERE r.rolname = current_user'",
    # A person's record is stamped with their login when written, and stays so.
    # The triggers run with the writer's search path, which reads their own schema first
    # (their queue's): theirs fixed to the team's, so no function of a person's stands in.
    "CREATE OR REPLACE FUNCTION team_written_by() RETURNS trigger LANGUAGE plpgsql "
    "SET search_path = {schema}, pg_temp AS $$ "
    "BEGIN IF team_bound(TG_RELID) THEN "
    "IF TG_OP = 'INSERT' THEN NEW.written_by := current_user; "
    "ELSE NEW.written_by := OLD.written_by; END IF; END IF; RETURN NEW; END $$",
    # Only the administrator hands an account over (`followup team move`).
    "CREATE OR REPLACE FUNCTION team_keep_rep() RETURNS trigger LANGUAGE plpgsql "
    "SET search_path = {schema}, pg_temp AS $$ "
    "BEGIN IF team_bound(TG_RELID) THEN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', "
    "MESSAGE = 'only the administrator hands an account over (followup team move)'; "
    "END IF; RETURN NEW; END $$",
)


@dataclass(frozen=True)
class Table:
    """One table of the team's database, as the policies see it."""

    name: str
    columns: frozenset[str]
    model: bool  # one of the models' tables (the records), not the data layer's own


def _rows(sql: str, params: Any = None) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in db.execute_sql(sql, params).fetchall()]


def valid_role(name: str) -> bool:
    """Whether `name` is a person's login as PostgreSQL keeps it (lower case, 63 at most),
    and none of PostgreSQL's own (`pg_...`) nor the team's groups."""
    return bool(_ROLE_NAME.fullmatch(name)) and not name.startswith("pg_") and name not in GROUPS


def _tables() -> list[Table]:
    from followup_tui.db.models import ALL_MODELS

    models = {m._meta.table_name for m in ALL_MODELS}
    found: dict[str, set[str]] = {}
    for table, column in _rows(
        "SELECT c.relname, a.attname FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        f"WHERE c.relnamespace = {NS} AND c.relkind = 'r'"
    ):
        found.setdefault(table, set()).add(column)
    return [Table(t, frozenset(c), t in models) for t, c in sorted(found.items())]


def _through(parent: str, column: str) -> str:
    """A row hanging off an account through `parent` (a deal, a plan): its parent row,
    looked up by its key, is one the rep sees (the parent's own policy applies inside).
    Row by row: a sheet's or a plan's rows are read for one parent at a time, and a
    parent's ids as a set would be every deal of the team read for each query."""
    return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column})"


Policy = tuple[str, str, str, str | None, str | None]


def _policies(table: Table) -> list[Policy]:
    """(name, command, role, USING, WITH CHECK) of each policy on `table`; none: the table
    is the team's, without row-level security."""
    rep, manager = REP_GROUP, MANAGER_GROUP
    name = table.name
    if name == "account":
        return [
            ("team_rep_read", "SELECT", rep, _REP_ACCOUNTS, None),
            ("team_rep_add", "INSERT", rep, None, f"rep = {ME}"),
            ("team_rep_change", "UPDATE", rep, _REP_ACCOUNTS, _REP_ACCOUNTS),
            ("team_rep_remove", "DELETE", rep, f"rep = {ME}", None),
            ("team_manager_read", "SELECT", manager, "true", None),
            ("team_manager_replay", "UPDATE", manager, "true", "true"),
        ]
    if name == SHARE_TABLE:
        mine = f"team_rep_of(account_id) = {ME}"
        return [
            ("team_rep_read", "SELECT", rep, f"rep = {ME} OR {mine}", None),
            ("team_rep_add", "INSERT", rep, None, mine),
            ("team_rep_remove", "DELETE", rep, f"rep = {ME} OR {mine}", None),
            ("team_manager_read", "SELECT", manager, "true", None),
        ]
    if name == JOINED:  # what a person's own book brought in (db.team_join): theirs alone
        own = f"rep = {ME}"
        return [
            ("team_rep_own", "ALL", rep, own, own),
            ("team_manager_own", "ALL", manager, own, own),
        ]
    if name == "note_draft":  # what one person is typing is theirs alone
        own = f"written_by = {ME} AND (account_id IS NULL OR account_id IN "
        own += f"({_REP_ACCOUNT_IDS}))"
        return [
            ("team_rep_own", "ALL", rep, own, own),
            ("team_manager_own", "ALL", manager, f"written_by = {ME}", "true"),
        ]
    if {"entity", "entity_id"} <= table.columns:  # another system's ids of our records
        seen = "CASE entity " + " ".join(
            f"WHEN '{t}' THEN entity_id IN (SELECT id FROM {t})" for t in ENTITIES
        )
        seen += " ELSE false END"
    elif "account_id" in table.columns:
        # Row by row, as a sheet's rows are: a set of the rep's account ids, built for
        # each statement, cost every one-row write 7-10 ms at 10,000 accounts a rep
        # (a heat replay's 200,000 one-row updates took over 20 minutes); a lookup by the
        # account's key costs a fraction of a millisecond.
        seen = _through("account", f"{name}.account_id")
    elif "deal_id" in table.columns:
        seen = _through("deal", "deal_id")
    elif "plan_id" in table.columns:
        seen = _through("action_plan", "plan_id")
    else:
        return []
    if not table.model:  # the data layer's own: kept per account, written by anyone
        check = "true" if name in MARK_TABLES else seen
        return [
            ("team_rep_own", "ALL", rep, seen, check),
            ("team_manager_all", "ALL", manager, "true", "true"),
        ]
    own = f"written_by = {ME}"
    if name in KEPT_AS_WRITTEN:  # each one's own to change: a review is its writer's words
        mine = f"({seen}) AND {own}"
        policies: list[Policy] = [
            ("team_rep_read", "SELECT", rep, seen, None),
            ("team_rep_add", "INSERT", rep, None, seen),
            ("team_rep_change", "UPDATE", rep, mine, mine),
            ("team_rep_remove", "DELETE", rep, mine, None),
        ]
    else:
        policies = [("team_rep_own", "ALL", rep, seen, seen)]
    policies.append(("team_manager_read", "SELECT", manager, "true", None))
    if name in MANAGER_REPLAYS:
        policies.append(("team_manager_replay", "UPDATE", manager, "true", "true"))
    if name in MANAGER_WRITES:
        change = own if name in KEPT_AS_WRITTEN else "true"
        policies += [
            ("team_manager_add", "INSERT", manager, None, "true"),
            ("team_manager_change", "UPDATE", manager, change, change),
            ("team_manager_remove", "DELETE", manager, own, None),
        ]
    return policies


def _grants(table: Table) -> dict[str, str]:
    """The privileges each group has on `table`."""
    every = "SELECT, INSERT, UPDATE, DELETE"
    if table.name == VERSION_TABLE:
        return {REP_GROUP: "SELECT", MANAGER_GROUP: "SELECT"}
    if table.name == SHARE_TABLE:
        return {REP_GROUP: "SELECT, INSERT, DELETE", MANAGER_GROUP: "SELECT"}
    if not table.model:
        return {REP_GROUP: every, MANAGER_GROUP: every}
    manager = every if table.name in MANAGER_WRITES or table.name == "note_draft" else "SELECT"
    if table.name in MANAGER_REPLAYS:
        manager += f", UPDATE ({MANAGER_REPLAYS[table.name]})"
    return {REP_GROUP: every, MANAGER_GROUP: manager}


def _snapshot() -> list[tuple[Any, ...]]:
    """What setup decides, read from the catalogs: the same before and after a run that
    changes nothing."""
    groups = ", ".join(f"'{g}'" for g in GROUPS)
    return _rows(
        "SELECT 'policy', tablename || ' ' || policyname, permissive || ' ' || "
        "array_to_string(roles, ',') || ' ' || cmd || ' ' || COALESCE(qual, '') || ' ' || "
        f"COALESCE(with_check, '') FROM pg_policies WHERE schemaname = {NS_NAME} "
        "UNION ALL SELECT 'table', relname, relrowsecurity || ' ' || COALESCE(relacl::text, '') "
        f"FROM pg_class WHERE relnamespace = {NS} "
        "AND relkind IN ('r', 'S') "
        "UNION ALL SELECT 'column', attrelid::regclass::text || ' ' || attname, attacl::text "
        "FROM pg_attribute WHERE attacl IS NOT NULL AND attrelid IN (SELECT oid FROM pg_class "
        f"WHERE relnamespace = {NS}) "
        "UNION ALL SELECT 'role', rolname, rolcanlogin || ' ' || rolinherit FROM pg_roles "
        f"WHERE rolname IN ({groups}) "
        "UNION ALL SELECT 'trigger', tgrelid::regclass::text || ' ' || tgname, "
        "pg_get_triggerdef(oid) FROM pg_trigger WHERE left(tgname, 5) = 'team_' "
        "UNION ALL SELECT 'function', proname, prosrc || ' ' || prosecdef || ' ' || "
        "COALESCE(proacl::text, '') || ' ' || COALESCE(array_to_string(proconfig, ','), '') "
        f"FROM pg_proc WHERE pronamespace = {NS} "
        "AND left(proname, 5) = 'team_' "
        "UNION ALL SELECT 'schema', nspname, COALESCE(nspacl::text, '') FROM pg_namespace "
        f"WHERE nspname = {NS_NAME} ORDER BY 1, 2, 3"
    )


class _NothingChanged(Exception):
    """Raised inside setup's transaction to roll back a run that changed nothing."""


def _refusal(url: str, error: BaseException) -> FollowupError:
    why = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return FollowupError(Said("team_refused", {"url": url, "why": why}), exit_code=1)


def _server_errors() -> tuple[type[BaseException], ...]:
    import psycopg
    from peewee import DatabaseError

    return (DatabaseError, psycopg.Error)  # Peewee's, or the driver's its transaction gave


def _check_owner(url: str) -> None:
    """Refuse a run by anyone but the tables' owner, and an owner who is on the team."""
    me = _rows("SELECT current_user")[0][0]
    others = _rows(
        "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
        f"WHERE relnamespace = {NS} AND relkind = 'r' "
        "AND relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    )
    if others:
        owner = ", ".join(sorted(str(o[0]) for o in others))
        raise FollowupError(
            Said("team_not_owner", {"url": url, "owner": owner, "me": me}), exit_code=1
        )
    if group_of(me) is not None:
        raise FollowupError(Said("team_owner_on_team", {"me": me}), exit_code=1)


def _has_team_functions() -> bool:
    return bool(_rows("SELECT to_regprocedure('team_bound(oid)') IS NOT NULL")[0][0])


def _apply() -> None:
    """Every statement of the setup; those already in force change nothing."""
    schema = _rows(f"SELECT quote_ident({NS_NAME})")[0][0]
    for group in GROUPS:
        if _rows("SELECT 1 FROM pg_roles WHERE rolname = ?", (group,)):
            db.execute_sql(f"ALTER ROLE {group} NOLOGIN")
        else:
            db.execute_sql(f"CREATE ROLE {group} NOLOGIN")
    groups = ", ".join(GROUPS)
    db.execute_sql(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    db.execute_sql(f"GRANT USAGE ON SCHEMA {schema} TO {groups}")
    for sql in _FUNCTIONS:
        db.execute_sql(sql.replace("{schema}", schema))
    for function in ("team_rep_of(bigint)", "team_bound(oid)"):
        db.execute_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        db.execute_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {groups}")
    db.execute_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {groups}")
    for table in _tables():
        name = f'"{table.name}"'
        db.execute_sql(f"REVOKE ALL ON {name} FROM PUBLIC, {groups}")
        for group, privileges in _grants(table).items():
            db.execute_sql(f"GRANT {privileges} ON {name} TO {group}")
        for (policy,) in _rows(
            f"SELECT policyname FROM pg_policies WHERE schemaname = {NS_NAME} AND tablename = ?",
            (table.name,),
        ):
            db.execute_sql(f'DROP POLICY "{policy}" ON {name}')
        policies = _policies(table)
        secured = "ENABLE" if policies else "DISABLE"
        db.execute_sql(f"ALTER TABLE {name} {secured} ROW LEVEL SECURITY")
        for policy, command, role, using, check in policies:
            sql = f"CREATE POLICY {policy} ON {name} FOR {command} TO {role}"
            sql += f" USING ({using})" if using else ""
            sql += f" WITH CHECK ({check})" if check else ""
            db.execute_sql(sql)
        if table.name in TEAM_WRITTEN:
            db.execute_sql(
                f"CREATE OR REPLACE TRIGGER team_written_by BEFORE INSERT OR UPDATE ON {name} "
                "FOR EACH ROW EXECUTE FUNCTION team_written_by()"
            )
    db.execute_sql(
        "CREATE OR REPLACE TRIGGER team_keep_rep BEFORE UPDATE OF rep ON account FOR EACH ROW "
        "WHEN (NEW.rep IS DISTINCT FROM OLD.rep) EXECUTE FUNCTION team_keep_rep()"
    )


def setup_team(url: str | ServerUrl) -> bool:
    """Make the team's schema (if none), groups, grants and policies on the database at
    `url`, all or nothing; False when everything was in force already (nothing changed)."""
    from followup_tui.db.server import open_server

    url = str(url)
    try:
        open_server(url)
        _check_owner(url)
        with db.atomic():
            before = _snapshot()
            _apply()
            if _snapshot() == before:
                raise _NothingChanged
    except _NothingChanged:
        return False
    except _server_errors() as error:
        raise _refusal(url, error) from None
    return True


def _require_setup(url: str) -> None:
    """Refuse a database `followup team setup` has not run on (the groups are the whole
    cluster's: its policies and functions are the database's own)."""
    found = {r[0] for r in _rows("SELECT rolname FROM pg_roles WHERE rolname IN (?, ?)", GROUPS)}
    if found != set(GROUPS) or not _has_team_functions():
        raise FollowupError(Said("team_no_setup", {"url": url}), exit_code=1)


def group_of(name: str) -> str | None:
    """The team's group `name` is in (REP_GROUP or MANAGER_GROUP), or None."""
    found = _rows(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ? AND g.rolname IN (?, ?) "
        "ORDER BY g.rolname",
        (name, *GROUPS),
    )
    return str(found[0][0]) if found else None


def add_person(url: str, name: str, *, manager: bool = False) -> bool:
    """Give `name` a login in the rep or manager group; False when they are in it already.

    A name PostgreSQL would not keep as typed is refused (exit 2), so is a role already
    there outside the group, and the tables' owner (who passes by every policy).
    """
    from followup_tui.db.server import open_server

    if not valid_role(name):
        raise FollowupError(Said("team_bad_name", {"name": name}))
    open_server(url, create=False)
    _require_setup(url)
    group = MANAGER_GROUP if manager else REP_GROUP
    kind = "team_kind_manager" if manager else "team_kind_rep"
    held = group_of(name)
    if held == group:
        # Logins are the cluster's, schemas each database's: a person already in the group
        # (from another team database on this server) still needs their queue's schema here.
        try:
            with db.atomic():
                db.execute_sql(f"CREATE SCHEMA IF NOT EXISTS {name} AUTHORIZATION {name}")
        except _server_errors() as error:
            raise _refusal(url, error) from None
        return False
    if held is not None:
        other = "team_kind_rep" if held == REP_GROUP else "team_kind_manager"
        raise FollowupError(Said("team_in_other_group", {"name": name, "kind": Said(other)}))
    if _rows("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)):
        raise FollowupError(Said("team_role_taken", {"name": name, "kind": Said(kind)}))
    try:
        with db.atomic():
            db.execute_sql(f"CREATE ROLE {name} LOGIN IN ROLE {group}")
            # Their own queue's tables live there (`db.server.keep_own_queue`).
            db.execute_sql(f"CREATE SCHEMA IF NOT EXISTS {name} AUTHORIZATION {name}")
    except _server_errors() as error:
        raise _refusal(url, error) from None
    return True


@dataclass(frozen=True)
class Move:
    """An account handed over: whose it was, whose it is, and the history that went with it."""

    account_id: int
    name: str
    was: str
    now: str
    activities: int
    deals: int
    follow_ups: int


def move_account(url: str, account_id: int, to: str) -> Move:
    """Hand account `account_id` to rep `to`, with everything hanging off it (rows follow
    their account by `account_id`); a share with `to` is no longer needed and goes."""
    if not valid_role(to) or group_of(to) != REP_GROUP:
        raise FollowupError(Said("team_not_a_rep", {"name": to}))
    try:
        with db.atomic():
            name, was = _rows(
                "SELECT name, rep FROM account WHERE id = ? FOR UPDATE", (account_id,)
            )[0]
            if was != to:
                db.execute_sql("UPDATE account SET rep = ? WHERE id = ?", (to, account_id))
            db.execute_sql(
                f"DELETE FROM {SHARE_TABLE} WHERE account_id = ? AND rep = ?", (account_id, to)
            )
            counts = [
                _rows(f"SELECT count(*) FROM {table} WHERE account_id = ?", (account_id,))[0][0]
                for table in ("activity", "deal", "follow_up")
            ]
    except _server_errors() as error:
        raise _refusal(url, error) from None
    return Move(account_id, str(name), str(was), to, *map(int, counts))


def share_account(url: str, account_id: int, rep: str, *, stop: bool = False) -> bool:
    """Let rep `rep` read and work account `account_id` too (or no longer, with `stop`);
    False when that was so already. Its own rep shares it, or the administrator."""
    if not valid_role(rep) or group_of(rep) != REP_GROUP:
        raise FollowupError(Said("team_not_a_rep", {"name": rep}))
    try:
        with db.atomic():
            name, owner = _rows("SELECT name, rep FROM account WHERE id = ?", (account_id,))[0]
            me = _rows("SELECT current_user")[0][0]
            if owner != me and _rows("SELECT team_bound('account'::regclass)")[0][0]:
                raise FollowupError(Said("team_share_not_yours", {"account": name, "rep": owner}))
            if owner == rep:
                raise FollowupError(Said("team_share_own", {"account": name, "name": rep}))
            if stop:
                sql = f"DELETE FROM {SHARE_TABLE} WHERE account_id = ? AND rep = ?"
            else:
                sql = (
                    f"INSERT INTO {SHARE_TABLE} (account_id, rep) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING"
                )
            changed = db.execute_sql(sql, (account_id, rep)).rowcount
    except _server_errors() as error:
        raise _refusal(url, error) from None
    return bool(changed)
