"""The sheet's review history: date, reviewer, score, verdict and the comments that stay.

Reviews are the sheet's `SheetReview` records, oldest first; comments are masked
while presenting, and so is each review's verdict until the presenter shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from followup_tui.core.sheet.position import kind_label
from followup_tui.core.sheet.sheet_records import SheetReview
from followup_tui.widgets.sheet_view import HIDDEN, SheetView, fit_line, ui_words


def _summary(view: SheetView, review: SheetReview) -> Text:
    """'2026-11-22 · Zhang Wei · 81/100 · Contender' for one review."""
    w, u = view.w, ui_words(view.settings)
    line = Text(str(review.reviewed_on), style="bold")
    reviewer = review.reviewer.strip()
    line.append(f"  ·  {reviewer or u['reviewer_unknown']}", style="" if reviewer else "dim")
    if review.score is not None:
        line.append(f"  ·  {w['completeness']}{w['colon']}{review.score}/100")
    if review.verdict:
        shown = HIDDEN if view.verdict_hidden else kind_label(review.verdict, view.settings)
        line.append(f"  ·  {w['verdict']}{w['colon']}{shown}")
    return line


def history(view: SheetView, reviews: Sequence[SheetReview]) -> Text:
    """Every review, newest first, each with its comments (hidden while presenting)."""
    u = ui_words(view.settings)
    out = Text(
        u["history"] + view.w["aside"].format(text=len(reviews)) + "\n", style="bold underline"
    )
    if not reviews:
        out.append(u["never_reviewed"].format(key=view.key("review")) + "\n", style="dim")
    for review in reversed(reviews):
        out.append_text(_summary(view, review))
        out.append("\n")
        comments = review.comments.strip()
        if not comments:
            out.append(f"  {u['no_comments']}\n", style="dim")
        elif view.presenting:
            out.append(f"  {u['comments_hidden']}\n", style="dim italic")
        else:
            for line in comments.splitlines():
                out.append(f"  » {line}\n", style="cyan")
    return out


def last_review_line(view: SheetView, reviews: Sequence[SheetReview], width: int) -> list[Text]:
    """The overview's line on the last review and its first comment."""
    u = ui_words(view.settings)
    if not reviews:
        never = u["never_reviewed"].format(key=view.key("review"))
        return [fit_line(Text(never, style="dim"), width)]
    last = reviews[-1]
    line = Text(u["last_review"] + view.w["colon"], style="bold")
    line.append_text(_summary(view, last))
    lines = [fit_line(line, width)]
    comments = [c for c in last.comments.splitlines() if c.strip()]
    if comments and not view.presenting:
        more = ""
        if len(comments) > 1:
            more = u["more_comments"].format(n=len(comments) - 1, key=view.key("section.found"))
        lines.append(fit_line(Text(f"  » {comments[0]}{more}", style="cyan"), width))
    return lines
