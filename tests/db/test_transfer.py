"""Export and import of the whole database as one JSON document."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import EXPORT_TABLES
from followup_tui.db.database import close_database, open_database
from followup_tui.db.models import (
    ALL_MODELS,
    Account,
    ActionPlan,
    Activity,
    BestAction,
    Bullet,
    Contact,
    Deal,
    DealReview,
    ExternalId,
    FollowUp,
    Influence,
    Landmine,
    NoteDraft,
    PlanMilestone,
    PlanStep,
    Purchase,
    SignalAnswer,
    TalkingPoint,
    YearEndVerdict,
)
from followup_tui.db.summaries import refresh_summaries
from followup_tui.db.transfer import (
    ImportRejected,
    export_document,
    import_document,
    import_file,
    table_key,
)
from tests.support import TODAY

TABLES = list(EXPORT_TABLES)
SETTINGS = load_settings(None)


DAY: dict[str, Any] = {"today": TODAY, "settings": SETTINGS}


def exported() -> dict[str, Any]:
    """The open database's export as of the pinned day."""
    return export_document(TODAY, SETTINGS)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "t.db"
    open_database(path)
    yield path
    close_database()


def populate() -> None:
    """A small dataset touching every table, CJK text, decimals, dates and both FK states."""
    hw = Account.create(
        name="华为技术",
        willingness="high",
        need="strong",
        quadrant="A",  # as the app stores it: heat's start and decay depend on the class
        relationship="existing",
        tier="some_business",
        heat=42.5,
        total_market=Decimal("12000"),
        plan_expected=Decimal("1234.5"),
        birthday=dt.date(1970, 5, 4),
        notes="老客户，重视交期",
        created_at=dt.datetime(2024, 1, 2, 3, 4, 5),
    )
    acme = Account.create(
        name="Acme",
        willingness="low",
        archived=True,
        archived_at=dt.datetime(2024, 6, 1, 12, 0, 0),
        rejection_count=2,
        start_reason="二周交期，比别家快",
        stop_reason="A price rise in 2023",
        order_to_delivery_days=30,
    )
    wang = Contact.create(
        account=hw,
        name="王经理",
        title="采购经理",
        level=4,
        is_coach=True,
        time_zone="Asia/Shanghai",
    )
    Contact.create(account=acme, name="Jane Roe")
    big = Deal.create(
        account=hw,
        title="服务器扩容",
        amount=Decimal("99999.99"),
        completion_date=dt.date(2024, 12, 31),
        status="urgent",
        funnel="best_few",
        position=3,
        alternate_position=-1,
        fit_credit="good",
    )
    Deal.create(account=acme, title="Pilot")
    call = Activity.create(
        account=hw,
        contact=wang,
        deal=big,
        kind="visit",
        outcome="reached",
        occurred_at=dt.datetime(2024, 3, 1, 9, 30, 15, 500),
        notes="确认预算",
        our_commitments="send quote",
    )
    Activity.create(account=acme, occurred_at=dt.datetime(2024, 3, 2, 8, 0, 0))
    big.position_confirmed_by = call
    big.position_confirmed_at = dt.datetime(2024, 3, 1, 10, 0, 0)
    big.save()
    inf = Influence.create(
        deal=big,
        contact=wang,
        role="economic_buyer",
        mode="growth",
        mode_confirmed_by=call,
        rating=-2,
        degree="high",
        last_contacted_on=dt.date(2024, 3, 1),
    )
    bullet = Bullet.create(deal=big, text="本地服务团队", influence=inf, category="value")
    mine = Landmine.create(deal=big, text="竞争对手降价", category="competition", bullet=bullet)
    Landmine.create(deal=big, text="unknown budget owner", resolved=True)
    BestAction.create(deal=big, who="我", what="拜访王经理", due=dt.date(2024, 3, 8), landmine=mine)
    SignalAnswer.create(deal=big, signal="budget", answer="good", note="已批")
    FollowUp.create(
        account=hw,
        contact=wang,
        deal=big,
        due=dt.date(2024, 3, 8),
        purpose="报价",
        activity=call,
        snoozed_from=dt.date(2024, 3, 5),
        snooze_count=1,
    )
    FollowUp.create(account=acme, due=dt.date(2024, 4, 1))
    Purchase.create(
        account=hw, purchased_on=dt.date(2023, 11, 11), amount=Decimal("5000.50"), product="交换机"
    )
    DealReview.create(
        deal=big, reviewed_on=dt.date(2024, 3, 10), score=80, snapshot='{"position": 3}'
    )
    ExternalId.create(entity="account", entity_id=hw.id, system="crm", external_id="X-1")
    NoteDraft.create(context=f"account:{hw.id}", account=hw, text="草稿")
    NoteDraft.create(context="call:follow_up:1")
    TalkingPoint.create(text_en="MES 5.2", text_zh="MES 5.2 发布", expires_on=dt.date(2024, 6, 30))
    plan = ActionPlan.create(account=hw, year=2024, goals="进入集团采购名录\nQ2 pilot")
    PlanMilestone.create(plan=plan, month=3, expected=Decimal("2500.25"))
    step = {"who": "我", "how": "拜访王经理", "due": "2024-03", "why": "预算", "what_for": "试点"}
    PlanStep.create(plan=plan, position=1, status="done", marked_on=dt.date(2024, 3, 20), **step)
    verdict = {"verdict": "move_up", "proposal": "breaking_in"}
    YearEndVerdict.create(account=hw, year=2023, confirmed_on=dt.date(2023, 12, 30), **verdict)
    # Rows made here bypass the data layer: its summaries (the last contact, which
    # today's heat decays from) are filled as its writes would have.
    refresh_summaries()


