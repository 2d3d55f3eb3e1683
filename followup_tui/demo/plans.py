"""The demo's action plans: one for each account on the 5+5+5 board, for the demo's year.

Written through the data layer (`db.action_plans`) once the book is loaded, so the
board has something to show: goals from the account's `plan_text`, monthly
milestones, and six steps (`data/plans.yaml`) whose months before the demo's day are
marked - most done, some missed, one of them left open and late.

Milestones: an existing account is expected to buy in its usual months (those of its
purchases), each at its usual amount times a factor that differs by account, so some
run ahead, some on track and some behind; a target account's `plan_expected` falls
in the year's last quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from followup_tui.core.review.action_plan import StepWhen
from followup_tui.demo.document import month_day
from followup_tui.demo.load import DemoDataError, demo_data

# Expected against usual, by account in board order: ahead, on track, behind.
_FACTORS = (Decimal("0.8"), Decimal("1.0"), Decimal("1.4"))
_GOAL_SPLIT = re.compile(r"[;；]\s*")


@cache
def step_templates() -> dict[str, list[dict[str, Any]]]:
    """The six steps in each language, checked."""
    root = resources.files("followup_tui.demo") / "data"
    doc = yaml.safe_load((root / "plans.yaml").read_text(encoding="utf-8"))
    steps = (doc or {}).get("steps") or {}
    for lang in ("en", "zh"):
        for i, s in enumerate(steps.get(lang) or []):
            if not isinstance(s.get("month"), int) or not 1 <= s["month"] <= 12:
                raise DemoDataError("plans.yaml", f"steps.{lang}.{i}.month", "a month 1-12")
            for key in ("who", "how", "why", "what_for"):
                if not isinstance(s.get(key), str):
                    raise DemoDataError("plans.yaml", f"steps.{lang}.{i}.{key}", "text")
        if not steps.get(lang):
            raise DemoDataError("plans.yaml", f"steps.{lang}", "no steps")
    return steps


def _milestones(acct: dict[str, Any], today: dt.date, factor: Decimal) -> dict[int, Decimal]:
    market = acct.get("market") or {}
    bought = acct.get("purchases")
    if bought:
        months = {month_day(today, m, 1).month for m in bought["months"]}
        usual = Decimal(bought["amount"]) * factor
        return {m: usual if m in months else Decimal(0) for m in range(1, 13)}
    whole = Decimal(market.get("plan_expected") or 0)
    third = round(whole / 3000) * 1000  # whole thousands; December takes the rest
    out = {m: Decimal(0) for m in range(1, 10)}
    return {**out, 10: Decimal(third), 11: Decimal(third), 12: whole - 2 * third}


def add_demo_plans(today: dt.date) -> int:
    """Write the plans of the tiered accounts of the open demo book; the steps written."""
    from followup_tui.db import action_plans as ap
    from followup_tui.db.connection import db

    ids = dict(db.execute_sql("SELECT name, id FROM account").fetchall())
    written = 0
    tiered = [a for a in demo_data().accounts if a["tier"] and a["name"] in ids]
    for n, acct in enumerate(tiered):
        past = [i for i, s in enumerate(step_templates()[acct["lang"]])
                if StepWhen(today.year, s["month"], s.get("day")).last_day < today]  # fmt: skip
        late = past[-1] if past and n % 3 == 2 else None
        account_id = ids[acct["name"]]
        year = today.year
        plan_text = (acct.get("market") or {}).get("plan_text") or ""
        ap.save_goals(account_id, year, _GOAL_SPLIT.split(plan_text))
        ap.save_milestones(account_id, year, _milestones(acct, today, _FACTORS[n % 3]))
        for i, s in enumerate(step_templates()[acct["lang"]]):
            when = StepWhen(year, s["month"], s.get("day"))
            step = ap.add_step(
                account_id,
                year,
                who=s["who"],
                how=s["how"],
                when=when.text,
                why=s["why"],
                what_for=s["what_for"],
            )
            written += 1
            if when.last_day >= today:
                continue
            if i == late:
                continue  # left open: late
            status = "missed" if (n + i) % 4 == 3 else "done"
            ap.mark_step(step.step_id, status, when.last_day)
    return written
