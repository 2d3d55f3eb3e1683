"""The call script's built-in words in the configured language.

The vocabulary's `script_<key>` (config/vocabulary.yaml): templates that
config/script.yaml does not define, commitment defaults per class, relative-date
words and the worth-calling reasons.
"""

from __future__ import annotations

from followup_tui.core.base.vocabulary import shipped_words


def phrase(key: str, language: str, **values: object) -> str:
    """Built-in text in `language` (English when missing), filled with `values`."""
    # An empty word (zh blank_contact) falls back to English, as it always has.
    text = shipped_words(language, "script_").get(key) or shipped_words("en", "script_").get(
        key, key
    )
    return text.format(**values) if values else text
