"""An account's dossier in Markdown: its profile, key people, deals and whole timeline.

For a handover, a visit or a printout: everything known about one customer on
one page, in the rep's language. Notes are quoted whole, their line breaks kept
(a Markdown line break each), and text that Markdown would read as markup is
escaped, so a note is printed as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from followup_tui.core.accounts.profile_fields import PROFILE_GROUPS
from followup_tui.core.base.config import Settings

Row = Mapping[str, Any]

# Characters Markdown may read as markup at any place in a line.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|#])")
# A list item's or numbered item's start (`#` and `>` are escaped anywhere already).
_LIST_START = re.compile(r"^(\s*)([-+*])(?=\s)")
_NUMBERED_START = re.compile(r"^(\s*\d+)([.)])(?=\s)")


# A key person's fields in the dossier, with the words the account page labels them by.
_PERSON_WORDS = (
    ("phone", "col_phone"),
    ("email", "col_email"),
    ("interests", "col_interests"),
    ("pains", "col_pains"),
    ("good_supplier", "person_good_supplier"),
    ("notes", "col_notes"),
)

_PROMISE_WORDS = (
    ("our_commitments", "col_we_promised"),
    ("their_commitments", "col_they_promised"),
)


class Dossier(NamedTuple):
    """One account and its records, as plain rows."""

    account: Row
    heat: float
    people: Sequence[Row]
    deals: Sequence[Row]
    follow_ups: Sequence[Row]  # open ones
    activities: Sequence[Row]  # newest first
    people_by_id: Mapping[int, str]


def md_text(text: object, *, block: bool = False) -> str:
    """Text as Markdown shows it: markup escaped, each line break kept.

    A line that starts like a list item, a quote or a heading would become one, so
    such starts are escaped too: on every line of a `block` (a paragraph of its own),
    on the later lines of inline text (the first follows a label).
    """
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        line = _MARKUP.sub(r"\\\1", line)
        if block or i > 0:
            # "- x" becomes "\- x"; "1. x" becomes "1\. x" (a backslash before a digit
            # is not an escape in Markdown, and would print).
            line = _NUMBERED_START.sub(r"\1\\\2", _LIST_START.sub(r"\1\\\2", line))
        out.append(line)
    return "  \n".join(out)


def _shown(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dossier_markdown(d: Dossier, settings: Settings) -> str:
    """The dossier as one Markdown document."""
    w = settings.word
    a = d.account
    out = [f"# {md_text(a['name'])}", ""]
    facts = [
        (w("class"), a.get("quadrant") or w("export_dossier_unclassified")),
        (w("relationship"), settings.label("relationship_types", a.get("relationship"))),
        (w("tier"), settings.label("tiers", a.get("tier")) if a.get("tier") else ""),
        (w("heat"), f"{d.heat:.0f}"),
        (w("next_follow_up"), _shown(a.get("next_follow_up"))),
        (w("last_contact"), _shown(a.get("last_contact_at"))[:10]),
    ]
    out += [f"- **{md_text(k)}**: {md_text(v)}" for k, v in facts if v]
    for group, fields in PROFILE_GROUPS:
        filled = [(f, _shown(a.get(f))) for f in fields if _shown(a.get(f))]
        if not filled:
            continue
        out += ["", f"## {md_text(w('group_' + group))}", ""]
        out += [f"- **{md_text(w('field_' + f))}**: {md_text(v)}" for f, v in filled]
    if a.get("notes"):
        heading = f"## {md_text(w('find_in_account_notes'))}"
        out += ["", heading, "", md_text(a["notes"], block=True)]
    out += ["", f"## {md_text(w('tab_people'))}", ""]
    if not d.people:
        out.append(md_text(w("export_dossier_none")))
    for p in d.people:
        head = " · ".join(md_text(x) for x in (p["name"], p.get("title"), p.get("department")) if x)
        out.append(f"### {head}")
        out.append("")
        for key, label in _PERSON_WORDS:
            if p.get(key):
                out.append(f"- **{md_text(w(label))}**: {md_text(p[key])}")
        out.append("")
    out += [f"## {md_text(w('tab_deals'))}", ""]
    if not d.deals:
        out.append(md_text(w("export_dossier_none")))
    for deal in d.deals:
        bits = [
            _shown(deal.get("amount")),
            _shown(deal.get("completion_date")),
            settings.label("deal_outcomes", deal.get("outcome")),
        ]
        tail = " · ".join(md_text(b) for b in bits if b)
        out.append(f"- **{md_text(deal['title'])}**" + (f": {tail}" if tail else ""))
    out += ["", f"## {md_text(w('tab_follow_ups'))}", ""]
    if not d.follow_ups:
        out.append(md_text(w("export_dossier_none")))
    for f in d.follow_ups:
        out.append(f"- {md_text(_shown(f['due']))} {md_text(f.get('purpose') or '')}".rstrip())
    out += ["", f"## {md_text(w('tab_timeline'))}", ""]
    if not d.activities:
        out.append(md_text(w("export_dossier_none")))
    for act in d.activities:
        parts = [
            _shown(act["occurred_at"])[:16],
            settings.label("activity_kinds", act.get("kind")),
            settings.label("outcomes", act.get("outcome")) if act.get("outcome") else "",
            d.people_by_id.get(act.get("contact_id") or 0, ""),
        ]
        out.append("### " + " · ".join(md_text(h) for h in parts if h))
        out.append("")
        if act.get("notes"):
            out += [md_text(act["notes"], block=True), ""]
        for key, label in _PROMISE_WORDS:
            if act.get(key):
                out += [f"- **{md_text(w(label))}**: {md_text(act[key])}"]
        if act.get("our_commitments") or act.get("their_commitments"):
            out.append("")
    return "\n".join(out).rstrip() + "\n"
