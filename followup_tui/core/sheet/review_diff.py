"""What changed on a blue sheet between two reviews.

`snapshot` is the JSON-able sheet a review stores; `review_diff` compares two
of them: position slid or rose, people added or gone, ratings and modes moved,
landmines added, cleared or disarmed, signals that changed their answer. The
words are the sheet rules' (`completeness.words_for`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.sheet.completeness import words_for
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    position_word,
    rating_word,
    signal_specs,
    trap_specs,
)


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def snapshot(sheet: BlueSheet) -> dict[str, Any]:
    """The sheet as a review stores it (JSON-able), for the next review to diff against."""
    deal = sheet.deal
    return {
        "deal": {
            "title": deal.title,
            "amount": _money(deal.amount),
            "completion_date": None if deal.completion_date is None else str(deal.completion_date),
            "status": deal.status,
            "funnel": deal.funnel,
            "outcome": deal.outcome,
            "position": deal.position,
            "alternate_position": deal.alternate_position,
        },
        "influences": [
            {
                "id": i.id,
                "contact_id": i.contact_id,
                "name": i.name,
                "role": i.role,
                "mode": i.mode,
                "rating": i.rating,
                "degree": i.degree,
                "contacted": i.contacted,
            }
            for i in sheet.influences
        ],
        "landmines": [
            {
                "id": m.id,
                "category": m.category,
                "text": m.text,
                "resolved": m.resolved,
                "bullet_id": m.bullet_id,
            }
            for m in sheet.landmines
        ],
        "signals": {s.signal: s.answer for s in sheet.signals},
    }


def _by_id(rows: Any) -> dict[Any, dict[str, Any]]:
    return {row.get("id"): row for row in rows or () if isinstance(row, dict)}


class _Words:
    """Display words for a diff: config labels when settings are given, raw keys if not."""

    def __init__(self, settings: Settings | None) -> None:
        self.settings = settings
        self.w = words_for(settings)

    def label(self, section: str, key: Any) -> str:
        if key is None:
            return "-"
        return self.settings.label(section, str(key)) if self.settings else str(key)

    def pos(self, value: Any) -> str:
        if value is None:
            return "-"
        return position_word(int(value), self.settings) if self.settings else rating_word(value)

    def questions(self) -> dict[str, str]:
        if self.settings is None:
            return {}
        return {sid: q for sid, _, q in signal_specs(self.settings)} | dict(
            trap_specs(self.settings)
        )


DEAL_FIELDS = {
    "status": "deal_statuses",
    "funnel": "funnel_levels",
    "outcome": "deal_outcomes",
    "amount": None,
    "completion_date": None,
}


def _deal_lines(old: Mapping[str, Any], new: Mapping[str, Any], say: _Words) -> list[str]:
    w, lines = say.w, []
    if old.get("position") != new.get("position"):
        was, now = old.get("position"), new.get("position")
        rose = now is not None and (was is None or now > was)
        lines.append(w["rose" if rose else "slid"].format(old=say.pos(was), new=say.pos(now)))
    if old.get("alternate_position") != new.get("alternate_position"):
        was, now = old.get("alternate_position"), new.get("alternate_position")
        lines.append(w["alternate_moved"].format(old=say.pos(was), new=say.pos(now)))
    for key, section in DEAL_FIELDS.items():
        if key not in old or key not in new:
            continue  # an older snapshot did not keep it
        was, now = old[key], new[key]
        if key == "amount":  # 1280000 and 1280000.0 are the same amount
            was, now = (None if v is None else Decimal(str(v)) for v in (was, now))
        if was != now:
            if section is not None:
                was, now = say.label(section, was), say.label(section, now)
            elif key == "amount":
                was, now = (
                    None if v is None else f"{v:,.2f}".removesuffix(".00") for v in (was, now)
                )
            lines.append(w["field"].format(field=w[key], old=was or "-", new=now or "-"))
    return lines


def _influence_lines(old: Any, new: Any, say: _Words) -> list[str]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)

    def name(iid: Any) -> str:
        # Older snapshots kept no names: today's name, else the contact's id.
        row = after.get(iid) or before[iid]
        return str(row.get("name") or before.get(iid, {}).get("name") or f"#{iid}")

    for iid, now in after.items():
        was = before.get(iid)
        if was is None:
            lines.append(w["added"].format(name=name(iid), role=say.label("roles", now["role"])))
            continue
        for key, section, word in (
            ("role", "roles", "role_moved"),
            ("rating", None, "rating_moved"),
            ("mode", "response_modes", "mode_moved"),
        ):
            if key in was and was.get(key) != now.get(key):
                a, b = was.get(key), now.get(key)
                a, b = (say.label(section, v) if section else rating_word(v) for v in (a, b))
                lines.append(w[word].format(name=name(iid), old=a, new=b))
    lines.extend(w["removed"].format(name=name(iid)) for iid in before if iid not in after)
    return lines


def _landmine_lines(old: Any, new: Any, say: _Words) -> list[str]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)
    for mid, now in after.items():
        was, text = before.get(mid), now.get("text", "")
        if was is None:
            if not now.get("resolved"):
                lines.append(w["mine_added"].format(text=text))
        elif bool(was.get("resolved")) != bool(now.get("resolved")):
            key = "mine_cleared" if now.get("resolved") else "mine_reopened"
            lines.append(w[key].format(text=text))
        elif "bullet_id" in was and was["bullet_id"] is None and now.get("bullet_id") is not None:
            lines.append(w["mine_disarmed"].format(text=text))
    lines.extend(
        w["mine_cleared"].format(text=was.get("text", ""))
        for mid, was in before.items()
        if mid not in after and not was.get("resolved")
    )
    return lines


def _signal_lines(old: Any, new: Any, say: _Words) -> list[str]:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return []  # an older snapshot kept no signals: nothing to compare
    questions = say.questions()
    return [
        say.w["signal_moved"].format(
            question=questions.get(sid, sid),
            old=say.label("answers", old.get(sid, "unknown")),
            new=say.label("answers", answer),
        )
        for sid, answer in new.items()
        if old.get(sid, "unknown") != answer
    ]


def review_diff(
    previous_snapshot: Mapping[str, Any],
    current_snapshot: Mapping[str, Any],
    settings: Settings | None = None,
) -> list[str]:
    """What changed between two review snapshots, one line each, position first.

    Without `settings` the lines are English with raw keys. Older snapshots may
    lack some keys (names, signals): those comparisons are skipped or shown by id.
    """
    say = _Words(settings)
    prev, cur = previous_snapshot, current_snapshot
    return [
        *_deal_lines(prev.get("deal") or {}, cur.get("deal") or {}, say),
        *_influence_lines(prev.get("influences"), cur.get("influences"), say),
        *_landmine_lines(prev.get("landmines"), cur.get("landmines"), say),
        *_signal_lines(prev.get("signals"), cur.get("signals"), say),
    ]
