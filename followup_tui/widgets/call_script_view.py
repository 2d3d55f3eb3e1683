"""How the call script is drawn: its seven numbered parts, and the side panel of checks.

The screen fills the script and weighs the account (core); these widgets only
set what they are given in type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.base.wrap import clip_at_break
from followup_tui.core.call.call_checks import WorthCheck
from followup_tui.core.call.script import CallScript
from followup_tui.core.call.script_words import phrase
from followup_tui.widgets.wrapped_text import Para, WrappedStatic, wrap_paras

INDENT = 3  # a part's lines under its number ("1. ")
LABEL_GAP = 2  # cells between the person card's labels and their text
SIDE_NOTE_CELLS = 80  # a past note in the side panel: its start, in cells (CJK counts two)


class PersonCard(WrappedStatic):
    """Who is being called, first: name, role and mode, numbers, email, their time, last contact."""

    def show(self, lines: Sequence[tuple[str, str]]) -> None:
        """Draw the card's (label, text) lines; long text hangs under its own column."""
        column = max((cell_len(label) for label, _ in lines), default=0) + LABEL_GAP
        self.set_paras(
            [
                Para(
                    Text(text, style="bold" if n == 0 else ""),
                    Text(label + " " * (column - cell_len(label)), style="dim"),
                    column,
                )
                for n, (label, text) in enumerate(lines)
            ]
        )


@dataclass(frozen=True)
class OfferLines:
    """The value section's prepared reasons as the screen wants them drawn."""

    head: str  # how to pick one
    texts: Sequence[str]
    picked: int | None  # the index of the one picked, if any


class ScriptView(WrappedStatic):
    """The seven parts, numbered; the commitment part shows what the rep set to ask for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Which paragraphs are the value offers' head and the one picked (see `picked_rows`).
        self._offer_paras: tuple[int, int] | None = None

    def show(
        self,
        script: CallScript,
        settings: Settings,
        ask: str,
        minimum: str,
        offers: OfferLines | None = None,
    ) -> None:
        """Draw the script, with the commitment as edited and the value offers under part 4."""
        paras: list[Para] = []
        self._offer_paras = None
        said = ""  # a warning shown in its part already
        if script.revival:
            # Said to the rep before dialling: the post-mortem and what is new this time.
            head, *rest = script.revival
            paras.append(Para(Text(head, style="bold"), hang=INDENT))
            paras.extend(_indented(line) for line in rest)
            paras.append(Para(Text()))
        commitment = phrase("label_commitment", settings.language)
        for n, (label, text) in enumerate(script.parts(settings), start=1):
            if label == commitment:
                text = f"{ask}\n{phrase('minimum', settings.language, minimum=minimum)}"
            paras.append(Para(Text(label, style="bold"), Text(f"{n}. ", style="bold"), INDENT))
            if n == 4 and script.nothing_new and script.warnings:
                # Nothing to bring: said where the value goes, not only under part 7.
                said = script.warnings[0]
                paras.append(_marked("⚠", said, "bold yellow", "bold yellow"))
            else:
                paras.extend(_indented(line) for line in (text.splitlines() or [""]))
            if n == 1 and script.who_hint:
                # Said to the rep, not the customer: how to fill the blanks above.
                paras.append(_marked("⚠", script.who_hint, "bold yellow", "bold yellow"))
            if n == 4 and offers is not None:
                self._offers(paras, offers)
            paras.append(Para(Text()))
        for warning in script.warnings:
            if said == warning:
                continue
            paras.append(Para(Text(warning, style="bold yellow"), Text("⚠ ", "bold yellow"), 2))
        self.set_paras(paras)

    def _offers(self, paras: list[Para], offers: OfferLines) -> None:
        """The prepared reasons, the picked one marked."""
        head = len(paras)
        paras.append(_indented(offers.head, style="dim"))
        # Marked, not numbered: numbers would read as the script's own parts.
        for n, text in enumerate(offers.texts):
            picked = n == offers.picked
            style = "bold" if picked else "dim"
            paras.append(_marked("▶" if picked else "·", text, style, "bold" if picked else ""))
        picked_at = head + 1 + offers.picked if offers.picked is not None else head
        self._offer_paras = (head, picked_at)

    def picked_rows(self, width: int) -> tuple[int, int, int] | None:
        """Lines at `width` of the offers' head, and the first and last of the offer picked
        (the head's when none is): what the screen keeps in view. None: no offers shown."""
        if self._offer_paras is None:
            return None
        head, picked = self._offer_paras
        text, starts = wrap_paras(self.paras[: picked + 1], width)
        return starts[head], starts[picked], len(text.plain.split("\n")) - 1


def _indented(line: str, style: str = "") -> Para:
    """A line of a part, indented under its number; wrapped lines hang there too."""
    return Para(Text(line, style=style), Text(" " * INDENT), INDENT)


def _marked(mark: str, line: str, mark_style: str, style: str) -> Para:
    """A marked item under a part ("▶ ...", "⚠ ..."); wrapped lines hang under its text."""
    lead = Text(" " * INDENT)
    lead.append(f"{mark} ", style=mark_style)
    return Para(Text(line, style=style), lead, INDENT + 2)


@dataclass(frozen=True)
class SideFacts:
    """What the side panel shows: the tactic, the worth-calling check, the recent past."""

    tactic: str
    check: WorthCheck
    history: Sequence[ActivityRec]
    rep_notes: Sequence[ActivityRec]
    open_deals: Sequence[str]  # their titles


class CallSide(WrappedStatic):
    """The tactic, whether the account is worth another call, the last contacts and deals."""

    def show(self, facts: SideFacts, settings: Settings) -> None:
        """Draw the panel."""
        w = settings.word
        check = facts.check
        blank = Para(Text())

        def heading(text: str) -> Para:
            return Para(Text(text, style="bold underline"))

        def item(text: str) -> Para:
            return Para(Text(text), Text("· "), 2)

        def dated(head: str, text: str) -> Para:
            said = Text(head, style="dim")
            said.append(clip_at_break(text, SIDE_NOTE_CELLS), style="")
            return Para(said)

        paras = [heading(w("side_tactic")), Para(Text(facts.tactic)), blank]
        paras.append(heading(w("side_worth")))
        verdict = w("side_yes" if check.worth else "side_drop")
        paras.append(Para(Text(verdict, style="green" if check.worth else "bold red")))
        paras.extend(item(reason) for reason in check.reasons)
        paras += [blank, heading(w("side_last"))]
        for act in facts.history[:3]:
            outcome = settings.label("outcomes", act.outcome) if act.outcome else "-"
            paras.append(dated(w("who_says").format(who=f"{act.occurred_on} {outcome}"), act.notes))
        if not facts.history:
            paras.append(Para(Text(w("side_first"), style="dim")))
        if facts.rep_notes:
            # The rep's own notes, apart from the contacts: the bridge never quotes them.
            paras += [blank, heading(phrase("your_notes", settings.language))]
            paras.extend(dated(f"{note.occurred_on} ", note.notes) for note in facts.rep_notes)
        if facts.open_deals:
            paras += [blank, heading(w("side_deals"))]
            paras.extend(item(title) for title in facts.open_deals)
        self.set_paras(paras)
