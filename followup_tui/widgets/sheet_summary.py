"""The one-page overview that opens a blue sheet: what a manager reads first.

The SSO line with its evidence, the position on a drawn scale with the alternate
position, the influence map, the top landmines with their bullets, the next best
actions, the verdict and completeness. The lines are built for a given width and
height, so columns grow with the terminal and a cut always ends in an ellipsis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.base.wrap import wrap_lines
from followup_tui.core.sheet.landmines import RECORDED
from followup_tui.core.sheet.position import kind_label
from followup_tui.core.sheet.sheet_records import SheetInfluence, position_word, signed
from followup_tui.widgets.sheet_history import last_review_line
from followup_tui.widgets.sheet_view import (
    HIDDEN,
    SheetView,
    fit_line,
    share,
    ui_words,
)

KIND_STYLES = {"first_choice": "bold green", "contender": "bold cyan", "stand_in": "bold yellow"}
SCALE_STEP = 4  # cells between two points of the position scale
BAR_HALF = 5  # cells on each side of a rating bar's zero
GAP = 3  # cells between the landmines and the best actions
RULES_SHOWN = 2  # the verdict's deciding rules the overview has room for (w shows them all)
MOST = {"name": 22, "role": 18, "mode": 16}  # influence map cells past which text is never cut


def _title(text: str, count: int | None = None, aside: str = " ({text})") -> Text:
    line = Text(text, style="bold underline")
    if count is not None:
        line.append(aside.format(text=count), style="bold")
    return line


def sso_line(view: SheetView, width: int) -> Text:
    """'SSO ✓ Customer ✓ Product ✗ Amount …  4/5 backed by evidence', red when out of control."""
    u, s = ui_words(view.settings), view.settings
    out = Text(f"{u['sso']}  ", style="bold")
    backed = 0
    for key in SSO_INDICATORS:
        has = bool(view.sheet.deal.evidence(key).strip())
        backed += has
        out.append("✓ " if has else "✗ ", style="bold green" if has else "bold red")
        out.append(s.label("sso_indicators", key) + "  ", style="" if has else "red")
    out.append(u["backed"].format(n=backed, of=len(SSO_INDICATORS)), style="bold")
    if view.out_of_control:
        out.append("  ")
        out.append(view.w["out_of_control_mark"], style="bold white on red")
    return fit_line(out, width)


def scale_lines(view: SheetView, width: int) -> list[Text]:
    """The position and alternate position in words, then the scale drawn with both on it."""
    deal, w, u, s = view.sheet.deal, view.w, ui_words(view.settings), view.settings
    if view.presenting:
        words = Text.assemble((f"{w['position']}{w['colon']}", "bold"), (HIDDEN, "dim"))
        return [fit_line(words, width)]
    now, alt = deal.position, deal.alternate_position
    words = Text.assemble(
        (f"{w['position']}{w['colon']}", "bold"),
        (position_word(now, s) if now is not None else w["not_set"], "bold"),
        "   ",
        (f"{w['alternate']}{w['colon']}", "bold"),
        (position_word(alt, s) if alt is not None else w["not_set"], "cyan"),
    )
    low, high = s.label("position_scale", "-5"), s.label("position_scale", "5")
    track = Text(f"{low} ", style="dim")
    numbers = Text(" " * (track.cell_len - 1))
    for value in range(-5, 6):
        if value == now:
            track.append("●", style="bold yellow" if value < 0 else "bold green")
        elif value == alt:
            track.append("○", style="bold cyan")
        else:
            track.append("┼" if -5 < value < 5 else "│", style="dim")
        if value < 5:
            track.append("─" * (SCALE_STEP - 1), style="dim")
        label = signed(value)
        numbers.append(label.rjust(2).ljust(SCALE_STEP), style="bold" if value == now else "dim")
    track.append(f" {high}", style="dim")
    legend = Text.assemble(("  ● ", "bold"), u["now"], ("  ○ ", "bold cyan"), u["planned"])
    numbers.append_text(legend)
    return [fit_line(words, width), fit_line(track, width), fit_line(numbers, width)]


def verdict_line(view: SheetView, width: int) -> list[Text]:
    """The verdict (hidden while presenting, unless shown) and completeness; the rules that
    decided it."""
    w, s, v = view.w, view.settings, view.verdict
    out = Text(f"{w['verdict']}{w['colon']}", style="bold")
    if view.verdict_hidden:
        out.append(HIDDEN, style="dim")
    else:
        out.append(kind_label(v.kind, s), style=KIND_STYLES.get(v.kind, "bold red"))
    out.append(f"  ·  {w['completeness']}{w['colon']}")
    out.append(f"{view.completeness.score}/100", style="bold")
    lines = [fit_line(out, width)]
    if not view.verdict_hidden:  # the rules that decided it: the cut-off, then each cap
        for rule in (v.rules or v.reasons)[:RULES_SHOWN]:
            lines.append(fit_line(Text(f"  {rule}", style="dim"), width))
    return lines


def rating_bar(rating: int | None, presenting: bool) -> Text:
    """A rating as a bar from the middle: red to the left for against, green right for us."""
    if presenting:
        return Text(HIDDEN.center(2 * BAR_HALF + 1) + "    ", style="dim")
    if rating is None:
        return Text("?".center(2 * BAR_HALF + 1) + "  ? ", style="bold yellow")
    left = "█" * max(0, -rating)
    right = "█" * max(0, rating)
    bar = Text(" " * (BAR_HALF - len(left)))
    bar.append(left, style="red")
    bar.append("│", style="dim")
    bar.append(right, style="green")
    bar.append(" " * (BAR_HALF - len(right)))
    style = "bold red" if rating < 0 else "bold green" if rating > 0 else "bold"
    bar.append(f" {signed(rating):>2} ", style=style)
    return bar


def influence_lines(view: SheetView, width: int) -> list[Text]:
    """One line per person: name, role, mode, rating bar, contacted or not; while
    presenting, the coaches are left out of the lines and the counts."""
    u = ui_words(view.settings)
    people = view.people
    contacted = sum(1 for i in people if i.contacted)
    head = _title(u["map"])
    head.append(" " + u["map_count"].format(n=len(people), contacted=contacted), style="dim")
    lines = [fit_line(head, width)]
    if not people:
        nobody = u["nobody"].format(
            section=view.key("section.influences"), add=view.key("add_influence")
        )
        lines.append(fit_line(Text(nobody, style="dim italic"), width))
        return lines
    bar_width = 2 * BAR_HALF + 1 + 4
    seen = max(cell_len(u["contacted"]) + 8, cell_len(u["not_contacted"]) + 2)
    s = view.settings
    fixed = {
        "bar": bar_width,
        "contacted": seen,
        "role": min(MOST["role"], max(cell_len(label) for _, label in s.choices("roles"))),
        "mode": min(MOST["mode"], max(cell_len(m) for _, m in s.choices("response_modes"))),
    }
    fixed["name"] = min(MOST["name"], max(cell_len(i.name) for i in people))
    # What they want from the deal takes the room left; on a narrow screen it gives way.
    cols = share(width - 2, fixed, {"results": 1}, gap=2)
    for inf in people:  # cut, never wrapped: a wrapped person reads as two
        lines.append(fit_line(_person(view, inf, cols), width))
    return lines


def _person(view: SheetView, inf: SheetInfluence, cols: dict[str, int]) -> Text:
    u = ui_words(view.settings)
    role = view.role_word(inf)
    if view.presenting or inf.mode is None:
        mode = Text(
            HIDDEN if view.presenting else "?", style="dim" if view.presenting else "yellow"
        )
    else:
        mode = Text(view.label("response_modes", inf.mode))
        if inf.mode in ("even_keel", "overconfident"):
            mode.stylize("yellow")
    if inf.contacted:
        seen = Text("✓ ", style="bold green")
        seen.append(u["contacted"])
        if inf.last_contacted_on is not None:
            seen.append(f" {inf.last_contacted_on:%m-%d}", style="dim")
    else:
        seen = Text("✗ " + u["not_contacted"], style="bold red")
    line = Text("  ")
    for cell, key in (
        (Text(inf.name, style="bold"), "name"),
        (Text(role), "role"),
        (mode, "mode"),
        (rating_bar(inf.rating, view.presenting), "bar"),
        (seen, "contacted"),
        (Text(" ".join(view.free_text(inf.results).split()), style="dim"), "results"),
    ):
        line.append_text(pad(cell, cols[key]))
        line.append("  ")
    line.rstrip()
    return line


def pad(cell: Text, width: int) -> Text:
    """A cell cut to `width` cells with an ellipsis, padded to exactly that width."""
    out = fit_line(cell, width)
    out.align("left", width)
    return out


def mine_lines(view: SheetView, width: int, room: int) -> list[Text]:
    """The top landmines of the sheet's one list, each with its bullet or 'no bullet yet'."""
    u, w = ui_words(view.settings), view.w
    bullets = {b.id: b for b in view.sheet.bullets}
    items = view.shown_found()
    lines = [_title(u["top_mines"], len(items), w["aside"])]
    shown = _pairs_in(len(items), room)
    for found in items[:shown]:
        recorded = found.rule == RECORDED
        style = "bold red" if found.severity == "high" else "yellow" if recorded else "dim"
        text = Text("⚑ " if recorded else "⚠ ", style=style)
        text.append(view.finding_text(found))
        bullet = bullets.get(found.bullet_id) if found.bullet_id is not None else None
        if bullet is not None:
            answer = Text("  ↳ ", style="green")
            answer.append(view.mine_text(bullet))
        else:
            answer = Text("  ↳ " + u["no_bullet"], style="bold red" if recorded else "red")
        lines.append(fit_line(text, width))
        lines.append(fit_line(answer, width))
    more_key = view.key("section.found")
    return _ending(lines, len(items) - shown, more_key, (w["none"], "dim"), u, width)


