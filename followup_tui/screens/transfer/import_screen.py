"""The import screen: another CRM's file into the book, checked before anything is written.

The steps are those of `followup import`, and the functions are the same ones: pick a
file (what it is, its encoding and which system wrote it: `core.transfer.import_files`),
map a generic spreadsheet's columns (remembered by their headers, as `--map` is), a dry
run (`db.book_import.plan_import`: what would be created, updated and skipped, and the
bad rows with their file, line, column and reason), then the import itself
(`db.book_import.write_import`, one transaction). Reading, matching and writing run in a
worker thread with their own connection, so the screen stays responsive; the write
shows a progress bar, and stopping it rolls the transaction back.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, ContentSwitcher, Input, ProgressBar, Select, Static
from textual.worker import get_current_worker

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.paths import default_maps_dir
from followup_tui.core.transfer.column_maps import headers_key
from followup_tui.core.transfer.import_files import (
    FileLook,
    ReadOptions,
    look_at,
    read_book,
    remember_mappings,
    side_file_for,
    write_side_file,
)
from followup_tui.core.transfer.import_words import (
    FIELD_WORDS,
    counts_text,
    problem_text,
    step_line,
)
from followup_tui.core.transfer.sources import FIELDS
from followup_tui.screens.base import AppScreen
from followup_tui.screens.key_words import key_of
from followup_tui.screens.transfer.path_completion import PathSuggester
from followup_tui.widgets.footer import Footer
from followup_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from followup_tui.core.transfer.book_rows import Book
    from followup_tui.core.transfer.sources import Source
    from followup_tui.db.book_import import Plan

# The most dry-run lines shown: a long file's plan is summed up by its counts.
MAX_LINES = 500
_KIND_WORDS = {
    "csv": "import_kind_csv",
    "xlsx": "import_kind_xlsx",
    "vcard": "import_kind_vcard",
}
_SYSTEM_WORDS = {
    "salesforce": "import_system_salesforce",
    "hubspot": "import_system_hubspot",
    "pipedrive": "import_system_pipedrive",
    "spreadsheet": "import_system_spreadsheet",
    "vcard": "import_system_vcard",
}


class ImportScreen(AppScreen[None]):
    """Pick a file, map its columns if need be, see the dry run, import with progress."""

    CSS_PATH = "import_screen.tcss"
    PALETTE_CATEGORY = "Import"
    BINDINGS = [
        Binding(
            "ctrl+r",
            "preview",
            "Dry run",
            id="import.preview",
            tooltip="Check the file against the book: what would be created, updated and "
            "skipped, and the rows that cannot be read; nothing is written",
        ),
        Binding(
            "ctrl+s",
            "run",
            "Import",
            id="import.run",
            tooltip="Write what the dry run showed, all or nothing",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="import.back",
            tooltip="Stop an import being written (nothing of it is kept), or go back a step",
        ),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.start_path = path
        self.look: FileLook | None = None
        self.mappings: dict[str, dict[str, str]] = {}
        self.book: Book | None = None
        self.mapped: list[tuple[list[str], Source]] = []
        self.plan: Plan | None = None
        self.step = "pick"  # pick / map / preview / writing / done
        self.busy = False
        self.cancel = threading.Event()
        self.written = 0
        self.outcome = ""  # done / cancelled / failed
        self.imported = False  # whether anything was written while the screen was open
        # The mapping step's field choices, by (sheet, column).
        self.selects: dict[tuple[int, int], Select[str]] = {}

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The file line, the options, and one pane per step."""
        w = self.word
        yield TitleBar()
        with Vertical(id="import-top"):
            yield Static(w("import_help_pick"), id="import-help", markup=False)
            yield Input(
                value=self.start_path,
                placeholder=w("import_path_placeholder"),
                suggester=PathSuggester(),
                compact=True,
                id="import-path",
            )
            with Horizontal(id="import-options"):
                yield Select(
                    [(w("import_merge"), "merge"), (w("import_skip"), "skip")],
                    value="merge",
                    allow_blank=False,
                    compact=True,
                    id="import-duplicates",
                )
                yield Checkbox(w("import_skip_bad"), id="import-skip-bad", compact=True)
            yield Static("", id="import-found", markup=False)
            yield Static("", id="import-error", markup=False)
        with ContentSwitcher(initial="import-pick-pane", id="import-steps"):
            yield Static(w("import_pick_hint"), id="import-pick-pane")
            yield VerticalScroll(id="import-map-pane")
            yield VerticalScroll(
                Static("", id="import-lines", markup=False), id="import-preview-pane"
            )
            with Vertical(id="import-write-pane"):
                yield ProgressBar(id="import-progress", show_eta=False)
                yield Static("", id="import-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Titled, with the focus on the file line."""
        self.sub_title = self.word("import_title")
        self._help("import_help_pick")
        self.query_one("#import-path", Input).focus()
        if self.start_path:
            self.action_look()

    # -- helpers --------------------------------------------------------------------
    def _options(self) -> ReadOptions:
        return ReadOptions(mappings=self.mappings)

    def _path(self) -> Path:
        return Path(self.query_one("#import-path", Input).value.strip()).expanduser()

    def _show(self, pane: str) -> None:
        self.query_one("#import-steps", ContentSwitcher).current = f"import-{pane}-pane"

    def _error(self, text: str) -> None:
        self.query_one("#import-error", Static).update(text)
        self.set_class(bool(text), "-error")

    def _help(self, key: str, **values: str) -> None:
        keys = {
            "preview": key_of(self, "import.preview"),
            "run": key_of(self, "import.run"),
            "back": key_of(self, "import.back"),
        }
        self.query_one("#import-help", Static).update(self.word(key).format(**keys, **values))

    def _on_duplicate(self) -> str:
        return str(self.query_one("#import-duplicates", Select).value)

    def _skip_bad(self) -> bool:
        return self.query_one("#import-skip-bad", Checkbox).value

    def _field_word(self, field: str) -> str:
        return self.word(FIELD_WORDS[field])

    def _found_text(self, look: FileLook) -> str:
        w = self.word
        kind = w(_KIND_WORDS[look.kind])
        if look.kind == "vcard":
            return w("import_found_cards").format(kind=kind, encoding=look.encoding, n=look.cards)
        lines = []
        for sheet in look.sheets:
            if sheet.source is None:
                system = w("import_found_generic")
            elif sheet.remembered:
                system = w("import_found_remembered")
            else:
                system = w(_SYSTEM_WORDS[sheet.source.system])
            lines.append(
                w("import_found_sheet").format(
                    kind=kind,
                    encoding=look.encoding,
                    source=system,
                    n=f"{len(sheet.sheet.rows):,}",
                    name=sheet.sheet.title or look.path.name,
                )
            )
        return "\n".join(lines)

    # -- step 1: the file -----------------------------------------------------------
    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.action_look()

    def action_look(self) -> None:
        """Read the file named (not yet parsed): what it is and who wrote it."""
        if self.busy or not self.query_one("#import-path", Input).value.strip():
            return
        self._error("")
        self.plan = None
        self.busy = True
        self._look(self._path())

    @work(thread=True, exclusive=True, group="import")
    def _look(self, path: Path) -> None:
        try:
            look = look_at(path, default_maps_dir(), self.word)
        except FollowupError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a broken workbook or zip: its reader's own words
            self.app.call_from_thread(self._failed, f"{path}: {exc}")
            return
        self.app.call_from_thread(self._looked, look)

    def _failed(self, text: str) -> None:
        self.busy = False
        if self.step == "preview":  # the dry run failed: back to what was shown before it
            self.step = "map" if self.selects else "pick"
            self._show(self.step)
        self._error(text)

    def _looked(self, look: FileLook) -> None:
        self.busy = False
        self.look = look
        self.selects = {}  # a column step of an earlier file is gone
        self.query_one("#import-found", Static).update(self._found_text(look))
        if any(s.source is None for s in look.sheets):
            self._build_mapping(look)
            return
        self.action_preview()  # a known source, or a mapping remembered: no step to take

    # -- step 2: the columns of a generic spreadsheet -------------------------------
    def _mappable(self) -> bool:
        return self.look is not None and any(
            s.source is None or s.remembered for s in self.look.sheets
        )

    def _build_mapping(self, look: FileLook) -> None:
        """One line per column: its header, a sample value, and the field it fills."""
        pane = self.query_one("#import-map-pane", VerticalScroll)
        pane.remove_children()
        self.selects = {}
        rows: list[Any] = []
        choices = [(self._field_word(f), f) for f in FIELDS]
        for n, sheet in enumerate(look.sheets):
            if not (sheet.source is None or sheet.remembered):
                continue
            headers = sheet.sheet.headers
            # What this screen chose before, else the remembered mapping, else a note each.
            chosen = self.mappings.get(headers_key(headers))
            known = chosen or (
                dict(zip(headers, sheet.source.fields, strict=False)) if sheet.source else {}
            )
            sample = sheet.sheet.rows[0].cells if sheet.sheet.rows else []
            rows.append(Static(sheet.sheet.source, classes="import-map-sheet", markup=False))
            for i, header in enumerate(headers):
                if not header.strip():
                    continue
                value = sample[i].splitlines()[0] if i < len(sample) and sample[i] else ""
                select: Select[str] = Select(
                    choices,
                    value=known.get(header, "notes"),
                    allow_blank=False,
                    compact=True,
                    classes="import-map-field",
                )
                self.selects[(n, i)] = select
                rows.append(
                    Horizontal(
                        Static(header, classes="import-map-header", markup=False),
                        Static(value, classes="import-map-sample", markup=False),
                        select,
                        classes="import-map-row",
                    )
                )
        pane.mount_all(rows)
        self.step = "map"
        self._show("map")
        self._help("import_help_map")
        self.call_after_refresh(self._focus_first_field)

    def _focus_first_field(self) -> None:
        if self.selects:
            next(iter(self.selects.values())).focus()

    def _mapping_chosen(self) -> None:
        """The mapping steps' choices, by each sheet's header row."""
        if self.look is None:
            return
        for n, sheet in enumerate(self.look.sheets):
            if not (sheet.source is None or sheet.remembered):
                continue
            chosen: dict[str, str] = {}
            for i, header in enumerate(sheet.sheet.headers):
                select = self.selects.get((n, i))
                if select is not None and header.strip():
                    chosen[header] = str(select.value)
            self.mappings[headers_key(sheet.sheet.headers)] = chosen

    # -- step 3: the dry run ----------------------------------------------------------
    def action_preview(self) -> None:
        """Read the file with the mapping and match it against the book; write nothing."""
        if self.busy or self.step in ("writing",):
            return
        if self.look is None:
            self.action_look()
            return
        if self.step == "map":
            self._mapping_chosen()
        self._error("")
        self.busy = True
        self.step = "preview"
        # A long file takes seconds to read and match: the bar runs without a total.
        self._show("write")
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#import-status", Static).update(self.word("import_checking"))
        self._plan(self.look.path, self._options(), self._on_duplicate())

    @work(thread=True, exclusive=True, group="import")
    def _plan(self, path: Path, options: ReadOptions, on_duplicate: str) -> None:
        from followup_tui.db.book_import import plan_import
        from followup_tui.db.database import thread_connection

        try:
            book, mapped = read_book([path], options, default_maps_dir(), self.word)
            with thread_connection():
                plan = plan_import(book, on_duplicate, self.fapp.stamp())  # type: ignore[arg-type]
        except FollowupError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # nothing was written: say why and keep the screen
            self.app.call_from_thread(self._failed, self.word("import_failed").format(why=exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._planned, book, mapped, plan)

    def _planned(self, book: Book, mapped: list[tuple[list[str], Source]], plan: Plan) -> None:
        self.busy = False
        self._show("preview")
        self.book, self.mapped, self.plan = book, mapped, plan
        w = self.word
        settings = self.fapp.settings
        lines = [w("import_bad_line").format(problem=problem_text(p, w)) for p in plan.problems]
        lines += [step_line(s, w, lambda role: settings.label("roles", role)) for s in plan.steps]
        shown = lines[:MAX_LINES]
        if len(lines) > MAX_LINES:
            shown.append(w("import_more").format(n=f"{len(lines) - MAX_LINES:,}"))
        counts = counts_text(plan.counts(), w)
        if plan.problems and not self._skip_bad():
            head = w("import_would_reject").format(n=len(plan.problems))
            self._help("import_help_rejected")
        elif not plan.writes():
            head = w("import_preview_nothing").format(counts=counts)
            self._help("import_help_nothing")
        else:
            head = w("import_preview_counts").format(counts=counts)
            if plan.problems:
                head += "\n" + w("import_preview_skipped").format(n=len(plan.problems))
            self._help("import_help_preview")
        self.set_class(bool(plan.problems), "-bad-rows")
        self.query_one("#import-found", Static).update(
            self._found_text(self.look) + "\n" + head if self.look else head
        )
        self.query_one("#import-lines", Static).update("\n".join(shown))

    @on(Checkbox.Changed, "#import-skip-bad")
    @on(Select.Changed, "#import-duplicates")
    def _options_changed(self) -> None:
        """A changed option changes the plan: run the dry run again."""
        if self.plan is not None and self.step == "preview" and not self.busy:
            self.action_preview()

    # -- step 4: the import -----------------------------------------------------------
    def action_run(self) -> None:
        """Write the plan the dry run showed, in one transaction, with a progress bar."""
        plan = self.plan
        if self.busy or plan is None or self.step != "preview":
            if self.step in ("pick", "map") and not self.busy:
                self.action_preview()
            return
        if plan.problems and not self._skip_bad():
            self._error(self.word("import_fix_first"))
            return
        if not plan.writes():
            self._finish("done")
            return
        self.busy = True
        self.step = "writing"
        self.cancel.clear()
        self.written = 0
        self._show("write")
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=plan.write_count(), progress=0)
        self.query_one("#import-status", Static).update(self.word("import_writing"))
        self._help("import_help_writing")
        self._write(plan)

    @work(thread=True, exclusive=True, group="import")
    def _write(self, plan: Plan) -> None:
        from followup_tui.db.book_import import ImportCancelled, write_import
        from followup_tui.db.database import thread_connection

        def progress(n: int) -> None:
            self.app.call_from_thread(self._advanced, n)

        try:
            with thread_connection():
                write_import(plan, self.fapp.db_path, True, progress, self.cancel.is_set)
        except ImportCancelled:
            self.app.call_from_thread(self._finish, "cancelled")
            return
        except Exception as exc:  # the transaction was rolled back: say why, keep the screen
            self.app.call_from_thread(self._finish, "failed", str(exc))
            return
        self.app.call_from_thread(self._finish, "done")

    def _advanced(self, n: int) -> None:
        self.written += n
        self.query_one("#import-progress", ProgressBar).advance(n)
        self.query_one("#import-status", Static).update(
            self.word("import_written_so_far").format(n=f"{self.written:,}")
        )

    def _finish(self, outcome: str, why: str = "") -> None:
        """The summary: what was written (or that nothing was), and where skipped rows went."""
        self.busy = False
        self.outcome = outcome
        self.step = "done"
        plan, look = self.plan, self.look
        w = self.word
        lines = []
        if outcome == "done" and plan is not None and look is not None:
            self.imported = self.imported or plan.writes()
            remember_mappings(default_maps_dir(), self.mapped)
            lines.append(
                w("import_summary").format(file=look.path, counts=counts_text(plan.counts(), w))
            )
            if plan.problems:
                side = side_file_for(look.path)
                write_side_file(side, plan.problems, w)
                lines.append(w("import_side_file").format(n=len(plan.problems), path=side))
            self.query_one("#import-progress", ProgressBar).update(
                total=max(1, plan.write_count()), progress=max(1, plan.write_count())
            )
        elif outcome == "cancelled":
            lines.append(w("import_cancelled"))
        else:
            lines.append(w("import_failed").format(why=why))
        self._show("write")
        self.query_one("#import-status", Static).update("\n".join(lines))
        self._help("import_help_done")
        self.plan = None

    # -- going back -------------------------------------------------------------------
    def action_back(self) -> None:
        """Stop the write (rolled back), or go back one step, or leave the screen."""
        if self.step == "writing":
            self.cancel.set()
            self.query_one("#import-status", Static).update(self.word("import_stopping"))
            return
        if self.busy:
            self.workers.cancel_group(self, "import")
            self.busy = False
        if self.step in ("map", "preview", "done") and self.step != "pick":
            if self.step == "preview" and self._mappable():
                assert self.look is not None
                self._build_mapping(self.look)  # a remembered mapping can be changed here
                return
            self.step = "pick"
            self._show("pick")
            self._help("import_help_pick")
            self.query_one("#import-path", Input).focus()
            return
        self._leave()

    def _leave(self) -> None:
        """Back to the screen the import was opened from, which reads the book again if an
        import was written (the due queue catches up by itself when shown)."""
        stack = self.app.screen_stack
        under = stack[-2] if len(stack) > 1 else None
        self.dismiss(None)
        reload = getattr(under, "action_reload", None)
        if self.imported and callable(reload):
            reload()
