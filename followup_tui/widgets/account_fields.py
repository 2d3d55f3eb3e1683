"""The account form's parts: its controls, the profile tabs and the live class panel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabPane, TextArea

from followup_tui.core.accounts.profile_fields import PROFILE_TABS
from followup_tui.core.base.config import Settings
from followup_tui.widgets.form_fields import FieldRow, as_text

# (vocabulary key, English) -> the word: the form's words fall back to plain English.
Say = Callable[[str, str], str]
# Kinds of field whose input shows an example: the vocabulary's `hint_<kind>`.
HINTED_KINDS = frozenset({"phone", "email", "website", "mmdd", "date", "money", "count"})


def make_control(kind: str, value: Any, settings: Settings | None = None) -> Widget:
    """The control for a kind of field, holding a stored value, with its example hint."""
    if kind == "text":
        return TextArea(as_text(value), soft_wrap=True, compact=True, tab_behavior="focus")
    hint = settings.word(f"hint_{kind}") if settings and kind in HINTED_KINDS else ""
    return Input(as_text(value), placeholder=hint, compact=True)


def choice_select(
    settings: Settings, section: str, blank: str | None, value: str, default: str = ""
) -> Select[str]:
    """A Select over a vocabulary section; `blank` labels the 'not chosen' option."""
    options = [(label, key) for key, label in settings.choices(section)]
    if blank is not None:
        options.insert(0, (blank, ""))
    keys = {key for _label, key in options}
    if value not in keys:  # a key the configuration no longer has
        value = default if default in keys else options[0][1]
    return Select(options, value=value, allow_blank=False, compact=True)


def _start(initial: Mapping[str, Any], field: str, default: Any = "") -> Any:
    """The starting value of a field."""
    value = initial.get(field)
    return default if value is None else value


def state_fields(settings: Settings, say: Say, initial: Mapping[str, Any]) -> list[Widget]:
    """The account's state above the profile: name, type, judgements, class, tier, notes."""
    unknown = settings.label("answers", "unknown")

    def choice(field: str, section: str, blank: str | None, default: str = "") -> Select[str]:
        start = str(_start(initial, field, default))
        return choice_select(settings, section, blank, start, default)

    dormant = Vertical(
        FieldRow(
            "rejection_count",
            say("rejection_count", "Rejections"),
            # Digits only: the field hides when not dormant, so it must never be invalid.
            Input(
                as_text(_start(initial, "rejection_count", 0)),
                restrict=r"\d*",
                max_length=6,
                compact=True,
            ),
            hint=say("rejection_hint", "Selling starts at the fifth rejection."),
        ),
        # The post-mortem of the first cooperation (seed 004), read before each revival call.
        FieldRow(
            "start_reason",
            say("start_reason", "Why they came to us"),
            make_control("text", _start(initial, "start_reason")),
            hint=say("start_reason_hint", "The post-mortem of the first cooperation."),
        ),
        FieldRow(
            "stop_reason",
            say("stop_reason", "Why they stopped"),
            make_control("text", _start(initial, "stop_reason")),
        ),
        id="dormant-fields",
    )
    return [
        FieldRow("name", say("name", "Name"), Input(_start(initial, "name"), compact=True)),
        FieldRow(
            "relationship",
            say("relationship", "Type"),
            choice("relationship", "relationship_types", None, "target"),
        ),
        dormant,
        FieldRow(
            "willingness",
            say("willingness", "Willingness"),
            choice("willingness", "willingness", unknown),
        ),
        FieldRow(
            "need",
            say("need", "Need"),
            choice("need", "need", unknown),
            hint=say("q_form_hint", "ctrl+r: a questionnaire suggests both"),
        ),
        ClassPanel(id="class-panel", markup=False),
        FieldRow("tier", say("tier", "Tier"), choice("tier", "tiers", say("no_tier", "None"))),
        Static(id="tier-warning", markup=False),
        FieldRow("notes", say("notes", "Notes"), make_control("text", _start(initial, "notes"))),
    ]


def profile_label(settings: Settings, field: str, english: str) -> str:
    """A profile field's label: the account page's word for it in other languages.

    English keeps the form's own wording ("Channels we are not in"), which says more
    than the page's short column words.
    """
    if settings.language == "en":
        return english
    return settings.word(f"field_{field}")


def profile_panes(settings: Settings, say: Say, initial: Mapping[str, Any]) -> list[TabPane]:
    """The profile's tabs of fields, Market with its potential line under its fields."""
    panes = []
    for tab, fields in PROFILE_TABS:
        key = tab.lower()
        children: list[Widget] = [
            FieldRow(
                field,
                profile_label(settings, field, label),
                make_control(kind, initial.get(field), settings),
            )
            for field, label, kind in fields
        ]
        if tab == "Market":
            children.append(Static(id="potential", markup=False))
        panes.append(TabPane(say(f"profile_{key}", tab), *children, id=f"tab-{key}"))
    return panes


class ClassPanel(Static):
    """The class willingness and need give, with its signing horizon and tactic."""

    def show(self, code: str | None, settings: Settings, say: Say) -> None:
        """Show class `code` (None: not judged yet), coloured by class."""
        class_word = say("class", "Class")
        for other in settings.classes:
            self.set_class(other == code, f"-class-{other}")
        # A colon as the language writes it: full width beside Chinese.
        colon = "：" if settings.language == "zh" else ": "
        if code is None:
            hint = say("unjudged_class", "(judge willingness and need to see it)")
            self.update(f"{class_word}{colon}-  {hint}")
            return
        rule = settings.classes[code]
        horizon = say("horizon", "Signing horizon")
        # The vocabulary's tactic is a template ("Tactic: {tactic}"), shared with the page.
        tactic = say("tactic", "Tactic: {tactic}").format(tactic=rule.tactic)
        self.update(f"{class_word} {code}  ·  {horizon}{colon}{rule.horizon}\n{tactic}")
