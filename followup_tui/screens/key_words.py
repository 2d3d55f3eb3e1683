"""Where keys get their words, in the configured language.

`localize_bindings` gives a screen's (or the app's) bindings the vocabulary's
`key_<id>` description and `tip_<id>` tooltip, so the footer, the `?` help and the
command palette speak the configured language. Kept apart from the help screen so
that the app can import it without importing a screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from followup_tui.core.base.config import Settings

# Textual's own palette key has no id; it gets its words under this name.
UNNAMED = {"command_palette": "app_palette"}


def key_of(screen: Screen, binding_id: str) -> str:
    """The key a binding is on now on `screen` (the user's keymap may have moved it), as the
    footer shows it; '' when no active binding has that id."""
    return keys_of(screen, (binding_id,))[binding_id]


def keys_of(screen: Screen, binding_ids: Iterable[str]) -> dict[str, str]:
    """`key_of` for several bindings at once: the screen's active bindings (each binding's
    `check_action` asked again) gathered once, not once per binding."""
    found = dict.fromkeys(binding_ids, "")
    for active in screen.active_bindings.values():
        binding_id = active.binding.id
        if binding_id in found and not found[binding_id]:
            found[binding_id] = screen.app.get_key_display(active.binding)
    return found


def bound_key(screen: Screen, binding_id: str) -> str:
    """The key a binding is on, shown in a text even where its state hides it now ("i, then a
    adds a person" on a section where `a` does nothing yet): `key_of`, else the screen's own
    binding as the keymap moves it; '' when the screen has no binding with that id."""
    return bound_keys(screen, (binding_id,))[binding_id]


def bound_keys(screen: Screen, binding_ids: Iterable[str]) -> dict[str, str]:
    """`bound_key` for several bindings at once (a line naming a tab's keys): the active
    bindings gathered once (`keys_of`), the screen's own only for those not among them."""
    found = keys_of(screen, binding_ids)
    missing = {binding_id for binding_id, key in found.items() if not key}
    if not missing:
        return found
    bindings = screen._bindings.copy()
    if screen.app._keymap:
        bindings.apply_keymap(screen.app._keymap)
    for candidates in bindings.key_to_bindings.values():
        for binding in candidates:
            if binding.id in missing:
                missing.discard(binding.id)
                found[binding.id] = screen.app.get_key_display(binding)
    return found


def binding_slug(binding: Binding) -> str | None:
    """The vocabulary name of a binding ('queue.open' -> 'queue_open'), None when unnamed."""
    if binding.id:
        return binding.id.replace(".", "_")
    return UNNAMED.get(binding.action)


def vocab_lookup(settings: Settings, key: str) -> str | None:
    """A vocabulary entry in the configured language (English filling gaps), or None."""
    vocab = settings.data["vocabulary"]
    found = vocab[settings.language].get(key) or vocab["en"].get(key)
    return None if found is None else str(found)


def localize_bindings(node: DOMNode, settings: Settings) -> None:
    """Give a node's named bindings their vocabulary words; unknown names keep theirs."""
    keys: dict[str, list[Binding]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        keys[key] = []
        for binding in bindings:
            slug = binding_slug(binding)
            if slug is not None:
                binding = replace(
                    binding,
                    description=vocab_lookup(settings, f"key_{slug}") or binding.description,
                    tooltip=vocab_lookup(settings, f"tip_{slug}") or binding.tooltip,
                )
            if binding.group is not None:
                binding = replace(binding, group=_localize_group(binding.group, settings))
            keys[key].append(binding)
    # A new map: the old one shares its lists with the class's bindings.
    node._bindings = BindingsMap.from_keys(keys)


def _localize_group(group: Binding.Group, settings: Settings) -> Binding.Group:
    """A key group ('Sections') with its vocabulary word `key_group_<description>`.

    The footer shows a group's description in place of its keys' own words.
    """
    slug = "key_group_" + group.description.lower().replace(" ", "_")
    return replace(group, description=vocab_lookup(settings, slug) or group.description)


def nav_word(settings: Settings, description: str) -> str:
    """A widget's navigation key ('Page up') in the configured language, when known.

    Textual's widgets describe their keys in English themselves: English keeps them as written.
    """
    if settings.language == "en":
        return description
    return vocab_lookup(settings, "nav_" + description.lower().replace(" ", "_")) or description