def action_lines(view: SheetView, width: int, room: int) -> list[Text]:
    """The open best actions, soonest first: due, who, what, what it aims at."""
    u, w = ui_words(view.settings), view.w
    mines = {m.id: m for m in view.sheet.landmines}
    open_ = [a for a in view.sheet.actions if not a.done]
    open_.sort(key=lambda a: (a.due is None, a.due or view.today))
    lines = [_title(u["next_actions"], len(open_), w["aside"])]
    shown = _pairs_in(len(open_), room)
    for act in open_[:shown]:
        late = act.due is not None and act.due < view.today
        line = Text(f"{act.due or '-'}  ", style="bold red" if late else "bold")
        who, what = view.who(act.who), " ".join(view.free_text(act.what).split())
        if who != act.who and act.who:  # masked: the line reads without who does it
            line.append(what, style="dim")
        else:
            line.append(f"{who}{w['colon']}", style="bold")
            line.append(what)
        lines.append(fit_line(line, width))
        mine = mines.get(act.landmine_id) if act.landmine_id is not None else None
        if mine is not None:
            aim = Text("  ⚑ ", style="yellow")
            aim.append(view.mine_text(mine), style="dim")
        else:
            aim = Text("  ★ ", style="green")
            aim.append(view.free_text(act.target) or "-", style="dim")
        lines.append(fit_line(aim, width))
    none = u["no_actions"].format(section=view.key("section.actions"), add=view.key("add_action"))
    more_key = view.key("section.actions")
    return _ending(lines, len(open_) - shown, more_key, (none, "bold yellow"), u, width)


