"""`followup import` of other CRMs' files: each source as it comes, re-imports that create
nothing twice, the dry run, duplicates, all or nothing and the side file, vCards, and
our own CSV and XLSX exports back to the same records."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from followup_tui.cli.main import main
from tests.cli.engines import Db, rows, wrote_nothing

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAY = "2026-11-22"


def _import(db: Db, *args: str | Path) -> int:
    return main(["--db", str(db), "import", *map(str, args), "--date", DAY])


def _rows(db: Db, sql: str) -> list[tuple[Any, ...]]:
    return rows(db, sql)


def _counts(db: Db) -> tuple[int, ...]:
    return tuple(
        _rows(db, f"SELECT COUNT(*) FROM {t}")[0][0]
        for t in ("account", "contact", "deal", "influence", "external_id")
    )


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_salesforce_report_as_it_comes(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "salesforce_opportunity_contact_roles.csv") == 0
    assert "created 3 accounts, 4 people, 3 deals, 3 buying influences" in capsys.readouterr().err
    assert _rows(db, "SELECT name, owner, address FROM account ORDER BY id") == [
        ("Acme Robotics", "Dana Whitfield", "Boston"),
        ("Globex Corporation", "Dana Whitfield", "Chicago"),
        ("Initech", "Sam Porter", "Austin"),
    ]
    # US dates month first; dollars with thousands separators; stages to outcome and funnel.
    assert _rows(
        db, "SELECT title, amount, completion_date, outcome, funnel FROM deal ORDER BY id"
    ) == [
        ("Acme - Line 3 retrofit", 120000, "2027-03-04", "open", "best_few"),
        ("Globex - Sensors 2027", 48500, "2026-12-15", "won", "best_few"),
        ("Initech - TPS upgrade", None, "2027-01-20", "open", "above"),
    ]
    # Contact roles seed buying influences; "Other" seeds none.
    assert _rows(
        db,
        "SELECT c.name, i.role FROM influence i JOIN contact c ON c.id = i.contact_id "
        "ORDER BY i.id",
    ) == [("Maria Lopez", "economic_buyer"), ("Tom Becker", "technical_buyer"),
          ("Hank Scorpio", "economic_buyer")]  # fmt: skip
    # The unknown column is kept as a profile note.
    assert _rows(db, "SELECT notes FROM contact WHERE name = 'Bill Lumbergh'") == [
        ("Lead Source: Partner Referral",)
    ]
    # The account's summary columns follow (the account list shows the open amount).
    assert _rows(db, "SELECT open_amount FROM account WHERE name = 'Acme Robotics'") == [(120000,)]


def test_reimport_creates_nothing_twice(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_db
    for name in ("hubspot_deals.csv", "hubspot_companies.csv", "hubspot_contacts_bom.tsv"):
        assert _import(db, FIXTURES / name) == 0
    before = _counts(db)
    capsys.readouterr()
    for name in ("hubspot_deals.csv", "hubspot_companies.csv", "hubspot_contacts_bom.tsv"):
        assert _import(db, FIXTURES / name) == 0
        assert "created" not in capsys.readouterr().err
    assert _counts(db) == before
    # Wayne Enterprises came with the deals, then with the companies file: one account,
    # matched by its domain, merged with what the companies file adds.
    wayne = "SELECT name, industry, relationship, owner FROM account WHERE name LIKE 'Wayne%'"
    assert _rows(db, wayne) == [("Wayne Enterprises", "Conglomerate", "existing", "Ann Lee")]
    # HubSpot's internal stage ids and an amount with a thousands separator.
    assert _rows(db, "SELECT title, amount, outcome, funnel FROM deal ORDER BY id") == [
        ("Wayne Enterprises renewal", 30000, "open", "in"),
        ("Wayne Enterprises pilot", 5000, "won", "best_few"),
        ("Cyberdyne evaluation", 12500.75, "open", "in"),
    ]


def test_dry_run_lists_and_writes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "hubspot_deals.csv", "--dry-run") == 0
    out, err = capsys.readouterr()
    assert "create account 'Wayne Enterprises'" in out
    assert "create deal 'Cyberdyne evaluation'" in out
    assert "hubspot_deals.csv, line 2" in out
    assert "create buying influence 'Miles Dyson' → 'Cyberdyne evaluation' User Buyer" in out
    assert "Dry run, nothing written" in err
    assert wrote_nothing(db)
    assert _import(db, FIXTURES / "hubspot_deals.csv") == 0
    changed = tmp_path / "deals.csv"
    changed.write_text(
        (FIXTURES / "hubspot_deals.csv").read_text().replace("30000", "35000"), "utf-8"
    )
    capsys.readouterr()
    assert _import(db, changed, "--dry-run") == 0
    out, _ = capsys.readouterr()
    assert "update deal 'Wayne Enterprises renewal' (amount)" in out
    assert "skip deal 'Wayne Enterprises pilot' (unchanged, matched by its id)" in out
    assert _rows(db, "SELECT amount FROM deal WHERE id = 1") == [(30000,)]


def test_duplicates_merged_or_skipped_by_choice(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "salesforce_opportunity_contact_roles.csv") == 0
    changed = tmp_path / "sf.csv"
    changed.write_text(
        (FIXTURES / "salesforce_opportunity_contact_roles.csv")
        .read_text()
        .replace("VP Operations", "COO"),
        "utf-8",
    )
    assert _import(db, changed, "--on-duplicate", "skip") == 0
    assert "skipped" in capsys.readouterr().err
    assert _rows(db, "SELECT title FROM contact WHERE name = 'Maria Lopez'") == [("VP Operations",)]
    assert _import(db, changed, "--on-duplicate", "merge") == 0
    assert "updated 1 person" in capsys.readouterr().err
    assert _rows(db, "SELECT title FROM contact WHERE name = 'Maria Lopez'") == [("COO",)]
    assert _counts(db)[:3] == (3, 4, 3)


def test_a_bad_row_stops_everything(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "hubspot_companies.csv") == 0
    before = _counts(db)
    bad = tmp_path / "deals.csv"
    text = (FIXTURES / "hubspot_deals.csv").read_text()
    bad.write_text(text.replace("2027-03-15", "2027-02-30").replace("5000,", "five,"), "utf-8")
    capsys.readouterr()
    assert _import(db, bad) == 2
    err = capsys.readouterr().err
    assert "nothing was written (2 bad rows" in err
    assert f"{bad}, line 3, column 'Amount': not a number: 'five'" in err
    assert f"{bad}, line 4, column 'Close Date': not a date: '2027-02-30'" in err
    assert _counts(db) == before


def test_skip_bad_writes_the_side_file(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    bad = tmp_path / "deals.csv"
    bad.write_text(
        (FIXTURES / "hubspot_deals.csv").read_text().replace("miles@cyberdyne.example", "miles@"),
        "utf-8",
    )
    assert _import(db, bad, "--skip-bad") == 0
    assert "1 bad rows left out" in capsys.readouterr().err
    assert _rows(db, "SELECT title FROM deal ORDER BY id") == [
        ("Wayne Enterprises renewal",),
        ("Wayne Enterprises pilot",),
    ]
    with (tmp_path / "deals.csv.bad.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == ["file", "line", "column", "reason", "Record ID"]
    assert rows[1][1:4] == ["4", "Email", "not an email address: 'miles@'"]
    assert rows[1][4] == "9876543212"


def test_data_loader_files_in_one_import(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = cli_db
    names = ["sf_dataloader_accounts.csv", "sf_dataloader_contacts.csv",
             "sf_dataloader_opportunities.csv", "sf_dataloader_contact_roles.csv"]  # fmt: skip
    # Contacts alone name accounts by an id nobody knows yet: refused, with the line.
    assert _import(db, FIXTURES / names[1]) == 2
    assert "line 2: no account with salesforce id '001Hs00002aBcDeIAK'" in capsys.readouterr().err
    assert _import(db, *(FIXTURES / n for n in names)) == 0
    assert _rows(db, "SELECT a.name, c.name FROM contact c JOIN account a ON a.id = c.account_id"
                 " ORDER BY c.id") == [("Umbrella Pharma", "Albert Wesker"),
                                       ("Stark Industries", "Pepper Potts")]  # fmt: skip
    assert _rows(db, "SELECT role FROM influence") == [("economic_buyer",)]
    # Later files alone find their accounts through the ids kept.
    assert _import(db, FIXTURES / names[2]) == 0
    assert _counts(db)[:3] == (2, 2, 2)


def test_pipedrive_in_windows_1252(cli_db: str) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "pipedrive_deals_de.csv") == 0
    assert _rows(db, "SELECT title, amount, completion_date, outcome FROM deal ORDER BY id") == [
        ("Müller Maschinenbau – Förderbänder", 12500.5, "2027-01-31", "open"),
        ("Café Größe – Kaffeemaschinen", 3200, "2026-03-04", "won"),
    ]


def test_generic_spreadsheet_needs_a_map_once(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    gbk = FIXTURES / "generic_customers_gbk.csv"
    assert _import(db, gbk) == 2
    assert "--map" in capsys.readouterr().err
    assert _import(db, gbk, "--map", FIXTURES / "generic_customers_map.yaml") == 0
    assert _rows(db, "SELECT a.name, a.address, c.name, c.title, c.notes FROM contact c "
                 "JOIN account a ON a.id = c.account_id ORDER BY c.id") == [
        ("华为技术有限公司", "深圳", "王建国", "采购经理", "备注: 老客户\n每季度复购"),
        ("比亚迪股份有限公司", "深圳", "李娜", "技术总监", ""),
    ]  # fmt: skip
    capsys.readouterr()
    assert _import(db, gbk) == 0  # remembered for the same headers
    assert "skipped 2 accounts, 2 people" in capsys.readouterr().err


def test_bom_tab_file_with_a_formula_cell(cli_db: str) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "hubspot_contacts_bom.tsv") == 0
    assert _rows(db, "SELECT name, notes FROM contact ORDER BY id") == [
        ("Sofia Chen", 'Notes: =HYPERLINK("http://evil.example","click me")'),
        ("张晓明", ""),
    ]


def test_xlsx_report(cli_db: str) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "salesforce_report.xlsx") == 0
    assert _rows(db, "SELECT title, amount, completion_date, outcome FROM deal ORDER BY id") == [
        ("Tyrell - Nexus sensors", 75000, "2027-02-03", "open"),
        ("Soylent - Packaging line", 1250.5, "2026-06-30", "lost"),
    ]


def test_vcards_join_accounts_by_organisation(
    demo_db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_db
    (huawei,) = _rows(db, "SELECT id, name FROM account WHERE name LIKE '华为%'")
    vcf = _copy(tmp_path, "phone_contacts.vcf")
    vcf.write_text(vcf.read_text("utf-8").replace("华为技术有限公司", huawei[1]), "utf-8")
    before = _counts(db)
    assert _import(db, vcf) == 2  # the card with no organisation stops it
    assert _counts(db) == before
    assert _import(db, vcf, "--skip-bad") == 0
    assert _rows(db, "SELECT account_id, title FROM contact WHERE name = '欧阳娜娜'") == [
        (huawei[0], "研发总监")
    ]
    assert _rows(db, "SELECT COUNT(*) FROM account WHERE name = 'Acme Robotics'") == [(1,)]
    capsys.readouterr()
    assert _import(db, vcf, "--skip-bad") == 0
    assert "created" not in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["zip", "folder", "xlsx"])
def test_own_export_comes_back_the_same(
    demo_db: Db, second_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    src, dst = demo_db, second_db
    evil = '=HYPERLINK("http://evil.example","点这里")'
    assert main(["--db", str(src), "note", "华为", evil, "--today", DAY]) == 0
    out = tmp_path / {"zip": "e.zip", "folder": "e", "xlsx": "e.xlsx"}[fmt]
    kind = "xlsx" if fmt == "xlsx" else "csv"
    assert main(["--db", str(src), "export", "--format", kind, "-o", str(out), "--date", DAY]) == 0
    assert _import(dst, out) == 0
    capsys.readouterr()
    docs = []
    for db in (src, dst):
        assert main(["--db", str(db), "export", "--date", DAY]) == 0
        docs.append(json.loads(capsys.readouterr().out))
    assert docs[0] == docs[1]
    assert any(a["notes"] == evil for a in docs[1]["activities"])


def test_own_csv_export_problems_named_by_file_and_line(
    demo_db: Db, second_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = demo_db, second_db
    out = tmp_path / "e"
    assert main(["--db", str(src), "export", "--format", "csv", "-o", str(out)]) == 0
    accounts = out / "accounts.csv"
    text = accounts.read_text("utf-8-sig").splitlines()
    cells = text[2].split(",")
    cells[2] = ""  # owner may be empty; name (column 2) may not
    cells[1] = ""
    text[2] = ",".join(cells)
    accounts.write_text("\ufeff" + "\r\n".join(text) + "\r\n", "utf-8")
    capsys.readouterr()
    assert _import(dst, out) == 2
    assert f"{accounts}, line 3, column 'name'" in capsys.readouterr().err
    assert wrote_nothing(dst)


def test_dry_run_in_chinese(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    db = cli_db
    args = ["--config", str(config), "--db", str(db), "import"]
    assert main([*args, str(FIXTURES / "hubspot_companies.csv"), "--date", DAY]) == 0
    assert "新建 2 个客户" in capsys.readouterr().err
    assert main([*args, str(FIXTURES / "hubspot_deals.csv"), "--dry-run", "--date", DAY]) == 0
    out, err = capsys.readouterr()
    assert "跳过客户 'Wayne Enterprises'（无变化，按域名匹配）  [" in out
    assert "新建商机 'Cyberdyne evaluation'  [" in out
    assert "试运行，未写入任何内容：将会新建" in err


def test_replace_is_only_for_our_own_exports(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = cli_db
    assert _import(db, FIXTURES / "hubspot_deals.csv", "--replace") == 2
    assert "--replace goes with followup's own exports" in capsys.readouterr().err
    assert wrote_nothing(db)


def test_crm_files_imported_then_exported_round_trip(
    cli_db: str, second_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another CRM's records, once in, leave as CSV and come back as the same records."""
    src, dst = cli_db, second_db
    for name in ("hubspot_deals.csv", "hubspot_companies.csv", "hubspot_contacts_bom.tsv"):
        assert _import(src, FIXTURES / name) == 0
    out = tmp_path / "e.zip"
    assert main(["--db", str(src), "export", "--format", "csv", "-o", str(out), "--date", DAY]) == 0
    assert _import(dst, out) == 0
    capsys.readouterr()
    docs = []
    for db in (src, dst):
        assert main(["--db", str(db), "export", "--date", DAY]) == 0
        docs.append(json.loads(capsys.readouterr().out))
    assert docs[0] == docs[1]
    assert len(docs[1]["deals"]) == 3
    # The formula cell of the contacts file stays text all the way.
    assert any("=HYPERLINK(" in (c["notes"] or "") for c in docs[1]["contacts"])


def test_progress_on_stderr_for_a_long_file(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ["Record ID,Company name,Company Domain Name"]
    rows += [f"{70000 + n},Company {n},c{n}.example" for n in range(5_000)]
    big = tmp_path / "companies.csv"
    big.write_text("\n".join(rows) + "\n", "utf-8")
    assert _import(cli_db, big) == 0
    err = capsys.readouterr().err
    assert f"read {big}: 5,000 rows" in err
    assert "matching 5,000 rows against the database" in err
    assert "written 5,000 records" in err and "written 10,000 records" in err
    assert "created 5,000 accounts" in err
