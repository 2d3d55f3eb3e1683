"""The fields of the demo's data files: what each record holds, its kind and its default.

`load.record` checks a mapping against one of these field lists. A kind is a
type (`int | None` too), a tuple of allowed values, a nested field list for a
mapping, or `Many(kind)` for a list; a default of REQUIRED makes the key
required, a callable default is called for each record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base import kinds

LANGS = ("en", "zh")

# The order of a sheet's `signals` letters: the twelve signals, then the two traps.
SIGNAL_IDS = (
    "many_questions",
    "spends_time",
    "senior_access",
    "wide_scope",
    "we_sell_ideas",
    "next_steps_together",
    "deep_discussion",
    "studies_demo",
    "no_sudden_objection",
    "price_negotiated",
    "extra_commitments",
    "top_boss_appears",
    "earlier_stage",
    "roles_differ",
)
SIGNAL_LETTERS = {"g": "good", "b": "bad", "u": "unknown", "-": None}


REQUIRED: Any = object()
# A field list: each key's kind and default.
Spec = Mapping[str, tuple[Any, Any]]


@dataclass(frozen=True)
class Many:
    """A list whose items are all of one kind."""

    item: Any


def _req(kind: Any) -> tuple[Any, Any]:
    """A required field of this kind."""
    return (kind, REQUIRED)


_STRS = Many(str)
_PERSON_TEXT = {
    k: _req(str)
    for k in ("title", "department", "interests", "pains", "good_supplier", "responsibility")
}
ACCOUNT: Spec = {
    "key": _req(str),
    "name": _req(str),
    "lang": _req(LANGS),
    "industry": _req(str),
    "time_zone": _req(str),
    "domain": _req(str),
    "class": ((*kinds.CLASSES, None), None),  # missing: not judged yet
    "relationship": _req(kinds.RELATIONSHIP_TYPES),
    "tier": ((*kinds.TIERS, None), None),
    "history": _req(str),
    "people": _req(Many(int)),
    "coach": (int, -1),  # index into `people`; -1 for none
    "topic": _req(str),
    "address": _req(str),
    "boss_birthday_in_days": (int | None, None),
    "profile": (dict, dict),
    "market": (
        {
            "total": _req(int),
            "channels_not_in": _req(int),
            "plan_expected": (int | None, None),
            "plan_actual": (int | None, None),
            "plan_text": (str, ""),
        },
        None,
    ),
    "dormant": (
        {"rejections": _req(int), "stop_reason": _req(str), "start_reason": (str, "")},
        None,
    ),
    "archived_days_ago": (int | None, None),
    "next_step": ({"due_in_days": _req(int), "purpose": _req(str)}, None),
    "snoozed": (int, 0),
    "purchases": ({"months": _req(Many(int)), "amount": _req(int), "years": _req(int)}, None),
    "legacy_crm_id": (str | None, None),
}
PEOPLE: Spec = {
    "positions": _req(
        Many(
            {
                "level": _req(int),
                "call_window": _req(_STRS),
                "en": _req(_PERSON_TEXT),
                "zh": _req(_PERSON_TEXT),
            }
        )
    ),
    "names": _req({"zh": _req(Many(_STRS)), "en": _req(_STRS)}),
}
_NOTE_POOLS = (*kinds.OUTCOMES, "email")
HISTORY: Spec = {
    "steps": _req(dict),
    "histories": _req(dict),
    "notes": _req({lang: _req({p: _req(_STRS) for p in _NOTE_POOLS}) for lang in LANGS}),
    "commitments": _req(
        {lang: _req({"ours": _req(_STRS), "theirs": _req(_STRS)}) for lang in LANGS}
    ),
    "done_purposes": _req({lang: _req(_STRS) for lang in LANGS}),
    "purchase_products": _req({lang: _req(_STRS) for lang in LANGS}),
}
DEAL: Spec = {
    "account": _req(str),
    "title": _req(str),
    "product": _req(str),
    "amount": _req(int),
    "completion_in_days": _req(int),
    "status": _req(kinds.DEAL_STATUSES),
    "funnel": _req(kinds.FUNNEL_LEVELS),
    "outcome": _req(kinds.DEAL_OUTCOMES),
    "position": (int | None, None),
    "alternate_position": (int | None, None),
    "created_days_ago": _req(int),
    "position_why": (str, ""),
    "position_move": (str, ""),
    "position_plan": (str, ""),
    "evidence": _req({k: (str, "") for k in kinds.SSO_INDICATORS}),
    "fit": _req({**{k: _req(kinds.ANSWERS) for k in kinds.FIT_QUESTIONS}, "notes": (str, "")}),
}
_INDEX = int | None  # an index into another list of the same sheet, or none
SHEET: Spec = {
    "influences": (
        Many(
            {
                "person": _req(int),  # index into the account's people
                "role": _req(kinds.ROLES),
                "mode": ((*kinds.RESPONSE_MODES, None), None),
                "degree": ((*kinds.DEGREES, None), None),
                "rating": (int | None, None),
                "contacted": _req(bool),
                "results": (str, ""),
                "personal_win": (str, ""),
                "mode_evidence": (str, ""),
                "rating_evidence": (str, ""),
            }
        ),
        list,
    ),
    "bullets": (
        Many(
            {
                "category": _req(kinds.BULLET_CATEGORIES),
                "text": _req(str),
                "influence": (_INDEX, None),
            }
        ),
        list,
    ),
    "landmines": (
        Many(
            {
                "category": _req(kinds.LANDMINE_CATEGORIES),
                "text": _req(str),
                "influence": (_INDEX, None),
                "bullet": (_INDEX, None),
                "resolved": (bool, False),
            }
        ),
        list,
    ),
    "actions": (
        Many(
            {
                "who": _req(str),
                "what": _req(str),
                "due_in_days": _req(int),
                "done": (bool, False),
                "landmine": (_INDEX, None),
                "target": (str, ""),
            }
        ),
        list,
    ),
    "signals": (str, ""),
    "review": (
        {
            "days_ago": _req(int),
            "score": _req(int),
            "comments": (str, ""),
            "reviewer": (str, ""),
            "verdict": (str, ""),
        },
        None,
    ),
}
SHEETS: Spec = {
    "role_evidence": _req({lang: _req({r: _req(str) for r in kinds.ROLES}) for lang in LANGS}),
    "sheets": _req(dict),
}
STEP: Spec = {"kind": _req(kinds.CONTACT_KINDS), "outcome": _req(kinds.OUTCOMES)}
