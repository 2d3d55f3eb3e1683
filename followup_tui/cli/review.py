"""`followup review`: the reviews (board, pipeline, health, year-end, heat, activity)
as text, Markdown, JSON (docs/review-json.md) or CSV. Never opens the app."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from followup_tui.cli import runtime
from followup_tui.cli.parser import DAY_FORMS, day_arg
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError

TABS = ("board", "pipeline", "health", "year-end", "heat", "activity", "team")
FORMATS = ("text", "md", "json", "csv")
# The period each tab looks at when none is given: the one holding the day.
DEFAULT_PERIOD = {
    "board": "month",
    "pipeline": "month",
    "health": "quarter",
    "year-end": "year",
    "heat": "month",
    "activity": "month",
    "team": "month",
}


def add_review_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `review` subcommand's options."""
    review = sub.add_parser(
        "review",
        parents=[common],
        help="print a review: the 5+5+5 board, pipeline, health, year-end, heat, activity",
        description="Print one review as text, Markdown (a meeting handout), JSON "
        "(docs/review-json.md) or CSV (its main table, safe to open in a spreadsheet). "
        "Board, pipeline and heat are as of the period's last day (or the day, when "
        "sooner); health covers the quarter and the three before it; year-end the year "
        "against the year before; activity the period.",
    )
    review.add_argument(
        "tab",
        nargs="?",
        default="pipeline",
        choices=TABS,
        metavar="TAB",
        help=f"{', '.join(TABS)} (default: pipeline)",
    )
    period = review.add_mutually_exclusive_group()
    period.add_argument("--month", metavar="YYYY-MM", help="a month (default for most tabs)")
    period.add_argument(
        "--quarter", metavar="YYYY-QN", help="a quarter (default for health: the day's)"
    )
    period.add_argument("--year", metavar="YYYY", help="a year (default for year-end: the day's)")
    review.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    review.add_argument(
        "--date",
        type=day_arg,
        default=None,
        metavar="DAY",
        help=f"the day to judge by (default: today): {DAY_FORMS}",
    )


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    """`followup review`: one tab of the reviews."""
    from followup_tui.core.review.periods import parse_period, period_of

    today = args.date or dt.date.today()
    given = [(k, getattr(args, k)) for k in ("month", "quarter", "year") if getattr(args, k)]
    period = parse_period(*given[0]) if given else period_of(DEFAULT_PERIOD[args.tab], today)
    if args.tab == "health" and period.kind != "quarter":
        period = period_of("quarter", min(today, period.end))
    if args.tab == "year-end" and period.kind != "year":
        raise FollowupError(settings.word("cli_review_year_end").format(kind=period.kind))
    if period.start > today:
        raise FollowupError(
            settings.word("cli_review_not_started").format(
                kind=period.kind, period=period.label, day=today.isoformat()
            )
        )
    runtime.open_db(runtime.db_path(args), create=False, settings=settings)
    if args.tab == "team":  # a manager's on a team's server (#19), as the screen's tab
        from followup_tui.db.review_team import is_manager

        if not is_manager():
            raise FollowupError(settings.word("cli_review_team_manager"))
    sys.stdout.write(render(args.tab, args.format, period, today, settings))
    return 0


def render(tab: str, fmt: str, period: Any, today: dt.date, settings: Settings) -> str:
    """The tab read from the open database and printed in `fmt`."""
    from followup_tui.core.review import board_tables as bt
    from followup_tui.core.review import review_json as rj
    from followup_tui.core.review import review_tables as rt
    from followup_tui.core.review import team_tables as tt
    from followup_tui.core.review.review_render import csv_report, markdown_report, text_report
    from followup_tui.db import review_reads as rr
    from followup_tui.db.action_plans import board_review
    from followup_tui.db.review_team import team_tab

    as_of = min(today, period.end)
    # Each tab: how it is read, its JSON, and its tables (made only for the format asked).
    tabs: dict[str, tuple[Callable[[], Any], Callable[[Any], Any], Callable[[Any], Any]]] = {
        "board": (
            lambda: board_review(period.start.year, as_of, settings),
            rj.board_json,
            lambda b: [bt.board_csv(b, settings)] if fmt == "csv" else bt.board_tables(b, settings),
        ),
        "pipeline": (
            lambda: rr.pipeline_review(as_of, settings, keep=False),
            rj.pipeline_json,
            lambda p: rt.pipeline_tables(p, settings),
        ),
        "health": (
            lambda: rr.health_review(period, as_of, settings),
            rj.health_json,
            lambda h: rt.health_tables(h, settings),
        ),
        "year-end": (
            lambda: rr.year_end_review(period.start.year, settings),
            rj.year_end_json,
            lambda y: rt.year_end_tables(y, settings),
        ),
        "heat": (
            lambda: rr.heat_tab(as_of, settings),
            rj.heat_json,
            lambda h: rt.heat_tables(h, settings),
        ),
        "activity": (
            lambda: rr.activity_tab(period, today),
            rj.activity_json,
            lambda a: rt.activity_tables(a, settings),
        ),
        "team": (
            lambda: team_tab(period, today, settings),
            tt.team_json,
            lambda t: tt.team_tables(t, settings),
        ),
    }
    read, to_json, to_tables = tabs[tab]
    review = read()
    if fmt == "json":
        doc = {
            "tab": tab,
            "period": {
                "kind": period.kind,
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "as_of": as_of.isoformat(),
            **to_json(review),
        }
        return json_text(doc)
    tables = to_tables(review)
    if fmt == "csv":
        return csv_report(tables[0])
    title = rt.heading(tab, period.label, as_of, settings)
    if fmt == "md":
        from followup_tui.core.review.review_charts import tab_charts

        return markdown_report(title, tables, tab_charts(tab, review, settings))
    return text_report(title, tables)


def json_text(doc: dict[str, Any]) -> str:
    """A review as JSON text: each top-level key on its line, each row of a list on its own.

    Readable in a pager, and the rows go through json's C encoder: indenting every
    level goes through its Python one, seconds for a large book's pipeline.
    """

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def field(key: str, value: Any) -> str:
        if isinstance(value, list) and value:
            rows = ",\n".join(f"    {one(v)}" for v in value)
            return f"  {one(key)}: [\n{rows}\n  ]"
        return f"  {one(key)}: {one(value)}"

    return "{\n" + ",\n".join(field(k, v) for k, v in doc.items()) + "\n}\n"
