"""What the spreadsheet, calendar, contacts and dossier exports read.

The spreadsheet tables are the JSON export's own (`transfer.export_document`): the
same rows and columns, so a CSV or workbook carries exactly what the JSON does and
the formats can never drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from followup_tui.core.base.config import Settings
from followup_tui.core.transfer.calendar_file import CalendarEntry
from followup_tui.core.transfer.dossier import Dossier
from followup_tui.core.transfer.vcard_file import PersonCard
from followup_tui.db.accounts import entry_of
from followup_tui.db.connection import db
from followup_tui.db.export_schema import columns, table_key
from followup_tui.db.models import ALL_MODELS
from followup_tui.db.transfer import export_document


class ExportTable(NamedTuple):
    """One table of the export: its name, its column names and its rows."""

    name: str
    headers: list[str]
    rows: list[list[Any]]


def export_tables(today: dt.date, settings: Settings) -> list[ExportTable]:
    """Every table of the JSON export as rows, in the JSON export's order."""
    doc = export_document(today, settings)
    out = []
    for model in ALL_MODELS:
        key = table_key(model)
        headers = [k for k, _ in columns(model)]
        if key == "accounts":
            headers.append("heat")  # the heat on `today`, as the JSON export gives it
        out.append(ExportTable(key, headers, [[r.get(h) for h in headers] for r in doc[key]]))
    return out


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _made(text: str | None) -> str:
    """A creation moment as UID text: 20261122T100000."""
    moment = _moment(text)
    return moment.strftime("%Y%m%dT%H%M%S") if moment else "0"


def calendar_entries(settings: Settings) -> list[CalendarEntry]:
    """Open follow-ups and open best actions with a due day, of live accounts, by day."""
    follow_word = settings.word("export_calendar_follow_up")
    action_word = settings.word("export_calendar_best_action")
    entries = []
    for rid, created, due, purpose, account, person, phone in db.execute_sql(
        "SELECT f.id, f.created_at, f.due, f.purpose, a.name, c.name, c.phone "
        "FROM follow_up f JOIN account a ON a.id = f.account_id "
        "LEFT JOIN contact c ON c.id = f.contact_id "
        "WHERE NOT f.done AND NOT a.archived ORDER BY f.due, f.id"
    ):
        who = " ".join(p for p in (person or "", phone or "") if p)
        entries.append(
            CalendarEntry(
                "follow_up",
                rid,
                _moment(created),
                dt.date.fromisoformat(due),
                # With no purpose the frame's own colon is left dangling: drop it.
                follow_word.format(account=account, purpose=purpose or "").rstrip(" :：　"),
                "\n".join(p for p in (purpose or "", who) if p),
            )
        )
    for rid, created, due, who, what, deal, account in db.execute_sql(
        "SELECT b.id, b.created_at, b.due, b.who, b.what, d.title, a.name "
        "FROM best_action b JOIN deal d ON d.id = b.deal_id "
        "JOIN account a ON a.id = d.account_id "
        "WHERE NOT b.done AND b.due IS NOT NULL AND NOT a.archived AND d.outcome = 'open' "
        "ORDER BY b.due, b.id"
    ):
        entries.append(
            CalendarEntry(
                "best_action",
                rid,
                _moment(created),
                dt.date.fromisoformat(due),
                action_word.format(account=account, deal=deal, what=what).strip(),
                "\n".join(p for p in (what, who, deal) if p),
            )
        )
    entries.sort(key=lambda e: (e.due, e.table, e.record_id))
    return entries


def person_cards() -> list[PersonCard]:
    """Every key person of a live account, as a contact card, by account then name."""
    return [
        PersonCard(
            f"followup-contact-{rid}-{_made(created)}@followup",
            name,
            account,
            title or "",
            department or "",
            phone or "",
            email or "",
            notes or "",
        )
        for rid, created, name, account, title, department, phone, email, notes in db.execute_sql(
            "SELECT c.id, c.created_at, c.name, a.name, c.title, c.department, c.phone, "
            "c.email, c.notes FROM contact c JOIN account a ON a.id = c.account_id "
            "WHERE NOT a.archived ORDER BY a.sort_key, a.id, c.name, c.id"
        )
    ]


def _dicts(sql: str, *params: object) -> list[dict[str, Any]]:
    cursor = db.execute_sql(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def account_dossier(account_id: int, today: dt.date, settings: Settings) -> Dossier:
    """One account with its people, deals, open follow-ups and whole timeline."""
    account = _dicts("SELECT * FROM account WHERE id = ?", account_id)
    if not account:
        raise LookupError(f"no account {account_id}")
    entry = entry_of(account_id, today, dict(settings.heat.decay_per_day))
    people = _dicts("SELECT * FROM contact WHERE account_id = ? ORDER BY name, id", account_id)
    return Dossier(
        account=account[0],
        heat=entry.heat if entry is not None else 0.0,
        people=people,
        deals=_dicts(
            "SELECT * FROM deal WHERE account_id = ? ORDER BY outcome != 'open', "
            "completion_date IS NULL, completion_date, id",
            account_id,
        ),
        follow_ups=_dicts(
            "SELECT * FROM follow_up WHERE account_id = ? AND NOT done ORDER BY due, id",
            account_id,
        ),
        activities=_dicts(
            "SELECT * FROM activity WHERE account_id = ? ORDER BY occurred_at DESC, id DESC",
            account_id,
        ),
        people_by_id={p["id"]: p["name"] for p in people},
    )
