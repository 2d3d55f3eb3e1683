"""A team's database for the benchmarks (issue 19): 50 reps' books on one PostgreSQL server.

    python bench/team_db.py --reps 50             # 500,000 accounts, ~10,000,000 activities

Each rep's book is a copy of the cached 10,000-account bench file (`bench/make_db.py`,
20 activities per account), every id moved past the other reps' and every account
owned by that rep's login (`rep01` ... `rep50`), so rep N's queue on the server can be
set beside the very same book on SQLite. Rows go in with `COPY`, the server's
triggers and foreign-key checks off for the load (`session_replication_role =
replica`, as pg_restore does), then every account is marked for the queue to
build its states, as a fresh file's first start does, and the tables are analysed.

The cluster lives in a folder of its own (`--cluster`, default under /var/tmp,
owned by the unprivileged user that runs it when this runs as root) and is kept
between runs: the build takes minutes, so it is made once per source file and
schema version and reused. Unlike the tests' cluster it keeps fsync on, as a
team's server would: the commit figures must pay for durable writes.
"""

from __future__ import annotations

import argparse
import os
import pwd
import sqlite3
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(BENCH_DIR))

from tests.pg_cluster import RUN_AS, SUPERUSER, Cluster, server_bindir  # noqa: E402

REP_GROUP = "followup_rep"
# The account's columns naming its rep: `rep`, the login (db.migrations, schema 17).
OWNER_COLUMNS = ("owner", "rep")
# A server as a team would run it: durable commits, a real cache.
SERVER_OPTIONS = (
    "-c listen_addresses='' -c max_connections=120 -c shared_buffers=512MB "
    "-c work_mem=32MB -c maintenance_work_mem=256MB -c max_wal_size=4GB"
)
DATABASE = "team"


def rep_name(index: int) -> str:
    """The login of the rep whose book is copy `index` (0-based)."""
    return f"rep{index + 1:02d}"


class KeptCluster(Cluster):
    """A cluster kept in one folder between runs, started if it is not running."""

    def start(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self._run(
                "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                "--encoding=UTF8", "--locale=C",
            )  # fmt: skip
        if (self.data / "postmaster.pid").exists():
            return
        options = f"{SERVER_OPTIONS} -k {self.socket_dir}"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"),
            "-o", options, "-w", "-t", "120", "start",
        )  # fmt: skip

    def halt(self) -> None:
        """Stop the server, keeping its files."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def kept_cluster(folder: Path) -> KeptCluster:
    """The cluster in `folder`, made on first use, running."""
    bindir = server_bindir()
    if bindir is None:
        raise SystemExit("team_db: no PostgreSQL server programs (initdb) on this machine")
    (folder / "socket").mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        user = pwd.getpwnam(RUN_AS)
        for path in (folder, folder / "socket"):
            os.chown(path, user.pw_uid, user.pw_gid)
    cluster = KeptCluster(bindir, folder)
    cluster.start()
    return cluster


def _tables_in_order() -> list[tuple[str, dict[str, str]]]:
    """Each model's table, parents first, with its columns that hold another table's id."""
    from peewee import ForeignKeyField

    from followup_tui.db.models import ALL_MODELS

    out = []
    for model in ALL_MODELS:
        refs = {
            f.column_name: f.rel_model._meta.table_name
            for f in model._meta.sorted_fields
            if isinstance(f, ForeignKeyField)
        }
        out.append((model._meta.table_name, refs))
    return out


def _server_text(value: Any) -> Any:
    """What the data layer stores on a server for a value read from SQLite (NUL escaped)."""
    from followup_tui.db.server import _to_server

    return _to_server(value) if isinstance(value, str) else value


def load_books(url: str, source: Path, reps: int) -> dict[str, int]:
    """Copy the SQLite book `source` into the server `reps` times, one owner each."""
    import psycopg

    src = sqlite3.connect(source)  # read only; WAL needs its -shm, which `ro` cannot make
    totals: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        conn.execute("SET session_replication_role = replica")  # no triggers, no FK checks
        for table, refs in _tables_in_order():
            server_cols = {
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = %s",
                    (table,),
                )
            }
            file_cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
            cols = [c for c in file_cols if c in server_cols]
            if not cols:
                continue
            rows = src.execute(f'SELECT {", ".join(cols)} FROM "{table}"').fetchall()
            if not rows:
                continue
            rows = [tuple(_server_text(v) for v in row) for row in rows]
            # Each copy is its rep's: `rep` (schema 17: the login that owns the account)
            # and `owner` (a CRM's name for it; names are unique per owner) are set,
            # whatever the file held.
            if table == "account":
                keep = [i for i, c in enumerate(cols) if c not in OWNER_COLUMNS]
                cols = [cols[i] for i in keep]
                rows = [tuple(row[i] for i in keep) for row in rows]
            owned = [c for c in OWNER_COLUMNS if table == "account" and c in server_cols]
            shifted = [i for i, c in enumerate(cols) if c == "id" or c in refs]
            stride = {c: _stride(src, refs.get(c, table)) for c in cols if c == "id" or c in refs}
            names = ", ".join(f'"{c}"' for c in [*cols, *owned])
            with conn.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for rep in range(reps):
                    extra = (rep_name(rep),) * len(owned)
                    moves = [(i, rep * stride[cols[i]]) for i in shifted]
                    for row in rows:
                        values = list(row)
                        for i, move in moves:
                            if values[i] is not None:
                                values[i] += move
                        copy.write_row((*values, *extra))
            totals[table] = len(rows) * reps
            print(f"  {table}: {totals[table]:,} rows", file=sys.stderr)
        conn.execute("SET session_replication_role = origin")
    src.close()
    return totals


def _stride(src: sqlite3.Connection, table: str) -> int:
    """How far each rep's ids of `table` are moved past the previous rep's."""
    top = src.execute(f'SELECT max(id) FROM "{table}"').fetchone()[0] or 0
    return int(top) + 1


def after_load(url: str, tables: Iterable[str]) -> None:
    """Sequences past the copied ids, every account marked for its queue state, analysed."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table in tables:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
            )
        conn.execute(
            "INSERT INTO queue_dirty (account_id) SELECT id FROM account ON CONFLICT DO NOTHING"
        )
        conn.execute("VACUUM ANALYZE")


