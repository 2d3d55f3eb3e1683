"""The one-page overview that opens the printed sheet: what a manager reads first.

As-of date and rep, the verdict with the rule that decided it, completeness and
the landmine count, the SSO line, the position drawn on its scale with the
alternate position, the influence map, the top landmines each with its bullet or
"no bullet yet", and the next best actions.
"""

from __future__ import annotations

from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.sheet_print import Printed, money, table
from followup_tui.core.sheet.sheet_records import position_word, signed

SCALE = range(-5, 6)
CELL = 4  # characters per step of the drawn scale
TOP_MINES = 5
TOP_ACTIONS = 5


def scale_lines(now: int | None, alternate: int | None) -> list[str]:
    """The position scale drawn in text: the steps, then ▲ under now and △ under the alternate."""
    steps = "".join(signed(v).rjust(CELL) for v in SCALE)
    marks = ""
    for v in SCALE:
        mark = "▲" if v == now else "△" if v == alternate else ""
        marks += mark.rjust(CELL)
    return [steps, marks.rstrip()]


def _head(p: Printed) -> list[str]:
    deal, w = p.sheet.deal, p.w
    rep = p.settings.rep_name.strip() or "-"
    facts = [
        f"**{deal.account_name}**",
        money(deal.amount, p.settings),
        str(deal.completion_date or "-"),
        p.label("deal_statuses", deal.status),
        p.label("funnel_levels", deal.funnel),
        p.label("deal_outcomes", deal.outcome),
    ]
    out = [
        f"# {deal.title}",
        "",
        f"{p.colon(w['as_of'], p.today.isoformat())} · {p.colon(w['rep'], rep)}",
        "",
        " · ".join(facts),
        "",
    ]
    if p.present:
        out += [f"> {w['presenting_copy']}", ""]
    return out


def _summary(p: Printed) -> list[str]:
    w, v, deal = p.w, p.verdict, p.sheet.deal
    lines = [f"- **{p.colon(w['verdict'], p.verdict_word())}**"]
    if not p.present:  # the rules that decided it: the cut-off, then each cap
        lines += [f"  - {rule}" for rule in v.rules]
    lines += [
        f"- {p.colon(w['completeness'], f'{p.completeness.score}/100')} · "
        f"{p.colon(w['mines_count'], len(p.mines))}",
    ]
    missing = [p.label("sso_indicators", k) for k in SSO_INDICATORS if not deal.evidence(k).strip()]
    if missing:
        items = p.settings.words("landmine_")["list_join"].join(missing)
        lines.append(f"- **{w['sso_out'].format(items=items)}**")
    else:
        lines.append(f"- {w['sso_ok']}")
    return [*lines, ""]


def _position(p: Printed) -> list[str]:
    w, deal = p.w, p.sheet.deal
    out = [f"### {w['position']}", ""]
    if p.present:
        return [*out, p.w["hidden_note"], ""]
    out += ["```text", *scale_lines(deal.position, deal.alternate_position), "```", ""]
    now = position_word(deal.position, p.settings)
    alternate = position_word(deal.alternate_position, p.settings)
    low, high = (position_word(v, p.settings) for v in (SCALE[0], SCALE[-1]))
    out.append(
        f"▲ {p.colon(w['position'], now)} · △ {p.colon(w['alternate'], alternate)} · {low} … {high}"
    )
    return [*out, ""]


def _influences(p: Printed) -> list[str]:
    return [f"### {p.w['influence_map']}", "", *p.influence_table()]


def _mines(p: Printed) -> list[str]:
    w = p.w
    bullets = {b.id: b for b in p.sheet.bullets}
    rows = []
    for m in p.mines[:TOP_MINES]:
        b = bullets.get(m.bullet_id) if m.bullet_id is not None else None
        if b is not None:
            answer = p.tied(b.text, b.influence_id)
        else:
            step = p.fix(m)
            answer = w["bullet_none"] + (w["then"].format(step=step) if step else "")
        rows.append((p.label("influence_degrees", m.severity), p.finding(m), answer))
    head = (w["severity"], w["landmine"], w["bullet_or_step"])
    out = [f"### {w['top_mines']}", "", *table(head, rows, w["none"])]
    more = len(p.mines) - TOP_MINES
    if more > 0:
        out += [w["more_mines"].format(n=more), ""]
    return out


def _actions(p: Printed) -> list[str]:
    w, mines = p.w, {m.id: m for m in p.sheet.landmines}
    open_actions = [a for a in p.sheet.actions if not a.done][:TOP_ACTIONS]
    rows = []
    for a in open_actions:
        mine = mines.get(a.landmine_id) if a.landmine_id is not None else None
        aim = p.tied(mine.text, mine.influence_id) if mine is not None else a.target
        due: object = a.due
        if a.due is not None and a.due < p.today:
            due = f"{a.due} {w['overdue'].format(days=(p.today - a.due).days)}"
        rows.append((p.doer(a.who), p.free(a.what), due, p.free(aim)))
    head = (w["who"], w["what"], w["due"], w["aim"])
    return [f"### {w['next_actions']}", "", *table(head, rows, w["none"])]


def overview_markdown(p: Printed) -> list[str]:
    """The one-page overview, as Markdown lines."""
    return [
        *_head(p),
        f"## {p.w['overview']}",
        "",
        *_summary(p),
        *_position(p),
        *_influences(p),
        *_mines(p),
        *_actions(p),
    ]
