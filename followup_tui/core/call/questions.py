"""The opening question for this person: by response mode, role and the account's class.

Seed 003 part 3: Growth and Trouble see a gap, so the question confirms it and
proposes; Even Keel and Overconfident see none and buy nothing until moved, so
the question looks for a discrepancy and pitches nothing. The role sets the
topic (Economic Buyer: results and risk; Technical Buyer: specifications and
compliance; User Buyer: their daily work; Coach: what they know), and the class
tactic adds the follow-up question - held back when the person sees no gap,
since the class tactics push. The bank is `questions` in config/script.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import effective_class
from followup_tui.core.call.script_words import phrase as _t

# Modes that see no gap: they buy nothing until moved, so nothing is pitched to them.
NO_GAP_MODES = frozenset({"even_keel", "overconfident"})


@dataclass(frozen=True, slots=True)
class Question:
    """The opening question, the class tactic's follow-up, and where each came from."""

    text: str
    follow_up: str = ""
    source: str = ""  # "mode:growth+role:coach", "role:coach", "mode:growth" or "class:A"

    @property
    def full(self) -> str:
        """Both questions, one a line."""
        return "\n".join(part for part in (self.text, self.follow_up) if part)


def _pick(settings: Settings, entry: Any) -> str:
    """The text of a config entry ({en:, zh:}) in the configured language; '' when absent."""
    return settings.text(entry).strip() if isinstance(entry, Mapping) else ""


def class_question(settings: Settings, quadrant: str | None, turn: int = 0) -> str:
    """The class tactic's question; within a class they rotate with `turn` (past contacts)."""
    bank = settings.data.get("questions", {})
    options: Sequence[Any] = bank.get("by_class", {}).get(effective_class(quadrant), ())
    if not options:
        return ""
    return _pick(settings, options[turn % len(options)])


def opening_question(
    settings: Settings,
    quadrant: str | None,
    *,
    role: str | None = None,
    mode: str | None = None,
    turn: int = 0,
) -> Question:
    """The opening question for a person of this mode and role at an account of this class.

    Most specific first: mode and role together, then mode alone, then role alone,
    then the class; with nothing known, a built-in question, never an empty one.
    """
    bank = settings.data.get("questions", {})
    klass = effective_class(quadrant)
    by_pair = bank.get("by_mode_role", {}).get(mode or "", {})
    pair = by_pair.get(role or "") if isinstance(by_pair, Mapping) else None
    candidates = (
        (pair, f"mode:{mode}+role:{role}"),
        (bank.get("by_mode", {}).get(mode or ""), f"mode:{mode}"),
        (bank.get("by_role", {}).get(role or ""), f"role:{role}"),
    )
    tactic = class_question(settings, quadrant, turn)
    for entry, source in candidates:
        text = _pick(settings, entry)
        if text:
            # The class tactics push (close, paint the picture, create urgency): a
            # person who sees no gap is asked about it first, and pitched nothing.
            follow = "" if mode in NO_GAP_MODES or tactic == text else tactic
            return Question(text, follow, source)
    if tactic:
        return Question(tactic, "", f"class:{klass}")
    return Question(_t("question_default", settings.language), "", "default")