def add_reps(url: str, reps: int) -> None:
    """Each rep's login, in the rep group when the team's roles exist (`team setup`)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        group = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (REP_GROUP,)).fetchone()
        for rep in range(reps):
            name = rep_name(rep)
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                continue
            member = f" IN ROLE {REP_GROUP}" if group else ""
            conn.execute(f"CREATE ROLE {name} LOGIN{member}")


def build(cluster: Cluster, source: Path, reps: int, name: str) -> dict[str, float]:
    """Make database `name` on `cluster`: the schema, the reps, their books; seconds per step."""
    from followup_tui.core.base.db_target import ServerUrl
    from followup_tui.db.database import close_database, open_database

    phases: dict[str, float] = {}
    mark = time.perf_counter()
    cluster.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    cluster.admin(f'CREATE DATABASE "{name}"')
    url = cluster.url(name)
    setup = _team_setup()
    if setup is not None:
        setup(ServerUrl(url))
    else:
        open_database(ServerUrl(url))
        close_database()
    add_reps(url, reps)
    phases["schema"] = time.perf_counter() - mark
    mark = time.perf_counter()
    totals = load_books(url, source, reps)
    phases["rows"] = time.perf_counter() - mark
    mark = time.perf_counter()
    after_load(url, totals)
    phases["indexes"] = time.perf_counter() - mark
    return phases


def _team_setup() -> Any:
    """`followup team setup`'s function when this version has team roles, else None."""
    try:
        from followup_tui.db import team_access as team
    except ImportError:
        return None
    return getattr(team, "setup_team", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--cluster", type=Path, default=Path("/var/tmp/followup-bench-pg"))
    parser.add_argument("--source", type=Path, default=None, help="a rep's book (SQLite)")
    parser.add_argument("--stop", action="store_true", help="stop the kept cluster and exit")
    args = parser.parse_args(argv)
    cluster = kept_cluster(args.cluster)
    if args.stop:
        cluster.halt()
        return 0
    if args.source is None:
        from bench_accounts import cache_dir, ensure_db

        args.source = ensure_db(10_000, cache_dir(None))
    started = time.perf_counter()
    phases = build(cluster, args.source, args.reps, DATABASE)
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in phases.items())
    print(f"built {cluster.url(DATABASE)} in {time.perf_counter() - started:.1f} s ({steps})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
