"""The one exception type whose message is meant for the user."""

from __future__ import annotations


class FollowupError(Exception):
    """A problem the user can fix; the CLI prints the message and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message

    def in_language(self, language: str) -> str:
        """The message in `language`; an error raised before the language was known
        (by the data layer) words itself again here."""
        return self.message


class WordedError(FollowupError):
    """A FollowupError worded from the vocabulary: `key` (a shipped word) and the values
    of its placeholders; its message is English until `in_language` is asked."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.in_language("en"))

    def in_language(self, language: str) -> str:
        from followup_tui.core.base.vocabulary import shipped_words

        # A value that is itself an error (a hint) is worded in the same language.
        values = {
            k: v.in_language(language) if isinstance(v, FollowupError) else v
            for k, v in self.values.items()
        }
        return shipped_words(language)[self.key].format(**values)


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
