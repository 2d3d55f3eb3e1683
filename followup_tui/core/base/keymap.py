"""The keys a user may give a binding in the `keymap:` section of the config.

A key is written as Textual names the key events it reports: optional modifiers
and one key joined by `+` (`ctrl+d`, `f5`, `shift+tab`, `a`, `?` or its name
`question_mark`); a binding may take several keys separated by commas. The check
is pure (no Textual here): it returns each key in the exact form Textual reports,
so that a key accepted here is a key that can actually be pressed.
"""

from __future__ import annotations

import itertools
import string
import unicodedata
from collections.abc import Collection

# Textual reports modifiers in alphabetical order (`ctrl+shift+up`).
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{n}" for n in range(1, 25)),
    }
)
# Textual's friendlier names for a few characters (its KEY_NAME_REPLACEMENTS).
_FRIENDLY = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


# Unicode names run to a dozen words; trying each joint as space or hyphen stays cheap.
_MAX_NAME_WORDS = 12


class BadKey(ValueError):
    """A key string that is not a key; the message says why."""


def character_key(char: str) -> str:
    """The name Textual gives the key of one typed character ('?' -> 'question_mark')."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return _FRIENDLY.get(name, name)


# The punctuation keys by name: `question_mark` is as good as `?` (and the only way to
# write `,`, which separates keys).
PUNCTUATION = {character_key(char): char for char in string.punctuation}


def key_character(name: str) -> str | None:
    """The character a key name stands for, None for keys that type none (`f5`)."""
    if len(name) == 1:
        return name
    if name in PUNCTUATION:
        return PUNCTUATION[name]
    # Any other character Textual names by its Unicode name ('´' -> 'acute_accent'),
    # where '_' stood for a space or a hyphen ('🤐' -> 'zipper_mouth_face').
    words = name.split("_")
    if len(words) > _MAX_NAME_WORDS:
        return None
    for joints in itertools.product(" -", repeat=len(words) - 1):
        spelled = words[0] + "".join(j + w for j, w in zip(joints, words[1:], strict=True))
        try:
            char = unicodedata.lookup(spelled)
        except KeyError:
            continue
        if character_key(char) == name:
            return char
    return None


def parse_key(text: str) -> str:
    """One key in Textual's form ('shift+ctrl+up' -> 'ctrl+shift+up'); BadKey if not a key."""
    if not text:
        raise BadKey("empty key (the space bar is 'space', the comma 'comma')")
    if any(char.isspace() for char in text):
        raise BadKey(f"no spaces inside a key: {text!r}")
    # A lone '+' is the plus key; otherwise '+' joins modifiers to the key.
    parts = [text] if text == "+" else text.split("+")
    *modifiers, base = parts
    if "" in parts:
        raise BadKey(f"an empty part in {text!r} (the + key is written 'plus')")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            known = ", ".join(MODIFIERS)
            raise BadKey(f"unknown modifier {modifier!r} in {text!r} (known: {known})")
    if len(set(modifiers)) != len(modifiers):
        raise BadKey(f"a modifier is repeated in {text!r}")
    if len(base) == 1:
        if not base.isprintable():
            raise BadKey(f"not a key one can type: {text!r}")
        name = character_key(base)
    elif base in NAMED_KEYS or base in PUNCTUATION:
        name = base
    else:
        hint = f" (did you mean {base.lower()!r}?)" if base.lower() in NAMED_KEYS else ""
        raise BadKey(f"unknown key {base!r} in {text!r}{hint}")
    char = key_character(name)
    # The terminal reports shift with a character as the character it types ('A', '!').
    if modifiers == ["shift"] and char is not None:
        typed = repr(char.upper()) if char.isalpha() else "the character shift types"
        raise BadKey(f"{text!r} is never reported: write {typed} instead")
    if modifiers and char is not None and char.isupper():
        lower = "+".join([*sorted({*modifiers, "shift"}), char.lower()])
        raise BadKey(f"{text!r} is never reported: write {lower!r} instead")
    return "+".join([*sorted(modifiers), name])


def parse_keys(text: str) -> str:
    """A binding's keys, comma-separated, each in Textual's form; BadKey if any is not a key."""
    keys: list[str] = []
    for part in text.split(","):
        key = parse_key(part.strip())
        if key not in keys:
            keys.append(key)
    return ",".join(keys)


def unknown_ids(keymap: Collection[str], known: Collection[str]) -> list[str]:
    """The binding ids of a keymap that no binding has, in the keymap's order."""
    return [binding_id for binding_id in keymap if binding_id not in known]
