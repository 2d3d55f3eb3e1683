"""Add or change one talking point: its text in both languages, its kind, its expiry day."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.core.call.value_offers import TALKING_POINT_KINDS, TalkingPoint
from followup_tui.screens.base import AppModal
from followup_tui.screens.discard_changes import AsksBeforeDiscard


def own_keys(screen: Screen[Any], prefix: str) -> str:
    """The dialog's own keys as they are now (remapped, in the configured language).

    A dialog shows no footer of its own: the screen below's would name the wrong keys.
    """
    shown = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id and binding.id.startswith(prefix):
            shown.append(f"{screen.app.get_key_display(binding)} {binding.description}")
    return "  ".join(shown)


class TalkingPointForm(AsksBeforeDiscard, AppModal[TalkingPoint | None]):
    """Dismisses with the point as typed (id 0 when new), or None on escape."""

    CSS_PATH = "talking_points.tcss"
    PALETTE_CATEGORY = "Talking points"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="point.save", tooltip="Save the talking point"),
        Binding("escape", "cancel", "Cancel", id="point.cancel", tooltip="Close without saving"),
    ]

    RECORD_NAME = "this talking point"

    def __init__(self, point: TalkingPoint | None = None) -> None:
        super().__init__()
        self.point = point or TalkingPoint(0, "", "")

    @property
    def labels(self) -> dict[str, str]:
        """Each field's label (`TalkingPoint.fields`' names), for the conflict dialog."""
        names = {"en": "points_en", "zh": "points_zh", "kind": "points_kind"}
        return {k: self.word(v) for k, v in names.items()} | {
            "expires_on": self.word("points_expires")
        }

    def compose(self) -> ComposeResult:
        """English, Chinese, the kind and the expiry day; an error line."""
        w = self.word
        point = self.point
        kinds = [(w(f"points_kind_{kind}"), kind) for kind in TALKING_POINT_KINDS]
        expires = point.expires_on.isoformat() if point.expires_on else ""
        with Vertical(id="point-box"):
            yield Static(w("points_title"), id="point-title", markup=False)
            yield Label(w("points_en"))
            yield Input(point.en, id="point-en")
            yield Label(w("points_zh"))
            yield Input(point.zh, id="point-zh")
            yield Label(w("points_kind"))
            yield Select(kinds, id="point-kind", value=point.kind, allow_blank=False)
            yield Label(w("points_expires"))
            yield Input(expires, id="point-expires", placeholder=w("points_expires_hint"))
            yield Static("", id="point-error", markup=False)
            yield Static("", id="point-keys", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        """Say the dialog's keys."""
        self.query_one("#point-keys", Static).update(own_keys(self, "point."))
        self.remember_opening()

    @on(Input.Changed)
    def edited(self) -> None:
        """An error is about what was typed before: once the rep types again, it goes."""
        self.query_one("#point-error", Static).update("")

    @on(Input.Submitted)
    def submitted(self) -> None:
        """Enter in any field saves, as ctrl+s does."""
        self.action_save()

    def action_save(self) -> None:
        """Check the fields; say what is wrong inline, or close with the point."""
        error = self.query_one("#point-error", Static)
        en = self.query_one("#point-en", Input).value.strip()
        zh = self.query_one("#point-zh", Input).value.strip()
        if not (en or zh):
            error.update(self.word("points_text_needed"))
            self.query_one("#point-en", Input).focus()
            return
        typed = self.query_one("#point-expires", Input).value.strip()
        try:
            # The one date parser: +1m, 下周一, 2026-12-31... as every date field reads them.
            hint = "zh" if self.fapp.settings.language == "zh" else None
            expires = parse_when(typed, self.fapp.today(), hint) if typed else None
        except DateParseError as exc:
            error.update(self.word("points_bad_day").format(error=exc))
            self.query_one("#point-expires", Input).focus()
            return
        kind = self.query_one("#point-kind", Select).value
        chosen = kind if isinstance(kind, str) else self.point.kind
        self.dismiss(TalkingPoint(self.point.id, en, zh, chosen, expires))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.cancel_asking()
