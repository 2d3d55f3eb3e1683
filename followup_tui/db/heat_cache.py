"""The stored heat of each account: its heat at the end of its last contact day.

After the last contact heat only decays, so the account list can show today's
heat from this one number, the last contact date and the class's decay rate,
without replaying any history (see `account_list.current_heat`).
"""

from __future__ import annotations

from collections.abc import Iterable

from followup_tui.config import Settings
from followup_tui.db.accounts import LocalDays
from followup_tui.db.models import db
from followup_tui.heat import heat_model, scan_heat
from followup_tui.records import ActivityRec


def refresh_heat(settings: Settings, account_ids: Iterable[int] | None = None) -> None:
    """Replay the history of some accounts (all when None) and store their heat."""
    params: list[int] = []
    account_filter = activity_filter = ""
    if account_ids is not None:
        params = list(dict.fromkeys(account_ids))
        if not params:
            return
        marks = ", ".join("?" * len(params))
        account_filter = f" WHERE id IN ({marks})"
        activity_filter = f" AND account_id IN ({marks})"
    accounts = db.execute_sql(
        f"SELECT id, quadrant FROM account{account_filter}", params
    ).fetchall()
    # Notes are not contacts: they neither heat an account nor reset its cooling.
    cursor = db.execute_sql(
        "SELECT id, account_id, occurred_at, kind, outcome FROM activity "
        f"WHERE kind != 'note'{activity_filter} ORDER BY account_id, occurred_at",
        params,
    )
    history: dict[int, list[ActivityRec]] = {}
    days = LocalDays()
    for rid, account, at, kind, outcome in cursor:
        history.setdefault(account, []).append(
            ActivityRec(rid, account, days(str(at)), kind, outcome)
        )
    models = {}
    updates = []
    for account_id, quad in accounts:
        acts = history.get(account_id)
        model = models.get(quad) or models.setdefault(quad, heat_model(settings, quad))
        if not acts:
            updates.append((settings.heat.start, account_id))
            continue
        facts = scan_heat(acts, acts[-1].occurred_on, model, trend_days=1, window_days=1)
        updates.append((round(facts.value, 4), account_id))
    with db.atomic():
        db.cursor().executemany("UPDATE account SET heat = ? WHERE id = ?", updates)


# The stored heat is only as good as the parameters it was replayed with: their
# fingerprint is kept beside it, and a change of config replays every account.
_META = "CREATE TABLE IF NOT EXISTS cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def heat_fingerprint(settings: Settings) -> str:
    """The heat parameters the stored values depend on, as one string."""
    h = settings.heat
    extra = settings.data["heat"].get("no_outcome_gain")
    return repr((h.start, sorted(h.outcome_gain.items()), sorted(h.decay_per_day.items()), extra))


def _stored_fingerprint() -> str | None:
    db.execute_sql(_META)
    row = db.execute_sql("SELECT value FROM cache_meta WHERE key = 'heat'").fetchone()
    return row[0] if row else None


def mark_heat_current(settings: Settings) -> None:
    """Record that every account's stored heat matches these settings."""
    db.execute_sql(_META)
    db.execute_sql(
        "INSERT OR REPLACE INTO cache_meta (key, value) VALUES ('heat', ?)",
        (heat_fingerprint(settings),),
    )


def heat_is_current(settings: Settings) -> bool:
    """Whether the stored heat was replayed with today's heat settings."""
    return _stored_fingerprint() == heat_fingerprint(settings)


def ensure_heat_current(settings: Settings) -> bool:
    """Replay every account if the heat settings changed; True when it had to."""
    if heat_is_current(settings):
        return False
    refresh_heat(settings)
    mark_heat_current(settings)
    return True
