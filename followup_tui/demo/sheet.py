"""A demo deal and its blue sheet: influences, bullets, landmines, actions, signals, reviews."""

from __future__ import annotations

import json

from followup_tui.demo.document import Act, Doc, Row
from followup_tui.demo.schema import SIGNAL_IDS, SIGNAL_LETTERS


def add_deal(doc: Doc, account_id: int, spec: Row) -> int:
    """The deal header: the SSO, its evidence, position and fit."""
    evidence, fit = spec["evidence"], spec["fit"]
    return doc.add(
        "deals",
        account_id=account_id,
        title=spec["title"],
        product=spec["product"],
        amount=spec["amount"],
        completion_date=doc.day(spec["completion_in_days"]),
        status=spec["status"],
        funnel=spec["funnel"],
        outcome=spec["outcome"],
        position=spec["position"],
        alternate_position=spec["alternate_position"],
        position_why=spec["position_why"],
        position_move=spec["position_move"],
        position_plan=spec["position_plan"],
        evidence_customer=evidence["customer"],
        evidence_product=evidence["product"],
        evidence_amount=evidence["amount"],
        evidence_completion_date=evidence["completion_date"],
        evidence_status=evidence["status"],
        fit_credit=fit["credit"],
        fit_need_fit=fit["need_fit"],
        fit_loyalty=fit["loyalty"],
        fit_notes=fit["notes"],
        created_at=doc.stamp(-spec["created_days_ago"], 11),
        updated_at=doc.stamp(-1, 18),
    )


def _is_zh(text: str) -> bool:
    """Whether a text is Chinese, so demo evidence matches the account's language."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _last_with(acts: list[Act], contact_id: int) -> Act | None:
    """The latest activity with a contact."""
    return next((a for a in reversed(acts) if a.contact_id == contact_id), None)


def add_blue_sheet(
    doc: Doc,
    deal: Row,
    sheet: Row,
    role_evidence: Row,
    deal_id: int,
    contacts: list[int],
    acts: list[Act],
) -> None:
    """Influences, bullets, landmines, best actions, signals and reviews of one deal."""
    created = deal["created_days_ago"]
    deal_acts = [a for a in acts if doc.row("activities", a.id)["deal_id"] == deal_id] or acts
    latest = deal_acts[-1] if deal_acts else None
    if latest is not None and deal["position"] is not None:
        doc.row("deals", deal_id).update(
            position_confirmed_at=latest.at, position_confirmed_by_id=latest.id
        )
    evidence = role_evidence["zh" if _is_zh(deal["title"]) else "en"]
    influences = []
    for n, inf in enumerate(sheet["influences"]):
        contact = contacts[inf["person"]]
        contacted, mode, rating = inf["contacted"], inf["mode"], inf["rating"]
        seen = _last_with(acts, contact) if contacted else None
        row: Row = {
            "deal_id": deal_id,
            "contact_id": contact,
            "role": inf["role"],
            # A role seen in action has evidence; one never met is filled by title only.
            "role_evidence": evidence[inf["role"]] if contacted else "",
            "mode": mode,
            "mode_evidence": inf["mode_evidence"],
            "degree": inf["degree"],
            "rating": rating,
            "rating_evidence": inf["rating_evidence"],
            "contacted": contacted,
            "results": inf["results"],
            "personal_win": inf["personal_win"],
            "added_at": doc.stamp(-created + 3 * n, 12),
        }
        if seen is not None:
            row["last_contacted_on"] = seen.at[:10]
            if mode is not None:
                row.update(mode_confirmed_at=seen.at, mode_confirmed_by_id=seen.id)
            if rating is not None:
                if n == 0 and deal["position"] is not None and deal["position"] < 0:
                    # an old judgement the rep has not revisited: stale evidence to flag
                    row["rating_confirmed_at"] = doc.stamp(-75, 15)
                else:
                    row.update(rating_confirmed_at=seen.at, rating_confirmed_by_id=seen.id)
        elif contacted:
            row["last_contacted_on"] = doc.day(-80)
        influences.append(doc.add("influences", **row))
    bullets = [
        doc.add(
            "bullets",
            deal_id=deal_id,
            category=b["category"],
            text=b["text"],
            influence_id=None if b["influence"] is None else influences[b["influence"]],
            created_at=doc.stamp(-created + 5 + n, 16),
        )
        for n, b in enumerate(sheet["bullets"])
    ]
    landmines = [
        doc.add(
            "landmines",
            deal_id=deal_id,
            category=m["category"],
            text=m["text"],
            influence_id=None if m["influence"] is None else influences[m["influence"]],
            bullet_id=None if m["bullet"] is None else bullets[m["bullet"]],
            resolved=m["resolved"],
            created_at=doc.stamp(-created + 2 + n, 16),
        )
        for n, m in enumerate(sheet["landmines"])
    ]
    for action in sheet["actions"]:
        due, done, mine = action["due_in_days"], action["done"], action["landmine"]
        doc.add(
            "best_actions",
            deal_id=deal_id,
            who=action["who"],
            what=action["what"],
            due=doc.day(due),
            done=done,
            done_on=doc.day(due - 1) if done else None,
            landmine_id=None if mine is None else landmines[mine],
            target=action["target"],
            created_at=doc.stamp(min(due, 0) - 10, 17),
        )
    for n, (signal, letter) in enumerate(zip(SIGNAL_IDS, sheet["signals"], strict=False)):
        answer = SIGNAL_LETTERS[letter]
        if answer is not None:
            doc.add(
                "signal_answers",
                deal_id=deal_id,
                signal=signal,
                answer=answer,
                answered_at=doc.stamp(-2 - n % 9, 17, 10),
            )
    review = sheet["review"]
    if review is not None:
        doc.add(
            "deal_reviews",
            deal_id=deal_id,
            reviewed_on=doc.day(-review["days_ago"]),
            comments=review["comments"],
            score=review["score"],
            reviewer=review["reviewer"],
            verdict=review["verdict"],
            snapshot=_snapshot(doc, deal_id, influences, landmines),
        )


def _snapshot(doc: Doc, deal_id: int, influences: list[int], landmines: list[int]) -> str:
    """The sheet as it stood at the review: one step less sure, one landmine fewer."""
    deal = doc.row("deals", deal_id)
    sheet = {
        "deal": {
            "title": deal["title"],
            "amount": deal["amount"],
            "status": deal["status"],
            "funnel": deal["funnel"],
            "position": (deal["position"] or 0) - 1,
            "alternate_position": deal["alternate_position"],
        },
        "influences": [
            {k: doc.row("influences", i)[k] for k in ("id", "contact_id", "role", "mode", "rating")}
            for i in influences
        ],
        "landmines": [
            {k: doc.row("landmines", i)[k] for k in ("id", "category", "text")}
            | {"resolved": False}
            for i in landmines[:-1]
        ],
    }
    return json.dumps(sheet, ensure_ascii=False, sort_keys=True)
