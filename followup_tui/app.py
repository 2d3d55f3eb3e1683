"""The Textual app: wires settings, the database and the clock into the screens."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.timer import Timer

    from followup_tui.db.drafts import Draft

from followup_tui.core.base.config import Settings
from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.undo_history import UndoHistory
from followup_tui.screens.file_keeping import keep_file_safe
from followup_tui.screens.key_words import key_of, localize_bindings
from followup_tui.screens.safe_output import install as install_safe_output
from followup_tui.screens.storage_guard import StorageGuard, Unsaved, storage_problem

Clock = Callable[[], dt.date]
Now = Callable[[], dt.datetime | None]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


install_safe_output()  # before any screen exists: no control character reaches the terminal

# A storage failure is said again after this long; a write it refused is tried this often.
STORAGE_SAID_EVERY_S = 30.0
UNSAVED_RETRY_S = 10.0
LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"

# The main screens (keys 1 to 4), each imported the first time it is shown:
# a start pays for the first screen's modules only (forms, filters, text inputs
# and the queue's data layer are each tens of milliseconds).
LAZY_MODES = {
    "queue": ("followup_tui.screens.due_queue", "DueQueueScreen"),
    "accounts": ("followup_tui.screens.account_list_screen", "AccountsScreen"),
    "deals": ("followup_tui.screens.deals", "DealsScreen"),
    "review": ("followup_tui.screens.review.review_screen", "ReviewScreen"),
}


def mode_screen_class(mode: str) -> type[Screen]:
    """The screen class of a main screen (importing its module if need be)."""
    module, name = LAZY_MODES[mode]
    return cast(type[Screen], getattr(importlib.import_module(module), name))


def _lazy_mode(mode: str) -> Callable[[], Screen]:
    """A MODES entry that builds the screen, importing its module on first use."""

    def make() -> Screen:
        return mode_screen_class(mode)()

    return make


def _account_commands() -> type[Provider]:
    """'Go to' any account from the palette: imported when the palette first searches."""
    from followup_tui.screens.account_commands import AccountCommands

    return AccountCommands


def _help_commands() -> type[Provider]:
    """Help by its name in the other language: imported when the palette first searches."""
    from followup_tui.screens.help_commands import HelpCommands

    return HelpCommands


class FollowupApp(StorageGuard, App[int]):
    """The followup workbench."""

    COMMANDS = App.COMMANDS | {_account_commands, _help_commands}

    # The first screen's styles too: read with the app's, they are parsed once at start
    # instead of again when the screen arrives (Textual re-parses every source then).
    CSS_PATH = ["app.tcss", "screens/due_queue.tcss"]
    TITLE = "followup"
    PALETTE_CATEGORY = "App"
    MODES = {mode: _lazy_mode(mode) for mode in LAZY_MODES}
    DEFAULT_MODE = "queue"
    first_frame_shown = False
    """Whether Textual has written the first frame (see `widgets.footer.Footer`)."""
    BINDINGS = [
        Binding(
            "1",
            "go('queue')",
            "Due queue",
            id="go.queue",
            tooltip="Who to follow up today, who is overdue, who is cooling",
        ),
        Binding(
            "2",
            "go('accounts')",
            "Accounts",
            id="go.accounts",
            tooltip="Show the account list",
        ),
        Binding("3", "go('deals')", "Deals", id="go.deals", tooltip="Show the deal list"),
        Binding(
            "4",
            "go('review')",
            "Reviews",
            id="go.review",
            tooltip="The reviews: 5+5+5 board, pipeline, health, year-end, heat, activity",
        ),
        # A priority key: help opens on every screen, dialogs included (Textual gives a
        # dialog only its own keys). Where `?` is text (a note, a form), Textual leaves it
        # to the text field and f1 opens help there.
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            id="app.help",
            tooltip="List every key of this screen",
            priority=True,
        ),
        Binding(
            "ctrl+t",
            "toggle_dark",
            "Light/dark",
            id="app.toggle_dark",
            tooltip="Switch between the light and the dark theme",
            show=False,
        ),
        Binding(
            "n",
            "quick_note",
            "Note",
            id="app.note",
            tooltip="A quick note on the account in focus, saved as you type",
        ),
        Binding(
            "ctrl+d",
            "open_draft",
            "Unsaved notes",
            id="app.open_draft",
            tooltip="Open the notes left unsaved when followup last stopped",
            show=False,
        ),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave followup"),
    ]

    def __init__(
        self,
        settings: Settings,
        db_path: Path | ServerUrl,
        clock: Clock = dt.date.today,
        now: Now = _utc_now,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.db_path = db_path
        self.clock = clock
        self.now = now
        # One history for the session: a change made on the list can be undone on the page.
        self.undo_history: UndoHistory = UndoHistory()
        self.title = settings.word("app_title")
        self._after_first_frame: list[Callable[[], object]] = []
        self._offered_draft: Draft | None = None  # unsaved notes offered at start
        # Writes the storage refused, kept to try again (see `keep_unsaved`).
        self.unsaved: list[Unsaved] = []
        self._storage_said: tuple[str, float] | None = None
        self._retry_timer: Timer | None = None
        self._quit_warned = False
        localize_bindings(self, settings)
        # The user's `keymap:` (ids checked by the CLI): Textual applies it to every
        # screen's bindings, so the footer, the help and the palette show the new keys.
        if settings.keymap:
            self.set_keymap(dict(settings.keymap))

    def get_screen(self, screen: Screen | str, screen_class: type[Screen] | None = None) -> Screen:
        """Textual's screen lookup (every push and mode goes through it), with the keys' words."""
        found = super().get_screen(screen, screen_class)
        localize_bindings(found, self.settings)
        return found

    def on_load(self) -> None:
        """Pause the cyclic garbage collector until the first frame is out.

        Start-up makes the screen's widgets, styles and the queue's rows, tens of
        thousands of objects that live on; the collections they would trigger free
        almost nothing and cost several milliseconds of the first frame. Textual
        pauses it the same way while a scroll animates.
        """
        self._collector_paused = gc.isenabled()
        gc.disable()
        # The app's own styles (its colours, which every screen inherits) before the
        # first screen draws its rows: Textual styles the app only after composing it,
        # and the queue's rows, drawn while composing, would keep colours from before.
        self.stylesheet.apply(self)

    def _end_batch(self) -> None:
        """Textual's end of a batch; then the frame a screen held meanwhile is drawn.

        Textual draws frames during a batch and throws them away (about 10 ms
        of a start); `AppScreen` holds them instead, so they are drawn once here.
        """
        super()._end_batch()
        if not self._batch_count and self.screen_stack:
            release = getattr(self.screen, "release_held_frame", None)
            if release is not None:  # an AppScreen; Textual's own screens hold nothing
                release()

    def _resume_collector(self) -> None:
        if getattr(self, "_collector_paused", False):
            self._collector_paused = False
            gc.enable()

    def on_unmount(self) -> None:
        """Never leave the collector paused, even if the app stops before its first frame."""
        self._resume_collector()

    def on_mount(self) -> None:
        """Apply the configured theme, falling back to the dark one if it is unknown."""
        self.theme = (
            self.settings.theme if self.settings.theme in self.available_themes else DARK_THEME
        )

    def today(self) -> dt.date:
        """The injected 'today' every screen uses."""
        return self.clock()

    def now_utc(self) -> dt.datetime | None:
        """The injected present moment, for calling hours (None: unknown)."""
        return self.now()

    def stamp(self) -> dt.datetime:
        """The moment a write made now is recorded at (naive UTC, on the injected day)."""
        from followup_tui.core.base.moments import write_stamp

        return write_stamp(self.today(), self.now_utc())

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is out (at once if it is): work a start
        need not wait for, such as writing down what it computed for the next one."""
        if self.first_frame_shown:
            callback()
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        """The first frame is out: the footer's keys; a note being typed when followup stopped."""
        # The queue's footer held its keys back so that the first frame came sooner.
        self.first_frame_shown = True
        self._resume_collector()
        self.screen.refresh_bindings()
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            callback()
        keep_file_safe(self)
        from followup_tui.db.drafts import pending_drafts

        drafts = [d for d in pending_drafts() if d.account_id is not None]
        if drafts:
            # Offered, never opened under the rep's fingers: keys typed as the app comes
            # up (2, /, a name) went into a reopened call's notes.
            self._offered_draft = drafts[0]
            from followup_tui.screens.contact_flow import draft_owner

            self.notify(
                self.settings.word("draft_offer").format(
                    name=draft_owner(self, drafts[0]),
                    key=key_of(self.screen, "app.open_draft"),
                ),
                timeout=10,
            )

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last stop for an error in a callback: the storage's are said, and the
        app goes on; any other still ends it."""
        if storage_problem(error) is not None:
            self.storage_failed(error)
            return
        super()._handle_exception(error)

    def storage_failed(self, error: BaseException) -> None:
        """Say that the storage refused a write: why, and which file. Said once for a run
        of the same failure (every keystroke's draft would say it again)."""
        reason = storage_problem(error) or "storage_io"
        moment = time.monotonic()
        if self._storage_said is not None:
            said, when = self._storage_said
            if said == reason and moment - when < STORAGE_SAID_EVERY_S:
                return
        self._storage_said = (reason, moment)
        self.notify(
            self.settings.word("storage_failed").format(
                reason=self.settings.word(reason), path=self.db_path
            ),
            severity="error",
            timeout=15,
        )

    def keep_unsaved(self, unsaved: Unsaved) -> None:
        """Hold a write the storage refused, and try it again every little while."""
        self.unsaved.append(unsaved)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(UNSAVED_RETRY_S, self._retry_unsaved)

    def _screen_open(self, screen: object) -> bool:
        """Whether `screen` is still on one of the app's stacks (not closed since)."""
        return screen is None or any(screen in stack for stack in self._screen_stacks.values())

    def _retry_unsaved(self) -> None:
        while self.unsaved:
            first = self.unsaved[0]
            try:
                first.retry()
            except Exception as error:
                reason = storage_problem(error)
                if reason is None:
                    raise
                if reason == "storage_read_only":
                    # SQLite opened the file read-only and keeps it so: open it again,
                    # so the next tick finds out whether it can be written now.
                    from followup_tui.db.database import reconnect

                    reconnect()
                return  # still refused: the next tick tries again
            self.unsaved.pop(0)
            self.notify(self.settings.word("storage_saved_later").format(what=first.said))
            if first.after is not None and self._screen_open(first.screen):
                first.after()
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    async def action_quit(self) -> None:
        """Leave; with writes the storage refused still held, say so first (q again
        leaves, and prints them to the terminal)."""
        if self.unsaved and not self._quit_warned:
            self._quit_warned = True
            said = self.settings.word("storage_quit_warning").format(n=len(self.unsaved))
            self.notify(said, severity="warning", timeout=10)
            return
        self.exit()

    def action_open_draft(self) -> None:
        """Open the unsaved notes offered at start, where they were being typed."""
        draft = self._offered_draft
        if draft is None:
            self.notify(self.settings.word("draft_none"))
            return
        self._offered_draft = None
        from followup_tui.screens.contact_flow import offer_draft

        offer_draft(self, draft)

    def action_quick_note(self, account_id: int | None = None, text: str | None = None) -> None:
        """Open a quick note on an account: the given one, or the one in focus."""
        from followup_tui.screens.contact_flow import quick_note

        quick_note(self, account_id, text)

    async def action_go(self, mode: str) -> None:
        """Show a main screen: from a page opened on top of it, go back to the screen itself."""
        if self.current_mode != mode:
            await self.switch_mode(mode)
        main_screen = mode_screen_class(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, main_screen):
            self.pop_screen()

    def action_help(self) -> None:
        """Open the help screen for the screen underneath; on the help itself, close it."""
        from followup_tui.screens.help import HelpScreen  # when asked: not on every start

        if isinstance(self.screen, HelpScreen):
            self.screen.action_dismiss_help()
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_import_book(self) -> None:
        """Open the import screen (from any screen, or the palette)."""
        from followup_tui.screens.transfer.import_screen import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen())

    def action_save_picture(self) -> None:
        """Save the screen shown as an SVG picture and say where."""
        from followup_tui.screens.picture import save_picture

        save_picture(self)

    def action_toggle_dark(self) -> None:
        """Follow Textual's theme switching between a light and a dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding of the screen is also a palette command, titled 'Category: action'."""
        seen: set[str] = set()
        word = self.settings.word
        # A dialog's active keys are its own; the app's priority keys (help) work there too.
        # Read from the screen's binding chain (Textual's, private): the keymap is applied there.
        everywhere = [
            ActiveBinding(node, binding, True, binding.tooltip)
            for node, bindings in screen._binding_chain
            if node is self
            for _key, binding in bindings
            if binding.priority and binding.id
        ]
        for active in [*screen.active_bindings.values(), *everywhere]:
            binding = active.binding
            category = getattr(active.node, "PALETTE_CATEGORY", None)
            # Only our own bindings (they carry ids): widget navigation would drown the palette.
            if category is None or not binding.id or binding.action in seen:
                continue
            seen.add(binding.action)
            slug = "category_" + category.lower().replace(" ", "_")
            shown = word(slug) if slug in self.settings.data["vocabulary"]["en"] else category
            yield SystemCommand(
                word("palette_command").format(category=shown, action=binding.description),
                word("palette_with_key").format(
                    help=binding.tooltip or binding.description, key=self.get_key_display(binding)
                ),
                partial(self.run_action, binding.action, active.node),
            )
        # The import screen: a command of its own, not a key (every help would list it).
        yield SystemCommand(
            word("palette_import"), word("palette_import_help"), self.action_import_book
        )
        # The screen shown as an SVG picture in the pictures folder, named in a toast.
        yield SystemCommand(
            word("palette_save_picture"),
            word("palette_save_picture_help"),
            self.action_save_picture,
        )
        # Textual's own Quit and Keys duplicate q and ?; keep theme, screenshot, maximize,
        # re-described in the configured language (`palette_<title>` and its `_help`).
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                slug = "palette_" + command.title.lower()
                found = slug in self.settings.data["vocabulary"]["en"]
                yield command._replace(
                    title=word(slug) if found else command.title,
                    help=word(slug + "_help") if found else command.help,
                )

    def action_command_palette(self) -> None:
        """Textual's command palette, with its prompt and 'no matches' in our words."""
        from followup_tui.screens.command_palette import LocalCommandPalette

        if self.use_command_palette and not isinstance(self.screen, LocalCommandPalette):
            word = self.settings.word
            self.push_screen(LocalCommandPalette(word("palette_prompt"), word("palette_none")))


def build_app(
    *,
    settings: Settings,
    db_path: Path | ServerUrl,
    clock: Clock = dt.date.today,
    now: Now = _utc_now,
) -> FollowupApp:
    """The one factory used by the CLI and the tests."""
    return FollowupApp(settings=settings, db_path=db_path, clock=clock, now=now)
