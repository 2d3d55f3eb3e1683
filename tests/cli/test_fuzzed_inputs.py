"""Bad input everywhere (#18), fuzzed: every rejection is a clear message naming what is
wrong, never an unexpected error, and nothing already saved changes.

Each property runs the real code path: the form rules the account and person forms
check with, `followup` in-process with random arguments, random config files, random
import files.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followup_tui.cli.main import main
from followup_tui.core.accounts.account_rules import (
    account_values,
    validate_account,
    validate_contact,
)
from followup_tui.core.base.dates import DateParseError, parse_when
from followup_tui.db.database import close_database
from tests.cli.engines import ENGINES, connection, copy_database, on_server
from tests.support import TODAY

XLSX = (Path(__file__).parent.parent / "fixtures" / "salesforce_report.xlsx").read_bytes()

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
junk = st.text(
    st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(
    ["", " ", "-1", "1e309", "NaN", "９９", "１２３４", "2026-02-30", "+86 ext", "a@", "@b.c",
     "\x1b[2J", "'; DROP TABLE account;--", "0x10", "1,000.5", "１，０００", "−5", "∞"]
)  # fmt: skip


# Each example on a team's server copies a database: fewer of them there.
FUZZ_ON_A_SERVER = settings(FUZZ, max_examples=8)
# Kept by the database itself or caches a read may write: left out of the digest.
NOT_DIGESTED = ("queue_placed", "queue_state", "queue_dirty")


def digest(db: str) -> str:
    """Everything stored, as one hash: a rejected input must leave it as it was."""
    with connection(db) as con:
        if on_server(db):
            listed = "SELECT tablename, '' FROM pg_tables WHERE schemaname = current_schema()"
        else:
            listed = "SELECT name, sql FROM sqlite_master WHERE type='table'"
        h = hashlib.sha256()
        tables = [
            name
            for name, sql in con.execute(listed).fetchall()
            # The search index is kept by the database itself; the queue's placement is
            # a cache a read may write.
            if not sql.startswith("CREATE VIRTUAL") and not name.startswith(("find", "sqlite_"))
            and name not in NOT_DIGESTED
        ]  # fmt: skip
        for table in sorted(tables):
            for row in sorted(map(repr, con.execute(f'SELECT * FROM "{table}"').fetchall())):
                h.update(row.encode())
        return h.hexdigest()


@FUZZ
@given(field=st.sampled_from(["phone", "email", "plan_expected", "plan_actual", "website",
                              "order_to_delivery_days", "total_market", "birthday", "name"]),
       value=junk)  # fmt: skip
def test_account_form_rules_never_raise_and_name_the_field(field: str, value: str) -> None:
    raw = {"name": "Acme", field: value}
    for language in ("en", "zh"):
        errors = validate_account(raw, language)
        assert set(errors) <= set(raw)  # an error is on a field the rep typed
        assert all(message.strip() for message in errors.values())
        if not errors:
            account_values(raw, tuple(raw))  # what passes the rules converts


@FUZZ
@given(field=st.sampled_from(["name", "phone", "email", "mobile", "time_zone"]), value=junk)
def test_person_form_rules_never_raise(field: str, value: str) -> None:
    raw = {"name": "王总", field: value}
    errors = validate_contact(raw, "zh")
    assert set(errors) <= set(raw)


@FUZZ
@given(junk)
def test_a_date_is_read_or_refused_with_the_text_named(text: str) -> None:
    try:
        parse_when(text, TODAY)
    except DateParseError as exc:
        assert str(exc).strip()


COMMANDS = [
    ["note", "ACCOUNT", "TEXT"],
    ["note", "ACCOUNT", "TEXT", "--next", "DAY"],
    ["note", "ACCOUNT", "TEXT", "--outcome", "TEXT"],
    ["due", "--date", "DAY"],
    ["due", "--limit", "TEXT"],
    ["find", "TEXT", "--limit", "TEXT"],
    ["sheet", "ACCOUNT"],
    ["review", "board", "--year", "TEXT"],
    ["export", "--format", "md", "ACCOUNT"],
    ["export", "--format", "csv", "--table", "TEXT"],
]


@pytest.fixture(params=ENGINES)
def copies(request, tmp_path_factory) -> Iterator[Callable[[], str]]:  # type: ignore[no-untyped-def]
    """A maker of fresh copies of the demo book, each a `--db`: a copy of the file, or a
    team database copied from the demo's (each dropped when the next is made)."""
    if request.param == "sqlite":
        book = request.getfixturevalue("sqlite_demo_template")

        def copy_file() -> str:
            db = tmp_path_factory.mktemp("run") / "book.db"
            shutil.copy(book, db)
            return str(db)

        yield copy_file
        return
    cluster = request.getfixturevalue("pg_cluster")
    template = request.getfixturevalue("pg_demo_template")
    made: list[str] = []

    def copy_server() -> str:
        close_database()
        while made:
            cluster.drop(made.pop())
        made.append(copy_database(cluster, template))
        return cluster.url(made[-1])

    yield copy_server
    close_database()
    for name in made:
        cluster.drop(name)


