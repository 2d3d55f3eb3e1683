"""Phone numbers as reps type them: several in one field, each perhaps with an extension.

"+86 10 1234 5678 ext 12 / +86 139 0000 1234": the field is kept and shown as typed;
a softphone is given only what it can dial (the extension is said, not dialled).
"""

from __future__ import annotations

import re

# The words that start an extension: "ext 12", "ext. 12", "x12", "转12", "分机 12".
_EXT_WORD = r"(?:ext\.?|extension|x|转|分机)"
_EXTENSION = re.compile(rf"\s*{_EXT_WORD}\s*(\d{{1,8}})\s*$", re.IGNORECASE)
# Numbers typed into one field: "+86 139 0000 1234 / +86 21 5555 0101". Two spaces part
# numbers too, unless an extension follows them ("5678  ext 12" is one number).
_SPLIT = re.compile(rf"\s*[/,;；，、|]\s*|\s{{2,}}(?!{_EXT_WORD}\s*\d)", re.IGNORECASE)
# What a softphone dials: a leading + and the digits (spaces, dots and dashes go).
_DIAL_DROP = re.compile(r"[^\d+]")


def numbers_in(field: str) -> list[str]:
    """The numbers typed into one phone field, each as typed (extension included)."""
    return [part.strip() for part in _SPLIT.split(field.strip()) if part.strip()]


def split_extension(number: str) -> tuple[str, str]:
    """('+86 10 1234 5678', '12') for '+86 10 1234 5678 ext 12'; ('...', '') without one."""
    found = _EXTENSION.search(number)
    if found is None or not any(ch.isdigit() for ch in number[: found.start()]):
        return number.strip(), ""
    return number[: found.start()].strip(), found[1]


def dial_string(number: str) -> str:
    """What a softphone takes: '+86 139-0000 1234' -> '+8613900001234', the extension left off."""
    main, _ = split_extension(number)
    digits = _DIAL_DROP.sub("", main)
    plus = "+" if digits.startswith("+") else ""
    return plus + digits.replace("+", "") if any(ch.isdigit() for ch in digits) else ""
