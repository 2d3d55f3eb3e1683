"""The sheet's sections as Rich text and table rows, in the printed sheet's wording.

Pure functions of a `SheetView`: the screen puts what they return into Statics and
DataTables. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from followup_tui.core.base.kinds import FIT_QUESTIONS, SSO_INDICATORS
from followup_tui.core.base.wrap import wrap_lines
from followup_tui.core.sheet.position import STAGES, kind_label
from followup_tui.core.sheet.sheet_records import (
    SheetInfluence,
    position_word,
    rating_word,
    signal_specs,
    trap_specs,
)
from followup_tui.core.sheet.sheet_text import money
from followup_tui.widgets.sheet_view import (
    HIDDEN,
    SheetView,
    age_cell,
    answer_cell,
    fit_line,
    good_answer_cell,
    good_reply,
    ui_words,
)

Cells = Sequence[Text | str]
KIND_STYLES = {"first_choice": "bold green", "contender": "bold cyan", "stand_in": "bold yellow"}
SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "dim"}
SEVERITY_WIDTH = 8
# How the text columns of each table share the width left by the narrow ones (0: as
# wide as its longest cell). The screen cuts every cell to its column (sheet_columns).
WEIGHTS: dict[str, tuple[int, ...]] = {
    "#influences": (2, 0, 0, 0, 0, 0, 3, 3),  # name ... results, personal win
    "#landmines": (3, 1, 2),  # landmine, category, its bullet
    "#bullets": (3, 1, 1),  # bullet, category, person
    "#actions": (1, 4, 0, 2, 0),  # who, what, due, aimed at, state
    "#signals": (0, 1, 0, 0),  # stage, question, good answer, answer
}


def one_line(text: str) -> Text:
    """A text on one line (the screen cuts it to its column)."""
    return Text(" ".join(str(text).split()))


def head(view: SheetView, review_mark: str = "", width: int | None = None) -> Text:
    """Two lines: the SSO in brief, then verdict, completeness and the mode markers.

    Given `width`, each line stays on its line: the first cut with an ellipsis, the second
    cut before its markers (OUT OF CONTROL, PRESENTATION, REVIEW 2/9), which stay whole.
    """
    deal, w, s = view.sheet.deal, view.w, view.settings
    parts = (
        deal.account_name,
        money(deal.amount, s),
        str(deal.completion_date or "-"),
        view.label("deal_statuses", deal.status),
        view.label("funnel_levels", deal.funnel),
    )
    line1 = Text.assemble((deal.title, "bold"), *(f"  ·  {part}" for part in parts))
    if deal.outcome != "open":
        line1.append(f"  ·  {view.label('deal_outcomes', deal.outcome)}", style="bold")
    v = view.verdict
    found = len(view.shown_found())
    shown = (
        (HIDDEN, "dim")
        if view.verdict_hidden
        else (kind_label(v.kind, s), KIND_STYLES.get(v.kind, "bold red"))
    )
    line2 = Text.assemble(
        f"{w['verdict']}{w['colon']}",
        shown,
        f"  ·  {w['stage_in_use']}{w['colon']}{kind_label(view.stage, s)}",
        f"  ·  {w['completeness']}{w['colon']}",
        (f"{view.completeness.score}/100", "bold"),
        f"  ·  {w['found_count_one' if found == 1 else 'found_count'].format(n=found)}",
    )
    marks = Text()
    for on, mark, style in (
        (view.out_of_control, w["out_of_control_mark"], "bold white on red"),
        (view.presenting, w["presenting_mark"], "bold black on yellow"),
        (bool(review_mark), review_mark, "bold black on cyan"),
    ):
        if on:
            marks.append("  ")
            marks.append(mark, style=style)
    if width is not None:
        line1 = fit_line(line1, width)
        if line2.cell_len + marks.cell_len > width:
            line2 = fit_line(line2, max(1, width - marks.cell_len))
    line2.append_text(marks)
    return Text("\n").join([line1, line2])


def sso(view: SheetView) -> RenderableType:
    """The five indicators, their values and evidence; the out-of-control marker."""
    deal, w, s = view.sheet.deal, view.w, view.settings
    values = {
        "customer": deal.account_name,
        "product": deal.product or "-",
        "amount": money(deal.amount, s),
        "completion_date": str(deal.completion_date or "-"),
        "status": view.label("deal_statuses", deal.status),
    }
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    for column in (w["indicator"], w["value"], w["evidence"]):
        table.add_column(column)
    for key in SSO_INDICATORS:
        evidence = deal.evidence(key).strip()
        table.add_row(
            s.label("sso_indicators", key),
            values[key],
            Text(view.free_text(evidence))
            if evidence
            else Text(w["no_evidence"], style="bold red"),
        )
    parts: list[RenderableType] = [table, Text("")]
    if view.out_of_control:
        parts.append(Text(w["out_of_control"].replace("**", ""), style="bold red"))
    return Group(*parts)


def _scale(position: int | None, alternate: int | None) -> Text:
    """-5 ····●···○· +5: where we are (●) and where we plan to be (○)."""
    out = Text("-5 ", style="dim")
    for value in range(-5, 6):
        if value == position:
            out.append("●", style="bold")
        elif value == alternate:
            out.append("○", style="bold cyan")
        else:
            out.append("·", style="dim")
    out.append(" +5", style="dim")
    return out


def position(view: SheetView) -> Text:
    """Position, alternate position, the scale, when it was confirmed, the three questions."""
    deal, w, s = view.sheet.deal, view.w, view.settings
    out = Text()
    if view.presenting:  # where we think we stand is not for the customer's eyes
        for title in (
            w["position"],
            w["alternate"],
            *(s.label("position_questions", k) for k in ("why", "move", "plan")),
        ):
            out.append(f"{title}{w['colon']}", style="bold")
            out.append(f"{HIDDEN}\n", style="dim")
        out.append(w["hidden_note"], style="dim italic")
        return out
    out.append(f"{w['position']}{w['colon']}", style="bold")
    out.append(position_word(deal.position, s) if deal.position is not None else w["not_set"])
    if deal.position_confirmed_at is not None:
        days = (view.today - deal.position_confirmed_at.date()).days
        said = w["confirmed_on_one" if days == 1 else "confirmed_on"]
        out.append("   " + said.format(day=deal.position_confirmed_at.date(), days=days))
        # The line already says how old it is; the age mark adds only a stale warning.
        if days > s.evidence_stale_days:
            out.append_text(age_cell(deal.position_confirmed_at, view.today, s))
    out.append(f"\n{w['alternate']}{w['colon']}", style="bold")
    alternate = deal.alternate_position
    out.append(position_word(alternate, s) if alternate is not None else w["not_set"])
    out.append(f"\n{w['scale']}{w['colon']}")
    out.append_text(_scale(deal.position, alternate))
    for key in ("why", "move", "plan"):
        answer = str(getattr(deal, f"position_{key}")).strip()
        out.append(f"\n\n{s.label('position_questions', key)}\n", style="bold")
        out.append(answer or w["not_set"], style="" if answer else "dim italic")
    return out


INFLUENCE_COLUMNS = ("name", "role", "mode", "degree", "rating", "contacted", "results", "win")


def influence_row(view: SheetView, inf: SheetInfluence) -> Cells:
    """One person: name, role, mode and rating with their age, degree, contact, results, win."""
    s, today = view.settings, view.today
    name = one_line(inf.name)
    name.stylize("bold")
    mode = Text(view.label("response_modes", inf.mode) if inf.mode else "?")
    if view.presenting:
        mode = Text(HIDDEN, style="dim")
    elif inf.mode is None:
        mode.stylize("bold yellow")
    else:
        mode.append_text(age_cell(inf.mode_confirmed_at, today, s))
    if view.presenting:
        rating = Text(HIDDEN, style="dim")
    else:
        rating = Text(rating_word(inf.rating), style="bold yellow" if inf.rating is None else "")
        if inf.rating is not None:
            rating.append_text(age_cell(inf.rating_confirmed_at, today, s))
    contacted = contacted_cell(view, inf)
    win = Text(HIDDEN, style="dim") if view.presenting else one_line(inf.personal_win)
    return (
        name,
        view.role_word(inf),
        mode,
        view.label("influence_degrees", inf.degree),
        rating,
        contacted,
        one_line(view.free_text(inf.results)),
        win,
    )


def contacted_cell(view: SheetView, inf: SheetInfluence) -> Text:
    """'✓ 11-16' in green for a person contacted (the year when not this one), '✗ no' in red."""
    if not inf.contacted:
        return Text(f"✗ {view.w['no']}", style="bold red")
    day = inf.last_contacted_on
    if day is None:
        return Text(f"✓ {view.w['yes']}", style="bold green")
    shown = f"{day:%m-%d}" if day.year == view.today.year else day.isoformat()
    return Text(f"✓ {shown}", style="bold green")


def influence_detail(view: SheetView, inf: SheetInfluence | None) -> Text:
    """The evidence behind the person under the cursor, with when each value was confirmed."""
    if inf is None:
        return Text(view.w["none"], style="dim")
    w, s, today = view.w, view.settings, view.today
    out = Text.assemble((inf.name, "bold"), f" {inf.title}  ·  {view.role_word(inf)}")
    lines: list[tuple[str, str, Text]] = []
    if not view.presenting:  # the evidence of a role, mode or rating judges the person
        lines.append((w["role"], inf.role_evidence, Text("")))
        lines.append((w["mode"], inf.mode_evidence, age_cell(inf.mode_confirmed_at, today, s)))
        lines.append(
            (w["rating"], inf.rating_evidence, age_cell(inf.rating_confirmed_at, today, s))
        )
    lines.append((w["results"], view.free_text(inf.results), Text("")))
    if not view.presenting:
        lines.append((w["win"], inf.personal_win, Text("")))
    for title, text, age in lines:
        out.append(f"\n{title[:1].upper()}{title[1:]}{w['colon']}", style="bold")
        out.append(text.strip() or w["no_evidence"], style="" if text.strip() else "dim italic")
        if age:
            out.append(" ·", style="dim")
            out.append_text(age)
    return out


def landmine_rows(view: SheetView) -> list[tuple[int, Cells]]:
    """Each recorded landmine with the bullet that disarms it (or a red 'no bullet')."""
    w, sheet = view.w, view.sheet
    bullets = {b.id: view.mine_text(b) for b in sheet.bullets}
    rows: list[tuple[int, Cells]] = []
    for m in sheet.landmines:
        text = one_line(view.mine_text(m))
        if m.resolved:
            text.stylize("dim strike")
        bullet = bullets.get(m.bullet_id) if m.bullet_id is not None else None
        if bullet:
            answer = one_line(bullet)
        elif m.resolved:
            answer = Text(w["resolved"], style="dim")
        else:
            answer = Text(w["unanswered"], style="bold red")
        category = one_line(view.label("landmine_categories", m.category))
        rows.append((m.id, (text, category, answer)))
    return rows


def bullet_rows(view: SheetView) -> list[tuple[int, Cells]]:
    """Each bullet with its category and the person it is tied to."""
    rows: list[tuple[int, Cells]] = []
    for b in view.sheet.bullets:
        who = one_line(view.person(b.influence_id))
        category = one_line(view.label("bullet_categories", b.category))
        text = view.mine_text(b)
        rows.append((b.id, (one_line(text), category, who)))
    return rows


def mine_detail(view: SheetView, kind: str, item_id: int | None) -> Text:
    """The whole landmine or bullet under the cursor: text, category, person, link."""
    sheet, w = view.sheet, view.w
    if kind == "landmine":
        mine = next((m for m in sheet.landmines if m.id == item_id), None)
        if mine is None:
            return Text(w["none"], style="dim")
        out = Text.assemble((f"{w['landmine']}{w['colon']}", "bold"), view.mine_text(mine))
        out.append(f"  [{view.label('landmine_categories', mine.category)}]", style="dim")
        link = next(
            (view.mine_text(b) for b in sheet.bullets if b.id == mine.bullet_id),
            "",
        )
        out.append(f"\n{w['disarmed_by']}{w['colon']}", style="bold")
        out.append(link or w["unanswered"], style="" if link else "bold red")
        if mine.resolved:
            out.append(" " + w["aside"].format(text=w["resolved"]), style="dim")
        influence_id = mine.influence_id
    else:
        bullet = next((b for b in sheet.bullets if b.id == item_id), None)
        if bullet is None:
            return Text(w["none"], style="dim")
        out = Text.assemble((f"{w['bullet']}{w['colon']}", "bold"), view.mine_text(bullet))
        out.append(f"  [{view.label('bullet_categories', bullet.category)}]", style="dim")
        disarms = [view.mine_text(m) for m in sheet.landmines if m.bullet_id == bullet.id]
        out.append(f"\n{w['disarms']}{w['colon']}", style="bold")
        out.append("; ".join(disarms) or "-")
        influence_id = bullet.influence_id
    inf = sheet.influence(influence_id)
    if inf is not None:
        out.append(f"\n{w['name']}{w['colon']}", style="bold")
        if view.presenting:  # who it is tied to tells the room whom it is about
            out.append(view.person(influence_id))
        else:
            out.append(inf.name + w["aside"].format(text=view.role_word(inf)))
    return out


def _wrapped(text: str, width: int | None, indent: str, hang: str) -> list[str]:
    """`text` after `indent`, wrapped at `width` with each further line after `hang`
    (one line when no width is known)."""
    if width is None:
        return [indent + text]
    return wrap_lines(text, width, indent, hang) or [indent]


def fit(view: SheetView) -> RenderableType:
    """The three ideal-customer questions answered, and the notes (hidden while presenting)."""
    deal, w, s = view.sheet.deal, view.w, view.settings
    table = Table.grid(padding=(0, 2))
    for key in FIT_QUESTIONS:
        table.add_row(s.label("fit_questions", key), answer_cell(deal.fit(key), s))
    notes = Text(f"\n{w['notes']}{w['colon']}", style="bold")
    if view.presenting and deal.fit_notes:
        notes.append(w["hidden_note"], style="dim italic")
    else:
        notes.append(deal.fit_notes or "-", style="")
    return Group(table, notes)


def action_rows(view: SheetView) -> list[tuple[int, Cells]]:
    """Best actions: who, what, due (overdue ones in red), what they aim at, done."""
    w, today = view.w, view.today
    mines = {m.id: view.mine_text(m) for m in view.sheet.landmines}
    rows: list[tuple[int, Cells]] = []
    for a in view.sheet.actions:
        due = Text(str(a.due or "-"))
        if a.done:
            state = Text(f"{w['done']} {a.done_on or ''}".strip(), style="green")
        elif a.due is not None and a.due < today:
            due.stylize("bold red")
            state = Text(w["overdue"].replace("**", "").format(days=(today - a.due).days))
            state.stylize("bold white on red")
        else:
            state = Text(w["open"], style="dim")
        if a.landmine_id is not None:
            aim = Text.assemble(("⚑ ", "yellow"), one_line(mines.get(a.landmine_id, "")))
        else:
            aim = Text.assemble(("★ ", "green"), one_line(view.free_text(a.target)))
        what = one_line(view.free_text(a.what))
        if a.done:
            what.stylize("dim")
        rows.append((a.id, (view.who(a.who), what, due, aim, state)))
    return rows


def signal_rows(view: SheetView) -> list[tuple[str, Cells]]:
    """The twelve signals then the two traps: stage, question, its good answer, the answer.

    Answers read as the question does (yes / no), the good one marked; later stages dimmed.
    """
    w, s = view.w, view.settings
    answers = view.sheet.answers()
    now = STAGES.index(view.stage)
    rows: list[tuple[str, Cells]] = []
    for sid, stage, question in signal_specs(s):
        counted = STAGES.index(stage) <= now
        stage_cell = Text(kind_label(stage, s), style="" if counted else "dim")
        if not counted:
            stage_cell.append(w["aside"].format(text=w["not_yet"]), style="dim")
        q = one_line(question)
        q.stylize("" if counted else "dim")
        good = good_reply(s, sid)
        answer = answer_cell(answers.get(sid, "unknown"), s, good)
        rows.append((sid, (stage_cell, q, good_answer_cell(s, good), answer)))
    for tid, question in trap_specs(s):
        trap = Text(w["trap"], style="bold magenta")
        good = good_reply(s, tid)
        answer = answer_cell(answers.get(tid, "unknown"), s, good)
        rows.append((tid, (trap, one_line(question), good_answer_cell(s, good), answer)))
    return rows


def stand(view: SheetView) -> Text:
    """The verdict computed live, its score, the stage in use and why."""
    deal, w, s, v = view.sheet.deal, view.w, view.settings, view.verdict
    if view.verdict_hidden:
        return Text.assemble(
            (f"{w['verdict']}{w['colon']}", "bold"),
            (HIDDEN, "dim"),
            "\n",
            (ui_words(s)["verdict_hidden"].format(key=view.key("show_verdict")), "dim italic"),
        )
    out = Text.assemble(
        (f"{w['verdict']}{w['colon']}", "bold"),
        (kind_label(v.kind, s), KIND_STYLES.get(v.kind, "bold red")),
    )
    stage = kind_label(v.stage, s)
    stage = stage.lower() if s.language == "en" else stage
    out.append(
        "\n" + w["score"].format(score=v.score, stage=stage, unknown=v.unknown, counted=v.counted)
    )
    status = view.label("deal_statuses", deal.status)
    funnel = view.label("funnel_levels", deal.funnel)
    aside = w["aside"].format(text=f"{status} · {funnel}")
    out.append(f"\n{w['stage_in_use']}{w['colon']}{kind_label(view.stage, s)}{aside}", "dim")
    for reason in v.reasons:
        out.append(f"\n• {reason}")
    return out


def found(view: SheetView, width: int | None = None) -> Text:
    """The landmines the sheet finds with suggested actions; completeness, gaps, stale values.

    Given `width`, a long finding or suggestion wraps under its own start, not under the
    severity column.
    """
    w, s = view.w, view.settings
    shown = view.shown_found()
    out = Text(w["found"] + w["aside"].format(text=len(shown)) + "\n", style="bold underline")
    if not shown:
        out.append(w["none"] + "\n", style="dim")
    hang = " " * SEVERITY_WIDTH
    for item in shown:
        severity = Text(f" {s.label('influence_degrees', item.severity)}")
        severity.align("left", SEVERITY_WIDTH)  # pads by cell width: 高 takes two
        severity.stylize(SEVERITY_STYLES[item.severity])
        masked = view.presenting and view.finding_masked(item)
        style = "dim" if masked else ""
        lines = _wrapped(view.finding_text(item), width, hang, hang)
        out.append_text(severity)
        out.append(lines[0][len(hang) :] + "\n", style=style)  # the severity stands there
        for line in lines[1:]:
            out.append(line + "\n", style=style)
        if item.suggestion and not masked:  # a masked finding's suggestion names them too
            fix = f"→ {view.finding_text(item, suggestion=True)}"
            for line in _wrapped(fix, width, hang, hang + "  "):
                out.append(line + "\n", style="italic")
    comp = view.completeness
    out.append(f"\n{w['completeness']}{w['colon']}{comp.score}/100\n", style="bold underline")
    gaps = view.shown(comp.gaps)
    out.append(f"{w['gaps']}\n", style="bold")
    for gap in gaps or [w["none"]]:
        out.append(f"  ? {gap}\n", style="yellow" if gaps else "dim")
    stale = view.shown(comp.stale)
    if stale:
        out.append(f"{w['stale_values']}\n", style="bold")
        for line in stale:
            out.append(f"  ⚠ {line}\n", style="yellow")
    return out
