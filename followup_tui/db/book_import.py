"""Write what another CRM's export describes: match, then create, merge or skip, in one go.

Each record of a `core.transfer.book_rows.Book` is matched against the database:
by its id in the source system (the `external_id` table), then by email, then by
website domain (accounts), then by name (and account, for people and deals). A
match is merged or skipped as the user chose; nothing is ever created twice. The
plan is made first and can be shown (`--dry-run`); `apply_plan` writes it all in
one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from peewee import CharField, FloatField, IntegerField, TextField

from followup_tui.core.accounts.naming import stored_forms
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.text import name_sort_key, name_spoken, search_key
from followup_tui.core.transfer.book_rows import Book, Key, Place, Record, RowProblem, domain_of
from followup_tui.db.connection import db
from followup_tui.db.import_checks import Table
from followup_tui.db.models import Account, Base, Contact, Deal, ExternalId, Influence
from followup_tui.db.summaries import refresh_summaries
from followup_tui.db.transfer import insert_rows

OnDuplicate = Literal["merge", "skip"]
# Above this many touched accounts one pass over all of them beats chunks of ids.
_REFRESH_ALL = 5_000

ACCOUNT_FIELDS = ("name", "owner", "address", "phone", "email", "website", "industry",
                  "relationship", "notes")  # fmt: skip
PERSON_FIELDS = ("name", "title", "department", "phone", "email", "notes")
DEAL_FIELDS = ("title", "product", "amount", "completion_date", "outcome", "funnel")


@dataclass
class Step:
    """One thing the import does (or would do): create, update or skip a record."""

    action: Literal["create", "update", "skip"]
    entity: str  # account / person / deal / influence
    label: str
    place: Place
    reason: str = ""  # exists / unchanged / changed
    how: str = ""  # what matched it: id / email / domain / name / name_account / title_account
    fields: tuple[str, ...] = ()  # what an update changes
    role: str = ""  # a buying influence's role (core.base.kinds.ROLES)


@dataclass
class Plan:
    """What an import would write, step by step, and the records it could not place."""

    steps: list[Step] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    inserts: dict[type[Base], list[dict[str, Any]]] = field(default_factory=dict)
    updates: list[tuple[type[Base], int, dict[str, Any]]] = field(default_factory=list)
    accounts_touched: set[int] = field(default_factory=set)

    def writes(self) -> bool:
        """Whether applying the plan would write anything."""
        return bool(self.updates) or any(self.inserts.values())

    def write_count(self) -> int:
        """How many rows applying the plan writes (inserts and updates): the progress total."""
        return sum(len(rows) for rows in self.inserts.values()) + len(self.updates)

    def counts(self) -> dict[str, dict[str, int]]:
        """{action: {entity: how many}}."""
        out: dict[str, dict[str, int]] = {"create": {}, "update": {}, "skip": {}}
        for step in self.steps:
            out[step.action][step.entity] = out[step.action].get(step.entity, 0) + 1
        return out


def _next_id(model: type[Base]) -> int:
    (top,) = db.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.table_name}").fetchone()
    return int(top) + 1


def _match(*tries: tuple[str, int | None]) -> tuple[int | None, str]:
    """The first id found, and by what; (None, "") when none is."""
    for how, found in tries:
        if found is not None:
            return found, how
    return None, ""


def _first(index: dict[Any, int], key: Any, value: int) -> None:
    if key and key not in index:
        index[key] = value


def _db_value(name: str, value: Any) -> Any:
    if name == "amount" and value is not None:
        return Decimal(repr(float(value))).quantize(Decimal("0.01"))
    return value


def _same(stored: Any, given: Any, name: str = "") -> bool:
    if name == "email" and isinstance(stored, str) and isinstance(given, str):
        return stored.casefold() == given.casefold()  # matched on it without case, too
    if isinstance(given, float) and stored is not None:
        return Decimal(str(stored)) == Decimal(repr(given)).quantize(Decimal("0.01"))
    if isinstance(given, dt.date) and isinstance(stored, str):
        return stored == given.isoformat()
    return bool(stored == given)


def _notes(record: Record) -> str:
    lines = [str(record.values.get("notes", ""))] if record.values.get("notes") else []
    return "\n".join(lines + [n for n in record.notes if n not in lines])


class _Planner:
    def __init__(self, book: Book, on_duplicate: OnDuplicate, stamp: dt.datetime) -> None:
        self.book, self.on_duplicate, self.stamp = book, on_duplicate, stamp
        self.system = book.system
        self.plan = Plan(problems=list(book.problems))
        self.ext: dict[tuple[str, str], int] = {}
        for entity, external, eid in db.execute_sql(
            "SELECT entity, external_id, entity_id FROM external_id WHERE system = ?",
            (self.system,),
        ):
            self.ext[(entity, external)] = eid
        self.new_ext: list[dict[str, Any]] = []

    # --- matching --------------------------------------------------------------------

    def _load(self, sql: str) -> list[dict[str, Any]]:
        cursor = db.execute_sql(sql)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _decide(
        self,
        entity: str,
        table: str,
        record: Record,
        found: dict[str, Any] | None,
        fields: tuple[str, ...],
        label: str,
        how: str,
    ) -> dict[str, Any] | None:
        """The changes a matched record gets (None: it is new); records its step."""
        if found is None:
            return None
        if self.on_duplicate == "skip":
            self.plan.steps.append(Step("skip", entity, label, record.place, "exists", how))
            return {}
        given = dict(record.values)
        if "notes" in fields:
            stored_notes = str(found.get("notes") or "")
            extra = [n for n in _notes(record).split("\n") if n and n not in stored_notes]
            given["notes"] = (
                "\n".join(filter(None, [stored_notes, *extra])) if extra else stored_notes
            )
        changes = {
            name: _db_value(name, given[name])
            for name in fields
            if given.get(name) not in (None, "") and not _same(found.get(name), given[name], name)
        }
        if changes:
            self.plan.updates.append((self._model(table), int(found["id"]), changes))
            self.plan.steps.append(
                Step("update", entity, label, record.place, "changed", how, tuple(sorted(changes)))
            )
        else:
            self.plan.steps.append(Step("skip", entity, label, record.place, "unchanged", how))
        return changes

    @staticmethod
    def _model(table: str) -> type[Base]:
        return {"account": Account, "contact": Contact, "deal": Deal}[table]

    def _keep_ext(self, table: str, record: Record, eid: int) -> None:
        if record.ext and (table, record.ext) not in self.ext:
            self.ext[(table, record.ext)] = eid
            self.new_ext.append(
                {
                    "entity": table,
                    "entity_id": eid,
                    "system": self.system,
                    "external_id": record.ext,
                }
            )

    def accounts(self) -> dict[Key, int]:
        rows = self._load(
            "SELECT id, name, owner, search_key, address, phone, email, website, industry, "
            "relationship, notes FROM account ORDER BY id"
        )
        by_id = {r["id"]: r for r in rows}
        by_email: dict[str, int] = {}
        by_domain: dict[str, int] = {}
        by_name: dict[str, int] = {}
        taken: set[tuple[str, str]] = set()
        for r in rows:
            _first(by_email, (r["email"] or "").lower(), r["id"])
            _first(by_domain, domain_of(r["website"] or ""), r["id"])
            _first(by_name, r["search_key"], r["id"])
            taken.add((r["owner"], r["name"]))
        ids: dict[Key, int] = {}
        next_id = _next_id(Account)
        for key, record in self.book.accounts.items():
            name = str(record.values.get("name", "")).strip()
            record.values["name"] = name
            email = str(record.values.get("email", "")).lower()
            domain = domain_of(str(record.values.get("website", "")))
            matched, how = _match(
                ("id", self.ext.get(("account", record.ext)) if record.ext else None),
                ("email", by_email.get(email) if email else None),
                ("domain", by_domain.get(domain) if domain else None),
                ("name", by_name.get(search_key(name))),
            )
            label = repr(name)
            found = by_id.get(matched) if matched is not None else None
            if (
                self._decide("account", "account", record, found, ACCOUNT_FIELDS, label, how)
                is None
            ):
                owner = str(record.values.get("owner", ""))
                if (owner, name) in taken:
                    self.plan.problems.append(
                        RowProblem(record.place, "second_account", {"name": name, "owner": owner})
                    )
                    continue
                taken.add((owner, name))
                matched = next_id
                next_id += 1
                sk, sort = search_key(name), name_sort_key(name)
                values = {n: record.values[n] for n in ACCOUNT_FIELDS if record.values.get(n)}
                values.update(
                    id=matched,
                    notes=_notes(record),
                    search_key=sk,
                    sort_key=sort,
                    name_forms=stored_forms(sk, sort),
                    created_at=self.stamp,
                    updated_at=self.stamp,
                )
                self.plan.inserts.setdefault(Account, []).append(values)
                self.plan.steps.append(Step("create", "account", label, record.place))
                by_name.setdefault(sk, matched)
            assert matched is not None  # found above, or just made
            ids[key] = matched
            if self.plan.steps[-1].action != "skip":  # its summaries change
                self.plan.accounts_touched.add(matched)
            self._keep_ext("account", record, matched)
        return ids

    def account_of(self, ref: Key | None, ids: dict[Key, int], record: Record) -> int | None:
        if ref is None:
            return None
        if ref in ids:
            return ids[ref]
        if ref[0] == "ext" and ("account", ref[1]) in self.ext:
            return self.ext[("account", ref[1])]
        self.plan.problems.append(
            RowProblem(record.place, "unknown_account", {"system": self.system, "id": ref[-1]})
        )
        return None

    def people(self, accounts: dict[Key, int]) -> dict[Key, int]:
        rows = self._load(
            "SELECT id, account_id, name, title, department, phone, email, notes FROM contact"
        )
        by_id = {r["id"]: r for r in rows}
        by_email: dict[str, int] = {}
        by_name: dict[tuple[int, str], int] = {}
        for r in rows:
            _first(by_email, (r["email"] or "").lower(), r["id"])
            by_name.setdefault((r["account_id"], search_key(r["name"])), r["id"])
        ids: dict[Key, int] = {}
        next_id = _next_id(Contact)
        for key, record in self.book.people.items():
            account = self.account_of(record.account, accounts, record)
            if account is None:
                continue
            name = str(record.values.get("name", "")).strip()
            email = str(record.values.get("email", "")).lower()
            matched, how = _match(
                ("id", self.ext.get(("contact", record.ext)) if record.ext else None),
                ("email", by_email.get(email) if email else None),
                ("name_account", by_name.get((account, search_key(name)))),
            )
            found = by_id.get(matched) if matched is not None else None
            if (
                self._decide("person", "contact", record, found, PERSON_FIELDS, repr(name), how)
                is None
            ):
                matched = next_id
                next_id += 1
                values = {n: record.values[n] for n in PERSON_FIELDS if record.values.get(n)}
                values.update(
                    id=matched,
                    account=account,
                    name=name,
                    notes=_notes(record),
                    spoken=name_spoken(name),
                    created_at=self.stamp,
                )
                self.plan.inserts.setdefault(Contact, []).append(values)
                self.plan.steps.append(Step("create", "person", repr(name), record.place))
                by_name.setdefault((account, search_key(name)), matched)
            assert matched is not None  # found above, or just made
            ids[key] = matched
            if self.plan.steps[-1].action != "skip":  # its summaries change
                self.plan.accounts_touched.add(account)
            self._keep_ext("contact", record, matched)
        return ids

    def deals(self, accounts: dict[Key, int]) -> dict[Key, int]:
        rows = self._load(
            "SELECT id, account_id, title, product, amount, completion_date, outcome, funnel "
            "FROM deal"
        )
        by_id = {r["id"]: r for r in rows}
        by_title = {(r["account_id"], search_key(r["title"])): r["id"] for r in reversed(rows)}
        ids: dict[Key, int] = {}
        next_id = _next_id(Deal)
        for key, record in self.book.deals.items():
            account = self.account_of(record.account, accounts, record)
            if account is None:
                continue
            title = str(record.values.get("title", "")).strip()
            matched, how = _match(
                ("id", self.ext.get(("deal", record.ext)) if record.ext else None),
                ("title_account", by_title.get((account, search_key(title)))),
            )
            found = by_id.get(matched) if matched is not None else None
            if self._decide("deal", "deal", record, found, DEAL_FIELDS, repr(title), how) is None:
                matched = next_id
                next_id += 1
                values = {
                    n: _db_value(n, record.values[n])
                    for n in DEAL_FIELDS
                    if record.values.get(n) not in (None, "")
                }
                values.update(
                    id=matched,
                    account=account,
                    title=title,
                    created_at=self.stamp,
                    updated_at=self.stamp,
                )
                self.plan.inserts.setdefault(Deal, []).append(values)
                self.plan.steps.append(Step("create", "deal", repr(title), record.place))
                by_title.setdefault((account, search_key(title)), matched)
            assert matched is not None  # found above, or just made
            ids[key] = matched
            if self.plan.steps[-1].action != "skip":  # its summaries change
                self.plan.accounts_touched.add(account)
            self._keep_ext("deal", record, matched)
        return ids

    def roles(self, people: dict[Key, int], deals: dict[Key, int]) -> None:
        have = {(d, c) for d, c in db.execute_sql("SELECT deal_id, contact_id FROM influence")}
        next_id = _next_id(Influence)
        for (deal_key, person_key), role in self.book.roles.items():
            deal = deals.get(deal_key) or (
                self.ext.get(("deal", deal_key[1])) if deal_key[0] == "ext" else None
            )
            person = people.get(person_key) or (
                self.ext.get(("contact", person_key[1])) if person_key[0] == "ext" else None
            )
            if deal is None or person is None:
                missing = "role_no_deal" if deal is None else "role_no_person"
                self.plan.problems.append(RowProblem(role.place, missing))
                continue
            who = self.book.people.get(person_key)
            what = self.book.deals.get(deal_key)
            label = (
                f"{who.values.get('name', '') if who else f'#{person}'!r} → "
                f"{what.values.get('title', '') if what else f'#{deal}'!r}"
            )
            if (deal, person) in have:
                self.plan.steps.append(
                    Step("skip", "influence", label, role.place, "exists", role=role.role)
                )
                continue
            have.add((deal, person))
            self.plan.inserts.setdefault(Influence, []).append(
                {
                    "id": next_id,
                    "deal": deal,
                    "contact": person,
                    "role": role.role,
                    "added_at": self.stamp,
                }
            )
            next_id += 1
            self.plan.steps.append(Step("create", "influence", label, role.place, role=role.role))


def plan_import(book: Book, on_duplicate: OnDuplicate, stamp: dt.datetime) -> Plan:
    """What importing `book` would do, matched against the open database; writes nothing."""
    planner = _Planner(book, on_duplicate, stamp)
    accounts = planner.accounts()
    people = planner.people(accounts)
    deals = planner.deals(accounts)
    planner.roles(people, deals)
    if planner.new_ext:
        next_id = _next_id(ExternalId)
        for i, row in enumerate(planner.new_ext):
            row["id"] = next_id + i
        planner.plan.inserts[ExternalId] = planner.new_ext
    return planner.plan


# Fields whose Python values SQLite takes as they are: no `db_value` to apply per cell.
_PLAIN = (CharField, TextField, IntegerField, FloatField)


def _sqlite_value(value: Any) -> Any:
    """A field's `db_value` as SQLite stores it: dates and stamps as the text sqlite3's
    adapters write (`str`), amounts as text, flags as integers (a server's BOOLEAN takes
    a flag, not an integer; its dates and amounts take the text)."""
    if isinstance(value, dt.date | Decimal):
        return str(value)
    if isinstance(value, bool) and not db.is_server:
        return int(value)
    return value


def _table(model: type[Base], rows: list[dict[str, Any]]) -> Table:
    """A plan's rows of one table as stored values, every column in the model's order."""
    fields = list(model._meta.sorted_fields)

    def default(f: Any) -> Any:
        d = f.default
        return d() if callable(d) else d

    template = [default(f) for f in fields]
    position = {f.name: i for i, f in enumerate(fields)}
    # Dates, stamps, amounts and flags repeat across rows (one import stamp): each distinct
    # value is converted once.
    convert: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
        (i, f.db_value, {}) for i, f in enumerate(fields) if not isinstance(f, _PLAIN)
    ]
    out: list[tuple[Any, ...]] = []
    for row in rows:
        values = template.copy()  # a row names a few fields; the rest take their default
        for name, value in row.items():
            values[position[name]] = value
        for i, to_db, seen in convert:
            value = values[i]
            if value is not None:
                stored = seen.get(value)
                if stored is None:
                    stored = seen[value] = _sqlite_value(to_db(value))
                values[i] = stored
        out.append(tuple(values))
    return Table(model, fields, out)


class ImportCancelled(Exception):
    """The user stopped an import while it was writing: its transaction was rolled back."""


# Rows written between two progress reports (and two looks at whether to stop).
CHUNK = 2_000


def apply_plan(
    plan: Plan,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write a plan in one transaction: every insert and update, then the summaries.

    `progress` hears how many rows each chunk wrote; when `cancelled` says so between two
    chunks, ImportCancelled is raised and the transaction rolled back: nothing is written.
    """

    def step(n: int) -> None:
        if progress:
            progress(n)
        if cancelled is not None and cancelled():
            raise ImportCancelled

    order: tuple[type[Base], ...] = (Account, Contact, Deal, Influence, ExternalId)
    with db.atomic():
        for model in order:
            rows = plan.inserts.get(model, [])
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                insert_rows(_table(model, chunk), stored=True)
                step(len(chunk))
        for done, (model, rid, changes) in enumerate(plan.updates, start=1):
            if model is Account and "name" in changes:
                sk, sort = search_key(changes["name"]), name_sort_key(changes["name"])
                changes.update(search_key=sk, sort_key=sort, name_forms=stored_forms(sk, sort))
            if model is Contact and "name" in changes:
                changes["spoken"] = name_spoken(changes["name"])
            fields = model._meta.fields
            sets = ", ".join(f"{fields[n].column_name} = ?" for n in changes)
            params = [fields[n].db_value(v) for n, v in changes.items()]
            db.execute_sql(
                f"UPDATE {model._meta.table_name} SET {sets} WHERE id = ?", [*params, rid]
            )
            if done % CHUNK == 0 or done == len(plan.updates):
                step(done % CHUNK or CHUNK)
        touched = plan.accounts_touched
        if touched:
            refresh_summaries(None if len(touched) > _REFRESH_ALL else sorted(touched))
        if cancelled is not None and cancelled():
            raise ImportCancelled


def write_import(
    plan: Plan,
    path: Path | ServerUrl,
    backup: bool,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write a plan to the open database at `path`: a backup first when it held data
    (`backup`: the file existed before the import), then the plan in one transaction."""
    from followup_tui.db.database import keep_copy
    from followup_tui.db.transfer import holds_data

    if not plan.writes():
        return
    if backup and holds_data():
        keep_copy(path, "pre-import")
    apply_plan(plan, progress, cancelled)
