"""Build the demo's export document from its data files, for a given day.

Every date in the data is relative (days ago, days from today), so the same
data gives a demo whose history always leads up to the day asked for. The
random choices (names, jitter, phone numbers) come from one seeded generator:
the same day and seed give the same document.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from followup_tui.core.accounts.heat import decayed, heat_model, heat_path
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.records import ActivityRec
from followup_tui.demo.document import Act, Doc, Row, month_day, shift_years
from followup_tui.demo.load import DemoData, demo_data
from followup_tui.demo.sheet import add_blue_sheet, add_deal

# An account's class as the two questions that give it.
_CLASS_INPUTS = {
    "A": ("high", "strong"),
    "B": ("low", "strong"),
    "C": ("high", "weak"),
    "D": ("low", "weak"),
    None: (None, None),
}
# How long ago an account was first entered, by relationship (plus some random days).
_CREATED_AGO = {"existing": 1100, "dormant": 1500, "target": 200}
# The cached heat in the document stays off the ends of the bar, as the demo always had it;
# `write_demo` replays every account's exact heat through the data layer anyway.
_SHOWN_HEAT = (5.0, 95.0)


def build_demo(today: dt.date, seed: int = 7, settings: Settings | None = None) -> dict[str, Any]:
    """The demo as an export document whose history leads up to `today`; same input, same dict.

    `settings` give the heat parameters (default: the shipped ones).
    """
    data = demo_data()
    settings = settings or load_settings(None)
    doc = Doc(today, seed)
    zh_names = [tuple(name) for name in data.people["names"]["zh"]]
    en_names = [(name, name.lower().replace(" ", ".")) for name in data.people["names"]["en"]]
    doc.rng.shuffle(zh_names)
    doc.rng.shuffle(en_names)
    external_ids: list[tuple[int, str]] = []
    for acct in data.accounts:
        account_id = _add_account(doc, acct)
        if acct["legacy_crm_id"]:
            external_ids.append((account_id, acct["legacy_crm_id"]))
        names = zh_names if acct["lang"] == "zh" else en_names
        contacts = [
            _add_contact(doc, data, acct, account_id, pos, names.pop(), i == acct["coach"])
            for i, pos in enumerate(acct["people"])
        ]
        deal = data.deals.get(acct["key"])
        sheet = data.sheets.get(acct["key"])
        deal_id = add_deal(doc, account_id, deal) if deal else None
        influences = sheet["influences"] if sheet else []
        silent = {contacts[i["person"]] for i in influences if not i["contacted"]}
        acts = _add_history(doc, data, acct, account_id, contacts, silent, deal, deal_id)
        if deal and sheet and deal_id is not None:
            add_blue_sheet(doc, deal, sheet, data.role_evidence, deal_id, contacts, acts)
        _add_next_step(doc, acct, account_id, deal_id, acts)
        _add_purchases(doc, data, acct, account_id)
        _finish_account(doc, acct, account_id, acts, settings)
    for account_id, external in external_ids:
        doc.add(
            "external_ids",
            entity="account",
            entity_id=account_id,
            system="legacy-crm",
            external_id=external,
        )
    return {"format": "followup-export", "version": 1, **doc.tables}


def _add_account(doc: Doc, acct: Row) -> int:
    """The account row with its state, profile and market figures."""
    willingness, need = _CLASS_INPUTS[acct["class"]]
    dormant = acct["dormant"] or {"rejections": 0, "stop_reason": "", "start_reason": ""}
    new = acct["history"] == "new"
    created_ago = 20 if new else _CREATED_AGO[acct["relationship"]]
    created_ago += doc.rng.randint(0, 5 if new else 150)
    zh, tz = acct["lang"] == "zh", acct["time_zone"]
    phone = ("+86 21 " if zh else "+44 20 7946 ") + f"{doc.rng.randint(0, 9999):04d}"
    if tz == "America/New_York":
        phone = f"+1 212 555 01{doc.rng.randint(0, 99):02d}"
    row: Row = {
        "name": acct["name"],
        "willingness": willingness,
        "need": need,
        "relationship": acct["relationship"],
        "tier": acct["tier"],
        "rejection_count": dormant["rejections"],
        "stop_reason": dormant["stop_reason"],
        "start_reason": dormant["start_reason"],
        "industry": acct["industry"],
        "address": acct["address"],
        "phone": phone,
        "email": f"info@{acct['domain']}",
        "website": f"https://www.{acct['domain']}",
        "created_at": doc.stamp(-created_ago, 10, 0, tz),
    }
    birthday_in = acct["boss_birthday_in_days"]
    if birthday_in is not None:  # the boss's birthday comes up in the next weeks
        upcoming = doc.today + dt.timedelta(days=birthday_in)
        row["birthday"] = shift_years(upcoming, 48 + birthday_in % 9).isoformat()
    row.update(acct["profile"])
    market = acct["market"]
    if market is not None:
        row.update(
            total_market=market["total"],
            channels_not_in=market["channels_not_in"],
            plan_expected=market["plan_expected"],
            plan_actual=market["plan_actual"],
            plan_text=market["plan_text"],
        )
    archived = acct["archived_days_ago"]
    if archived is not None:
        row.update(archived=True, archived_at=doc.stamp(-archived, 17, 30, tz))
    return doc.add("accounts", **row)


def _add_contact(
    doc: Doc,
    data: DemoData,
    acct: Row,
    account_id: int,
    position: int,
    name: tuple[str, str],
    coach: bool,
) -> int:
    """One key person, their details in the account's language."""
    pos = data.people["positions"][position]
    text = pos[acct["lang"]]
    start, end = pos["call_window"]
    display, local = name
    rng, tz = doc.rng, acct["time_zone"]
    if acct["lang"] == "zh":
        phone = (
            f"+86 1{rng.choice('3589')}{rng.randint(0, 9)} {rng.randint(1000, 9999)} "
            f"{rng.randint(1000, 9999)}"
        )
    elif tz == "America/New_York":
        phone = f"+1 212 555 01{rng.randint(0, 99):02d}"
    else:
        phone = f"+44 7700 900{rng.randint(0, 999):03d}"
    return doc.add(
        "contacts",
        account_id=account_id,
        name=display,
        title=text["title"],
        department=text["department"],
        level=pos["level"],
        phone=phone,
        email=f"{local}@{acct['domain']}",
        time_zone=tz,
        call_window_start=start,
        call_window_end=end,
        interests=text["interests"],
        pains=text["pains"],
        good_supplier=text["good_supplier"],
        responsibility=text["responsibility"],
        is_coach=coach,
        created_at=doc.row("accounts", account_id)["created_at"],
    )


