"""The demo: deterministic, spread across the method's states, and loadable through the importer."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.base import kinds
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.demo import SIGNAL_IDS, build_demo

TODAY = dt.date(2026, 11, 22)

# Where each foreign key of the document points.
FK_TABLES = {
    "account_id": "accounts",
    "contact_id": "contacts",
    "deal_id": "deals",
    "activity_id": "activities",
    "influence_id": "influences",
    "bullet_id": "bullets",
    "landmine_id": "landmines",
    "mode_confirmed_by_id": "activities",
    "rating_confirmed_by_id": "activities",
    "position_confirmed_by_id": "activities",
}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """The demo built for the shared test day."""
    return build_demo(TODAY)


def _live(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in doc["accounts"] if not a.get("archived")]


def _open_follow_ups(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in doc["follow_ups"] if not f.get("done")]


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) == "W" for ch in text)


def _ago(doc: dict[str, Any], row: dict[str, Any], key: str) -> int:
    return (TODAY - dt.date.fromisoformat(row[key][:10])).days


def test_same_day_and_seed_give_the_same_document() -> None:
    first = build_demo(TODAY)
    assert first == build_demo(TODAY)
    assert json.loads(json.dumps(first)) == first  # plain JSON values only
    later = build_demo(TODAY + dt.timedelta(days=30))
    assert later["follow_ups"][0]["due"] != first["follow_ups"][0]["due"]


@pytest.mark.parametrize("day", [dt.date(2027, 1, 3), dt.date(2028, 2, 29), dt.date(2026, 7, 31)])
def test_the_queue_and_seasons_hold_on_any_day(day: dt.date) -> None:
    doc = build_demo(day, seed=11)
    due = [(dt.date.fromisoformat(f["due"]) - day).days for f in _open_follow_ups(doc)]
    assert 4 <= due.count(0) <= 6 and min(due) >= -10
    assert all(p["purchased_on"] < day.isoformat() for p in doc["purchases"])
    assert all(a["occurred_at"][:10] <= day.isoformat() for a in doc["activities"])
    soon = (day + dt.timedelta(days=60)).month
    years: dict[int, set[int]] = {}
    for p in doc["purchases"]:
        on = dt.date.fromisoformat(p["purchased_on"])
        if on.month == soon:
            years.setdefault(p["account_id"], set()).add(on.year)
    assert any(len(y) >= 2 for y in years.values())


def test_document_shape(doc: dict[str, Any]) -> None:
    assert doc["format"] == "followup-export"
    assert doc["version"] == 1
    assert doc["note_drafts"] == []
    for account in doc["accounts"]:
        assert "quadrant" not in account and "search_key" not in account
    for table, rows in doc.items():
        if isinstance(rows, list):
            assert [r["id"] for r in rows] == list(range(1, len(rows) + 1)), table


def test_every_reference_points_at_an_existing_row(doc: dict[str, Any]) -> None:
    ids = {t: {r["id"] for r in rows} for t, rows in doc.items() if isinstance(rows, list)}
    for table, rows in doc.items():
        if not isinstance(rows, list):
            continue
        for row in rows:
            for key, value in row.items():
                if key in FK_TABLES and value is not None:
                    assert value in ids[FK_TABLES[key]], f"{table} {row['id']} {key}={value}"
    for ext in doc["external_ids"]:
        assert ext["entity"] == "account" and ext["entity_id"] in ids["accounts"]
        assert ext["system"] == "legacy-crm"


def test_references_stay_within_one_account(doc: dict[str, Any]) -> None:
    contact_account = {c["id"]: c["account_id"] for c in doc["contacts"]}
    deal_account = {d["id"]: d["account_id"] for d in doc["deals"]}
    for table in ("activities", "follow_ups"):
        for row in doc[table]:
            if row.get("contact_id") is not None:
                assert contact_account[row["contact_id"]] == row["account_id"]
            if row.get("deal_id") is not None:
                assert deal_account[row["deal_id"]] == row["account_id"]
    for inf in doc["influences"]:
        assert contact_account[inf["contact_id"]] == deal_account[inf["deal_id"]]


def test_accounts_cover_every_class_type_and_tier(doc: dict[str, Any]) -> None:
    assert 28 <= len(doc["accounts"]) <= 32
    classes = Counter(quadrant(a["willingness"], a["need"]) for a in _live(doc))
    assert all(classes[c] >= 3 for c in kinds.CLASSES)
    assert 1 <= classes[None] <= 3
    assert {a["relationship"] for a in doc["accounts"]} == set(kinds.RELATIONSHIP_TYPES)
    tiers = Counter(a["tier"] for a in doc["accounts"])
    assert {t: tiers[t] for t in kinds.TIERS} == dict.fromkeys(kinds.TIERS, 5)
    assert tiers[None] == len(doc["accounts"]) - 15
    for account in doc["accounts"]:
        if account["tier"]:
            assert account["plan_expected"] is not None and account["plan_text"]
        if account["relationship"] == "dormant":
            assert 1 <= account["rejection_count"] <= 6 and account["stop_reason"]
        else:
            assert account.get("rejection_count", 0) == 0
    assert 1 <= sum(bool(a.get("archived")) for a in doc["accounts"]) <= 2


def test_names_mix_english_and_chinese(doc: dict[str, Any]) -> None:
    accounts = [a["name"] for a in doc["accounts"]]
    assert 10 <= sum(map(_has_cjk, accounts)) <= 20
    contacts = [c["name"] for c in doc["contacts"]]
    assert sum(map(_has_cjk, contacts)) >= 30
    assert len(set(contacts)) == len(contacts)
    assert any(_has_cjk(a["notes"]) for a in doc["activities"])


def test_contacts_are_complete(doc: dict[str, Any]) -> None:
    per_account = Counter(c["account_id"] for c in doc["contacts"])
    assert set(per_account) == {a["id"] for a in doc["accounts"]}
    assert all(2 <= n <= 4 for n in per_account.values())
    zones = Counter(c["time_zone"] for c in doc["contacts"])
    assert set(zones) == {"Asia/Shanghai", "Europe/London", "America/New_York"}
    assert zones.most_common(1)[0][0] == "Asia/Shanghai"
    for c in doc["contacts"]:
        assert c["level"] in kinds.LEVEL_RANGE
        assert c["call_window_start"] < c["call_window_end"]
        assert c["email"] and c["phone"] and c["pains"] and c["responsibility"]
    coach_accounts = {c["account_id"] for c in doc["contacts"] if c["is_coach"]}
    assert len(coach_accounts) >= 3


def test_history_spans_ten_weeks_with_commitments(doc: dict[str, Any]) -> None:
    acts = doc["activities"]
    ages = [_ago(doc, a, "occurred_at") for a in acts]
    assert min(ages) >= 1 and max(a for a in ages if a <= 75) >= 60
    assert {a["kind"] for a in acts} == set(kinds.CONTACT_KINDS)
    assert {a["outcome"] for a in acts} <= set(kinds.OUTCOMES)
    assert {"reached", "no_answer", "meeting_booked", "rejected", "won", "lost"} <= {
        a["outcome"] for a in acts
    }
    assert sum(bool(a["our_commitments"]) for a in acts) > len(acts) / 3
    assert sum(bool(a["their_commitments"]) for a in acts) > len(acts) / 6


def test_heat_follows_the_history(doc: dict[str, Any]) -> None:
    last: dict[int, int] = {}
    for act in doc["activities"]:
        last[act["account_id"]] = min(
            last.get(act["account_id"], 999), _ago(doc, act, "occurred_at")
        )
    for account in doc["accounts"]:
        assert 5 <= account["heat"] <= 95
    live = _live(doc)
    hot_recent = [a for a in live if a["heat"] > 80 and last[a["id"]] <= 2]
    # Hot a few weeks ago, quiet since: about to go cold (the queue's Cooling).
    cooling = [a for a in live if 50 <= a["heat"] <= 65 and last[a["id"]] >= 14]
    cold = [a for a in live if a["heat"] < 25]  # below even class D's threshold
    assert len(hot_recent) >= 3 and len(cooling) >= 2 and len(cold) >= 4
    assert all(last[a["id"]] >= 20 for a in cold)


def test_follow_ups_show_every_state_of_the_queue(doc: dict[str, Any]) -> None:
    live = {a["id"] for a in _live(doc)}
    archived = {a["id"] for a in doc["accounts"]} - live
    open_by_account = Counter(f["account_id"] for f in _open_follow_ups(doc))
    assert all(n == 1 for n in open_by_account.values())
    assert not archived & set(open_by_account)
    assert 2 <= len(live - set(open_by_account)) <= 3  # deliberately no next step
    days = [(dt.date.fromisoformat(f["due"]) - TODAY).days for f in _open_follow_ups(doc)]
    assert 4 <= days.count(0) <= 6
    overdue = [d for d in days if d < 0]
    assert overdue and all(-10 <= d <= -1 for d in overdue)
    assert sum(d > 0 for d in days) >= 8
    avoid = ("just checking in", "touching base", "been a while", "anything you need")
    for f in doc["follow_ups"]:
        assert f["purpose"] and not any(p in f["purpose"].lower() for p in avoid)
    done = [f for f in doc["follow_ups"] if f.get("done")]
    assert done and all(f["activity_id"] and f["done_at"] for f in done)


def test_deals_and_blue_sheets(doc: dict[str, Any], settings: Settings) -> None:
    deals = doc["deals"]
    assert 8 <= len(deals) <= 12
    outcomes = Counter(d["outcome"] for d in deals)
    assert outcomes["won"] == 1 and outcomes["lost"] == 1
    open_deals = [d for d in deals if d["outcome"] == "open"]
    assert any(d["completion_date"] < TODAY.isoformat() for d in open_deals)
    evidence = [d[f"evidence_{i}"] for d in open_deals for i in kinds.SSO_INDICATORS]
    assert 0 < evidence.count("") < len(evidence) / 2
    assert any("bad" in (d["fit_credit"], d["fit_need_fit"], d["fit_loyalty"]) for d in deals)

    roles: dict[int, list[str]] = {d["id"]: [] for d in open_deals}
    for inf in doc["influences"]:
        roles.get(inf["deal_id"], []).append(inf["role"])
        assert inf["rating"] is None or inf["rating"] in kinds.POSITION_RANGE
        assert inf["contacted"] == (inf.get("last_contacted_on") is not None)
    full = [r for r in roles.values() if len(r) >= 3]
    assert len(full) >= len(open_deals) // 2 + 1 and all(len(r) <= 5 for r in full)
    assert all(r.count("economic_buyer") <= 1 for r in roles.values())
    assert any("economic_buyer" not in r for r in full)
    assert any("coach" not in r for r in full)
    assert any(not i["contacted"] for i in doc["influences"])

    assert any(m["bullet_id"] for m in doc["landmines"])
    assert any(m["resolved"] for m in doc["landmines"])
    actions = doc["best_actions"]
    assert any(a["done"] for a in actions)
    assert any(not a["done"] and a["due"] < TODAY.isoformat() for a in actions)

    known = {s["id"] for s in settings.data["signals"]} | {t["id"] for t in settings.data["traps"]}
    assert set(SIGNAL_IDS) == known and len(known) == 14
    answered = {s["signal"] for s in doc["signal_answers"]}
    assert answered == known
    assert {s["answer"] for s in doc["signal_answers"]} == set(kinds.ANSWERS)
    assert len({(s["deal_id"], s["signal"]) for s in doc["signal_answers"]}) == len(
        doc["signal_answers"]
    )

    reviews = doc["deal_reviews"]
    assert 1 <= len(reviews) <= 2
    for review in reviews:
        assert 0 <= review["score"] <= 100
        assert json.loads(review["snapshot"])["influences"]


def test_purchases_show_a_buying_season(doc: dict[str, Any]) -> None:
    existing = {a["id"] for a in doc["accounts"] if a["relationship"] == "existing"}
    buyers = {p["account_id"] for p in doc["purchases"]}
    assert len(existing & buyers) >= 10
    assert all(p["purchased_on"] < TODAY.isoformat() for p in doc["purchases"])
    season = {(TODAY + dt.timedelta(days=60 + d)).month for d in (-15, 0, 15)}
    by_account: dict[int, set[int]] = {}
    for p in doc["purchases"]:
        on = dt.date.fromisoformat(p["purchased_on"])
        if on.month in season:
            by_account.setdefault(p["account_id"], set()).add(on.year)
    assert sum(len(years) >= 2 for years in by_account.values()) >= 2


def test_demo_module_does_not_import_peewee() -> None:
    code = "import sys, followup_tui.demo; print('peewee' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- writing it through the importer ------------------------------------------------


def test_write_demo_loads_refuses_and_replaces(tmp_path: Path) -> None:
    from followup_tui.core.base.errors import FollowupError
    from followup_tui.db.database import close_database, open_database
    from followup_tui.db.models import Account, ActionPlan, FollowUp, PlanStep
    from followup_tui.demo import write_demo

    path = tmp_path / "d.db"
    open_database(path)
    try:
        counts = write_demo(today=TODAY, force=False, db_path=path, settings=load_settings(None))
        assert counts["accounts"] == Account.select().count() == 30
        assert counts["follow_ups"] == FollowUp.select().count()
        # every 5+5+5 account has its plan: the board is not empty
        assert counts["plan_steps"] == PlanStep.select().count() == 15 * 6
        assert ActionPlan.select().count() == Account.select().where(Account.tier != "").count()
        assert Account.get(Account.name == "Northwind Logistics").quadrant == "A"
        with pytest.raises(FollowupError, match="already holds data; open it with"):
            write_demo(today=TODAY, force=False, db_path=path, settings=load_settings(None))
        assert not list(tmp_path.glob("*.bak"))
        again = write_demo(
            today=TODAY + dt.timedelta(days=1),
            force=True,
            db_path=path,
            settings=load_settings(None),
        )
        assert again == counts
        assert len(list(tmp_path.glob("d.db.pre-demo-*.bak"))) == 1
        assert Account.select().count() == 30
        assert PlanStep.select().count() == 15 * 6  # replaced, not doubled
    finally:
        close_database()


def test_cli_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup_tui.cli.main import main
    from followup_tui.db.database import close_database

    db = tmp_path / "cli.db"
    args = ["--db", str(db), "demo", "--no-open", "--date", "2026-11-22"]
    try:
        assert main(args) == 0
        assert main(args) == 2
        assert not list(tmp_path.glob("*.bak"))
        assert main([*args, "--force"]) == 0
        assert list(tmp_path.glob("cli.db.pre-demo-*.bak"))
    finally:
        close_database()
