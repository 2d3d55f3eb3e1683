"""What a shared screen may say about the people on a sheet: presentation mode's rules.

A deal review is often shown to a room that includes the customer. Two things must
never reach it: who our coach is, and what we think of a person. The data decides
most of it (a landmine tied to someone, a rule's finding on someone); the rest is
free text the rep wrote, and there the only way to know is to look for names.

`Room` looks for the people of one sheet in a text: their full name, each word of a
Latin name (three letters or more: "Li" or "He" would match half of English), a
Chinese name's given name ("小明" of "王小明") and its surname with the titles reps
write ("王总", "王经理"), and a Chinese name's pinyin, whole or by syllables
("wangxiaoming", "wang xiao ming"). When unsure it says yes: a line hidden from a
shared screen costs the presenter a sentence, a line shown may cost the coach.

The customer's own name and the deal's title are not searched (the room knows who
they are); coaches are also known by the role's word in either language ("Coach",
"教练"), since a rep writes "coach" in the who of a best action as often as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.text import is_han, name_sort_key, search_key
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetInfluence

COACH = "coach"
SHORTEST_WORD = 3  # a Latin name's words shorter than this are only matched in the full name
# What Chinese reps write after a surname instead of the name: 王总, 李工, 陈经理.
TITLES = ("总", "经理", "工", "老师", "主任", "主管", "先生", "女士", "小姐", "姐", "哥")
_LATIN = "0-9a-z\u00c0-\u024f"  # letters a Latin name's word must not run on into


def name_forms(name: str) -> set[str]:
    """Every folded form in which a text may name this person (see the module)."""
    folded = search_key(name)
    if not folded:
        return set()
    forms = {folded}
    forms.update(w for w in re.findall(f"[{_LATIN}]+", folded) if len(w) >= SHORTEST_WORD)
    han = "".join(ch for ch in folded if is_han(ch))
    if len(han) >= 3:
        forms.add(han[-2:])  # the given name, as colleagues say it
    if len(han) >= 2:
        forms.update(han[0] + title for title in TITLES)
    spoken, _, _ = name_sort_key(name).partition("\x00")
    if han and spoken != folded:
        syllables = spoken.split()
        forms.update({"".join(syllables), " ".join(syllables)})
    return {form for form in forms if form.strip()}


def _pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any form: Latin forms as whole words, Chinese ones anywhere."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        escaped = re.escape(form)
        if any(is_han(ch) for ch in form):
            parts.append(escaped)
        else:
            parts.append(f"(?<![{_LATIN}]){escaped}(?![{_LATIN}])")
    return re.compile("|".join(parts)) if parts else None


def coach_words(settings: Settings | None) -> tuple[str, ...]:
    """The coach role's word in every language the settings carry ('Coach', '教练')."""
    if settings is None:
        return ()
    entry: Any = settings.data.get("roles", {}).get(COACH, {})
    values = entry.values() if isinstance(entry, Mapping) else [entry]
    return tuple(str(v) for v in values if str(v).strip())


class Room:
    """The people of one sheet as a shared screen must treat them."""

    def __init__(self, people: Iterable[tuple[str, str]], coach_words: Iterable[str] = ()) -> None:
        """`people` as (name, role) pairs; `coach_words` the role's words to find too."""
        self._people = [(name, role) for name, role in people]
        self._coach_words = tuple(coach_words)

    @classmethod
    def of(cls, sheet: BlueSheet, settings: Settings | None) -> Room:
        """The room's view of a sheet's people."""
        return cls(((i.name, i.role) for i in sheet.influences), coach_words(settings))

    @cached_property
    def _anyone(self) -> re.Pattern[str] | None:
        return _pattern({f for name, _ in self._people for f in name_forms(name)})

    @cached_property
    def _coaches(self) -> re.Pattern[str] | None:
        forms = {f for name, role in self._people if role == COACH for f in name_forms(name)}
        return _pattern(forms | {search_key(w) for w in self._coach_words})

    def names_anyone(self, text: str) -> bool:
        """Whether `text` names someone on the sheet (by name: the templates' own
        'coach', as in "no Coach yet", names nobody)."""
        return _finds(self._anyone, text)

    def names_coach(self, text: str) -> bool:
        """Whether `text` names a coach of the sheet (or says 'coach')."""
        return _finds(self._coaches, text)


def _finds(pattern: re.Pattern[str] | None, text: str) -> bool:
    if pattern is None or not text.strip():
        return False
    return pattern.search(search_key(text)) is not None


def in_the_room(people: Iterable[SheetInfluence]) -> list[SheetInfluence]:
    """The people a shared screen shows: everyone but the coaches, whose row, role and
    place in a count would tell the room who they are."""
    return [i for i in people if i.role != COACH]