def _add_history(
    doc: Doc,
    data: DemoData,
    acct: Row,
    account_id: int,
    contacts: list[int],
    silent: set[int],
    deal: Row | None,
    deal_id: int | None,
) -> list[Act]:
    """Weeks of calls, visits, emails and meetings, with done follow-ups behind some of them."""
    rng, lang, tz, topic = doc.rng, acct["lang"], acct["time_zone"], acct["topic"]
    history = data.history
    commitments = history["commitments"][lang]
    texts = _Deck(
        rng,
        {
            **history["notes"][lang],
            "ours": commitments["ours"],
            "theirs": commitments["theirs"],
            "purpose": history["done_purposes"][lang],
        },
    )
    reachable = [c for c in contacts if c not in silent] or contacts
    order = reachable[:]
    rng.shuffle(order)
    names = {c: doc.row("contacts", c)["name"] for c in contacts}
    acts: list[Act] = []
    # Each account's history is its pattern with a day either way on older steps
    # (never on a won or lost step, whose day the deal's story depends on).
    steps = sorted(
        (
            (ago + rng.choice((-1, 0, 1)) if ago > 4 and step not in "WO" else ago, step)
            for ago, step in history["histories"][acct["history"]]
        ),
        key=lambda s: -s[0],
    )
    for n, (ago, step) in enumerate(steps):
        kind, outcome = history["steps"][step]["kind"], history["steps"][step]["outcome"]
        contact = order[n % len(order)]
        if step == "O" and deal is None:
            outcome = "rejected"
        at = doc.stamp(-ago, rng.randint(9, 16), rng.choice((0, 15, 30, 45)), tz)
        pool = "email" if kind == "email" and outcome == "reached" else outcome
        text = texts.draw(pool).format(who=names[contact], topic=topic)
        promise = outcome in ("reached", "meeting_booked") and kind != "email"
        on_deal = deal_id if deal is not None and ago <= deal["created_days_ago"] else None
        act_id = doc.add(
            "activities",
            account_id=account_id,
            contact_id=contact,
            deal_id=on_deal,
            kind=kind,
            occurred_at=at,
            outcome=outcome,
            notes=text,
            our_commitments=texts.draw("ours") if promise else "",
            their_commitments=texts.draw("theirs") if promise and n % 2 else "",
            created_at=at,
        )
        acts.append(Act(act_id, ago, at, contact, outcome))
        if n and kind == "call" and n % 2 == 0:  # the call closed a planned follow-up
            late = rng.choice((0, 0, 1, 2))
            doc.add(
                "follow_ups",
                account_id=account_id,
                contact_id=contact,
                deal_id=on_deal,
                due=doc.day(-ago - late),
                purpose=texts.draw("purpose").format(topic=topic),
                done=True,
                done_at=at,
                activity_id=act_id,
                created_at=doc.stamp(-ago - late - 7, 18, 0, tz),
            )
    return acts


