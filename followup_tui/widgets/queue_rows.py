"""How the due queue and the plans are drawn: columns, section headings and rows.

Every word comes from the vocabulary, in the configured language.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text

from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ContactRec
from followup_tui.core.queue.queue_items import DueQueue, QueueItem
from followup_tui.core.queue.queue_lines import Line
from followup_tui.core.queue.queue_words import say
from followup_tui.core.queue.row_words import badges, section_counts, short_reason
from followup_tui.widgets.cells import class_cell, heat_cell, truncate_cell
from followup_tui.widgets.virtual_table import Column, Fitted, Row

if TYPE_CHECKING:  # the plans' records; the plans themselves are read when shown
    from followup_tui.core.queue.planning import Plan, PlanBucket, PlanEntry

TREND = {"rising": "↑", "falling": "↓", "steady": "→"}
ACCOUNT_WIDTH = 24  # the queue's account column, in cells
MOON = " ☾"  # after a name: outside the contact's calling hours
# The Why column says the full reasons from this many cells on (cut if need be);
# narrower, it says the short reason, which a rep takes in at a glance.
FULL_REASONS = 40
WHY_LEAST = 20  # the Why column's fewest cells: a short reason and a badge
WHY_SHORT = 26  # all a short reason and two badges take: more goes to the purpose


def queue_columns(settings: Settings) -> list[Column]:
    """The queue's columns; the contact and the last contact go first on a narrow terminal.

    The Why column stays at every width, short when narrow; the reasons take
    more of a wide terminal than the purpose, as they run longer.
    """
    word = settings.word
    return [
        Column("account", word("account"), ACCOUNT_WIDTH),
        Column("contact", word("contact"), 12, drop_rank=2),
        Column("class", word("class"), 5),
        Column("heat", word("heat"), 10),
        Column("purpose", word("purpose"), 0, grow=2),
        Column("last", word("last_contact"), 18, drop_rank=1),
        Column("why", word("why"), 0, grow=3, least=WHY_LEAST),
    ]


class WhyCell(Fitted):
    """A row's reasons: all of them where the column is wide, the short one where it is
    narrow; the badges of its other sections always at the end."""

    def __init__(self, full: str, short: str, badges: tuple[str, ...]) -> None:
        self.full, self.short, self.badges = full, short, badges

    def at(self, width: int) -> Text:
        """The reasons cut to leave the badges room, or the short reason and the badges."""
        tail = Text()
        for badge in self.badges:
            tail.append(" ")
            tail.append(f" {badge} ", style="reverse")
        room = width - tail.cell_len
        text = Text(self.full)
        if text.cell_len > room:
            if room >= FULL_REASONS:
                truncate_cell(text, room)
            else:
                # Short; where even that misses, the table cuts the badges after it.
                text = Text(self.short)
        return text + tail


def fit_why(columns: list[Column], widths: list[int]) -> list[int]:
    """The widths with a Why column too narrow for full reasons kept to what short ones
    take, the purpose getting the rest: a terminal of 130 columns reads both."""
    keys = [c.key for c in columns]
    if "why" not in keys or "purpose" not in keys:
        return widths  # a plan: no reasons
    why, purpose = keys.index("why"), keys.index("purpose")
    if WHY_SHORT < widths[why] < FULL_REASONS:
        widths = list(widths)
        widths[purpose] += widths[why] - WHY_SHORT
        widths[why] = WHY_SHORT
    return widths


def plan_columns(settings: Settings) -> list[Column]:
    """The columns of the week, month and quarter plans."""
    word = settings.word
    return [
        Column("account", word("account"), 24),
        Column("due", word("due"), 11),
        Column("kind", word("kind"), 12, drop_rank=1),
        Column("what", word("purpose"), 0),
    ]


def bucket_label(bucket: PlanBucket, settings: Settings) -> str:
    """A day ('Mon 2026-11-23') or a week ('W48 2026-11-23..2026-11-29') in the set language."""
    start, end = bucket.start, bucket.end
    if start == end:
        weekday = settings.word("weekdays").split()[start.weekday()]
        template = settings.word("plan_day")
    else:
        weekday, template = "", settings.word("plan_week")
    return template.format(
        label=bucket.label,
        weekday=weekday,
        day=start.isoformat(),
        week=start.isocalendar()[1],
        start=start.isoformat(),
        end=end.isoformat(),
    )


def plan_lines(result: Plan, settings: Settings) -> list[Line]:
    """The overdue steps, then each day or week of the plan, as headings and rows."""
    heading = settings.word("queue_heading")  # "{title} ({n})", full-width in Chinese
    lines: list[Line] = []
    if result.overdue:
        # Counted in accounts, as the queue counts its Overdue section: one per account.
        title = settings.word("plan_overdue")
        lines.append(("header", heading.format(title=title, n=result.overdue_accounts)))
        lines.extend(("plan", e) for e in result.overdue)
    for bucket in result.buckets:
        title = bucket_label(bucket, settings)
        lines.append(("header", heading.format(title=title, n=len(bucket.entries))))
        lines.extend(("plan", e) for e in bucket.entries)
    return lines


def counts_text(queue: DueQueue, view: str, settings: Settings, width: int | None = None) -> str:
    """The line above the table: each section's count, or which plan is shown; the counts
    in shorter words when `width` cells cannot hold the titles (see `section_counts`)."""
    if view != "queue":
        return settings.word("plan_status").format(view=settings.word(f"horizon_{view}"))
    return section_counts(queue.sections, settings.language, width)


def empty_text(view: str, settings: Settings, accounts: int, cooling: int, db: object) -> str:
    """What an empty view says: where accounts are added, or what else there is to see."""
    if not accounts:
        return settings.word("queue_no_accounts").format(db=db)
    if view != "queue":
        return settings.word("nothing_planned").format(view=settings.word(f"horizon_{view}"))
    return settings.word("queue_empty").format(n=cooling)


def outside_hours_note(item: QueueItem, contact: ContactRec | None, settings: Settings) -> str:
    """What the row's ☾ means, with the contact's window when known; '' for callable rows."""
    if item.callable_now is not False:
        return ""
    if contact is None or not (contact.call_window_start and contact.call_window_end):
        return settings.word("outside_hours_why")
    return settings.word("outside_hours_window").format(
        start=contact.call_window_start, end=contact.call_window_end, zone=contact.time_zone
    )


def why_text(item: QueueItem, settings: Settings) -> Text:
    """Why the row is here, every reason in full: the detail's first lines, its own."""
    return Text(settings.word("list_sep").join(item.reasons))


