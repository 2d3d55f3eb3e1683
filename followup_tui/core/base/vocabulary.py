"""Words from config/vocabulary.yaml for the core rules that are given a language, not Settings.

Screens and most rules read words through `Settings.word` and `Settings.words`, which
see the user's file too. A few core checks are called with only a language (the form
checks, the due queue's reasons, the call script's built-in text); they read the
shipped vocabulary here, the same file, parsed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any


def prefixed(vocabulary: Mapping[str, Any], language: str, prefix: str) -> dict[str, str]:
    """The words whose keys start with `prefix`, keyed without it; English fills any gap."""
    out: dict[str, str] = {}
    # English first, the language on top: a key the language lacks still has a word.
    for lang in ("en", language):
        for key, text in vocabulary.get(lang, {}).items():
            if key.startswith(prefix):
                out[key[len(prefix) :]] = str(text)
    return out


# The shipped vocabulary as last read by `load_settings`: the app reads it from the cache
# at start, so the rules given only a language never parse the YAML again.
_shipped: dict[str, Any] | None = None


def remember_shipped(vocabulary: dict[str, Any]) -> None:
    """Keep the shipped vocabulary `load_settings` has just read."""
    global _shipped
    _shipped = vocabulary


def shipped_vocabulary() -> dict[str, Any]:
    """The shipped `vocabulary` section ({language: {key: text}}), without any user file."""
    global _shipped
    if _shipped is None:
        # Imported here: only a rule called before any settings were loaded needs it.
        from followup_tui.core.base.config_cache import shipped

        _shipped = shipped(None)[0]["vocabulary"]
    return _shipped


@cache
def shipped_words(language: str, prefix: str = "") -> Mapping[str, str]:
    """The shipped words of `language` under `prefix` (see `prefixed`), read once."""
    return MappingProxyType(prefixed(shipped_vocabulary(), language, prefix))
