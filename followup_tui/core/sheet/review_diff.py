"""What changed on a blue sheet between two reviews.

`snapshot` is the JSON-able sheet a review stores; `review_diff` compares two
of them, everything a manager asks about: the position and alternate position,
the deal's fields, ideal-customer fit, people added or gone and their role, mode,
rating, influence and contact, landmines added, cleared or disarmed, bullets
added or gone, best actions added, done, replanned or dropped, signals that
changed their answer, and (when the snapshots kept them) completeness and the
verdict. The words are the sheet rules' (`completeness.words_for`).

Snapshots written by older versions lack some of these keys: a comparison whose
key either side lacks is skipped, never reported as a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS
from followup_tui.core.sheet.completeness import completeness, words_for
from followup_tui.core.sheet.deal_verdict import deal_verdict
from followup_tui.core.sheet.landmines import sheet_landmines
from followup_tui.core.sheet.position import kind_label
from followup_tui.core.sheet.room import Room, coach_words
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    good_replies,
    position_word,
    rating_word,
    reply_word,
    signal_specs,
    trap_specs,
)


class ReviewChange(NamedTuple):
    """One line of what changed; `private` when it says the position, the verdict or
    something of a person (their mode, rating, a landmine or bullet tied to them or naming
    anyone on the sheet, a best action naming a coach), so a shared screen leaves it out.
    Decided from the snapshot's fields and names (`core.sheet.room`)."""

    text: str
    private: bool = False


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def snapshot(
    sheet: BlueSheet, today: date | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """The sheet as a review stores it (JSON-able), for the next review to diff against.

    Given `today` and `settings` it also keeps the completeness score, the verdict kind
    (`deal_verdict`) and the landmine count of that day, so the next review can say
    they moved.
    """
    deal = sheet.deal
    judged: dict[str, Any] = {}
    if today is not None and settings is not None:
        found = sheet_landmines(sheet, today, settings)
        judged = {
            "completeness": completeness(sheet, today, settings).score,
            "verdict": deal_verdict(sheet, today, settings, found).kind,
            "found": len(found),
        }
    return judged | {
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
        "fit": {q: deal.fit(q) for q in FIT_QUESTIONS},
        "bullets": [
            {"id": b.id, "category": b.category, "text": b.text, "influence_id": b.influence_id}
            for b in sheet.bullets
        ],
        "actions": [
            {
                "id": a.id,
                "who": a.who,
                "what": a.what,
                "due": None if a.due is None else str(a.due),
                "done": a.done,
            }
            for a in sheet.actions
        ],
        "landmines": [
            {
                "id": m.id,
                "category": m.category,
                "text": m.text,
                "resolved": m.resolved,
                "bullet_id": m.bullet_id,
                "influence_id": m.influence_id,
            }
            for m in sheet.landmines
        ],
        "signals": {s.signal: s.answer for s in sheet.signals},
    }


def kept_judgement(review: Mapping[str, Any]) -> dict[str, Any]:
    """A finished review's snapshot, with the score and verdict its row kept filled in where
    the snapshot lacks them (older snapshots, the demo's): the next diff can say they moved."""
    kept = dict(review.get("snapshot") or {})
    if kept.get("completeness") is None and review.get("score") is not None:
        kept["completeness"] = review["score"]
    if not kept.get("verdict") and review.get("verdict"):
        kept["verdict"] = review["verdict"]
    return kept


def _by_id(rows: Any) -> dict[Any, dict[str, Any]]:
    return {row.get("id"): row for row in rows or () if isinstance(row, dict)}


class _Words:
    """Display words for a diff: config labels when settings are given, raw keys if not."""

    def __init__(self, settings: Settings | None, room: Room | None = None) -> None:
        self.settings = settings
        self.w = words_for(settings)
        self.room = room or Room(())

    def label(self, section: str, key: Any) -> str:
        if key is None:
            return "-"
        return self.settings.label(section, str(key)) if self.settings else str(key)

    def pos(self, value: Any) -> str:
        if value is None:
            return "-"
        return position_word(int(value), self.settings) if self.settings else rating_word(value)

    def reply(self, sid: str, answer: str) -> str:
        """A signal's answer as its question reads: 'No (bad)'; the raw key without settings."""
        if self.settings is None:
            return str(answer)
        return reply_word(answer, good_replies(self.settings).get(sid, "yes"), self.settings)

    def verdict(self, kind: Any) -> str:
        return kind_label(str(kind), self.settings) if self.settings else str(kind)

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


def _deal_lines(old: Mapping[str, Any], new: Mapping[str, Any], say: _Words) -> list[ReviewChange]:
    w, lines = say.w, []
    if old.get("position") != new.get("position"):
        was, now = old.get("position"), new.get("position")
        rose = now is not None and (was is None or now > was)
        text = w["rose" if rose else "slid"].format(old=say.pos(was), new=say.pos(now))
        lines.append(ReviewChange(text, private=True))
    if old.get("alternate_position") != new.get("alternate_position"):
        was, now = old.get("alternate_position"), new.get("alternate_position")
        text = w["alternate_moved"].format(old=say.pos(was), new=say.pos(now))
        lines.append(ReviewChange(text, private=True))
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
            text = w["field"].format(field=w[key], old=was or "-", new=now or "-")
            lines.append(ReviewChange(text))
    return lines


def _influence_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    """Every line here is about a person: all of them private."""
    return [ReviewChange(text, private=True) for text in _people_lines(old, new, say)]


def _people_lines(old: Any, new: Any, say: _Words) -> list[str]:
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
            ("degree", "influence_degrees", "degree_moved"),
        ):
            if key in was and was.get(key) != now.get(key):
                a, b = was.get(key), now.get(key)
                a, b = (say.label(section, v) if section else rating_word(v) for v in (a, b))
                lines.append(w[word].format(name=name(iid), old=a, new=b))
        if "contacted" in was and not was["contacted"] and now.get("contacted"):
            lines.append(w["now_contacted"].format(name=name(iid)))
    lines.extend(w["removed"].format(name=name(iid)) for iid in before if iid not in after)
    return lines


