"""The seed-002 questionnaire: yes/no answers that suggest willingness and need, live.

Opened from the account form (ctrl+r). It only suggests: on ctrl+s the form's
willingness and need choices take the suggestion, and the rep can still change
them; nothing is stored until the account form is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.scalar import Scalar
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from followup_tui.core.accounts.account_rules import QUESTIONS, suggest_quadrant_inputs
from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.base.config import Settings
from followup_tui.widgets.footer import Footer

Answers = dict[str, bool | None]
# The willingness questions first, then the need ones, each in the seed's order.
ORDER = tuple(q for q in QUESTIONS if q[1] == "willingness") + tuple(
    q for q in QUESTIONS if q[1] == "need"
)
ANSWER_STYLES = {True: "bold green", False: "bold red", None: "dim"}
MIN_QUESTION_WIDTH = 16  # narrower than this, a question wraps into a column of stubs
SCROLLBAR = 2  # the table's vertical scrollbar, once wrapped questions outgrow its height
MIN_TABLE_HEIGHT, MAX_TABLE_HEIGHT = 4, 16  # the header and a few questions; all of them


@dataclass(frozen=True)
class Suggestion:
    """What the answers suggest (None where a dimension has no answer), and the answers.

    `use` is False when the rep closed without taking the suggestion: the answers
    still come back, so opening the questionnaire again shows them.
    """

    willingness: str | None
    need: str | None
    answers: Answers = field(default_factory=dict)
    use: bool = True


def tally(answers: Mapping[str, bool | None], dimension: str) -> tuple[int, int]:
    """(answers favouring the dimension, answers given) for willingness or need."""
    given = [
        answers[qid] == positive
        for qid, dim, positive in QUESTIONS
        if dim == dimension and answers.get(qid) is not None
    ]
    return sum(given), len(given)


class QuestionnaireScreen(ModalScreen[Suggestion]):
    """Dismisses with the suggestion: to use on ctrl+s, only the answers kept on escape."""

    CSS_PATH = "questionnaire.tcss"
    PALETTE_CATEGORY = "Questionnaire"
    BINDINGS = [
        Binding(
            "y", "answer('yes')", "Yes", id="questionnaire.yes", tooltip="Answer yes, then go on"
        ),
        Binding("n", "answer('no')", "No", id="questionnaire.no", tooltip="Answer no, then go on"),
        Binding(
            "backspace,delete",
            "answer('clear')",
            "Clear",
            key_display="⌫",
            id="questionnaire.clear",
            tooltip="Take back the answer: the question no longer counts",
        ),
        Binding(
            "ctrl+s",
            "apply",
            "Use suggestion",
            id="questionnaire.apply",
            tooltip="Set the form's willingness and need to what the answers suggest",
        ),
        Binding(
            "escape",
            "cancel",
            "Close",
            id="questionnaire.cancel",
            tooltip="Close and leave the form's willingness and need as they were",
        ),
    ]

    def __init__(
        self, settings: Settings, answers: Mapping[str, bool | None] | None = None, name: str = ""
    ) -> None:
        super().__init__()
        self.settings = settings
        self.answers: Answers = {qid: None for qid, _dim, _pos in ORDER}
        self.answers.update({k: v for k, v in (answers or {}).items() if k in self.answers})
        self.account_name = name
        self._room: int | None = None  # the width the questions are wrapped to

    def compose(self) -> ComposeResult:
        """Title, the questions with their answers, the live suggestion, the keys."""
        w = self.settings.word
        colon = "：" if self.settings.language == "zh" else ": "
        title = w("q_title") + (f"{colon}{self.account_name}" if self.account_name else "")
        with Vertical(id="q-box"):
            yield Static(title, id="q-title", markup=False)
            yield Static(w("q_hint"), id="q-hint", markup=False)
            yield DataTable(id="q-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="q-verdict")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and the suggestion; the first question takes the keys."""
        self._fill()
        self.query_one(DataTable).focus()
        self._show_verdict()

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the questions again for the new width, and fit the new height."""
        self._fill()
        self.call_after_refresh(self._fit_height)

    def _fill(self) -> None:
        """One row per question, wrapped to the room the other columns leave.

        A table cell never wraps by itself: a long question would be cut at the box's edge.
        """
        w = self.settings.word
        table = self.query_one(DataTable)
        head = (w("q_col_about"), w("q_col_answer"), w("q_col_question"))
        abouts = [w(f"q_about_{dimension}") for dimension in ("willingness", "need")]
        answers = [w(key) for key in ("q_yes", "q_no", "q_unanswered")]
        box = self.query_one("#q-box").content_region.width or self.app.size.width
        used = max(map(cell_len, [head[0], *abouts])) + max(map(cell_len, [head[1], *answers]))
        # Each column has a cell's padding on both sides; keep room for a scrollbar.
        room = max(MIN_QUESTION_WIDTH, box - used - 6 * table.cell_padding - SCROLLBAR)
        if room == self._room:
            return
        self._room = room
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(*head)
        previous = ""
        for qid, dimension, _positive in ORDER:
            # Name the dimension once, on the first of its questions.
            about = w(f"q_about_{dimension}") if dimension != previous else ""
            previous = dimension
            question = Text("\n").join(Text(w(f"qn_{qid}")).wrap(self.app.console, room))
            table.add_row(about, self._answer_cell(qid), question, key=qid, height=None)
        table.move_cursor(row=row, animate=False)
        self.call_after_refresh(self._fit_height)

    def _fit_height(self) -> None:
        """The table as tall as the box has room for, so the verdict below stays in view.

        The table scrolls (the cursor leads it) where the questions outgrow the room.
        """
        box = self.query_one("#q-box")
        table = self.query_one(DataTable)
        footer = sum(footer.outer_size.height for footer in self.query(Footer))
        # What the box holds beyond (or short of) the screen, margins included.
        spare = self.size.height - footer - box.styles.gutter.height - box.virtual_size.height
        height = max(MIN_TABLE_HEIGHT, min(MAX_TABLE_HEIGHT, table.outer_size.height + spare))
        if table.styles.max_height != Scalar.from_number(height):
            table.styles.max_height = height

    def _answer_cell(self, qid: str) -> Text:
        """Yes, No or ? in its colour."""
        answer = self.answers[qid]
        word = {True: "q_yes", False: "q_no", None: "q_unanswered"}[answer]
        return Text(self.settings.word(word), style=ANSWER_STYLES[answer])

    @property
    def suggestion(self) -> Suggestion:
        """What the answers suggest now."""
        willingness, need = suggest_quadrant_inputs(self.answers)
        return Suggestion(willingness, need, dict(self.answers))

    def _show_verdict(self) -> None:
        """Say per dimension what the answers suggest and why, and the class they give."""
        w, label = self.settings.word, self.settings.label
        found = self.suggestion
        parts = []
        for dimension, value in (("willingness", found.willingness), ("need", found.need)):
            favour, given = tally(self.answers, dimension)
            if value is None:
                parts.append(Text(w("q_verdict_none").format(about=w(f"q_about_{dimension}"))))
                continue
            line = Text(label(dimension, value), style="bold")
            line.append(w("q_verdict_why").format(favour=favour, given=given), style="dim")
            parts.append(line)
        code = quadrant(found.willingness, found.need)
        if code is not None:
            rule = self.settings.classes[code]
            parts.append(Text(w("q_class").format(klass=code, horizon=rule.horizon), style="bold"))
        self.query_one("#q-verdict", Static).update(Text("\n").join(parts))
        self.call_after_refresh(self._fit_height)  # a longer verdict leaves the table less

    def action_answer(self, answer: str) -> None:
        """Answer the question under the cursor; yes and no move on to the next one."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        qid = ORDER[row][0]
        self.answers[qid] = {"yes": True, "no": False}.get(answer)
        table.update_cell(qid, table.ordered_columns[1].key, self._answer_cell(qid))
        if answer != "clear" and row < len(ORDER) - 1:
            table.move_cursor(row=row + 1)
        self._show_verdict()

    def action_apply(self) -> None:
        """Close with the suggestion; with nothing answered there is nothing to suggest."""
        found = self.suggestion
        if found.willingness is None and found.need is None:
            self.notify(self.settings.word("q_nothing"), severity="warning", timeout=3)
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        """Close; the form keeps its choices (and the answers, for next time)."""
        found = self.suggestion
        self.dismiss(Suggestion(found.willingness, found.need, found.answers, use=False))
