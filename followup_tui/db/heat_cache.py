"""Stored heat: each account's at the end of its last contact day, each activity's after it.

After the last contact heat only decays, so the account list can show today's
heat from this one number, the last contact date and the class's decay rate,
without replaying any history (see `heat.decayed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from followup_tui.core.accounts.heat import HeatModel, heat_model, heat_path
from followup_tui.core.accounts.heat_anchor import anchor_of
from followup_tui.core.base.config import Settings
from followup_tui.core.base.local_days import LocalDays, local_zone
from followup_tui.core.base.records import ActivityRec
from followup_tui.db.connection import db

REPLAY_CHUNK = 5_000  # accounts replayed at a time when all are


def refresh_heat(settings: Settings, account_ids: Iterable[int] | None = None) -> None:
    """Replay the history of some accounts (all when None) and store their heat.

    Stores each activity's running heat (`heat_after`, rewritten only where it
    changed) and each account's heat at its last contact. All accounts are
    replayed a few thousand at a time: a large book's whole history at once
    took most of a gigabyte.
    """
    if account_ids is None:
        every = [r[0] for r in db.execute_sql("SELECT id FROM account ORDER BY id")]
        for start in range(0, len(every), REPLAY_CHUNK):
            refresh_heat(settings, every[start : start + REPLAY_CHUNK])
        return
    params = list(dict.fromkeys(account_ids))
    if not params:
        return
    marks = ", ".join("?" * len(params))
    account_filter = f" WHERE id IN ({marks})"
    activity_filter = f" AND account_id IN ({marks})"
    accounts = db.execute_sql(
        "SELECT id, quadrant, heat_anchor_on, heat_anchor, heat_anchor_after "
        f"FROM account{account_filter}",
        params,
    ).fetchall()
    # Notes are not contacts: they neither heat an account nor reset its cooling.
    cursor = db.execute_sql(
        "SELECT id, account_id, occurred_at, kind, outcome, heat_after FROM activity "
        f"WHERE kind != 'note'{activity_filter} ORDER BY account_id, occurred_at, id",
        params,
    )
    history: dict[int, list[ActivityRec]] = {}
    stored: dict[int, float | None] = {}
    days = LocalDays()
    for rid, account, at, kind, outcome, after in cursor:
        history.setdefault(account, []).append(
            ActivityRec(rid, account, days(str(at)), kind, outcome)
        )
        stored[rid] = after
    models: dict[str | None, HeatModel] = {}
    heats = []
    paths: list[tuple[float, int]] = []
    for account_id, quad, kept_on, kept, held in accounts:
        acts = history.get(account_id)
        model = models.get(quad) or models.setdefault(quad, heat_model(settings, quad))
        kept_day = None if kept_on is None else dt.date.fromisoformat(str(kept_on)[:10])
        anchor = anchor_of(kept_day, kept, held)
        if not acts:
            heats.append((model.start if anchor is None else anchor[1], account_id))
            continue
        path = heat_path(acts, model, anchor)
        paths.extend((h, a.id) for a, h in zip(acts, path, strict=True) if stored[a.id] != h)
        heats.append((round(path[-1], 4), account_id))
    with db.atomic():
        db.cursor().executemany("UPDATE account SET heat = ? WHERE id = ?", heats)
        db.cursor().executemany("UPDATE activity SET heat_after = ? WHERE id = ?", paths)


# The stored heat is only as good as the parameters it was replayed with: their
# fingerprint is kept beside it, and a change of config replays every account.
_META = "CREATE TABLE IF NOT EXISTS cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def heat_fingerprint(settings: Settings) -> str:
    """What the stored values depend on (heat parameters, local zone), as one string."""
    h = settings.heat
    extra = settings.data["heat"].get("no_outcome_gain")
    gains, rates = sorted(h.outcome_gain.items()), sorted(h.decay_per_day.items())
    # Idle days are counted between local days: another zone can give other heat.
    starts = sorted(h.start.items())
    return repr((starts, gains, rates, extra, h.gain_taper_from, local_zone()))


def _stored_fingerprint() -> str | None:
    db.execute_sql(_META)
    row = db.execute_sql("SELECT value FROM cache_meta WHERE key = 'heat'").fetchone()
    return row[0] if row else None


# The settings the open database's heat was last checked or replayed with, so
# that writes whose callers hold no settings (a change of class changes the
# decay rate) can still replay the one account they touched.
_in_use: Settings | None = None


def mark_heat_current(settings: Settings) -> None:
    """Record that every account's stored heat matches these settings."""
    global _in_use
    _in_use = settings
    db.execute_sql(_META)
    db.execute_sql(
        "INSERT INTO cache_meta (key, value) VALUES ('heat', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (heat_fingerprint(settings),),
    )


def forget_heat() -> None:
    """Mark every stored heat stale: the next open with settings replays them all.

    For writes that change histories wholesale (an import) or whose caller has
    no settings at hand; readers then replay instead of trusting stored values.
    """
    db.execute_sql(_META)
    db.execute_sql("DELETE FROM cache_meta WHERE key = 'heat'")


def refresh_account_heat(account_ids: Iterable[int]) -> None:
    """Replay these accounts with the settings in use; without any, mark all heat stale."""
    if _in_use is not None and heat_is_current(_in_use):
        refresh_heat(_in_use, account_ids)
    else:
        forget_heat()


def heat_is_current(settings: Settings) -> bool:
    """Whether the stored heat was replayed with today's heat settings."""
    return _stored_fingerprint() == heat_fingerprint(settings)


def ensure_heat_current(settings: Settings) -> bool:
    """Replay every account if the heat settings changed; True when it had to."""
    global _in_use
    _in_use = settings
    if heat_is_current(settings):
        return False
    if (
        db.is_server
        and not db.execute_sql("SELECT has_table_privilege('account', 'UPDATE')").fetchone()[0]
    ):
        return False  # a team's manager reads the heat its reps' replays stored
    refresh_heat(settings)
    mark_heat_current(settings)
    return True