def _tied(say: _Words, *rows: Mapping[str, Any] | None) -> bool:
    """Whether a landmine or bullet is tied to a person in either snapshot, or names
    someone on the sheet in either."""
    return any(
        row is not None
        and (row.get("influence_id") is not None or say.room.names_anyone(str(row.get("text"))))
        for row in rows
    )


def _landmine_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)
    for mid, now in after.items():
        was, text = before.get(mid), now.get("text", "")
        key = None
        if was is None:
            key = None if now.get("resolved") else "mine_added"
        elif bool(was.get("resolved")) != bool(now.get("resolved")):
            key = "mine_cleared" if now.get("resolved") else "mine_reopened"
        elif "bullet_id" in was and was["bullet_id"] is None and now.get("bullet_id") is not None:
            key = "mine_disarmed"
        if key is not None:
            lines.append(ReviewChange(w[key].format(text=text), _tied(say, was, now)))
    lines.extend(
        ReviewChange(w["mine_cleared"].format(text=was.get("text", "")), _tied(say, was))
        for mid, was in before.items()
        if mid not in after and not was.get("resolved")
    )
    return lines


def _fit_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return []
    return [
        ReviewChange(
            say.w["field"].format(
                field=say.label("fit_questions", q),
                old=say.label("answers", old[q]),
                new=say.label("answers", new[q]),
            )
        )
        for q in FIT_QUESTIONS
        if q in old and q in new and old[q] != new[q]
    ]


def _bullet_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    if old is None or new is None:
        return []  # an older snapshot kept no bullets
    before, after = _by_id(old), _by_id(new)
    lines = [
        ReviewChange(say.w["bullet_added"].format(text=b.get("text", "")), _tied(say, b))
        for i, b in after.items()
        if i not in before
    ]
    lines += [
        ReviewChange(say.w["bullet_gone"].format(text=b.get("text", "")), _tied(say, b))
        for i, b in before.items()
        if i not in after
    ]
    return lines


def _action_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    """Best actions added, done, replanned or dropped; private when they name a coach
    (who does it, or in what it does): the rep and everyone else show."""
    if old is None or new is None:
        return []  # an older snapshot kept no best actions
    return [
        ReviewChange(text, say.room.names_coach(text)) for text, _ in _action_texts(old, new, say)
    ]