def counts() -> dict[str, int]:
    return {table_key(m): m.select().count() for m in ALL_MODELS}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


@pytest.fixture
def document(db_path: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An export of the fixture dataset, with an empty database open for importing it."""
    populate()
    doc = exported()
    open_database(tmp_path / "empty.db")
    yield doc


# --- export ---------------------------------------------------------------------------


def test_export_shape_and_encodings(db_path: Path) -> None:
    populate()
    doc = exported()
    assert list(doc) == ["format", "version", *TABLES]
    assert (doc["format"], doc["version"]) == ("followup-export", 1)
    assert all(doc[t] for t in TABLES)
    hw, acme = doc["accounts"]
    assert "quadrant" not in hw and "search_key" not in hw
    assert hw["name"] == "华为技术" and hw["total_market"] == 12000.0
    assert hw["plan_expected"] == 1234.5 and hw["plan_actual"] is None
    assert hw["birthday"] == "1970-05-04" and hw["created_at"] == "2024-01-02T03:04:05"
    assert acme["archived"] is True and hw["archived"] is False
    # A dormant account's post-mortem travels with it.
    assert acme["start_reason"] == "二周交期，比别家快"
    assert acme["stop_reason"] == "A price rise in 2023"
    deal = doc["deals"][0]
    assert deal["account_id"] == hw["id"] and "account" not in deal
    assert deal["position_confirmed_by_id"] == doc["activities"][0]["id"]
    assert doc["deals"][1]["position_confirmed_by_id"] is None
    assert doc["activities"][0]["occurred_at"] == "2024-03-01T09:30:15"  # seconds only
    assert doc["influences"][0]["rating_confirmed_by_id"] is None
    assert [r["id"] for r in doc["landmines"]] == sorted(r["id"] for r in doc["landmines"])


def test_round_trip_is_identical(document: dict[str, Any], tmp_path: Path) -> None:
    result = import_document(copy.deepcopy(document))
    assert list(result) == TABLES
    assert result["accounts"] == 2 and result["note_drafts"] == 2
    assert dumps(exported()) == dumps(document)
    assert Contact.get(Contact.name == "王经理").account.name == "华为技术"


def test_import_recomputes_derived_fields(document: dict[str, Any]) -> None:
    document["accounts"][1]["name"] = "ＡＣＭＥ Ltd"  # full-width letters
    import_document(document)
    hw, acme = Account.select().order_by(Account.id)
    assert (hw.quadrant, hw.search_key) == ("A", "华为技术")
    assert acme.quadrant is None  # need not judged yet
    assert acme.search_key == "acme ltd"


def test_defaults_apply_to_omitted_fields(db_path: Path) -> None:
    doc = {
        "format": "followup-export",
        "version": 1,
        "accounts": [{"id": 7, "name": "Solo", "willingness": "low", "need": "weak"}],
        "follow_ups": [{"id": 1, "account_id": 7, "due": "2024-05-01"}],
    }
    assert import_document(doc) == {"accounts": 1, "follow_ups": 1}
    acc = Account.get_by_id(7)
    assert (acc.owner, acc.heat, acc.relationship, acc.quadrant) == ("", 30.0, "target", "D")
    assert acc.start_reason == ""  # an export from before the post-mortem fields
    assert isinstance(acc.created_at, dt.datetime)
    assert FollowUp.get_by_id(1).done is False


def test_aware_datetimes_are_stored_as_utc(db_path: Path) -> None:
    doc = {
        "format": "followup-export",
        "version": 1,
        "accounts": [{"id": 1, "name": "X", "created_at": "2024-03-01T10:00:00+08:00"}],
    }
    import_document(doc)
    assert exported()["accounts"][0]["created_at"] == "2024-03-01T02:00:00"


# --- rejection --------------------------------------------------------------------------

Mutate = Callable[[dict[str, Any]], None]


def _set(table: str, index: int, key: str, value: Any) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc[table][index][key] = value

    return mutate


def _drop(table: str, index: int, key: str) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        del doc[table][index][key]

    return mutate


def _copy_row(table: str, changes: dict[str, Any]) -> Mutate:
    def mutate(doc: dict[str, Any]) -> None:
        doc[table].append({**doc[table][0], "id": 1000, **changes})

    return mutate


REJECTIONS: list[tuple[str, Mutate, str]] = [
    ("format", lambda d: d.update(format="something-else"), "$.format: not a followup export"),
    ("version", lambda d: d.update(version=7), "$.version: unsupported version 7"),
    ("version-missing", lambda d: d.pop("version"), "$.version: required"),
    (
        "enum",
        _set("accounts", 0, "willingness", "medium"),
        "$.accounts[0].willingness: must be one of high, low (got 'medium')",
    ),
    ("blank-name", _set("accounts", 0, "name", "  "), "$.accounts[0].name: must not be empty"),
    ("heat-range", _set("accounts", 0, "heat", 1000), "$.accounts[0].heat: must be 0 to 100"),
    (
        "negative-rejections",
        _set("accounts", 0, "rejection_count", -3),
        "$.accounts[0].rejection_count: must be at least 0",
    ),
    ("negative-amount", _set("deals", 0, "amount", -5), "$.deals[0].amount: must be at least 0"),
    (
        "enum-deal-status",
        _set("deals", 0, "status", "good"),
        "$.deals[0].status: must be one of urgent, in_progress, getting_started, later"
        " (got 'good')",
    ),
    (
        "range",
        _set("influences", 0, "rating", 9),
        "$.influences[0].rating: must be an integer from -5 to 5 (got 9)",
    ),
    (
        "level",
        _set("contacts", 0, "level", 0),
        "$.contacts[0].level: must be an integer from 1 to 5 (got 0)",
    ),
    (
        "fk",
        _set("contacts", 1, "account_id", 99),
        "$.contacts[1].account_id: no account with id 99",
    ),
    (
        "deferred-fk",
        _set("deals", 0, "position_confirmed_by_id", 999),
        "$.deals[0].position_confirmed_by_id: no activity with id 999",
    ),
    ("number", _set("deals", 0, "amount", "lots"), "$.deals[0].amount: expected a number"),
    ("decimal-range", _set("deals", 0, "amount", 1e15), "$.deals[0].amount: out of range"),
    (
        "int-not-bool",
        _set("accounts", 0, "rejection_count", True),
        "$.accounts[0].rejection_count: expected an integer",
    ),
    (
        "int-not-float",
        _set("accounts", 0, "rejection_count", 1.5),
        "$.accounts[0].rejection_count: expected an integer",
    ),
    ("bool", _set("contacts", 0, "is_coach", 1), "$.contacts[0].is_coach: expected true or false"),
    ("string", _set("accounts", 0, "notes", 5), "$.accounts[0].notes: expected a string"),
    (
        "date",
        _set("accounts", 0, "birthday", "2024-02-30"),
        "$.accounts[0].birthday: expected a date YYYY-MM-DD",
    ),
    (
        "datetime",
        _set("activities", 0, "occurred_at", "2024-03-01"),
        "$.activities[0].occurred_at: expected a date-time",
    ),
    (
        "unknown-field",
        _set("accounts", 1, "colour", "red"),
        "$.accounts[1]: unknown field 'colour'",
    ),
    (
        "derived-field",
        _set("accounts", 0, "quadrant", "A"),
        "$.accounts[0]: unknown field 'quadrant'",
    ),
    ("unknown-table", lambda d: d.update(widgets=[]), "$.widgets: unknown table"),
    ("not-a-list", lambda d: d.update(deals={}), "$.deals: expected a list"),
    ("not-an-object", lambda d: d["purchases"].append("x"), "$.purchases[1]: expected an object"),
    ("required", _drop("follow_ups", 0, "due"), "$.follow_ups[0].due: required"),
    ("id-required", _drop("purchases", 0, "id"), "$.purchases[0].id: required"),
    ("not-null", _set("accounts", 0, "owner", None), "$.accounts[0].owner: must not be null"),
    (
        "dup-id",
        lambda d: d["bullets"].append(dict(d["bullets"][0])),
        "$.bullets[1].id: duplicate id",
    ),
    (
        "channels-beyond-market",
        lambda d: d["accounts"][0].update(total_market=500000, channels_not_in=900000),
        "$.accounts[0].channels_not_in: cannot exceed the total market",
    ),
    (
        "dup-owner-name",
        _set("accounts", 1, "name", "华为技术"),
        "$.accounts[1].name: duplicate (owner, name) ('', '华为技术')",
    ),
    (
        "dup-signal",
        _copy_row("signal_answers", {}),
        "$.signal_answers[1].signal: duplicate (deal_id, signal)",
    ),
    (
        "dup-external",
        _copy_row("external_ids", {}),
        "$.external_ids[1].external_id: duplicate (system, entity, external_id)",
    ),
    (
        "dup-context",
        _set("note_drafts", 1, "context", "account:1"),
        "$.note_drafts[1].context: duplicate context 'account:1'",
    ),
    (
        "step-when",
        _set("plan_steps", 0, "due", "March"),
        "$.plan_steps[0].due: must be a month (YYYY-MM) or a day (YYYY-MM-DD)",
    ),
    ("step-status", _set("plan_steps", 0, "status", "skipped"), "$.plan_steps[0].status"),
    ("milestone-month", _set("plan_milestones", 0, "month", 13), "$.plan_milestones[0].month"),
    ("verdict", _set("year_end_verdicts", 0, "verdict", "promote"), "$.year_end_verdicts[0]"),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [r[1:] for r in REJECTIONS], ids=[r[0] for r in REJECTIONS]
)
def test_rejections_name_the_path(document: dict[str, Any], mutate: Mutate, expected: str) -> None:
    mutate(document)
    with pytest.raises(ImportRejected) as info:
        import_document(document)
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems
    assert expected in str(info.value)
    assert info.value.exit_code == 2 and isinstance(info.value, FollowupError)
    assert sum(counts().values()) == 0


def test_every_problem_is_listed_on_its_own_line(document: dict[str, Any]) -> None:
    document["accounts"][0]["willingness"] = "medium"
    document["deals"][1]["amount"] = "lots"
    document["follow_ups"][0].pop("due")
    with pytest.raises(ImportRejected) as info:
        import_document(document)
    assert len(info.value.problems) == 3
    lines = str(info.value).splitlines()
    assert "3 problems" in lines[0]
    assert [line.strip() for line in lines[1:]] == info.value.problems


def test_not_a_document(db_path: Path) -> None:
    with pytest.raises(ImportRejected, match=r"\$: expected a JSON object"):
        import_document([])  # type: ignore[arg-type]


def test_non_empty_database_is_refused_without_replace(
    document: dict[str, Any], db_path: Path
) -> None:
    open_database(db_path)
    before = counts()
    with pytest.raises(FollowupError, match=r"already holds data.*--replace"):
        import_document(document)
    assert counts() == before


def test_replace_swaps_the_data(document: dict[str, Any], db_path: Path) -> None:
    open_database(db_path)
    small = {"format": "followup-export", "version": 1, "accounts": [{"id": 1, "name": "只有我"}]}
    assert import_document(small, replace=True) == {"accounts": 1}
    assert sum(counts().values()) == 1
    assert import_document(document, replace=True)["accounts"] == 2
    assert dumps(exported()) == dumps(document)


def test_rejected_replace_keeps_the_old_data(document: dict[str, Any], db_path: Path) -> None:
    open_database(db_path)
    before = dumps(exported())
    document["contacts"][0]["account_id"] = 99
    with pytest.raises(ImportRejected):
        import_document(document, replace=True)
    assert dumps(exported()) == before


def test_failure_while_writing_writes_nothing(
    document: dict[str, Any], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(NoteDraft, "insert_many", boom)  # the last table written
    with pytest.raises(RuntimeError):
        import_document(copy.deepcopy(document))
    assert sum(counts().values()) == 0
    open_database(db_path)
    before = dumps(exported())
    with pytest.raises(RuntimeError):
        import_document(document, replace=True)
    assert dumps(exported()) == before


def test_many_rows(db_path: Path) -> None:
    n = 3000
    doc = {
        "format": "followup-export",
        "version": 1,
        "accounts": [{"id": i, "name": f"客户{i}"} for i in range(1, n + 1)],
        "contacts": [{"id": i, "account_id": i, "name": f"联系人{i}"} for i in range(1, n + 1)],
    }
    assert import_document(doc) == {"accounts": n, "contacts": n}
    assert Account.get_by_id(n).search_key == f"客户{n}"


# --- files and the CLI ------------------------------------------------------------------


def test_import_file_backs_up_before_replacing(
    document: dict[str, Any], db_path: Path, tmp_path: Path
) -> None:
    src = tmp_path / "in.json"
    src.write_text(
        dumps({"format": "followup-export", "version": 1, "accounts": [{"id": 1, "name": "新"}]}),
        encoding="utf-8",
    )
    empty = tmp_path / "empty.db"
    import_file(src, replace=True, db_path=empty, **DAY)  # nothing to back up
    assert not list(tmp_path.glob("*.bak"))

    open_database(db_path)
    assert import_file(src, replace=True, db_path=db_path, **DAY) == {"accounts": 1}
    backups = list(tmp_path.glob("t.db.pre-import-*.bak"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT count(*) FROM account").fetchone()[0] == 2
    finally:
        con.close()
    assert [a.name for a in Account.select()] == ["新"]


def test_import_file_errors_name_the_file(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "followup-export",\n  "version": 1,\n}\n', encoding="utf-8")
    with pytest.raises(FollowupError, match=r"bad\.json is not valid JSON: .* line 4, column 1"):
        import_file(bad, replace=False, db_path=db_path, **DAY)
    with pytest.raises(FollowupError, match=r"no such file: .*missing\.json"):
        import_file(tmp_path / "missing.json", replace=False, db_path=db_path, **DAY)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"x": "café"}'.encode("latin-1"))
    with pytest.raises(FollowupError, match=r"latin\.json is not UTF-8"):
        import_file(latin, replace=False, db_path=db_path, **DAY)
    assert sum(counts().values()) == 0
    bom = tmp_path / "bom.json"  # as some Windows editors save it
    bom.write_bytes(b"\xef\xbb\xbf" + b'{"format": "followup-export", "version": 1}')
    assert import_file(bom, replace=False, db_path=db_path, **DAY) == {}


def test_cli_export_then_import(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from followup_tui.core.base.config import load_settings
    from followup_tui.db.heat_cache import ensure_heat_current

    populate()
    # Import replays stored heat from the histories; so must the source, to compare.
    ensure_heat_current(load_settings(None))
    out = tmp_path / "out.json"
    assert main(["--db", str(db_path), "export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "华为技术" in text and json.loads(text)["format"] == "followup-export"

    db2 = tmp_path / "second.db"
    assert main(["--db", str(db2), "import", str(out)]) == 0
    assert "2 accounts" in capsys.readouterr().err
    assert main(["--db", str(db2), "export"]) == 0
    assert capsys.readouterr().out == text


def test_cli_import_rejects_with_paths(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate()
    doc = exported()
    doc["accounts"][0]["willingness"] = "medium"
    doc["contacts"][0]["account_id"] = 99
    bad = tmp_path / "bad.json"
    bad.write_text(dumps(doc), encoding="utf-8")
    db2 = tmp_path / "second.db"
    assert main(["--db", str(db2), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "$.accounts[0].willingness: must be one of high, low (got 'medium')" in err
    assert "$.contacts[0].account_id: no account with id 99" in err
    assert not db2.exists(), "a rejected import into a new file leaves no empty database"


def test_export_tables_follow_the_models() -> None:
    assert [table_key(m) for m in ALL_MODELS] == list(EXPORT_TABLES)


def test_cli_export_takes_the_file_as_a_plain_argument(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate()
    out = tmp_path / "plain.json"
    assert main(["--db", str(db_path), "export", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "followup-export"
    other = tmp_path / "other.json"
    assert main(["--db", str(db_path), "export", str(out), "-o", str(other)]) == 2
    assert "one file" in capsys.readouterr().err and not other.exists()
