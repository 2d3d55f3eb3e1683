"""What the sheet screen shows, computed once per redraw, and the words and cells it uses.

The rules (landmines, verdict, completeness) run here on every redraw: the screen
never keeps a stale copy of what they said. Presentation mode hides ratings, their
evidence and personal notes; `presentable` also drops the computed lines that would
give a rating away (a gap, a stale value, a review change, a hostile person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.text import Text

from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import SSO_INDICATORS
from followup_tui.core.sheet.completeness import WORDS as COMPLETENESS_WORDS
from followup_tui.core.sheet.completeness import Completeness, completeness
from followup_tui.core.sheet.landmines import FoundLandmine, find_landmines
from followup_tui.core.sheet.position import Verdict, stage_of, verdict
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetInfluence, days_old, rating_word
from followup_tui.core.sheet.sheet_words import WORDS as SHEET_WORDS
from followup_tui.widgets.cells import truncate_cell

HIDDEN = "••"
RATING_RULES = ("hostile_influence",)  # computed landmines whose text shows a rating

# Screen words that the printed sheet (sheet_words.WORDS) does not have.
SCREEN_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "tab_sso": "SSO",
        "tab_position": "Position",
        "tab_influences": "Influences",
        "tab_mines": "Landmines & bullets",
        "tab_fit": "Fit",
        "tab_actions": "Best actions",
        "tab_stand": "Where we stand",
        "tab_found": "Found",
        "out_of_control_mark": " OUT OF CONTROL ",
        "presenting_mark": " PRESENTATION ",
        "review_mark": " REVIEW {step}/{steps} ",
        "stale_mark": "stale {days}d",
        "age": "{days}d",
        "no_evidence": "no evidence",
        "not_set": "not set",
        "confirmed_on": "confirmed {day}, {days} days ago",
        "confirmed_on_one": "confirmed {day}, 1 day ago",
        "stage_in_use": "Stage in use",
        "not_yet": "not yet",
        "found_count": "{n} landmines found",
        "found_count_one": "1 landmine found",
        "disarmed_by": "Disarmed by",
        "disarms": "Disarms",
        "unanswered": "no bullet",
        "first_review": "First review of this deal: nothing to compare with yet.",
        "since": "What changed since the review of {day}",
        "nothing_changed": "Nothing changed since then.",
        "no_gaps": "No gaps in this section.",
        "comment": "Comment on this section (c), enter to keep it",
        "open": "open",
        "hidden_note": "hidden while presenting",
        "scale": "Scale",
        "category": "Category",
        "none": "None.",
        "review_left": "Review left: nothing recorded",
        "review_recorded": "Review recorded: {score}/100",
        "presenting_on": "Presentation mode: ratings hidden",
        "presenting_off": "Ratings shown",
        "nobody_yet": "Nobody on the sheet yet: a adds a person",
        "no_landmine_yet": "No landmine yet: a adds one",
        "no_bullet_yet": "No bullet yet: tab to the bullets and press a",
        "no_bullet_choice": "- no bullet",
        "which_bullet": "Which bullet disarms it?",
        "removed": "Removed the {kind} - press u to undo",
        "nothing_to_undo": "Nothing to undo",
        "restored": "The {kind} is back",
        "kind_influence": "influence",
        "kind_landmine": "landmine",
        "kind_bullet": "bullet",
        "kind_action": "action",
    },
    "zh": {
        "tab_sso": "单一销售目标",
        "tab_position": "定位",
        "tab_influences": "采购影响者",
        "tab_mines": "地雷与子弹",
        "tab_fit": "理想客户",
        "tab_actions": "最佳行动",
        "tab_stand": "我们的位置",
        "tab_found": "自动发现",
        "out_of_control_mark": " 失控 ",
        "presenting_mark": " 演示模式 ",
        "review_mark": " 复盘 {step}/{steps} ",
        "stale_mark": "已过时 {days}天",
        "age": "{days}天",
        "no_evidence": "没有证据",
        "not_set": "未设定",
        "confirmed_on": "确认于{day}，{days}天前",
        "confirmed_on_one": "确认于{day}，1天前",
        "stage_in_use": "当前阶段",
        "not_yet": "未到",
        "found_count": "发现{n}个地雷",
        "found_count_one": "发现1个地雷",
        "disarmed_by": "对付它的子弹",
        "disarms": "拆除的地雷",
        "unanswered": "没有子弹",
        "first_review": "这是本项目的第一次复盘：还没有可以比较的。",
        "since": "自{day}复盘以来的变化",
        "nothing_changed": "此后没有变化。",
        "no_gaps": "本部分没有缺口。",
        "comment": "对本部分的评论（c），回车保存",
        "open": "未完成",
        "hidden_note": "演示时隐藏",
        "scale": "标尺",
        "category": "类别",
        "none": "无。",
        "review_left": "已退出复盘：没有记录",
        "review_recorded": "复盘已记录：{score}/100",
        "presenting_on": "演示模式：评分已隐藏",
        "presenting_off": "评分已显示",
        "nobody_yet": "蓝表上还没有人：按 a 添加",
        "no_landmine_yet": "还没有地雷：按 a 添加",
        "no_bullet_yet": "还没有子弹：按 tab 切到子弹，再按 a",
        "no_bullet_choice": "- 不用子弹",
        "which_bullet": "用哪颗子弹拆除它？",
        "removed": "已删除{kind}：按 u 撤销",
        "nothing_to_undo": "没有可撤销的",
        "restored": "{kind}已恢复",
        "kind_influence": "采购影响者",
        "kind_landmine": "地雷",
        "kind_bullet": "子弹",
        "kind_action": "最佳行动",
    },
}


def sheet_words(settings: Settings) -> dict[str, str]:
    """The printed sheet's words with the screen's own on top, in the configured language."""
    lang = settings.language if settings.language in SCREEN_WORDS else "en"
    return {**SHEET_WORDS.get(lang, SHEET_WORDS["en"]), **SCREEN_WORDS[lang]}


@dataclass(frozen=True)
class SheetView:
    """A sheet and everything the rules say about it today."""

    sheet: BlueSheet
    today: dt.date
    settings: Settings
    found: list[FoundLandmine]
    completeness: Completeness
    verdict: Verdict
    stage: str
    presenting: bool = False

    @classmethod
    def build(
        cls, sheet: BlueSheet, today: dt.date, settings: Settings, presenting: bool = False
    ) -> SheetView:
        """Run the rules over a freshly loaded sheet."""
        stage = stage_of(sheet.deal.status, sheet.deal.funnel)
        return cls(
            sheet,
            today,
            settings,
            find_landmines(sheet, today, settings),
            completeness(sheet, today, settings),
            verdict(sheet.answers(), stage, settings),
            stage,
            presenting,
        )

    @property
    def w(self) -> dict[str, str]:
        """The words of the screen."""
        return sheet_words(self.settings)

    @property
    def out_of_control(self) -> bool:
        """Whether any of the five indicators lacks evidence."""
        return any(not self.sheet.deal.evidence(k).strip() for k in SSO_INDICATORS)

    def label(self, section: str, key: str | None) -> str:
        """A config label ('-' for None)."""
        return "-" if key is None else self.settings.label(section, key)

    def shown_found(self) -> list[FoundLandmine]:
        """The computed landmines, without those that give a rating away while presenting."""
        if not self.presenting:
            return self.found
        return [f for f in self.found if f.rule not in RATING_RULES]

    def shown(self, lines: Iterable[str]) -> list[str]:
        """Computed lines (gaps, stale values, changes), masked while presenting."""
        lines = list(lines)
        return (
            presentable(lines, self.sheet.influences, self.settings) if self.presenting else lines
        )


def presentable(
    lines: Iterable[str], people: Iterable[SheetInfluence], settings: Settings
) -> list[str]:
    """Lines without the ones that show someone's rating (for a shared screen)."""
    w: Mapping[str, str] = COMPLETENESS_WORDS.get(settings.language, COMPLETENESS_WORDS["en"])
    marks: list[str] = []
    for inf in people:
        value = rating_word(inf.rating)
        marks.append(w["rating_evidence"].format(name=inf.name, value=value))
        marks.append(w["stale_rating"].format(name=inf.name, value=value))
        marks.append(w["rating_moved"].split("{old}")[0].format(name=inf.name))
    return [line for line in lines if not any(mark in line for mark in marks)]


def age_cell(stamp: dt.datetime | None, today: dt.date, settings: Settings) -> Text:
    """How old a confirmation is: ' 12d' dim, ' stale 120d' in warning colours; '' undated."""
    age = days_old(stamp, today)
    if age is None:
        return Text("")
    w = sheet_words(settings)
    if age > settings.evidence_stale_days:
        return Text(" " + w["stale_mark"].format(days=age), style="bold yellow")
    return Text(" " + w["age"].format(days=age), style="dim")


def clip(text: str, width: int) -> Text:
    """One line of text cut to a cell width with an ellipsis (CJK counts double)."""
    line = Text(" ".join(str(text).split()))
    truncate_cell(line, width)
    return line


def answer_cell(answer: str, settings: Settings) -> Text:
    """good / bad / unknown, coloured."""
    style = {"good": "bold green", "bad": "bold red"}.get(answer, "dim")
    return Text(settings.label("answers", answer), style=style)
