"""The account page's text tabs: the profile by group, and how the heat was reached."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from followup_tui.core.accounts.account_rules import channels_error, target_market_potential
from followup_tui.core.accounts.account_view import as_text, profile_value
from followup_tui.core.accounts.profile_fields import PROFILE_GROUPS
from followup_tui.core.base.config import Settings


class TextPane(TabPane):
    """A tab of scrolling text: the scroll takes the focus, the Static holds the words."""

    def __init__(self, title: str, scroll_id: str, text_id: str, *, id: str) -> None:
        super().__init__(title, id=id)
        self.scroll_id = scroll_id
        self.text_id = text_id

    def compose(self) -> ComposeResult:
        """The scroll and its text."""
        with VerticalScroll(id=self.scroll_id):
            yield Static(id=self.text_id)

    def show_text(self, text: Text | str) -> None:
        """Replace the tab's text."""
        self.query_one(f"#{self.text_id}", Static).update(text)


class HeatPane(TextPane):
    """Why the account has its heat, step by step."""

    def __init__(self, settings: Settings, *, id: str) -> None:
        super().__init__(settings.word("tab_heat"), "heat-scroll", "heat-why", id=id)


class ProfilePane(TextPane):
    """The account's profile, group by group, with the target market potential."""

    def __init__(self, settings: Settings, *, id: str) -> None:
        super().__init__(settings.word("tab_profile"), "profile-scroll", "profile", id=id)
        self.settings = settings

    def show(self, account: dict[str, Any]) -> None:
        """Draw the profile of `account`."""
        w = self.settings.word
        out = Text()
        dormant = account["relationship"] == "dormant"
        if dormant or account.get("stop_reason") or account.get("start_reason"):
            # Why they stopped buying comes first: it is what the next call has to answer.
            # Won back, the account keeps it as history, said as such.
            group = "group_dormant" if dormant else "group_was_dormant"
            out.append(f"{w(group)}\n", style="bold underline")
            for name in ("rejection_count", "start_reason", "stop_reason"):
                out.append(f"  {w(f'field_{name}')}{w('field_sep')}", style="dim")
                out.append(f"{as_text(account.get(name)) or '-'}\n")
            out.append("\n")
        for group, fields in PROFILE_GROUPS:
            out.append(f"{w(f'group_{group}')}\n", style="bold underline")
            for name in fields:
                out.append(f"  {w(f'field_{name}')}{w('field_sep')}", style="dim")
                out.append(f"{profile_value(account.get(name))}\n")
            if group == "market":
                self._potential(out, account)
            out.append("\n")
        if account.get("notes"):
            out.append(f"{w('notes')}\n", style="bold underline")
            out.append(account["notes"])
        self.show_text(out)

    def _potential(self, out: Text, account: dict[str, Any]) -> None:
        """The target market potential line, when the total market is known."""
        total, not_in = account.get("total_market"), account.get("channels_not_in")
        if total is None:
            return
        potential = target_market_potential(total, not_in)
        out.append(self.settings.word("market_potential"), style="dim")
        if potential is None:  # channels beyond the market: an import can bring it
            problem = channels_error(total, not_in, self.settings.language)
            out.append(f"{problem}\n", style="bold red")
        else:
            out.append(f"{potential:,.0f}\n", style="bold")
