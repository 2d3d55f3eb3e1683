"""The one exception type whose message is meant for the user."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Said:
    """A message as a vocabulary key and its values, worded in a language when shown.

    Code that has no settings (the data layer, a parser) raises with one; the CLI
    words it in the configured language when it prints it. A value may be a `Said`
    itself ("…and 3 more" inside a listing).
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, word: Callable[[str], str]) -> str:
        """The message in the words `word` gives (`Settings.word`, or `english`)."""
        values = {k: v.text(word) if isinstance(v, Said) else v for k, v in self.values.items()}
        return word(self.key).format(**values)


def english(key: str) -> str:
    """A word of the shipped English vocabulary: a message before any settings are read."""
    # Imported here: the vocabulary is read only when such a message is made.
    from followup_tui.core.base.vocabulary import shipped_words

    return shipped_words("en")[key]


class FollowupError(Exception):
    """A problem the user can fix; the CLI prints the message and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str | Said, exit_code: int = 2) -> None:
        self.said = message if isinstance(message, Said) else None
        text = message.text(english) if isinstance(message, Said) else message
        super().__init__(text)
        self.message = text
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message

    def worded(self, word: Callable[[str], str]) -> str:
        """The message in the words `word` gives, when it was made from the vocabulary."""
        return self.said.text(word) if self.said is not None else self.message


class ConfigError(FollowupError):
    """Invalid configuration, located by file, line and key."""

    def __init__(self, file: str, line: int | None, key: str, problem: str) -> None:
        where = f"{file}, line {line}" if line else file
        keypart = f", key '{key}'" if key else ""
        super().__init__(f"config error in {where}{keypart}: {problem}")
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
