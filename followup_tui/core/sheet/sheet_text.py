"""The whole blue sheet as Markdown (to print) and as JSON (for scripts): `followup sheet`.

Both carry what the rules compute on the day: the landmines the sheet finds by
itself, the verdict with its reasons, and completeness. The JSON document is
described in docs/sheet-json.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import FIT_QUESTIONS, SSO_INDICATORS
from followup_tui.core.sheet.completeness import Completeness, completeness
from followup_tui.core.sheet.landmines import FoundLandmine, find_landmines
from followup_tui.core.sheet.position import Verdict, kind_label, stage_of, verdict
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    days_old,
    position_word,
    rating_word,
    signal_specs,
    trap_specs,
)


class _Computed:
    """What the rules say about the sheet today, computed once for both outputs."""

    def __init__(self, sheet: BlueSheet, today: date, settings: Settings) -> None:
        self.sheet = sheet
        self.today = today
        self.settings = settings
        self.w = settings.words("bluesheet_")
        self.stage = stage_of(sheet.deal.status, sheet.deal.funnel)
        self.verdict: Verdict = verdict(sheet.answers(), self.stage, settings)
        self.found: list[FoundLandmine] = find_landmines(sheet, today, settings)
        self.completeness: Completeness = completeness(sheet, today, settings)

    def label(self, section: str, key: str | None) -> str:
        return self.settings.label(section, key)

    def who(self, influence_id: int | None) -> str:
        """' — Name' of the influence a landmine or bullet is tied to."""
        inf = self.sheet.influence(influence_id)
        return f" — {inf.name}" if inf is not None else ""


def _cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) or "-"


def _table(head: Iterable[str], rows: Iterable[Iterable[Any]], none: str) -> list[str]:
    """A Markdown table, or `none` when there are no rows."""
    head, rows = list(head), [list(r) for r in rows]
    if not rows:
        return [none, ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def money(amount: Decimal | None, settings: Settings) -> str:
    """An amount for people: '1,280,000 CNY'; '-' when unknown."""
    if amount is None:
        return "-"
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{text} {settings.currency}"


def _md_head(c: _Computed) -> list[str]:
    deal, w, v = c.sheet.deal, c.w, c.verdict
    return [
        f"# {deal.title}",
        "",
        f"**{deal.account_name}** · {money(deal.amount, c.settings)} · "
        f"{deal.completion_date or '-'} · {c.label('deal_statuses', deal.status)} · "
        f"{c.label('funnel_levels', deal.funnel)} · {c.label('deal_outcomes', deal.outcome)}",
        "",
        f"{w['verdict']}{w['colon']}**{kind_label(v.kind, c.settings)}** · "
        f"{w['completeness']}{w['colon']}**{c.completeness.score}/100** · "
        f"{w['found']}{w['colon']}**{len(c.found)}**",
        "",
    ]


def _md_sso(c: _Computed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    values = {
        "customer": deal.account_name,
        "product": deal.product,
        "amount": money(deal.amount, c.settings),
        "completion_date": deal.completion_date,
        "status": c.label("deal_statuses", deal.status),
    }
    rows = [(c.label("sso_indicators", k), values[k], deal.evidence(k)) for k in SSO_INDICATORS]
    out = [f"## {w['sso']}", "", *_table((w["indicator"], w["value"], w["evidence"]), rows, "")]
    if any(not deal.evidence(k).strip() for k in SSO_INDICATORS):
        out += [w["out_of_control"], ""]
    return out


def _md_position(c: _Computed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    when = ""
    if deal.position_confirmed_at is not None:
        when = " · " + w["confirmed"].format(day=deal.position_confirmed_at.date())
        age = days_old(deal.position_confirmed_at, c.today)
        if age is not None and age > c.settings.evidence_stale_days:
            when += f" (**{w['stale']}**)"
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


def _md_influences(c: _Computed) -> list[str]:
    w, people = c.w, c.sheet.influences
    rows = [
        (
            f"{i.name} ({i.title})" if i.title else i.name,
            c.label("roles", i.role),
            c.label("response_modes", i.mode) if i.mode else "?",
            c.label("influence_degrees", i.degree),
            rating_word(i.rating),
            f"{w['yes']} {i.last_contacted_on or ''}".strip() if i.contacted else w["no"],
        )
        for i in people
    ]
    head = (w["name"], w["role"], w["mode"], w["degree"], w["rating"], w["contacted"])
    out = [f"## {w['influences']}", "", *_table(head, rows, w["none"])]
    for i in people:
        parts = [
            (w["role"], i.role_evidence),
            (w["mode"], i.mode_evidence),
            (w["rating"], i.rating_evidence),
            (w["results"], i.results),
            (w["win"], i.personal_win),
        ]
        text = "; ".join(f"{name}: {value}" for name, value in parts if value)
        if text:
            out.append(f"- **{i.name}** — {text}")
    return [*out, ""] if people else out


def _md_mines(c: _Computed) -> list[str]:
    w, sheet = c.w, c.sheet
    bullets = {b.id: b for b in sheet.bullets}

    def bullet(b: Any) -> str:
        return f"{b.text} [{c.label('bullet_categories', b.category)}]{c.who(b.influence_id)}"

    rows = []
    for m in sheet.landmines:  # side by side: each landmine with the bullet that disarms it
        mark = f" ({w['resolved']})" if m.resolved else ""
        category = c.label("landmine_categories", m.category)
        b = bullets.get(m.bullet_id) if m.bullet_id is not None else None
        rows.append((f"{m.text} [{category}]{c.who(m.influence_id)}{mark}", bullet(b) if b else ""))
    linked = {m.bullet_id for m in sheet.landmines}
    rows += [("", bullet(b)) for b in sheet.bullets if b.id not in linked]
    out = [f"## {w['mines']}", "", *_table((w["landmine"], w["bullet"]), rows, w["none"])]
    found = [(c.label("influence_degrees", f.severity), f.text, f.suggestion) for f in c.found]
    head = (w["severity"], w["landmine"], w["suggestion"])
    return [*out, f"### {w['found']}", "", *_table(head, found, w["none"])]


def _md_fit(c: _Computed) -> list[str]:
    deal, w = c.sheet.deal, c.w
    rows = [(c.label("fit_questions", q), c.label("answers", deal.fit(q))) for q in FIT_QUESTIONS]
    out = [f"## {w['fit']}", "", *_table((w["question"], w["answer"]), rows, "")]
    return out + ([f"{w['notes']}{w['colon']}{deal.fit_notes}", ""] if deal.fit_notes else [])


def _md_actions(c: _Computed) -> list[str]:
    w, today = c.w, c.today
    mines = {m.id: m.text for m in c.sheet.landmines}
    rows = []
    for a in c.sheet.actions:
        state = w["done"] if a.done else ""
        if not a.done and a.due is not None and a.due < today:
            state = w["overdue"].format(days=(today - a.due).days)
        aim = mines.get(a.landmine_id, "") if a.landmine_id is not None else a.target
        rows.append((a.who, a.what, a.due, aim, state))
    head = (w["who"], w["what"], w["due"], w["aim"], "")
    return [f"## {w['actions']}", "", *_table(head, rows, w["none"])]


def _md_stand(c: _Computed) -> list[str]:
    w, v, settings = c.w, c.verdict, c.settings
    stage = kind_label(v.stage, settings)
    stage = stage.lower() if settings.language == "en" else stage  # "late stage" mid-sentence
    detail = w["score"].format(score=v.score, stage=stage, unknown=v.unknown, counted=v.counted)
    head = f"**{w['verdict']}{w['colon']}{kind_label(v.kind, settings)}**"
    out = [f"## {w['stand']}", "", head + w["aside"].format(text=detail)]
    out += ["", *[f"- {r}" for r in v.reasons], ""] if v.reasons else [""]
    answers = c.sheet.answers()
    rows = [
        (kind_label(st, settings), q, c.label("answers", answers.get(sid, "unknown")))
        for sid, st, q in signal_specs(settings)
    ]
    rows += [
        (w["trap"], q, c.label("answers", answers.get(tid, "unknown")))
        for tid, q in trap_specs(settings)
    ]
    columns = (w["stage"], w["question"], w["answer"])
    return [*out, f"### {w['signals']}", "", *_table(columns, rows, "")]


def _md_completeness(c: _Computed) -> list[str]:
    w, comp = c.w, c.completeness
    out = [f"## {w['completeness']}{w['colon']}{comp.score}/100", "", f"### {w['gaps']}", ""]
    out += [*([f"- {g}" for g in comp.gaps] or [w["none"]]), ""]
    if comp.stale:
        out += [f"### {w['stale_values']}", "", *[f"- {s}" for s in comp.stale], ""]
    return out


def sheet_markdown(sheet: BlueSheet, today: date, settings: Settings) -> str:
    """The whole sheet as Markdown that reads well printed, sections in the sheet's order."""
    c = _Computed(sheet, today, settings)
    parts = (_md_head, _md_sso, _md_position, _md_influences, _md_mines, _md_fit, _md_actions)
    lines = [line for part in (*parts, _md_stand, _md_completeness) for line in part(c)]
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
    got = _Computed(sheet, today, settings)
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
        s.update(answer=rec.answer if rec else "unknown", note=rec.note if rec else "")
    doc = {
        "date": today,
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
            "drivers": v.drivers,
        },
        "found_landmines": [asdict(f) for f in got.found],
        "completeness": asdict(got.completeness),
    }
    return dict(_plain(doc))
