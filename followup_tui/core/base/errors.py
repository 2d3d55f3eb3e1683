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
