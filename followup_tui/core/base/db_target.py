"""Where the records live: the rep's own SQLite file, or a team's PostgreSQL server.

A server is named by URL (`postgresql://USER@HOST/DB`) in `--db`, FOLLOWUP_DB or
`database:` in the config. Its password never rides along: it comes from
~/.pgpass or PGPASSWORD, which libpq reads itself, so a URL holding one (which
would sit in the shell's history, the process list or a config file) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup_tui.core.base.errors import FollowupError, Said

SERVER_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class ServerUrl:
    """A team's PostgreSQL database, named by a URL that holds no password."""

    url: str

    def __str__(self) -> str:
        return self.url


def names_server(text: str) -> bool:
    """Whether `text` is a server's URL rather than a file's path."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def holds_password(url: str) -> bool:
    """Whether a server's URL carries a password (`user:secret@`, `?password=`)."""
    from urllib.parse import parse_qsl, urlsplit  # only when a server is named

    try:
        parts = urlsplit(url)
        given = parts.password
    except ValueError:
        return ":" in url.partition("@")[0].partition("://")[2]
    if given is not None:
        return True
    return any(key.lower() == "password" for key, _ in parse_qsl(parts.query))


def database_target(text: str, where: str) -> Path | ServerUrl:
    """The file or server `text` names; `where` names its source (`--db`, a file) for
    the refusal of a URL holding a password."""
    if not names_server(text):
        return Path(text).expanduser()
    if holds_password(text):
        raise FollowupError(Said("cli_db_password", {"where": where}))
    return ServerUrl(text)
