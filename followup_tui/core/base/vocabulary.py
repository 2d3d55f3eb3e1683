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


@cache
def shipped_words(language: str, prefix: str = "") -> Mapping[str, str]:
    """The shipped words of `language` under `prefix` (see `prefixed`), read once."""
    # Imported here: config imports this module for `Settings.words`.
    from followup_tui.core.base.config import shipped_vocabulary

    return MappingProxyType(prefixed(shipped_vocabulary(), language, prefix))
