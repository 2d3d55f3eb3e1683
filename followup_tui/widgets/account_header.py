"""The account page's header: class and tactic, heat and trend, type and tier, the next step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.widgets import Static

from followup_tui.core.accounts.account_view import one_line
from followup_tui.core.base.config import Settings
from followup_tui.widgets.cells import class_cell, due_cell, heat_cell, truncate_cell

STOP_REASON_WIDTH = 40  # cells of the header's reason a dormant account stopped; Profile has all


class AccountHeader(Static):
    """Four lines on the account's state; the screen hands it the facts."""

    def show(
        self,
        account: dict[str, Any],
        heat: float,
        direction: str,
        next_step: dict[str, Any] | None,
        today: dt.date,
        settings: Settings,
        *,
        usual_months: str = "",
    ) -> None:
        """Draw the header for `account` with its heat, trend and next follow-up.

        `usual_months`: the months it usually buys in, said ('' when it has no pattern).
        """
        w = settings.word
        line1 = Text.assemble(
            (account["name"], "bold"), w("page_class"), class_cell(account["quadrant"])
        )
        code = account["quadrant"]
        if code:
            rule = settings.classes[code]
            line1.append(w("signs_within").format(horizon=rule.horizon), style="dim")
            tactic = Text(w("tactic").format(tactic=rule.tactic), style="italic")
        else:
            tactic = Text(w("not_judged"), style="italic dim")
        line2 = Text.assemble(
            w("page_heat"),
            heat_cell(heat),
            f" {w(f'trend_{direction}')}",
            "   ",
            settings.label("relationship_types", account["relationship"]),
        )
        if account["relationship"] == "dormant":
            line2.append(w("rejections").format(n=account["rejection_count"]))
            if one_line(account["stop_reason"]):
                why = Text(one_line(account["stop_reason"]))
                truncate_cell(why, STOP_REASON_WIDTH)  # the Profile tab has it in full
                line2.append(w("page_stopped").format(why=why.plain), style="italic")
        tier = settings.label("tiers", account["tier"]) if account["tier"] else "-"
        line2.append(w("page_tier") + tier)
        if usual_months:
            line2.append(f"   {usual_months}")
        line3 = Text(w("page_next"))
        if next_step is None:
            line3.append(w("no_next_step"), style="bold red")
        else:
            line3.append_text(due_cell(next_step["due"], today))
            line3.append(f"  {next_step['purpose']}")
        if account["archived"]:
            line3.append(w("page_archived"), style="bold reverse")
        self.update(Text("\n").join([line1, tactic, line2, line3]))
