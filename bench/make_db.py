"""Build a large, realistic followup database quickly, for the benchmarks.

    python bench/make_db.py --accounts 100000 --activities-per-account 20 --out /tmp/f100k.db

The schema comes from the app itself (`open_database` creates it); the rows are
written with raw `sqlite3.executemany` in one transaction, secondary indexes
dropped during the load and rebuilt after it (one sorted build each instead of
millions of B-tree inserts), and finally `refresh_summaries()` fills the list's
summary columns exactly as the app would. The spread tries to look like a real
rep's book of business:

- account names mix English, Chinese (common company words and random CJK
  ideographs) and mixed ones such as "Contoso（苏州）电子有限公司";
- class A-D or not judged yet, relationship type, a handful of 5+5+5 tiers
  (five per tier), a few archived accounts, notes on some;
- 2-4 key people per account with titles, departments, time zones and calling
  windows; 0-3 deals with amounts, completion dates and outcomes;
- about K activities per account (between K/2 and 3K/2) over the past year with
  outcomes, bunched towards recent days for engaged accounts and ending months
  ago for dormant ones; heat is replayed from that history by the app's own
  rules (core.accounts.heat) with the shipped settings, so the cached value is
  explainable;
- one open follow-up for most live accounts (some overdue, some today), a few
  done ones linked to the activity that closed them, and purchase histories
  for existing and dormant accounts (buying seasons).

The same `--seed` and `--today` give the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followup_tui.core.accounts.heat import heat_model, heat_path
from followup_tui.core.accounts.naming import stored_forms
from followup_tui.core.base.config import load_settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.base.text import name_sort_key, name_spoken, search_key
from followup_tui.db import find_index
from followup_tui.db.connection import db
from followup_tui.db.database import close_database, open_database
from followup_tui.db.models import (
    Account,
    Activity,
    Base,
    Contact,
    Deal,
    FollowUp,
    Purchase,
)
from followup_tui.db.summaries import refresh_summaries

FLUSH_EVERY = 5_000  # accounts buffered before their rows are written

# -- vocabularies --------------------------------------------------------------------
EN_PREFIX = (
    "Northwind", "Contoso", "Fabrikam", "Apex", "Summit", "Bluewater", "Redwood",
    "Ironbridge", "Silverline", "Harbor", "Granite", "Evergreen", "Pioneer", "Crescent",
    "Keystone", "Meridian", "Atlas", "Falcon", "Orion", "Sterling", "Beacon", "Cascade",
    "Horizon", "Lakeside", "Oakmont", "Brightway", "Westfield", "Northgate", "Riverside",
    "Highland", "Tailspin", "Litware", "Proseware", "Adventure", "Alpine", "Wingtip",
)  # fmt: skip
EN_INDUSTRY = (
    "Logistics", "Foods", "Machinery", "Plastics", "Electronics", "Packaging", "Chemicals",
    "Textiles", "Motors", "Components", "Instruments", "Medical", "Steel", "Pharma",
    "Retail", "Energy", "Automation", "Printing", "Optics", "Tools",
)  # fmt: skip
EN_SUFFIX = ("Ltd", "Inc", "GmbH", "Group", "Co.", "LLC", "plc", "Holdings", "Industries")
ZH_CITY = (
    "上海", "深圳", "苏州", "东莞", "杭州", "宁波", "广州", "天津", "成都", "武汉",
    "青岛", "无锡", "佛山", "厦门", "南京", "重庆", "北京", "长沙", "合肥", "郑州",
)  # fmt: skip
ZH_CORE = "明远华信达通恒泰鑫源宏盛新昌隆丰瑞祥和安康嘉德正大光宇兴旺金永福荣辉创联科海天利"
ZH_INDUSTRY = (
    "机电", "精密", "电子", "塑胶", "物流", "食品", "化工", "纺织", "汽车零部件", "仪器仪表",
    "医疗器械", "钢铁", "制药", "包装", "自动化", "光电", "五金", "新材料", "能源", "印刷",
)  # fmt: skip
ZH_SUFFIX = ("有限公司", "科技有限公司", "股份有限公司", "集团", "实业有限公司", "制造有限公司")
EN_FIRST = (
    "Kevin", "Olivia", "Adam", "Emma", "Tom", "Ben", "Omar", "Sarah", "James", "Laura",
    "Daniel", "Grace", "Mark", "Chloe", "Peter", "Anna", "Lucas", "Mia", "Ryan", "Sofia",
    "Henry", "Ella", "Jack", "Zoe", "David", "Hannah", "Paul", "Nora", "Sam", "Ivy",
)  # fmt: skip
EN_LAST = (
    "Liu", "Brooks", "Wright", "Collins", "Hughes", "Turner", "Haddad", "Miller", "Walker",
    "Clarke", "Evans", "Patel", "Murphy", "Schmidt", "Novak", "Rossi", "Kim", "Nguyen",
    "Fischer", "Lopez", "Baker", "Young", "King", "Scott", "Green", "Hall", "Ward", "Reed",
)  # fmt: skip
ZH_SURNAME = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范"
)
ZH_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红"
    "鹏建林波宁斌宇浩凯健俊帆旭晨琳雪晶欣怡佳瑶悦东"
)
EN_ROLES = (
    ("General Manager", "Management", 5),
    ("Purchasing Manager", "Purchasing", 4),
    ("Engineering Manager", "Engineering", 4),
    ("Production Director", "Production", 4),
    ("Buyer", "Purchasing", 2),
    ("Process Engineer", "Engineering", 2),
    ("Finance Director", "Finance", 4),
    ("Quality Manager", "Quality", 3),
)
ZH_ROLES = (
    ("总经理", "管理层", 5),
    ("采购经理", "采购部", 4),
    ("技术总监", "技术部", 4),
    ("生产经理", "生产部", 4),
    ("采购员", "采购部", 2),
    ("工艺工程师", "技术部", 2),
    ("财务总监", "财务部", 4),
    ("质量经理", "质量部", 3),
)
EN_ZONES = ("Europe/London", "America/New_York", "Europe/Berlin", "America/Chicago")
CALL_WINDOWS = (("09:00", "17:30"), ("10:00", "12:00"), ("14:00", "17:00"), ("", ""))
EN_PRODUCTS = (
    "Condition monitoring", "Vibration sensors", "Gateway upgrade", "Service contract",
    "Spare parts", "Platform licence", "Retrofit kit", "Training package",
)  # fmt: skip
ZH_PRODUCTS = (
    "状态监测平台", "振动传感器", "网关升级", "年度服务合同",
    "备件", "平台授权", "改造套件", "培训服务",
)  # fmt: skip
EN_NOTES = (
    "Asked for a per-site breakdown of the quote.",
    "Shared the reference case from a similar plant.",
    "Left a message with the assistant; call back next week.",
    "Discussed lead times and the spare-parts stock.",
    "They compare us with the incumbent's add-on.",
    "Budget review moved to next quarter.",
    "Agreed the pilot success criteria.",
    "Sent the revised quote with volume discount.",
)
ZH_NOTES = (
    "客户要求按工厂拆分报价。",
    "分享了同行业工厂的案例。",
    "前台留言，下周再打。",
    "讨论了交期和备件库存。",
    "他们在和现有供应商的方案做比较。",
    "预算评审推迟到下个季度。",
    "确认了试点的验收标准。",
    "发送了带批量折扣的新报价。",
)
EN_PURPOSES = (
    "Confirm the site survey date",
    "Get feedback on the revised quote",
    "Present the reference case",
    "Check the budget decision",
    "Book a meeting with the plant manager",
)
ZH_PURPOSES = ("确认现场勘察日期", "跟进新报价的反馈", "介绍同行案例", "确认预算结论", "约见经理")
EN_COMMITMENTS = ("Send the per-site quote", "Book our engineer", "Share the test report", "")
ZH_COMMITMENTS = ("发送分厂报价", "安排工程师上门", "提供测试报告", "")
STOP_REASONS = ("Moved to a cheaper supplier", "Project cancelled", "换了供应商", "预算冻结")

CLASS_WEIGHTS = (("A", 10), ("B", 20), ("C", 20), ("D", 25), (None, 25))
CLASS_INPUTS = {
    "A": ("high", "strong"),
    "B": ("low", "strong"),
    "C": ("high", "weak"),
    "D": ("low", "weak"),
    None: (None, None),
}
RELATIONSHIP_WEIGHTS = (("existing", 40), ("dormant", 20), ("target", 40))
KIND_WEIGHTS = (("call", 65), ("email", 15), ("visit", 10), ("meeting", 10))
OUTCOME_WEIGHTS = (
    ("reached", 45),
    ("no_answer", 20),
    ("voicemail", 10),
    ("meeting_booked", 12),
    ("rejected", 8),
    ("won", 2),
    ("lost", 3),
    (None, 5),  # logged without an outcome (an email sent, say)
)
DEAL_STATUSES = ("urgent", "in_progress", "getting_started", "later")
FUNNEL_LEVELS = ("universe", "above", "in", "best_few")
TIERS = ("big_below_potential", "some_business", "no_business")
ACCOUNTS_PER_TIER = 5


def _expand(weights: Sequence[tuple[Any, int]], scale: int = 1) -> tuple[Any, ...]:
    """A lookup table for weighted picks with one `choice` call (faster than `choices`)."""
    return tuple(value for value, weight in weights for _ in range(weight * scale))


CLASS_TABLE = _expand(CLASS_WEIGHTS)
RELATIONSHIP_TABLE = _expand(RELATIONSHIP_WEIGHTS)
KIND_TABLE = _expand(KIND_WEIGHTS)
OUTCOME_TABLE = _expand(OUTCOME_WEIGHTS)


@dataclass
class Buffers:
    """Rows waiting to be written, per table, plus running ids and totals."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        """Queue one row."""
        self.rows.setdefault(table, []).append(row)

    def new_id(self, table: str) -> int:
        """The next primary key of a table (ids are assigned here, not by SQLite)."""
        value = self.next_id.get(table, 1)
        self.next_id[table] = value + 1
        return value


class Columns:
    """A table's column order and each column's default, taken from the Peewee model."""

    def __init__(self, model: type[Base]) -> None:
        self.table: str = model._meta.table_name
        self.names: list[str] = []
        self.template: list[Any] = []
        for f in model._meta.sorted_fields:
            default = f.default() if callable(f.default) else f.default
            self.names.append(f.column_name)
            self.template.append(f.db_value(default) if default is not None else None)
        self.position = {name: i for i, name in enumerate(self.names)}
        marks = ", ".join("?" * len(self.names))
        cols = ", ".join(f'"{n}"' for n in self.names)
        self.insert = f'INSERT INTO "{self.table}" ({cols}) VALUES ({marks})'

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """A full row: the given values, every other column at its model default."""
        row = self.template.copy()
        position = self.position
        for name, value in values.items():
            row[position[name]] = value  # a KeyError names a column the model lacks
        return tuple(row)


class Maker:
    """Generates the rows of one account after another, deterministically from a seed."""

    def __init__(self, seed: int, today: dt.date, accounts: int) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.names: set[str] = set()
        self.account_cols = Columns(Account)
        self.contact_cols = Columns(Contact)
        self.deal_cols = Columns(Deal)
        self.follow_up_cols = Columns(FollowUp)
        self.purchase_cols = Columns(Purchase)
        self.activity_cols = Columns(Activity)
        # Activities are the bulk: built as tuples in this fixed order, checked once here.
        expected = [
            "id", "account_id", "contact_id", "deal_id", "kind", "occurred_at", "outcome",
            "notes", "our_commitments", "their_commitments", "created_at", "heat_after",
        ]  # fmt: skip
        if self.activity_cols.names != expected:
            raise RuntimeError(f"activity columns changed: {self.activity_cols.names}")
        # Day and quarter-hour strings, so 2,000,000 timestamps cost no strftime.
        self.dates = [today - dt.timedelta(days=d) for d in range(0, 5 * 366)]
        self.days = [d.isoformat() for d in self.dates]
        self.future = [(today + dt.timedelta(days=d)).isoformat() for d in range(0, 400)]
        self.quarters = [f"{h:02d}:{m:02d}:00" for h in range(24) for m in (0, 15, 30, 45)]
        tiered = self.rng.sample(range(1, accounts + 1), min(accounts, 3 * ACCOUNTS_PER_TIER))
        self.tier_of = {aid: TIERS[i // ACCOUNTS_PER_TIER] for i, aid in enumerate(tiered)}
        # Heat as the shipped settings give it, so cached values match a replay of the history.
        settings = load_settings(None)
        self.heat_models = {k: heat_model(settings, k) for k in CLASS_INPUTS}

    # -- names -------------------------------------------------------------------------
    def _company(self) -> tuple[str, bool]:
        """A company name and whether it is Chinese."""
        r = self.rng
        roll = r.random()
        if roll < 0.45:
            name = f"{r.choice(EN_PREFIX)} {r.choice(EN_INDUSTRY)} {r.choice(EN_SUFFIX)}"
            zh = False
        elif roll < 0.90:
            if r.random() < 0.2:  # random ideographs: names nobody typed into a test
                core = "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(r.randint(2, 3)))
            else:
                core = r.choice(ZH_CORE) + r.choice(ZH_CORE)
            name = f"{r.choice(ZH_CITY)}{core}{r.choice(ZH_INDUSTRY)}{r.choice(ZH_SUFFIX)}"
            zh = True
        else:  # a foreign brand's Chinese subsidiary, full-width brackets and all
            name = f"{r.choice(EN_PREFIX)}（{r.choice(ZH_CITY)}）{r.choice(ZH_INDUSTRY)}有限公司"
            zh = True
        base = name
        n = 1
        while search_key(name) in self.names:
            n += 1
            name = f"{base} {n}" if not zh else f"{base}{r.choice(ZH_CITY)}分公司{n}"
        self.names.add(search_key(name))
        return name, zh

    def _person(self, zh: bool) -> str:
        """A key person's name: mostly Chinese at a Chinese company, English otherwise."""
        r = self.rng
        if zh and r.random() < 0.9:
            given = r.choice(ZH_GIVEN) + (r.choice(ZH_GIVEN) if r.random() < 0.6 else "")
            return r.choice(ZH_SURNAME) + given
        return f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"

    # -- one account -------------------------------------------------------------------
    def account(self, aid: int, k: int, out: Buffers) -> None:
        """Queue an account and everything that hangs off it."""
        r = self.rng
        name, zh = self._company()
        klass = r.choice(CLASS_TABLE)
        willingness, need = CLASS_INPUTS[klass]
        rel = r.choice(RELATIONSHIP_TABLE)
        archived = r.random() < 0.02
        created_days = r.randint(60, 4 * 365)
        slug = f"acct{aid}.example" + (".cn" if zh else "")

        # Key people
        contacts: list[int] = []
        roles = ZH_ROLES if zh else EN_ROLES
        for i in range(r.randint(2, 4)):
            cid = out.new_id("contact")
            contacts.append(cid)
            title, dept, level = roles[(i + aid) % len(roles)]
            start, end = r.choice(CALL_WINDOWS)
            out.add(
                "contact",
                self.contact_cols.row(
                    {
                        "id": cid,
                        "account_id": aid,
                        "name": (person := self._person(zh)),
                        "spoken": name_spoken(person),
                        "title": title,
                        "department": dept,
                        "level": level,
                        "phone": f"+{86 if zh else 44} {r.randint(10**9, 10**10 - 1)}",
                        "email": f"p{cid}@{slug}",
                        "time_zone": "Asia/Shanghai" if zh else r.choice(EN_ZONES),
                        "call_window_start": start,
                        "call_window_end": end,
                        "is_coach": int(r.random() < 0.1),
                        "created_at": f"{self.days[created_days]} 09:00:00",
                    }
                ),
            )

        # Deals
        deals: list[tuple[int, bool]] = []  # (id, open)
        products = ZH_PRODUCTS if zh else EN_PRODUCTS
        for _ in range(r.choice((0, 0, 1, 1, 1, 2, 2, 3))):
            did = out.new_id("deal")
            roll = r.random()
            outcome = "open" if roll < 0.6 else "won" if roll < 0.85 else "lost"
            deals.append((did, outcome == "open"))
            offset = r.randint(-60, 180)
            completion = self.future[offset] if offset >= 0 else self.days[-offset]
            product = r.choice(products)
            out.add(
                "deal",
                self.deal_cols.row(
                    {
                        "id": did,
                        "account_id": aid,
                        "title": f"{product} - {r.choice(ZH_CITY if zh else EN_PREFIX)}",
                        "product": product,
                        "amount": round(r.lognormvariate(12.5, 1.0), -3),
                        "completion_date": completion,
                        "status": r.choice(DEAL_STATUSES),
                        "funnel": r.choice(FUNNEL_LEVELS),
                        "outcome": outcome,
                        "position": r.randint(-5, 5) if outcome == "open" else None,
                        "created_at": f"{self.days[min(created_days, 300)]} 10:00:00",
                        "updated_at": f"{self.days[r.randint(0, 30)]} 10:00:00",
                    }
                ),
            )

        # Activities over the past year, bunched by engagement; heat replayed from them.
        n_acts = r.randint(max(0, k // 2), k + k // 2) if k > 1 else k
        if rel == "dormant":
            lo, hi = 120, 365
        else:
            lo, hi = 0, r.choice((30, 60, 120, 365, 365))
        # The bulk of the file: `rand()` arithmetic instead of choice/randint (3x faster).
        rand = r.random
        span = hi - lo + 1
        # (age in days, quarter hour 01:00-16:45 UTC), oldest first and in time order
        # within a day, the order in which the app replays heat.
        moments = sorted(
            ((lo + int(rand() * span), 4 + int(rand() * 64)) for _ in range(n_acts)),
            key=lambda m: (-m[0], m[1]),
        )
        notes = ZH_NOTES if zh else EN_NOTES
        commitments = ZH_COMMITMENTS if zh else EN_COMMITMENTS
        days, dates, quarters = self.days, self.dates, self.quarters
        history: list[ActivityRec] = []  # for the heat replay
        activity_ids: list[tuple[int, int]] = []  # (id, age in days)
        first_id = out.next_id.get("activity", 1)
        out.next_id["activity"] = first_id + n_acts
        rows = out.rows.setdefault("activity", [])
        n_contacts, n_deals = len(contacts), len(deals)
        for act_id, (age, quarter) in enumerate(moments, start=first_id):
            outcome = OUTCOME_TABLE[int(rand() * len(OUTCOME_TABLE))]
            stamp = f"{days[age]} {quarters[quarter]}"
            row = (
                act_id,
                aid,
                contacts[int(rand() * n_contacts)] if rand() < 0.9 else None,
                deals[int(rand() * n_deals)][0] if n_deals and rand() < 0.4 else None,
                KIND_TABLE[int(rand() * len(KIND_TABLE))],
                stamp,
                outcome,
                notes[int(rand() * len(notes))],
                commitments[int(rand() * len(commitments))],
                "",
                stamp,
                None,  # running heat: replayed by the app at first open, in its zone
            )
            rows.append(row)
            history.append(ActivityRec(act_id, aid, dates[age], row[4], outcome))
            activity_ids.append((act_id, age))
        # Stored heat is the value at the end of the last contact day; the app decays
        # it to "today" when it reads it (heat.decayed), so no decay is applied here.
        model = self.heat_models[klass]
        heat = heat_path(history, model)[-1] if history else model.start

        # Follow-ups: a few done ones closed by an activity, and one open next step.
        purposes = ZH_PURPOSES if zh else EN_PURPOSES
        open_deal = next((d for d, is_open in deals if is_open), None)
        closed = r.randint(0, 3)
        for act_id, age in activity_ids[max(0, len(activity_ids) - closed) :]:
            out.add(
                "follow_up",
                self.follow_up_cols.row(
                    {
                        "id": out.new_id("follow_up"),
                        "account_id": aid,
                        "contact_id": contacts[0],
                        "due": self.days[age],
                        "purpose": r.choice(purposes),
                        "done": 1,
                        "done_at": f"{self.days[age]} 18:00:00",
                        "activity_id": act_id,
                        "created_at": f"{self.days[min(age + 7, len(self.days) - 1)]} 09:00:00",
                    }
                ),
            )
        if not archived and r.random() < 0.85:
            roll = r.random()
            if roll < 0.25:
                due = self.days[r.randint(1, 30)]  # overdue
            elif roll < 0.35:
                due = self.days[0]  # today
            else:
                due = self.future[r.randint(1, 45)]
            snoozes = r.choice((0, 0, 0, 0, 1, 2))
            out.add(
                "follow_up",
                self.follow_up_cols.row(
                    {
                        "id": out.new_id("follow_up"),
                        "account_id": aid,
                        "contact_id": contacts[r.randrange(len(contacts))],
                        "deal_id": open_deal,
                        "due": due,
                        "purpose": r.choice(purposes),
                        "done": 0,
                        "snooze_count": snoozes,
                        "snoozed_from": self.days[r.randint(2, 40)] if snoozes else None,
                        "created_at": f"{self.days[r.randint(1, 60)]} 09:00:00",
                    }
                ),
            )

        # Purchases: a buying season for customers, past or present.
        if rel in ("existing", "dormant"):
            every = r.choice((90, 180, 365))
            age = r.randint(0, every) + (r.randint(365, 3 * 365) if rel == "dormant" else 0)
            for _ in range(r.randint(1, 8)):
                if age >= len(self.days):
                    break
                out.add(
                    "purchase",
                    self.purchase_cols.row(
                        {
                            "id": out.new_id("purchase"),
                            "account_id": aid,
                            "purchased_on": self.days[age],
                            "amount": round(r.lognormvariate(11.5, 0.8), -2),
                            "product": r.choice(products),
                        }
                    ),
                )
                age += every + r.randint(-15, 15)

        now = f"{self.days[0]} 08:00:00"
        market = round(r.lognormvariate(14, 1), -4) if r.random() < 0.3 else None
        out.add(
            "account",
            self.account_cols.row(
                {
                    "id": aid,
                    "name": name,
                    "search_key": search_key(name),
                    "sort_key": name_sort_key(name),
                    "name_forms": stored_forms(search_key(name), name_sort_key(name)),
                    "willingness": willingness,
                    "need": need,
                    "quadrant": klass,
                    "relationship": rel,
                    "tier": self.tier_of.get(aid),
                    "heat": round(heat, 1),
                    "rejection_count": r.randint(0, 6) if rel == "dormant" else 0,
                    "stop_reason": r.choice(STOP_REASONS) if rel == "dormant" else "",
                    "archived": int(archived),
                    "archived_at": now if archived else None,
                    "notes": r.choice(notes) if r.random() < 0.3 else "",
                    "industry": r.choice(ZH_INDUSTRY if zh else EN_INDUSTRY),
                    "phone": f"+{86 if zh else 44} {r.randint(10**9, 10**10 - 1)}",
                    "email": f"info@{slug}",
                    "website": f"https://{slug}",
                    "address": f"{r.choice(ZH_CITY)} {r.randint(1, 999)}",
                    "total_market": market,
                    "created_at": f"{self.days[created_days]} 09:00:00",
                    "updated_at": now,
                }
            ),
        )


def _flush(con: sqlite3.Connection, columns: Sequence[Columns], out: Buffers) -> None:
    """Write the queued rows of every table and empty the buffers."""
    inserts = {cols.table: cols.insert for cols in columns}
    for table, rows in out.rows.items():
        con.executemany(inserts[table], rows)
        out.totals[table] = out.totals.get(table, 0) + len(rows)
        rows.clear()


def build(
    path: Path, accounts: int, activities_per_account: int, seed: int, today: dt.date
) -> tuple[dict[str, int], dict[str, float]]:
    """Create the database at `path` and fill it: (rows per table, seconds per phase)."""
    phases: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now

    open_database(path)  # the app's own schema, pragmas and schema version
    close_database()
    maker = Maker(seed, today, accounts)
    out = Buffers()
    columns = (
        maker.account_cols,
        maker.contact_cols,
        maker.deal_cols,
        maker.activity_cols,
        maker.follow_up_cols,
        maker.purchase_cols,
    )
    out.rows = {cols.table: [] for cols in columns}  # the order tables are reported in
    con = sqlite3.connect(path, isolation_level=None)
    try:
        # A throwaway file being loaded: no WAL copy, no fsync; open_database restores WAL.
        con.execute("PRAGMA journal_mode = MEMORY")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -262144")  # 256 MB while loading
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("PRAGMA threads = 2")  # index builds may sort on the second core
        # Secondary indexes are rebuilt once at the end: much faster than growing them.
        # The queue's triggers go too: a new file has no queue states, so its first
        # queue writes every one whatever they would have noted.
        indexes = con.execute(
            "SELECT name, sql, type FROM sqlite_master "
            "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
        con.execute("BEGIN")
        for name, _sql, kind in indexes:
            con.execute(f'DROP {kind.upper()} "{name}"')
        lap("schema")
        for aid in range(1, accounts + 1):
            maker.account(aid, activities_per_account, out)
            if aid % FLUSH_EVERY == 0:
                _flush(con, columns, out)
        _flush(con, columns, out)
        lap("rows")
        for name, sql, _kind in indexes:
            # The search index's triggers come back with the index itself, filled once
            # after the summaries (a trigger would tell it of texts it never had).
            if not name.startswith("find_"):
                con.execute(sql)
        con.execute("COMMIT")
        lap("indexes")
    finally:
        con.close()
    open_database(path)
    try:
        refresh_summaries()  # every account, through the app's own code
        # The search index in one pass, and its triggers: they were off during the load.
        find_index.install(db)
    finally:
        close_database()
    lap("summaries")
    return out.totals, phases


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, build the file, print what was written and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, required=True, metavar="N")
    parser.add_argument(
        "--activities-per-account", type=int, default=20, metavar="K", help="mean (default 20)"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="PATH")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="the day the history leads up to (default: today)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    if args.out.exists():
        if not args.force:
            print(f"make_db: {args.out} exists (use --force to replace it)", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    totals, phases = build(
        args.out, args.accounts, args.activities_per_account, args.seed, args.today
    )
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{n:,} {table}" for table, n in totals.items())
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
    print(f"built {args.out} in {elapsed:.1f} s ({steps}): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
