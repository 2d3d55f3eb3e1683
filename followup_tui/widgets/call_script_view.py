"""How the call script is drawn: its seven numbered parts, and the side panel of checks.

The screen fills the script and weighs the account (core); these widgets only
set what they are given in type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.call.call_checks import WorthCheck
from followup_tui.core.call.script import CallScript
from followup_tui.core.call.script_words import phrase


class PersonCard(Static):
    """Who is being called, first: name, role and mode, numbers, email, their time, last contact."""

    def show(self, lines: Sequence[tuple[str, str]]) -> None:
        """Draw the card's (label, text) lines; long text wraps under its own column."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for n, (label, text) in enumerate(lines):
            grid.add_row(label, Text(text, style="bold" if n == 0 else ""))
        self.update(grid)


@dataclass(frozen=True)
class OfferLines:
    """The value section's prepared reasons as the screen wants them drawn."""

    head: str  # how to pick one
    texts: Sequence[str]
    picked: int | None  # the index of the one picked, if any


class ScriptView(Static):
    """The seven parts, numbered; the commitment part shows what the rep set to ask for."""

    def show(
        self,
        script: CallScript,
        settings: Settings,
        ask: str,
        minimum: str,
        offers: OfferLines | None = None,
    ) -> None:
        """Draw the script, with the commitment as edited and the value offers under part 4."""
        out = Text()
        if script.revival:
            # Said to the rep before dialling: the post-mortem and what is new this time.
            head, *rest = script.revival
            out.append(f"{head}\n", style="bold")
            for line in rest:
                out.append(f"   {line}\n")
            out.append("\n")
        commitment = phrase("label_commitment", settings.language)
        for n, (label, text) in enumerate(script.parts(settings), start=1):
            if label == commitment:
                text = f"{ask}\n{phrase('minimum', settings.language, minimum=minimum)}"
            out.append(f"{n}. {label}\n", style="bold")
            out.append("\n".join("   " + line for line in (text.splitlines() or [""])) + "\n")
            if n == 1 and script.who_hint:
                # Said to the rep, not the customer: how to fill the blanks above.
                out.append(f"   ⚠ {script.who_hint}\n", style="bold yellow")
            if n == 4 and offers is not None:
                self._offers(out, offers)
            out.append("\n")
        for warning in script.warnings:
            out.append(f"⚠ {warning}\n", style="bold yellow")
        self.update(out)

    @staticmethod
    def _offers(out: Text, offers: OfferLines) -> None:
        """The prepared reasons, the picked one marked."""
        out.append(f"   {offers.head}\n", style="dim")
        # Marked, not numbered: numbers would read as the script's own parts.
        for n, text in enumerate(offers.texts):
            picked = n == offers.picked
            out.append(f"   {'▶' if picked else '·'} ", style="bold" if picked else "dim")
            out.append(f"{text}\n", style="bold" if picked else "")


@dataclass(frozen=True)
class SideFacts:
    """What the side panel shows: the tactic, the worth-calling check, the recent past."""

    tactic: str
    check: WorthCheck
    history: Sequence[ActivityRec]
    rep_notes: Sequence[ActivityRec]
    open_deals: Sequence[str]  # their titles


class CallSide(Static):
    """The tactic, whether the account is worth another call, the last contacts and deals."""

    def show(self, facts: SideFacts, settings: Settings) -> None:
        """Draw the panel."""
        w = settings.word
        check = facts.check
        out = Text()
        out.append(f"{w('side_tactic')}\n", style="bold underline")
        out.append(facts.tactic + "\n\n")
        out.append(f"{w('side_worth')}\n", style="bold underline")
        out.append(
            w("side_yes" if check.worth else "side_drop") + "\n",
            style="green" if check.worth else "bold red",
        )
        for reason in check.reasons:
            out.append(f"· {reason}\n")
        out.append(f"\n{w('side_last')}\n", style="bold underline")
        for act in facts.history[:3]:
            outcome = settings.label("outcomes", act.outcome) if act.outcome else "-"
            out.append(w("who_says").format(who=f"{act.occurred_on} {outcome}"), style="dim")
            out.append(f"{act.notes[:80]}\n")
        if not facts.history:
            out.append(f"{w('side_first')}\n", style="dim")
        if facts.rep_notes:
            # The rep's own notes, apart from the contacts: the bridge never quotes them.
            out.append(f"\n{phrase('your_notes', settings.language)}\n", style="bold underline")
            for note in facts.rep_notes:
                out.append(f"{note.occurred_on} ", style="dim")
                out.append(f"{note.notes[:80]}\n")
        if facts.open_deals:
            out.append(f"\n{w('side_deals')}\n", style="bold underline")
            for title in facts.open_deals:
                out.append(f"· {title}\n")
        self.update(out)
