"""A throwaway PostgreSQL cluster for the tests: made in a temporary folder, gone after.

`initdb` refuses to run as root, and CI runs as root: the cluster's files then
belong to an unprivileged user (`nobody`) and its programs run as that user. The
server listens on a Unix socket in the cluster's folder only (no TCP port to clash
with another cluster), with fsync off: nothing in it has to survive a crash.
scripts/check.sh installs the server's package when the machine has none.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

# The cluster's superuser: trusted on its socket, which only this machine can reach.
SUPERUSER = "followup_admin"
# Who owns and runs the cluster when the tests run as root.
RUN_AS = "nobody"
TOOLS = ("initdb", "pg_ctl", "postgres")
_SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c listen_addresses='' -c max_connections=80 -c shared_buffers=16MB"
)


def server_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres; None when this machine has none.

    FOLLOWUP_PG_BIN first, then the folder of the `initdb` on PATH (Debian's
    package keeps them out of PATH, in /usr/lib/postgresql/N/bin), newest first.
    """
    candidates: list[Path] = []
    given = os.environ.get("FOLLOWUP_PG_BIN")
    if given:
        candidates.append(Path(given))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(map(Path, versions), key=lambda p: _number(p.parent.name), reverse=True)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in TOOLS):
            return folder
    return None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _as_owner(argv: list[str]) -> list[str]:
    """`argv` run as the cluster's owner: as is, unless this process is root."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", RUN_AS, "--", *argv]
    user = pwd.getpwnam(RUN_AS)
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", *argv]


@dataclass
class Cluster:
    """A running cluster: its folder, its socket, and databases made for the tests."""

    bindir: Path
    base: Path
    _counter: Any = None
    _template: str | None = None

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    def url(self, database: str, user: str = SUPERUSER) -> str:
        """The URL of `database` on this cluster, for followup (`--db`) and psycopg alike."""
        return f"postgresql://{user}@/{database}?host={quote(str(self.socket_dir), safe='/')}"

    def _run(self, *argv: str) -> None:
        done = subprocess.run(
            _as_owner([str(self.bindir / argv[0]), *argv[1:]]),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            log = self.base / "server.log"
            said = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}):\n{done.stdout}\n{said}")

    def start(self) -> None:
        """initdb the folder and start the server on its socket; waits until it answers."""
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
            "--encoding=UTF8", "--locale=C",
        )  # fmt: skip
        options = f"{_SERVER_OPTIONS} -k {self.socket_dir}"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside any transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, *, empty: bool = False) -> str:
        """A new database's name: followup's schema made already, unless `empty`."""
        if self._counter is None:
            self._counter = itertools.count(1)
        name = f"t{os.getpid()}_{next(self._counter)}"
        if empty:
            self.admin(f'CREATE DATABASE "{name}"')
            return name
        if self._template is None:
            self._template = self._made_template()
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return name

    def _made_template(self) -> str:
        """A database with followup's schema, copied for each test (faster than making it)."""
        from followup_tui.core.base.db_target import ServerUrl
        from followup_tui.db.database import close_database, open_database

        name = f"template_{os.getpid()}"
        self.admin(f'CREATE DATABASE "{name}"')
        open_database(ServerUrl(self.url(name)))
        close_database()
        return name

    def drop(self, name: str) -> None:
        """Drop a test's database, whoever is still connected to it."""
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_cluster(bindir: Path) -> Cluster:
    """A new cluster in a temporary folder, running; the caller stops it."""
    base = Path(tempfile.mkdtemp(prefix="followup-pg-"))
    (base / "socket").mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam(RUN_AS)
        for folder in (base, base / "socket"):
            os.chown(folder, user.pw_uid, user.pw_gid)
    cluster = Cluster(bindir, base)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        raise
    return cluster
