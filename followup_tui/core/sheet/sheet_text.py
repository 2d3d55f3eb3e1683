"""The whole blue sheet as a Markdown handout and as JSON (for scripts): `followup sheet`.

The Markdown opens with the one-page overview (`sheet_overview`), then the
sheet's sections, each signal listed once, then the review history with its
comments. A presentation copy (`present=True`) masks what presentation mode
masks (`sheet_print.Printed`). Both outputs carry what the rules compute on the
day: the one landmine list, the verdict of the whole sheet with the rules that
decided it, completeness. The JSON document is described in docs/sheet-json.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS, SSO_INDICATORS
from followup_tui.core.sheet.position import kind_label
from followup_tui.core.sheet.sheet_overview import overview_markdown
from followup_tui.core.sheet.sheet_print import Printed, money, table
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    days_old,
    position_word,
    reply_for,
    reply_word,
    signal_specs,
    trap_specs,
)

__all__ = ["money", "sheet_json", "sheet_markdown"]


def _md_sso(c: Printed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    values = {
        "customer": deal.account_name,
        "product": deal.product,
        "amount": money(deal.amount, c.settings),
        "completion_date": deal.completion_date,
        "status": c.label("deal_statuses", deal.status),
    }
    rows = [
        (c.label("sso_indicators", k), values[k], c.free(deal.evidence(k))) for k in SSO_INDICATORS
    ]
    out = [f"## {w['sso']}", "", *table((w["indicator"], w["value"], w["evidence"]), rows, "")]
    if any(not deal.evidence(k).strip() for k in SSO_INDICATORS):
        out += [w["out_of_control"], ""]
    return out


def _md_position(c: Printed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    if c.present:
        return [f"## {w['position']}", "", w["hidden_note"], ""]
    when = ""
    if deal.position_confirmed_at is not None:
        when = " · " + w["confirmed"].format(day=deal.position_confirmed_at.date())
        age = days_old(deal.position_confirmed_at, c.today)
        if age is not None and age > c.settings.evidence_stale_days:
            when += (
                f" (**{w['stale']}**)" if c.settings.language == "en" else f"（**{w['stale']}**）"
            )
    out = [
        f"## {w['position']}",
        "",
        f"- **{w['position']}**{w['colon']}{position_word(deal.position, c.settings)}{when}",
        f"- **{w['alternate']}**{w['colon']}{position_word(deal.alternate_position, c.settings)}",
    ]
    for key in ("why", "move", "plan"):
        answer = getattr(deal, f"position_{key}") or "-"
        out.append(f"- {c.label('position_questions', key)} {answer}")
    return [*out, ""]


def _md_influences(c: Printed) -> list[str]:
    w, people = c.w, c.people
    out = [f"## {w['influences']}", "", *c.influence_table()]
    for i in people:
        parts = [
            (w["role"], c.free(i.role_evidence)),
            (w["mode"], c.hide(i.mode_evidence)),
            (w["rating"], c.hide(i.rating_evidence)),
            (w["results"], c.free(i.results)),
            (w["win"], c.hide(i.personal_win)),
        ]
        text = w["item_join"].join(c.colon(name, value) for name, value in parts if value)
        if text:
            out.append(f"- **{i.name}** — {text}")
    return [*out, ""] if people else out


def _md_mines(c: Printed) -> list[str]:
    w, sheet = c.w, c.sheet
    bullets = {b.id: b for b in sheet.bullets}

    def bullet(b: Any) -> str:
        kind = c.aside(c.label("bullet_categories", b.category))
        return f"{c.tied(b.text, b.influence_id)}{kind}{c.who(b.influence_id)}"

    rows = []
    for m in sheet.landmines:  # side by side: each landmine with the bullet that disarms it
        mark = c.aside(w["resolved"]) if m.resolved else ""
        category = c.aside(c.label("landmine_categories", m.category))
        b = bullets.get(m.bullet_id) if m.bullet_id is not None else None
        text = c.tied(m.text, m.influence_id)
        rows.append((f"{text}{category}{c.who(m.influence_id)}{mark}", bullet(b) if b else ""))
    linked = {m.bullet_id for m in sheet.landmines}
    rows += [("", bullet(b)) for b in sheet.bullets if b.id not in linked]
    out = [f"## {w['mines']}", "", *table((w["landmine"], w["bullet"]), rows, w["none"])]
    found = [
        (
            c.label("influence_degrees", f.severity),
            c.finding(f),
            c.fix(f),
        )
        for f in c.found
    ]
    head = (w["severity"], w["landmine"], w["suggestion"])
    return [*out, f"### {w['found']}", "", *table(head, found, w["none"])]


def _md_fit(c: Printed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    rows = [(c.label("fit_questions", q), c.label("answers", deal.fit(q))) for q in FIT_QUESTIONS]
    out = [f"## {w['fit']}", "", *table((w["question"], w["answer"]), rows, "")]
    return out + ([c.colon(w["notes"], c.hide(deal.fit_notes)), ""] if deal.fit_notes else [])


def _md_actions(c: Printed) -> list[str]:
    w, today = c.w, c.today
    mines = {m.id: c.tied(m.text, m.influence_id) for m in c.sheet.landmines}
    rows = []
    for a in c.sheet.actions:
        state = w["done"] if a.done else ""
        if not a.done and a.due is not None and a.due < today:
            state = w["overdue"].format(days=(today - a.due).days)
        aim = mines.get(a.landmine_id, "") if a.landmine_id is not None else c.free(a.target)
        rows.append((c.doer(a.who), c.free(a.what), a.due, aim, state))
    head = (w["who"], w["what"], w["due"], w["aim"], "")
    return [f"## {w['actions']}", "", *table(head, rows, w["none"])]


def _md_stand(c: Printed) -> list[str]:
    w, v, settings = c.w, c.verdict, c.settings
    stage = kind_label(v.stage, settings)
    stage = stage.lower() if settings.language == "en" else stage  # "late stage" mid-sentence
    detail = w["score"].format(score=v.score, stage=stage, unknown=v.unknown, counted=v.counted)
    head = f"**{c.colon(w['verdict'], c.verdict_word())}**"
    out = [f"## {w['stand']}", ""]
    if c.present:
        out += [head, ""]
    else:
        out += [head + w["aside"].format(text=detail), ""]
        out += [*[f"- {r}" for r in v.rules], ""] if v.rules else []
    answers = c.sheet.answers()
    rows = [
        (
            kind_label(st, settings),
            q,
            settings.label("replies", c.goods.get(sid, "yes")),
            reply_word(answers.get(sid, "unknown"), c.goods.get(sid, "yes"), settings),
        )
        for sid, st, q in signal_specs(settings)
    ]
    rows += [
        (
            w["trap"],
            q,
            settings.label("replies", c.goods.get(tid, "no")),
            reply_word(answers.get(tid, "unknown"), c.goods.get(tid, "no"), settings),
        )
        for tid, q in trap_specs(settings)
    ]
    columns = (w["stage"], w["question"], w["good_answer"], w["answer"])
    return [*out, f"### {w['signals']}", "", *table(columns, rows, "")]


def _md_completeness(c: Printed) -> list[str]:
    w, comp = c.w, c.completeness
    gaps = [c.computed(g) for g in comp.gaps]
    out = [f"## {c.colon(w['completeness'], f'{comp.score}/100')}", "", f"### {w['gaps']}", ""]
    out += [*([f"- {g}" for g in gaps] or [w["none"]]), ""]
    if comp.stale:
        stale = [c.computed(s) for s in comp.stale]
        out += [f"### {w['stale_values']}", "", *[f"- {s}" for s in stale], ""]
    return out


def _md_history(c: Printed) -> list[str]:
    w = c.w
    rows = [
        (
            r.reviewed_on,
            r.reviewer or "-",
            "-" if r.score is None else f"{r.score}/100",
            c.hide(kind_label(r.verdict, c.settings)) if r.verdict else "-",
            c.hide(r.comments) or "-",
        )
        for r in reversed(c.sheet.reviews)  # the latest first: what the next review opens with
    ]
    head = (w["reviewed_on"], w["reviewer"], w["completeness"], w["verdict"], w["comments"])
    return [f"## {w['history']}", "", *table(head, rows, w["no_reviews"])]


def sheet_markdown(
    sheet: BlueSheet, today: date, settings: Settings, *, present: bool = False
) -> str:
    """The handout: the one-page overview, the sections in the sheet's order, the review
    history. `present` masks what presentation mode masks (a copy for a shared screen).
    """
    c = Printed(sheet, today, settings, present=present)
    parts = (
        _md_sso,
        _md_position,
        _md_influences,
        _md_mines,
        _md_fit,
        _md_actions,
        _md_stand,
        _md_completeness,
        _md_history,
    )
    lines = [*overview_markdown(c), "---", "", f"## {c.w['sections']}", ""]
    lines += [line for part in parts for line in part(c)]
    return "\n".join(lines).rstrip() + "\n"


def _plain(value: Any) -> Any:
    """A JSON value: ISO dates and times, money as a number."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def sheet_json(sheet: BlueSheet, today: date, settings: Settings) -> dict[str, Any]:
    """Everything on the sheet and everything computed from it, as JSON-able data."""
    got = Printed(sheet, today, settings)
    deal, v = sheet.deal, got.verdict

    def scale(value: int | None) -> str | None:
        return None if value is None else settings.label("position_scale", str(value))

    age = days_old(deal.position_confirmed_at, today)
    answers = {s.signal: s for s in sheet.signals}
    signals = [
        {"id": sid, "kind": "signal", "stage": st, "question": q}
        for sid, st, q in signal_specs(settings)
    ] + [
        {"id": tid, "kind": "trap", "stage": None, "question": q} for tid, q in trap_specs(settings)
    ]
    for s in signals:
        rec = answers.get(str(s["id"]))
        answer = rec.answer if rec else "unknown"
        good = got.goods.get(str(s["id"]), "yes")
        reply = reply_for(answer, good)
        s.update(answer=answer, reply=reply, good_reply=good, note=rec.note if rec else "")
    last = sheet.last_review()
    doc = {
        "date": today,
        "rep": settings.rep_name,
        "deal": {
            "id": deal.id,
            "title": deal.title,
            "account": {"id": deal.account_id, "name": deal.account_name},
            "product": deal.product,
            "amount": deal.amount,
            "currency": settings.currency,
            "completion_date": deal.completion_date,
            "status": deal.status,
            "funnel": deal.funnel,
            "outcome": deal.outcome,
            "stage": got.stage,
            "evidence": {k: deal.evidence(k) for k in SSO_INDICATORS},
            "out_of_control": any(not deal.evidence(k).strip() for k in SSO_INDICATORS),
            "created_at": deal.created_at,
        },
        "position": {
            "value": deal.position,
            "label": scale(deal.position),
            "alternate": deal.alternate_position,
            "alternate_label": scale(deal.alternate_position),
            "why": deal.position_why,
            "move": deal.position_move,
            "plan": deal.position_plan,
            "confirmed_at": deal.position_confirmed_at,
            "stale": age is not None and age > settings.evidence_stale_days,
        },
        "fit": {**{q: deal.fit(q) for q in FIT_QUESTIONS}, "notes": deal.fit_notes},
        "influences": [asdict(i) for i in sheet.influences],
        "landmines": [asdict(m) for m in sheet.landmines],
        "bullets": [asdict(b) for b in sheet.bullets],
        "actions": [
            asdict(a)
            | {
                "overdue_days": (today - a.due).days
                if not a.done and a.due is not None and a.due < today
                else 0
            }
            for a in sheet.actions
        ],
        "signals": signals,
        "verdict": {
            "kind": v.kind,
            "label": kind_label(v.kind, settings),
            "score": v.score,
            "stage": v.stage,
            "counted": v.counted,
            "unknown": v.unknown,
            "reasons": v.reasons,
            "rules": v.rules,
            "drivers": v.drivers,
        },
        "found_landmines": [asdict(f) for f in got.found],
        "all_landmines": [asdict(f) for f in got.mines],
        "landmine_count": len(got.mines),
        "reviews": [asdict(r) for r in sheet.reviews],
        "last_review_comments": last.comments if last is not None else None,
        "completeness": {
            **asdict(got.completeness),
            "private": sorted(got.completeness.private),
        },
    }
    return dict(_plain(doc))