class _Deck:
    """Texts drawn without repeats until a pool is used up, so one account's notes vary."""

    def __init__(self, rng: random.Random, pools: dict[str, list[str]]) -> None:
        self.rng = rng
        self.pools = pools
        self.left: dict[str, list[str]] = {}

    def draw(self, pool: str) -> str:
        """The next text of a pool, reshuffled once all have been used."""
        if not self.left.get(pool):
            self.left[pool] = list(self.pools[pool])
            self.rng.shuffle(self.left[pool])
        return self.left[pool].pop()


def _add_next_step(
    doc: Doc, acct: Row, account_id: int, deal_id: int | None, acts: list[Act]
) -> None:
    """The account's one open follow-up, unless it deliberately has none."""
    step = acct["next_step"]
    if step is None or acct["archived_days_ago"] is not None:
        return
    due = step["due_in_days"]
    last = acts[-1] if acts else None
    if deal_id is not None and doc.row("deals", deal_id)["outcome"] != "open":
        deal_id = None  # the next step is new business, not the closed deal
    snoozes = acct["snoozed"]
    doc.add(
        "follow_ups",
        account_id=account_id,
        contact_id=last.contact_id if last else None,
        deal_id=deal_id,
        due=doc.day(due),
        purpose=step["purpose"],
        snoozed_from=doc.day(due - 7) if snoozes else None,
        snooze_count=snoozes,
        created_at=last.at if last else doc.stamp(-3, 18, 0, acct["time_zone"]),
    )


def _add_purchases(doc: Doc, data: DemoData, acct: Row, account_id: int) -> None:
    """Past purchases in the same months each year, so a buying season can be predicted."""
    purchases = acct["purchases"]
    if purchases is None:
        return
    months, base, years = purchases["months"], purchases["amount"], purchases["years"]
    dormant = acct["relationship"] == "dormant"
    day = doc.rng.randint(3, 26)
    products = data.history["purchase_products"][acct["lang"]]
    for back in range(years, -1, -1):
        for n, month in enumerate(months):
            on = shift_years(month_day(doc.today, month, day), back)
            if on >= doc.today or (dormant and back < 2):
                continue
            amount = round(base * doc.rng.uniform(0.85, 1.2), -3)
            doc.add(
                "purchases",
                account_id=account_id,
                purchased_on=on.isoformat(),
                amount=amount,
                product=products[(n + back) % len(products)],
            )


def _account_heat(acts: list[Act], klass: str | None, today: dt.date, settings: Settings) -> float:
    """Heat today, replayed from the history by the core's own rules, for the cached column."""
    model = heat_model(settings, klass)
    history = [
        ActivityRec(a.id, 0, today - dt.timedelta(days=a.ago), outcome=a.outcome) for a in acts
    ]
    heat = model.start
    if history:
        heat = decayed(heat_path(history, model)[-1], history[-1].occurred_on, today, model.rate)
    low, high = _SHOWN_HEAT
    return round(min(high, max(low, heat)), 1)


def _finish_account(
    doc: Doc, acct: Row, account_id: int, acts: list[Act], settings: Settings
) -> None:
    """Heat from the history, and the purchase the won deal became."""
    row = doc.row("accounts", account_id)
    row["heat"] = _account_heat(acts, acct["class"], doc.today, settings)
    row["updated_at"] = acts[-1].at if acts else row["created_at"]
    won = [a for a in acts if a.outcome == "won"]
    if won:
        deal = next(d for d in doc.tables["deals"] if d["account_id"] == account_id)
        doc.add(
            "purchases",
            account_id=account_id,
            purchased_on=won[-1].at[:10],
            amount=deal["amount"],
            product=deal["product"],
            notes=deal["title"],
        )
