"""Why a next date was proposed, in the rep's language.

`cadence.propose_next` words its reasons in English; the close-out and `followup note`
say them in Chinese for a Chinese setup through these patterns.
"""

from __future__ import annotations

import re

# `propose_next` words its reasons in English; a Chinese setup reads them through these
# patterns, each part of a reason ('...; moved from Saturday to Monday') on its own.
REASONS_ZH = (
    (r"the customer asked for (\S+)", "客户要求在{0}"),
    (
        r"unjudged \(as class (\w)\) cadence: every (\d+) days",
        "未分类（按{0}类）的跟进周期：每{1}天",
    ),
    (r"class (\w) cadence: every (\d+) days", "{0}类的跟进周期：每{1}天"),
    (
        r"the open deal's completion date (\S+) has passed: confirm it now",
        "在谈商机的完成日期{0}已过：现在就确认",
    ),
    (r"(\d+) days before the open deal completes on (\S+)", "在谈商机{1}完成，提前{0}天"),
    (r"nobody reached: retry in (\d+) days?", "没有接通：{0}天后再打"),
    (r"revival plan: the next attempt in (\d+) days", "唤醒计划：{0}天后再次尝试"),
    (
        r"their calling window (\S+)-(\S+) (\S+), on their (\w+)",
        "在对方的通话时间内（{2} {0}-{1}），对方的{3}",
    ),
    (r"moved from (\w+) to (\w+)", "从{0}改到{1}"),
    (
        r"the asked-for date (\S+) is not after today, ignored",
        "客户要求的日期{0}不晚于今天，已忽略",
    ),
    (
        r"the open follow-up on (\S+), which this contact replaces",
        "已排定的跟进（{0}），本次记录将替换它",
    ),
)
WEEKDAYS_ZH = {
    "Monday": "周一",
    "Tuesday": "周二",
    "Wednesday": "周三",
    "Thursday": "周四",
    "Friday": "周五",
    "Saturday": "周六",
    "Sunday": "周日",
}


def proposal_reason(reason: str, language: str) -> str:
    """Why this next date, in `language`; wording it does not know stays as written."""
    if language != "zh":
        return reason
    said = []
    for part in reason.split("; "):
        for pattern, template in REASONS_ZH:
            if found := re.fullmatch(pattern, part):
                said.append(template.format(*(WEEKDAYS_ZH.get(g, g) for g in found.groups())))
                break
        else:
            return reason
    return "；".join(said)
