"""`followup find`: every text of the book through the full-text index, as text and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.cli.main import main
from followup_tui.db.models import Account, Activity, Contact

PINNED = "2026-11-22"  # the demo's day (conftest.TODAY)


def find(db: Path, *args: str) -> int:
    return main(["--db", str(db), "find", *args])


def note_from_a_shell(db: Path, account: str, text: str) -> None:
    """`followup note` in a process of its own, as a rep types it beside the open app."""
    subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(db), "note", account, text,
         "--today", PINNED],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )  # fmt: skip


def test_a_note_written_a_moment_before_is_found(demo_db: Path, capsys) -> None:
    assert find(demo_db, "SOW") == 0
    assert "No matches for “SOW”." in capsys.readouterr().out
    note_from_a_shell(demo_db, "华为技术", "周总要求下周五前发出 SOW 草稿")
    assert find(demo_db, "sow") == 0  # any case
    out = capsys.readouterr().out.splitlines()
    huawei = Account.get(Account.name == "华为技术").id
    assert out == [f"华为技术 (#{huawei}) · quick note of {PINNED} · 周总要求下周五前发出 SOW 草稿"]


def test_a_chinese_substring_of_a_call_note(demo_db: Path, capsys) -> None:
    assert find(demo_db, "竞争对手") == 0
    out = capsys.readouterr().out.splitlines()
    expected = [a for a in Activity.select() if "竞争对手" in a.notes]
    notes = [line for line in out if " note of 2026-" in line]
    assert len(expected) >= 2 and len(notes) == len(expected)
    for line in out:
        assert "竞争对手" in line.split(" · ")[2]
    # Two characters: looked up as the indexed trigrams that start with them.
    note_from_a_shell(demo_db, "华为技术", "和周总确认了预算")
    assert find(demo_db, "周总") == 0
    assert capsys.readouterr().out.count("周总") == 1


def test_a_key_person_by_pinyin_and_by_initials(demo_db: Path, capsys) -> None:
    pan = Contact.get(Contact.name == "潘东")
    account = Account.get_by_id(pan.account_id)
    for typed in ("pandong", "PanDong"):
        assert find(demo_db, typed) == 0
        assert capsys.readouterr().out.splitlines() == [
            f"{account.name} (#{account.id}) · key person · 潘东"
        ]


def test_json_lists_the_documented_fields(demo_db: Path, capsys) -> None:
    assert find(demo_db, "竞争对手", "--json", "--limit", "1") == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1
    (hit,) = hits
    assert set(hit) == {
        "account_id", "account", "place", "kind", "date", "row_id", "archived", "commitment",
        "snippet",
    }  # fmt: skip
    activity = Activity.get_by_id(hit["row_id"])
    assert hit["place"] == "activity" and hit["kind"] == activity.kind
    assert hit["account_id"] == activity.account_id
    assert hit["date"] == activity.occurred_at.date().isoformat()
    assert "竞争对手" in hit["snippet"]
    assert find(demo_db, "nothing-like-this", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_limit_cuts_the_list_and_says_so(demo_db: Path, capsys) -> None:
    assert find(demo_db, "竞争对手", "--limit", "1") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[1] == "The first 1 matches are shown; --limit N shows more."


def test_a_limit_beyond_any_book_lists_every_hit(demo_db: Path, capsys) -> None:
    """SQLite's integers stop at 2**63: a larger --limit was an unexpected error (exit 1)."""
    assert find(demo_db, "竞争对手", "--json") == 0
    every = json.loads(capsys.readouterr().out)
    for huge in ("9223372036854775807", "99999999999999999999999"):
        assert find(demo_db, "竞争对手", "--json", "--limit", huge) == 0
        assert json.loads(capsys.readouterr().out) == every


@pytest.mark.parametrize("bad", ["0", "-3", "many", "2.5"])
def test_a_bad_limit_exits_2_naming_the_option(demo_db: Path, capsys, bad: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        find(demo_db, "sow", f"--limit={bad}")
    assert exit_.value.code == 2
    assert "--limit" in capsys.readouterr().err


def test_in_chinese(demo_db: Path, capsys, tmp_path: Path) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "--config", str(config), "find", "pandong"]) == 0
    assert "· 关键人 · 潘东" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "--config", str(config), "find", "不存在的词"]) == 0
    assert capsys.readouterr().out == "没有找到“不存在的词”。\n"


def test_notes_come_newest_day_first_whatever_order_they_were_written(
    demo_db: Path, capsys
) -> None:
    for day in ("2026-11-10", "2026-11-20", "2026-11-05"):
        main(["--db", str(demo_db), "note", "华为技术", f"Zorblax pilot {day}", "--today", day])
    capsys.readouterr()
    assert find(demo_db, "zorblax", "--json") == 0
    days = [hit["date"] for hit in json.loads(capsys.readouterr().out)]
    assert days == ["2026-11-20", "2026-11-10", "2026-11-05"]


def test_the_limit_message_names_the_least_it_takes(demo_db: Path, capsys) -> None:
    """QA: --limit 0 said '1 or more' while --limit -1 said '0 or more'."""
    for bad in ("0", "-1"):
        with pytest.raises(SystemExit):
            find(demo_db, "sow", f"--limit={bad}")
        assert "must be 1 or more" in capsys.readouterr().err


def test_a_name_word_and_a_note_word_and_an_archived_account(demo_db: Path, capsys) -> None:
    note_from_a_shell(demo_db, "华为技术", "周总要 SOW 草稿")
    huawei = Account.get(Account.name == "华为技术")
    assert find(demo_db, "华为", "SOW") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"华为技术 (#{huawei.id}) · quick note of {PINNED} · 周总要 SOW 草稿"
    ]
    Account.update(archived=True).where(Account.id == huawei.id).execute()
    assert find(demo_db, "华为", "SOW") == 0
    assert capsys.readouterr().out.startswith(f"华为技术 (archived) (#{huawei.id}) · ")
    assert find(demo_db, "华为", "SOW", "--json") == 0
    assert [h["archived"] for h in json.loads(capsys.readouterr().out)] == [True]


def test_a_commitment_is_found_as_a_commitment(demo_db: Path, tmp_path: Path, capsys) -> None:
    """QA: a hit on what a side promised was labelled "call note of DATE"."""
    account = Account.get(Account.name == "Northwind Logistics")
    made = Activity.create(
        account=account, kind="visit", occurred_at="2026-11-20 09:00:00",
        notes="Walked the hall", our_commitments="Send the zirconia sample kit",
        their_commitments="Return the signed quartzite waiver",
    )  # fmt: skip
    assert find(demo_db, "zirconia") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Northwind Logistics (#{account.id}) · our commitment on the visit of 2026-11-20"
        " · Send the zirconia sample kit"
    ]
    assert find(demo_db, "quartzite", "--json") == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["place"], hit["row_id"], hit["commitment"]) == ("activity", made.id, "theirs")
    assert find(demo_db, "walked the hall", "--json") == 0
    assert all(h["commitment"] is None for h in json.loads(capsys.readouterr().out))
    # Spread over the account's name and the promise, it is still the promise.
    assert find(demo_db, "northwind", "quartzite") == 0
    assert "their commitment on the visit of 2026-11-20" in capsys.readouterr().out
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "--config", str(config), "find", "zirconia"]) == 0
    assert "2026-11-20 的拜访中我方的承诺" in capsys.readouterr().out
