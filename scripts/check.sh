#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine, then run the whole suite.
# Usage: bash scripts/check.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs Debian packages, as root or through sudo; returns 1 when neither can.
install_packages() {
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        return 1
    fi
}

# The end-to-end test drives the real `followup` command inside tmux.
if ! command -v tmux >/dev/null 2>&1; then
    if ! install_packages tmux; then
        echo "check: tmux is needed for the end-to-end test; install it with your package manager" >&2
        exit 1
    fi
fi

# The team-mode tests run the data layer on a throwaway PostgreSQL cluster that they
# start themselves (tests/pg_cluster.py): only the server's programs are needed. Debian
# keeps them in /usr/lib/postgresql/N/bin; its package would also make and start a
# cluster of its own, which nothing here uses, so that is switched off first.
has_postgres() {
    [ -n "${FOLLOWUP_PG_BIN:-}" ] || command -v initdb >/dev/null 2>&1 ||
        compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if ! has_postgres; then
    if [ "$(id -u)" = 0 ] && [ ! -e /etc/postgresql-common/createcluster.d/followup.conf ]; then
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/followup.conf
    fi
    if ! install_packages postgresql; then
        echo "check: no PostgreSQL server here and none could be installed: its tests will be skipped" >&2
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check --quiet .
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
# Types: strict on the core and the data layer ([tool.mypy] in pyproject.toml).
.venv/bin/mypy
# Tests run on every core; each test isolates its own files, clock and time zone.
.venv/bin/python -m pytest -q -n auto "$@"
