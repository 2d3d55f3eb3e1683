"""`followup sheet`: a demo deal's whole blue sheet as Markdown and as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.core.base.config import Settings

NORTHWIND = "Warehouse condition monitoring, 3 DCs"


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "sheet", *args, "--date", "2026-11-22"])


def test_markdown(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(demo_db, "warehouse condition") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {NORTHWIND}\n")
    for heading in (
        "## Single Sales Objective",
        "## Position",
        "## Buying influences",
        "## Landmines and bullets",
        "### Landmines the sheet finds",
        "## Ideal-customer fit",
        "## Best actions",
        "## Where do we stand?",
        "### Signals and traps",
        "## Completeness: ",
    ):
        assert f"\n{heading}" in out, heading
    assert "| Landmine | Bullet |" in out  # side by side
    assert "| Name | Role | Mode | Influence | Rating | Contacted |" in out
    assert "| Kevin Liu (General Manager) | Economic Buyer | Growth | High | +3 ■■■ |" in out
    assert "**Verdict: " in out
    assert "Confident (+2)" in out
    assert "Suggested action" in out
    assert "**overdue " in out  # the demo has an overdue best action


def test_json(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(demo_db, NORTHWIND, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {
        "date",
        "rep",
        "all_landmines",
        "landmine_count",
        "reviews",
        "last_review_comments",
        "deal",
        "position",
        "fit",
        "influences",
        "landmines",
        "bullets",
        "actions",
        "signals",
        "verdict",
        "found_landmines",
        "completeness",
    }
    assert doc["date"] == "2026-11-22"
    assert doc["deal"]["title"] == NORTHWIND
    assert doc["deal"]["account"]["name"] == "Northwind Logistics"
    assert doc["deal"]["stage"] == "late"
    assert isinstance(doc["deal"]["amount"], float)
    assert set(doc["deal"]["evidence"]) == {
        "customer",
        "product",
        "amount",
        "completion_date",
        "status",
    }
    assert doc["verdict"]["kind"] in ("first_choice", "contender", "stand_in", "out")
    assert doc["verdict"]["reasons"]
    assert len(doc["signals"]) == 14
    assert [s["kind"] for s in doc["signals"]].count("trap") == 2
    assert all(
        set(f)
        == {
            "rule",
            "text",
            "suggestion",
            "severity",
            "influence_id",
            "ref_id",
            "bullet_id",
            "private",
            "shared",
            "doer",
        }
        for f in doc["found_landmines"]
    )
    # What presentation mode masks is in the data: a finding on a person is private.
    assert all(f["private"] for f in doc["found_landmines"] if f["influence_id"] is not None)
    assert any(f["rule"] == "action_overdue" for f in doc["found_landmines"])
    assert 0 <= doc["completeness"]["score"] <= 100
    inf = doc["influences"][0]
    assert inf["name"] == "Kevin Liu" and inf["role"] == "economic_buyer"
    assert any(a["overdue_days"] > 0 for a in doc["actions"])


def test_markdown_and_json_agree_on_the_verdict(
    demo_db: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(demo_db, "MES", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert run(demo_db, "MES") == 0
    md = capsys.readouterr().out
    assert f"**Verdict: {doc['verdict']['label']}**" in md
    assert f"## Completeness: {doc['completeness']['score']}/100" in md
    for finding in doc["found_landmines"]:
        assert finding["text"] in md


def test_ambiguous_and_unknown_deals_exit_2(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(demo_db, "monitoring") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "matches" in captured.err and NORTHWIND in captured.err
    assert run(demo_db, "no such deal at all") == 2
    assert "no deal matches" in capsys.readouterr().err


def test_missing_database_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.db"
    assert run(missing, "anything") == 2
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()


def test_the_sheet_command_does_not_import_textual(demo_db: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from followup_tui.cli.main import main\n"
        f"rc = main(['--db', {str(demo_db)!r}, 'sheet', '1', '--format', 'json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(rc, ','.join(bad), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "0"


def test_the_sheet_rules_import_neither_peewee_nor_textual() -> None:
    import subprocess

    code = (
        "import sys\n"
        "import followup_tui.core.sheet.sheet_text, followup_tui.core.sheet.landmines\n"
        "import followup_tui.core.sheet.position\n"
        "import followup_tui.core.sheet.completeness, followup_tui.core.sheet.sheet_records\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('peewee', 'textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_deal_named_by_its_account_as_the_app_names_it(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One way to name things: the account's name, pinyin or initials finds its open deal."""
    from followup_tui.db.models import Account, Deal

    northwind = Deal.get(Deal.title == NORTHWIND).account
    open_deals = Deal.select().where((Deal.account == northwind) & (Deal.outcome == "open"))
    assert open_deals.count() == 1
    name = Account.get_by_id(northwind).name
    capsys.readouterr()
    assert run(demo_db, name.split()[0].lower()) == 0
    assert capsys.readouterr().out.startswith(f"# {NORTHWIND}\n")
    # A Chinese deal title by its pinyin initials works as a name does.
    chinese = next(
        d
        for d in Deal.select().order_by(Deal.id)
        if any("\u4e00" <= ch <= "\u9fff" for ch in d.title)
    )
    from followup_tui.core.base.text import name_sort_key, spoken_forms

    initials = spoken_forms(name_sort_key(chinese.title)).split()[-1]
    capsys.readouterr()
    code = run(demo_db, initials)
    out, err = capsys.readouterr()
    # Found, or among the candidates listed when the initials are shared.
    assert (code == 0 and chinese.title in out) or (code != 0 and chinese.title in err)


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("Northwind", NORTHWIND),  # the account's name
        ("northwind logistics", NORTHWIND),
        ("huawei", "东莞工厂设备状态监测平台"),  # the account's pinyin
        ("华为", "东莞工厂设备状态监测平台"),
        ("mingyuan", "产线改造 MES 授权扩容"),
    ],
)
def test_a_deal_is_found_by_its_accounts_name(
    demo_db: Path, typed: str, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(demo_db, typed) == 0
    assert capsys.readouterr().out.startswith(f"# {title}\n")


def test_every_candidate_is_listed_unless_a_limit_is_asked(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(demo_db, "a") == 2
    err = capsys.readouterr().err
    listed = [line for line in err.splitlines() if line.startswith("  ")]
    assert "matches 11 deals" in err and len(listed) == 11
    assert "more" not in err
    assert run(demo_db, "a", "--limit", "3") == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("  ")][-1] == "  …and 8 more"


def test_an_empty_deal_is_refused(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(demo_db, " ") == 2
    assert "DEAL is empty" in capsys.readouterr().err
