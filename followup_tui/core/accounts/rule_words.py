"""What the form checks say when a value is wrong, in the configured language.

One template per problem, the vocabulary's `check_<problem>` (config/vocabulary.yaml);
each is filled with `str.format` and the same values in both languages. The account,
key-person and deal checks (`account_rules`, `deal_rules`) take the language and
speak through `say`.
"""

from __future__ import annotations

from followup_tui.core.base.vocabulary import shipped_words


def say(language: str, key: str, **values: object) -> str:
    """One check's message in `language` (English for a language without its own)."""
    return shipped_words(language, "check_")[key].format(**values)