def fuzzed(engine: str) -> settings:
    return FUZZ if engine == "sqlite" else FUZZ_ON_A_SERVER


def test_any_argument_exits_0_or_2_and_a_refusal_changes_nothing(
    copies: Callable[[], str], request, tmp_path_factory, capsys
) -> None:  # type: ignore[no-untyped-def]
    @fuzzed(request.node.callspec.params["copies"])
    @given(st.sampled_from(COMMANDS), junk, junk, junk)
    @example(["note", "ACCOUNT", "TEXT"], "²", "0", "")  # '²'.isdigit(), but int('²') fails
    def check(command: list[str], a: str, b: str, c: str) -> None:
        db = copies()
        before = digest(db)
        fill = {"ACCOUNT": a, "TEXT": b, "DAY": c}
        argv = ["--db", db, *[fill.get(word, word) for word in command]]
        if "export" in command:
            argv += ["-o", str(tmp_path_factory.mktemp("export") / "out")]
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's own refusal of a malformed option
            code = int(exc.code or 0)
        finally:
            close_database()
        err = capsys.readouterr().err
        assert code in (0, 2), (argv, err)
        assert "unexpected error" not in err
        if code == 2:
            assert err.strip() and digest(db) == before, argv

    check()


@FUZZ
@given(st.text(max_size=200) | st.sampled_from([
    "language: fr\n", "queue:\n  cooling_threshold: warm\n", "keymap:\n  app.quit: []\n",
    "backup:\n  keep: -3\n", "vocabulary: 7\n", "- a\n- b\n", "a: [1, 2\n", "\t- x",
    "export:\n  reminder_at: 25:99\n", "=\n", "a: !foo 3\n",
]))  # fmt: skip
def test_any_config_file_loads_or_is_refused_naming_the_file(
    tmp_path_factory, capsys, text: str
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("config")
    config = folder / "config.yaml"
    config.write_text(text, encoding="utf-8")
    code = main(["--config", str(config), "--db", str(folder / "b.db"), "due"])
    close_database()
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert "unexpected error" not in err
        assert "config.yaml" in err or "no database" in err or "followup demo" in err


def test_any_import_file_is_taken_whole_or_refused_whole(
    copies: Callable[[], str], request, tmp_path_factory, capsys
) -> None:  # type: ignore[no-untyped-def]
    @fuzzed(request.node.callspec.params["copies"])
    @given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode) | st.sampled_from([
        b'{"format": "followup-export", "version": 99}', b"name,email\n\xff\xfe,x\n",
        b"Account Name,Amount\nAcme,1e400\n", b"\xef\xbb\xbfAccount Name\n\n\n", b"{}",
        b"BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:=E4=\nEND:VCARD\n",
        b"PK\x03\x04 a workbook cut short", b"\xef\xbb\xbf\x80", XLSX[:3000],
        XLSX[: len(XLSX) // 2],
    ]))  # fmt: skip
    def check(data: bytes) -> None:
        folder = tmp_path_factory.mktemp("import")
        db = copies()
        before = digest(db)
        for name in ("file.csv", "file.json", "file.vcf", "file.xlsx"):
            (folder / name).write_bytes(data)
            argv = ["--db", db, "import", str(folder / name), "--date", TODAY.isoformat()]
            code = main(argv)
            close_database()
            err = capsys.readouterr().err
            assert code in (0, 2), (name, data, err)
            assert "unexpected error" not in err
            if code == 2:
                assert err.strip() and digest(db) == before, (name, data)
            before = digest(db)

    check()
