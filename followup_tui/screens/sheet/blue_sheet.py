"""The blue sheet of one deal: every section a key away, edited in place, walked in review.

Sections: o the one-page overview (shown first), s SSO, p position, i influences,
m landmines and bullets, f fit, b best actions, w where we stand, l what the sheet
finds; the section bar keeps every key in view. The rules run again after every
edit. `v` starts review mode (n / p walk it, c comments, n at the end records it);
`P` toggles presentation mode, which hides every judgement of a person, the position
and the comments (`V` shows the verdict to the room).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from followup_tui.core.base.text import whole_number
from followup_tui.core.sheet.review_diff import (
    ReviewChange,
    kept_judgement,
    review_changes,
    snapshot,
)
from followup_tui.db import sheets as data
from followup_tui.screens.base import AppScreen
from followup_tui.screens.key_words import bound_key, key_of
from followup_tui.screens.sheet.sheet_edits import SheetEdits
from followup_tui.screens.sheet.sheet_keys import SHEET_BINDINGS
from followup_tui.screens.sheet.sheet_review import (
    CHANGES,
    SCORE,
    ReviewWalk,
    review_body,
    step_titles,
)
from followup_tui.screens.sheet.sheet_table_fit import SheetTables
from followup_tui.widgets import sheet_render as render
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.review_panel import ReviewPanel
from followup_tui.widgets.sheet_history import history
from followup_tui.widgets.sheet_sections import SectionBar
from followup_tui.widgets.sheet_summary import SheetOverview
from followup_tui.widgets.sheet_view import SheetView, sheet_words, ui_words
from followup_tui.widgets.title_bar import TitleBar

# (section, key, words key of its tab title, the widget that takes the focus there)
SECTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("overview", "o", "tab_overview", "#overview"),
    ("sso", "s", "tab_sso", "#sso-scroll"),
    ("position", "p", "tab_position", "#position-scroll"),
    ("influences", "i", "tab_influences", "#influences"),
    ("mines", "m", "tab_mines", "#landmines"),
    ("fit", "f", "tab_fit", "#fit-scroll"),
    ("actions", "b", "tab_actions", "#actions"),
    ("signals", "w", "tab_stand", "#signals"),
    ("found", "l", "tab_found", "#found-scroll"),
)
FOCUS = {section: widget for section, _, _, widget in SECTIONS}
EDITS = {  # action -> sections where it applies (focus decides between landmines and bullets)
    "edit": ("overview", "sso", "position", "influences", "mines", "fit", "actions"),
    "add_influence": ("influences",),
    "add_landmine": ("mines",),
    "add_bullet": ("mines",),
    "add_action": ("actions",),
    "remove": ("influences", "mines", "actions"),
    "link_bullet": ("mines",),
    "toggle_resolved": ("mines",),
    "toggle_done": ("actions",),
    "answer": ("signals",),
}
ON_LANDMINES = ("add_landmine", "link_bullet", "toggle_resolved")


class BlueSheetScreen(SheetTables, SheetEdits, AppScreen[bool]):
    """One deal's blue sheet; dismisses True when anything was changed."""

    CSS_PATH = "blue_sheet.tcss"
    PALETTE_CATEGORY = "Sheet"
    BINDINGS = SHEET_BINDINGS

    def __init__(self, deal_id: int) -> None:
        super().__init__()
        self.deal_id = deal_id
        self.section = "overview"
        self.changed = False
        self.removed = []
        self.presenting = False
        self.verdict_shown = False
        self.walk: ReviewWalk | None = None
        self.mines_width = 0  # the landmines table's share of its row (`_split_mines`)

    @property
    def titles(self) -> dict[str, str]:
        """Section -> its tab title, in the configured language."""
        w = {**sheet_words(self.fapp.settings), **ui_words(self.fapp.settings)}
        return {section: w[word] for section, _, word, _ in SECTIONS}

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the section bar, the sections, the review panel (hidden until v), the footer."""
        yield TitleBar()
        yield Static(id="sheet-head")
        yield SectionBar(id="section-bar")
        with ContentSwitcher(id="sheet-tabs", initial="tab-overview"):
            for section, _, _, _ in SECTIONS:
                with Vertical(id=f"tab-{section}", classes="section"):
                    yield from self._section(section)
        yield ReviewPanel("", "", id="review")  # hints filled in with the keys in force
        yield Footer()

    def _section(self, section: str) -> ComposeResult:
        """The widgets of one section."""
        if section == "overview":
            yield SheetOverview(id="overview")
        elif section == "influences":
            yield DataTable(id="influences", cursor_type="row", zebra_stripes=True)
            yield Static(id="influence-detail", classes="detail")
        elif section == "mines":
            with Horizontal(id="mines-row"):
                yield DataTable(id="landmines", cursor_type="row", zebra_stripes=True)
                yield DataTable(id="bullets", cursor_type="row", zebra_stripes=True)
            yield Static(id="mine-detail", classes="detail")
        elif section == "actions":
            yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        elif section == "signals":
            with Horizontal(id="stand-row"):
                yield DataTable(id="signals", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="verdict-scroll", can_focus=False):
                    yield Static(id="verdict")
        else:
            with VerticalScroll(id=f"{section}-scroll", classes="section-scroll"):
                yield Static(id=section)

    def on_mount(self) -> None:
        """Set up the table columns and draw the sheet."""
        w = sheet_words(self.fapp.settings)
        u = ui_words(self.fapp.settings)
        self.labels: dict[str, tuple[str, ...]] = {
            "#influences": tuple(w[c][:1].upper() + w[c][1:] for c in render.INFLUENCE_COLUMNS),
            "#landmines": (w["landmine"], w["category"], w["disarmed_by"]),
            "#bullets": (w["bullet"], w["category"], w["who"]),
            "#actions": (w["who"], w["what"], w["due"], w["aim"], ""),
            "#signals": (w["stage"], w["question"], u["good_answer"], w["answer"]),
        }
        self.rows: dict[str, list[tuple[Any, Any]]] = {}
        self.query_one("#review", ReviewPanel).display = False
        self.reload()
        self.call_after_refresh(self._focus_section)
        self.call_after_refresh(self._draw_bar)

    # -- drawing -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the sheet again, run the rules and redraw every section."""
        sheet = data.load_sheet(self.deal_id)
        self.view = SheetView.build(
            sheet,
            self.fapp.today(),
            self.fapp.settings,
            self.presenting,
            self.verdict_shown,
            self._keys(),
        )
        self.sub_title = sheet.deal.title
        view = self.view
        self.query_one("#overview", SheetOverview).show(view)
        self._draw_head()
        self.query_one("#sso", Static).update(render.sso(view))
        self.query_one("#position", Static).update(render.position(view))
        self.query_one("#fit", Static).update(render.fit(view))
        self._draw_found()
        self.query_one("#verdict", Static).update(render.stand(view))
        people = view.people  # while presenting, without the coaches
        self._fill("#influences", [(i.id, render.influence_row(view, i)) for i in people])
        self.rows["#landmines"] = render.landmine_rows(view)
        self.rows["#bullets"] = render.bullet_rows(view)
        self._split_mines()
        self._fill("#landmines", self.rows["#landmines"])
        self._fill("#bullets", self.rows["#bullets"])
        self._fill("#actions", render.action_rows(view))
        self._fill("#signals", render.signal_rows(view))
        self._details()
        if self.walk is not None:
            self._show_step(switch=False)

    def _keys(self) -> dict[str, str]:
        """The keys in force for the sheet's bindings, by id without 'sheet.', for its texts."""
        ids = [b.id for b in SHEET_BINDINGS if isinstance(b, Binding) and b.id]
        return {i.removeprefix("sheet."): bound_key(self, i) for i in ids}

    def on_resize(self) -> None:
        """Fit the tables to the new width."""
        if not hasattr(self, "view"):
            return
        for row in self.query("#stand-row, #mines-row"):
            row.set_class(self._stacked(), "-stacked")
        self._split_mines()
        for table_id, rows in self.rows.items():
            self._fill(table_id, rows)
        self._draw_head()
        self._draw_found()

    def _details(self) -> None:
        """The detail lines under the influences and under the landmines and bullets."""
        inf = self.view.sheet.influence(self.cursor_id("#influences"))
        self.query_one("#influence-detail", Static).update(render.influence_detail(self.view, inf))
        kind = self._mines_focus()
        item = self.cursor_id("#bullets" if kind == "bullet" else "#landmines")
        self.query_one("#mine-detail", Static).update(render.mine_detail(self.view, kind, item))

    def _draw_found(self) -> None:
        """What the sheet finds, wrapped at the section's width, then the review history."""
        shown = self.query_one("#found", Static)
        width = shown.size.width or self.app.size.width - 4
        found = render.found(self.view, max(30, width))
        shown.update(Text("\n").join([found, history(self.view, self.view.reviews)]))

    def _draw_head(self) -> None:
        """The two head lines, each kept on its line at the screen's width."""
        width = self.query_one("#sheet-head").size.width or self.app.size.width - 2  # padding
        head = render.head(self.view, self._review_mark(), max(20, width))
        self.query_one("#sheet-head", Static).update(head)

    def _review_mark(self) -> str:
        if self.walk is None:
            return ""
        mark = sheet_words(self.fapp.settings)["review_mark"]
        return mark.format(step=self.walk.step + 1, steps=len(self.walk.steps))

    def cursor_id(self, table_id: str) -> int | None:
        """The database id of the row under a table's cursor."""
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None and whole_number(key) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        """The detail lines follow the cursor."""
        if hasattr(self, "view"):
            self._details()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row edits it (signals are answered with + - 0)."""
        if event.data_table.id != "signals":
            self.action_edit()

    def on_descendant_focus(self) -> None:
        """Landmines or bullets: the detail line shows the table in focus."""
        if hasattr(self, "view"):
            self._details()

    # -- sections ------------------------------------------------------------------------
    def action_section(self, section: str) -> None:
        """Show a section and put the focus in it."""
        self.query_one(ContentSwitcher).current = f"tab-{section}"
        self.section = section
        if section == "found":  # drawn while hidden, it was wrapped at a guessed width
            self.call_after_refresh(self._draw_found)
        self._draw_bar()
        self.refresh_bindings()
        self.call_after_refresh(self._focus_section)

    def _focus_section(self) -> None:
        self.query_one(FOCUS[self.section], Widget).focus()

    def _draw_bar(self) -> None:
        """The section bar with the keys in force (a keymap may have moved them)."""
        titles = self.titles
        entries = []
        for section, key, _, _ in SECTIONS:
            shown = key_of(self, f"sheet.section.{section}") or key
            entries.append((section, shown, titles[section]))
        self.query_one(SectionBar).show(entries, self.section)

    @on(SectionBar.Chosen)
    def _bar_clicked(self, event: SectionBar.Chosen) -> None:
        """A section clicked in the bar."""
        self.action_section(event.section)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each key only where it does something."""
        if action in ("review_next", "review_prev", "review_comment"):
            return self.walk is not None
        if action == "section" and parameters == ("position",) and self.walk is not None:
            return False  # p is "previous" while reviewing
        if action == "show_verdict":
            return self.presenting
        if action == "undo":
            return bool(self.removed)
        if action in EDITS:
            if self.section not in EDITS[action]:
                return False
            if action in ON_LANDMINES:
                return self._mines_focus() == "landmine"
            if action == "add_bullet":
                return self._mines_focus() == "bullet"
        return True

    # -- review --------------------------------------------------------------------------
    def action_review(self) -> None:
        """Start a review: what changed since the last one, then section by section."""
        previous = data.last_review(self.deal_id)
        changes: list[ReviewChange] = []
        if previous is not None:
            settings = self.fapp.settings
            now = snapshot(self.view.sheet, self.fapp.today(), settings)
            changes = review_changes(kept_judgement(previous), now, settings)
        self.walk = ReviewWalk(previous, changes)
        if previous is not None:
            self.walk.reviewer = str(previous.get("reviewer") or "")
        self.query_one("#review", ReviewPanel).display = True
        self._show_step()
        self.refresh_bindings()

    def _show_step(self, switch: bool = True) -> None:
        """Draw the review panel at the current step; show its section."""
        walk = self.walk
        if walk is None:
            return
        step = walk.current
        panel = self.query_one("#review", ReviewPanel)
        body = review_body(walk, self.view, self.titles)
        reviewer = walk.reviewer if walk.asks_reviewer else None
        comment_key = self.view.key("review_comment")
        panel.hints(
            sheet_words(self.fapp.settings)["comment"].format(key=comment_key),
            ui_words(self.fapp.settings)["reviewer_hint"].format(key=comment_key),
        )
        panel.show(body, walk.comments.get(step, ""), masked=self.presenting, reviewer=reviewer)
        self._draw_head()
        if switch and step != CHANGES:
            self.action_section("found" if step == SCORE else step)

    def action_review_next(self) -> None:
        """Next section; on the last step, record the review."""
        if self.walk is None:
            return
        if self.walk.last:
            self._finish_review()
            return
        self.walk.move(1)
        self._show_step()

    def action_review_prev(self) -> None:
        """Previous section of the review."""
        if self.walk is not None:
            self.walk.move(-1)
            self._show_step()

    def action_review_comment(self) -> None:
        """Type a comment on the step under review (what changed, a section, the score)."""
        if self.presenting:  # typed comments would show on the shared screen
            self.notify(ui_words(self.fapp.settings)["comments_hidden"], severity="warning")
            return
        self.query_one("#review", ReviewPanel).focus_comment()

    @on(ReviewPanel.Commented)
    def _commented(self, event: ReviewPanel.Commented) -> None:
        if self.walk is not None:
            self.walk.comments[self.walk.current] = event.text

    @on(ReviewPanel.ReviewerNamed)
    def _reviewer_named(self, event: ReviewPanel.ReviewerNamed) -> None:
        if self.walk is not None:
            self.walk.reviewer = event.name

    @on(ReviewPanel.CommentDone)
    def _comment_done(self) -> None:
        self._focus_section()

    def _finish_review(self) -> None:
        """Record the review (date, comments, score, snapshot) and leave review mode."""
        walk, view = self.walk, self.view
        if walk is None:
            return
        score = view.completeness.score
        comments = walk.comment_text(step_titles(self.titles, self.fapp.settings.words("review_")))
        data.record_review(
            self.deal_id,
            self.fapp.today(),
            comments,
            score,
            snapshot(view.sheet, self.fapp.today(), self.fapp.settings),
            reviewer=walk.reviewer,
            verdict=view.verdict.kind,
        )
        self.changed = True
        self._leave_review()
        self.reload()  # the history and the overview's last review show it
        self.notify(sheet_words(self.fapp.settings)["review_recorded"].format(score=score))

    def _leave_review(self) -> None:
        self.walk = None
        self.query_one("#review", ReviewPanel).display = False
        self._draw_head()
        self.refresh_bindings()

    # -- modes and leaving ---------------------------------------------------------------
    def action_presentation(self) -> None:
        """Hide or show ratings, modes, personal notes, the position, comments and the verdict."""
        self.presenting = not self.presenting
        self.verdict_shown = False
        self.reload()
        self.refresh_bindings()
        w = sheet_words(self.fapp.settings)
        self.notify(w["presenting_on"] if self.presenting else w["presenting_off"])

    def action_show_verdict(self) -> None:
        """While presenting: show the verdict to the room, or hide it again."""
        self.verdict_shown = not self.verdict_shown
        self.reload()

    def action_close(self) -> None:
        """Leave the comment line, then review mode, then the sheet."""
        if isinstance(self.focused, Input):
            self._focus_section()
        elif self.walk is not None:
            self._leave_review()
            self.notify(sheet_words(self.fapp.settings)["review_left"])
        else:
            self.dismiss(self.changed)

    def focused_account_id(self) -> int | None:
        """The deal's account, for the app's quick note (n outside review mode)."""
        return self.view.sheet.deal.account_id

    def action_reload(self) -> None:
        """Redraw after a change made elsewhere (a quick note)."""
        self.changed = True
        self.reload()
