"""End to end (#19): a team set up with the real commands, two reps' apps and their
manager's on one server, each in its own terminal. A contact rep A logs in their app
moves rep A's figure in the manager's review (Team tab); rep B sees none of rep A's
accounts.

The Team tab shows no count of notes (only `followup review team --format json` has
one): what a written note moves there is the contacts column, so rep A logs a contact
with its note through the close-out (`d`, an outcome key, the note, enter, enter), and
the manager's contacts figure for rep A goes up by one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_tmux import FOLLOWUP, SOCKET, tmux, wait_for
from tests.pg_cluster import Cluster

pytestmark = pytest.mark.e2e

# Wide: a narrow Team tab hides columns (`screens.review.team_tab.columns`).
WIDTH, HEIGHT = "200", "50"
SLOW = 60.0  # seconds: the machine running the tests may be loaded


def _contacts(pane: str, rep: str) -> int | None:
    """Rep `rep`'s contacts in the Team tab drawn in `pane` (None: no line of theirs).

    The cell under the column headed Contacts (its numbers are right-aligned under the
    header's end); a login is one word of ASCII, so a line's cells keep their places."""
    lines = pane.splitlines()
    header = next((line for line in lines if line.startswith("Rep ") and "Contacts" in line), None)
    if header is None:
        return None
    end = header.index("Contacts") + len("Contacts")
    for line in lines:
        if line.split()[:1] == [rep]:
            return int(line[:end].split()[-1])
    return None


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_contact_a_rep_logs_shows_in_the_managers_team_review(
    tmp_path: Path, pg_cluster: Cluster
) -> None:
    import psycopg

    database = pg_cluster.new_database(empty=True)
    admin = pg_cluster.url(database)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    tag = uuid.uuid4().hex[:6]  # short: the Team tab's rep column may cut a long login
    people = {"a": f"ra_{tag}", "b": f"rb_{tag}", "boss": f"boss_{tag}"}
    urls = {key: pg_cluster.url(database, name) for key, name in people.items()}
    sessions = {key: f"followup-review-{key}-{tag}" for key in people}

    def run(*argv: str) -> str:
        done = subprocess.run(
            [str(FOLLOWUP), *argv], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, (argv, done.stdout, done.stderr)
        return done.stdout

    def screen(key: str) -> str:
        size = tmux("display", "-p", "-t", sessions[key], "#{window_width}x#{window_height}")
        return size + tmux("capture-pane", "-p", "-t", sessions[key])

    def keys(key: str, *typed: str) -> None:
        tmux("send-keys", "-t", sessions[key], *typed)

    try:
        run("team", "setup", "--db", admin)
        run("team", "add", people["a"], "--db", admin)
        run("team", "add", people["b"], "--db", admin)
        run("team", "add", people["boss"], "--manager", "--db", admin)
        book = tmp_path / "rep_a.db"
        run("--db", str(book), "demo", "--no-open")
        run("team", "join", str(book), "--db", urls["a"])
        with psycopg.connect(admin) as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM account WHERE rep = %s", (people["a"],)
                ).fetchall()
            ]
            everyone = conn.execute("SELECT count(*) FROM account").fetchone()
        assert names and everyone == (len(names),)  # the whole book is rep A's

        # COLUMNS and LINES, when the pane has them, would win over the pane's own size
        # (as tmux run by a test sets them: 80x24): each app reads the pane's.
        for key, session in sessions.items():
            app = f"XDG_CONFIG_HOME={tmp_path / 'config'} {FOLLOWUP} --db '{urls[key]}'"
            command = f"unset COLUMNS LINES; {app}; sleep 60"
            tmux("new-session", "-d", "-s", session, "-x", WIDTH, "-y", HEIGHT, command)

        # The manager's Team tab, before: a line per rep who owns an account.
        assert wait_for(lambda: "Overdue" in screen("boss"), SLOW), screen("boss")
        keys("boss", "4")
        time.sleep(1.0)
        keys("boss", "w")
        assert wait_for(lambda: _contacts(screen("boss"), people["a"]) is not None, SLOW), screen(
            "boss"
        )
        before = _contacts(screen("boss"), people["a"])
        assert before is not None

        # Rep A logs a contact, with a note, on the first row of their queue.
        note = f"PO {uuid.uuid4().hex[:5]}"
        assert wait_for(lambda: "Overdue" in screen("a"), SLOW), screen("a")
        keys("a", "d")
        assert wait_for(lambda: "meeting" in screen("a").lower(), SLOW), screen("a")
        keys("a", "m")
        time.sleep(0.5)
        keys("a", "-l", note)
        assert wait_for(lambda: note in screen("a"), SLOW), screen("a")
        keys("a", "Enter")
        time.sleep(0.5)
        keys("a", "Enter")
        with psycopg.connect(admin) as conn:

            def written() -> bool:
                row = conn.execute(
                    "SELECT count(*) FROM activity "
                    "WHERE notes = %s AND written_by = %s AND kind <> 'note'",
                    (note, people["a"]),
                ).fetchone()
                conn.commit()
                return row == (1,)

            assert wait_for(written, SLOW), screen("a")

        # The manager reads the tab again (F5; the review re-reads a tab when shown, not
        # while shown): rep A's contacts are one more.
        def moved() -> bool:
            keys("boss", "F5")
            return wait_for(lambda: _contacts(screen("boss"), people["a"]) == before + 1, 5)

        assert wait_for(moved, SLOW), (before, screen("boss"))
        assert _contacts(screen("boss"), people["b"]) == 0, screen("boss")

        # Rep B sees none of rep A's accounts: an empty queue, an empty account list.
        assert wait_for(lambda: "Overdue 0" in screen("b"), SLOW), screen("b")
        keys("b", "2")
        keys("a", "2")
        assert wait_for(lambda: any(n in screen("a") for n in names), SLOW), screen("a")
        assert wait_for(lambda: " 0 accounts" in screen("b"), SLOW), screen("b")
        assert not [n for n in names if n in screen("b")], screen("b")
        for key in sessions:
            keys(key, "q")
    finally:
        for session in sessions.values():
            subprocess.run(
                ["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True
            )
        pg_cluster.drop(database)
        with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as conn:
            for name in people.values():
                if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                    conn.execute(f'DROP OWNED BY "{name}"')
                    conn.execute(f'DROP ROLE "{name}"')