def _pairs_in(count: int, room: int) -> int:
    """How many two-line items fit in `room` lines under a title (a '… and N more' line too)."""
    return count if count * 2 + 1 <= room else max(1, (room - 2) // 2)


def _ending(
    lines: list[Text],
    hidden: int,
    key: str,
    empty: tuple[str, str],
    u: Mapping[str, str],
    width: int,
) -> list[Text]:
    """A list's lines closed by '… and N more (key)' when some did not fit, or `empty`
    (text, style) wrapped to the column: on one line it ran into the next column's start."""
    if hidden > 0:
        lines.append(fit_line(Text(u["more"].format(n=hidden, key=key), style="dim"), width))
    if len(lines) == 1:
        text, style = empty
        lines += [Text(line, style=style) for line in wrap_lines(text, max(1, width))]
    return lines


def side_by_side(left: Sequence[Text], right: Sequence[Text], width: int) -> list[Text]:
    """Two columns of lines, the left padded to `width` cells."""
    out: list[Text] = []
    for i in range(max(len(left), len(right))):
        line = left[i].copy() if i < len(left) else Text()
        line.align("left", width)
        line.append(" " * GAP)
        if i < len(right):
            line.append_text(right[i])
        out.append(line)
    return out


def overview(view: SheetView, width: int, height: int) -> Text:
    """The whole overview in `width` cells, its lists shortened to fit `height` lines."""
    width = max(width, 40)
    top = [
        sso_line(view, width),
        *scale_lines(view, width),
        *verdict_line(view, width),
        *last_review_line(view, view.reviews, width),
    ]
    people = influence_lines(view, width)
    room = max(5, height - len(top) - len(people) - 2)
    half = (width - GAP) // 2
    lists = side_by_side(
        mine_lines(view, half, room), action_lines(view, width - half - GAP, room), half
    )
    return Text("\n").join([*top, Text(), *people, Text(), *lists])


class SheetOverview(Widget, can_focus=True):
    """Draws the overview of the sheet it was last given, at its own size."""

    DEFAULT_CSS = """
    SheetOverview { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: SheetView | None = None

    def show(self, view: SheetView) -> None:
        """Draw this sheet's overview."""
        self.view = view
        self.refresh()

    def render(self) -> Text:
        """The overview for the space the widget has now."""
        if self.view is None:
            return Text()
        return overview(self.view, self.content_size.width, self.content_size.height)