def _action_texts(old: Any, new: Any, say: _Words) -> list[tuple[str, str]]:
    w, lines = say.w, []
    before, after = _by_id(old), _by_id(new)

    def what(row: Mapping[str, Any]) -> str:
        who, text = str(row.get("who") or ""), str(row.get("what") or "")
        return w["who_what"].format(who=who, what=text) if who else text

    for aid, now in after.items():
        was = before.get(aid)
        who = str(now.get("who") or "")
        if was is None:
            lines.append((w["action_added"].format(what=what(now)), who))
        elif now.get("done") and not was.get("done"):
            lines.append((w["action_done"].format(what=what(now)), who))
        elif was.get("due") != now.get("due"):
            old_due, new_due = was.get("due") or "-", now.get("due") or "-"
            text = w["action_due"].format(what=what(now), old=old_due, new=new_due)
            lines.append((text, who))
    lines += [
        (w["action_dropped"].format(what=what(a)), str(a.get("who") or ""))
        for i, a in before.items()
        if i not in after
    ]
    return lines


def _judged_lines(
    old: Mapping[str, Any], new: Mapping[str, Any], say: _Words
) -> list[ReviewChange]:
    w, lines = say.w, []
    was, now = old.get("completeness"), new.get("completeness")
    if was is not None and now is not None and was != now:
        lines.append(ReviewChange(w["score_moved"].format(old=was, new=now)))
    was, now = old.get("found"), new.get("found")
    if was is not None and now is not None and was != now:
        lines.append(ReviewChange(w["found_moved"].format(old=was, new=now)))
    if old.get("verdict") and new.get("verdict") and old["verdict"] != new["verdict"]:
        text = w["verdict_moved"].format(
            old=say.verdict(old["verdict"]), new=say.verdict(new["verdict"])
        )
        lines.append(ReviewChange(text, private=True))
    return lines


def _signal_lines(old: Any, new: Any, say: _Words) -> list[ReviewChange]:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return []  # an older snapshot kept no signals: nothing to compare
    questions = say.questions()
    return [
        ReviewChange(
            say.w["signal_moved"].format(
                question=questions.get(sid, sid),
                old=say.reply(sid, old.get(sid, "unknown")),
                new=say.reply(sid, answer),
            )
        )
        for sid, answer in new.items()
        if old.get(sid, "unknown") != answer
    ]


def review_diff(
    previous_snapshot: Mapping[str, Any],
    current_snapshot: Mapping[str, Any],
    settings: Settings | None = None,
) -> list[str]:
    """What changed between two review snapshots, one line each: completeness and
    verdict first, then the position, the deal, fit, people, landmines, bullets,
    best actions and signals.

    Without `settings` the lines are English with raw keys. Older snapshots may
    lack some keys (names, signals): those comparisons are skipped or shown by id.
    """
    return [change.text for change in review_changes(previous_snapshot, current_snapshot, settings)]


def review_changes(
    previous_snapshot: Mapping[str, Any],
    current_snapshot: Mapping[str, Any],
    settings: Settings | None = None,
) -> list[ReviewChange]:
    """`review_diff`'s lines, each marked private when a shared screen must not show it."""
    prev, cur = previous_snapshot, current_snapshot
    people = [*(prev.get("influences") or ()), *(cur.get("influences") or ())]
    room = Room(
        (
            (str(p.get("name") or ""), str(p.get("role") or ""))
            for p in people
            if isinstance(p, dict)
        ),
        coach_words(settings),
    )
    say = _Words(settings, room)
    return [
        *_judged_lines(prev, cur, say),
        *_deal_lines(prev.get("deal") or {}, cur.get("deal") or {}, say),
        *_fit_lines(prev.get("fit"), cur.get("fit"), say),
        *_influence_lines(prev.get("influences"), cur.get("influences"), say),
        *_landmine_lines(prev.get("landmines"), cur.get("landmines"), say),
        *_bullet_lines(prev.get("bullets"), cur.get("bullets"), say),
        *_action_lines(prev.get("actions"), cur.get("actions"), say),
        *_signal_lines(prev.get("signals"), cur.get("signals"), say),
    ]