def priority_text(item: QueueItem, settings: Settings) -> Text:
    """The row's account and how its priority was reached (the detail's status line)."""
    word = settings.word
    text = Text(item.account_name, style="bold")
    text.append(word("priority_line").format(priority=f"{item.priority:.0f}"), style="dim")
    text.append(word("priority_sep").join(item.priority_explained), style="dim")
    return text


def render_loaded(n: int, line: Line, settings: Settings, today: date) -> Row:
    """The cells of one loaded line (its item made); a heading is one cell across the row.

    `today`: the queue's day, from which a short reason counts days late.
    """
    kind, payload = line
    word = settings.word
    if kind == "header":
        return (n, (Text(str(payload), style="bold underline"),))
    if kind == "plan":
        entry = cast("PlanEntry", payload)
        text = entry.text
        if entry.who:  # "教练：确认…" in Chinese, as the queue's reasons say it
            text = say(settings.language, "who_what", who=entry.who, what=entry.what)
        return (n, (entry.account_name, entry.due.isoformat(), word(f"kind_{entry.kind}"), text))
    item = cast(QueueItem, payload)
    heat = heat_cell(item.heat)
    heat.append(TREND.get(item.heat_trend, " "))
    name = Text(item.account_name)
    if item.callable_now is False:
        # Cut the name, not the mark: a long name would push the ☾ out of the cell.
        truncate_cell(name, ACCOUNT_WIDTH - cell_len(MOON))
        name.append(MOON, style="dim")
    purpose = ""
    if item.follow_up is not None:
        purpose = item.follow_up.purpose
    elif item.best_action is not None:
        action = item.best_action
        purpose = (
            word("who_says").format(who=action.who) + action.what if action.who else action.what
        )
    last = Text("-" if item.stale else word("never"), style="dim")
    if item.last_contact is not None:
        lc = item.last_contact
        outcome = settings.label("outcomes", lc.outcome) if lc.outcome else "-"
        ago = "ago_row_today" if lc.days_ago == 0 else "ago_row"
        last = Text(word(ago).format(n=lc.days_ago, outcome=outcome))
    return (
        n,
        (
            name,
            item.contact_name or "-",
            class_cell(item.quadrant),
            heat,
            purpose,
            last,
            WhyCell(
                word("list_sep").join(item.reasons),
                short_reason(item, today, settings.language),
                badges(item, settings.language),
            ),
        ),
    )
