"""Review mode: the walk through the sheet a manager and a rep take together.

It opens with what changed since the last review, goes section by section showing
each gap as the question a manager would ask, collects a comment per section and
ends with the completeness score. Only finishing writes anything (the review).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from followup_tui.core.sheet.review_diff import ReviewChange
from followup_tui.widgets.sheet_view import SheetView, ui_words

CHANGES, SCORE = "changes", "score"
# The sections walked, in the sheet's order; "found" is shown with the score at the end.
WALKED = ("sso", "position", "influences", "mines", "fit", "actions", "signals")


@dataclass
class ReviewWalk:
    """Where a review is, what changed since the last one, and the comments so far."""

    previous: Mapping[str, Any] | None  # last_review(), None for a first review
    changes: list[ReviewChange]
    step: int = 0
    comments: dict[str, str] = field(default_factory=dict)
    reviewer: str = ""  # who leads it (the last review's reviewer until changed)

    @property
    def asks_reviewer(self) -> bool:
        """Whether this step shows the reviewer line: the first, where a review starts by
        naming who leads it, and the last, where it is recorded under that name."""
        return self.step == 0 or self.last

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step: the changes, the walked sections, the score."""
        return (CHANGES, *WALKED, SCORE)

    @property
    def current(self) -> str:
        """The step shown now."""
        return self.steps[self.step]

    @property
    def last(self) -> bool:
        """Whether the score (the final step) is shown."""
        return self.step == len(self.steps) - 1

    def move(self, delta: int) -> None:
        """Go forward or back, staying within the walk."""
        self.step = max(0, min(len(self.steps) - 1, self.step + delta))

    def comment_text(self, titles: Mapping[str, str]) -> str:
        """The comments as 'Section: text' lines, in walk order (every step takes one)."""
        return "\n".join(
            f"{titles.get(step, step)}: {self.comments[step].strip()}"
            for step in self.steps
            if self.comments.get(step, "").strip()
        )


def step_titles(titles: Mapping[str, str], review_words: Mapping[str, str]) -> dict[str, str]:
    """The title of every step: the sections', and the review's own for its first and last."""
    return {**titles, CHANGES: review_words[CHANGES], SCORE: review_words[SCORE]}


def _last_comments(previous: Mapping[str, Any], view: SheetView) -> Text:
    """What the last review said, so the next one starts from it (masked while presenting)."""
    u = ui_words(view.settings)
    comments = str(previous.get("comments") or "").strip()
    out = Text(u["last_comments"].format(day=previous.get("reviewed_on")) + "\n", style="bold")
    if view.presenting and comments:
        out.append(f"  {u['comments_hidden']}\n", style="dim italic")
    elif comments:
        for line in comments.splitlines():
            out.append(f"  » {line}\n", style="cyan")
    else:
        out.append(f"  {u['no_comments']}\n", style="dim")
    return out


def step_gaps(step: str, view: SheetView) -> list[str]:
    """The questions a manager would ask about one section of the sheet."""
    if step == "mines":
        question = view.settings.word("review_mine_question")
        return [
            question.format(text=view.mine_text(m))
            for m in view.sheet.landmines
            if not m.resolved and m.bullet_id is None
        ]
    return view.shown(view.completeness.sections.get(step, []))


def review_body(walk: ReviewWalk, view: SheetView, titles: Mapping[str, str]) -> Text:
    """What the review panel says at the current step."""
    w = view.w
    rw = view.settings.words("review_")
    step = walk.current
    title = rw[step] if step in (CHANGES, SCORE) else titles.get(step, step)
    out = Text.assemble((f"{walk.step + 1}/{len(walk.steps)}  ", "dim"), (title, "bold"), "\n")
    if step == CHANGES:
        if walk.previous is None:
            out.append(w["first_review"], style="italic")
        else:
            out.append(w["since"].format(day=walk.previous.get("reviewed_on")) + "\n", "bold")
            lines = view.changes(walk.changes)
            for line in lines:
                out.append(f"  • {line}\n")
            if not lines:
                out.append(w["nothing_changed"] + "\n", style="dim")
            out.append_text(_last_comments(walk.previous, view))
    elif step == SCORE:
        out.append(f"{view.completeness.score}/100", style="bold")
        found = len(view.shown_found())
        out.append("  ·  " + rw["found_one" if found == 1 else "found"].format(n=found) + "\n")
        noted = walk.comment_text(step_titles(titles, rw))
        if noted:
            out.append(f"{rw['comments']}\n", style="bold")
            if view.presenting:
                out.append(ui_words(view.settings)["comments_hidden"] + "\n", style="dim italic")
            else:
                out.append(noted + "\n")
    else:
        gaps = step_gaps(step, view)
        for gap in gaps:
            out.append("  ? ", style="bold yellow")
            out.append(f"{gap}\n", style="yellow")
        if not gaps:
            out.append(w["no_gaps"], style="green")
    out.rstrip()
    keys = {
        "next": view.key("review_next"),
        "prev": view.key("review_prev"),
        "comment": view.key("review_comment"),
        "back": view.key("back"),
    }
    hint = rw["finish"] if walk.last else rw["start"] if walk.step == 0 else rw["walk"]
    out.append("\n" + hint.format(**keys), style="dim")
    return out
