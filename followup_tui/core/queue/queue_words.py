"""The due queue's reasons and priority lines in the configured language.

The templates are the vocabulary's `reason_<key>` (config/vocabulary.yaml), filled
with `str.format`; each gets the same values in both languages and uses the ones it
needs: English says `{days}` (already '1 day' or '3 days'), Chinese says `{n}天`. A
reason a rep reads in the queue, in the `followup due` text and in its JSON comes
from here.
"""

from __future__ import annotations

from collections.abc import Mapping

from followup_tui.core.accounts.buying_season import SeasonPrediction
from followup_tui.core.base.vocabulary import shipped_words


def words(language: str) -> Mapping[str, str]:
    """The templates of a language (English for one without its own)."""
    return shipped_words(language, "reason_")


def say(language: str, key: str, **values: object) -> str:
    """One template in `language`, filled with `values`."""
    return words(language)[key].format(**values)


def season_reason(season: SeasonPrediction, language: str) -> str:
    """Why an account is in its buying season, in `language`."""
    return season.reason_in(language)
