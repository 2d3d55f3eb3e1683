"""The due queue's reasons and priority lines in English and Chinese.

Templates are filled with `str.format`; each gets the same values in both
languages and uses the ones it needs: English says `{days}` (already '1 day' or
'3 days'), Chinese says `{n}天`. A reason a rep reads in the queue, in the
`followup due` text and in its JSON comes from here.
"""

from __future__ import annotations

from collections.abc import Mapping

from followup_tui.core.accounts.buying_season import SeasonPrediction

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        # reasons (due_queue)
        "overdue_by": "overdue by {days}",
        "due_today": "due today",
        "open_follow_ups": "{n} open follow-ups: keep one dated next step",
        "best_action": "best action {when}: {what} ({deal})",
        "who_what": "{who}: {what}",
        "no_next_step": "no next step scheduled ({kind})",
        "kind_deal": "open deal",
        "kind_account": "{rel} account",
        "was_soon": "was {peak}, will be below {threshold} in {days}",
        "heat_soon": "heat {value}, will be below {threshold} in {days}",
        "was_now": "was {peak}, now {value}",
        "cold": "cold: heat {value} is below {threshold}",
        "idle": "last contact {days} ago; class {klass} cadence is {cadence}",
        "dormant": "dormant, {attempt}, {rejections}",
        "last_attempt": "last attempt {days} ago",
        "never_attempted": "never attempted",
        "stopped": "stopped buying: {why}",
        # priority lines (priority)
        "was_hot": "was hot ({peak}): sorts first in Cooling",
        "p_class": "class {klass}: +{pts}",
        "p_unjudged": "unjudged: +{pts}",
        "p_trend": "heat {trend} ({before} -> {value}): +{pts}",
        "p_amount": "open deal {amount} ({deal}): +{pts}",
        "p_passed": "deal completion date passed {days} ago: +{pts}",
        "p_completes": "deal completes in {days} ({deal}): +{pts}",
        "p_overdue": "overdue {days}: +{pts}",
        "p_below": "below threshold in {days}: +{pts}",
        "p_purchase": "purchase expected in {days}: +{pts}",
        "rising": "rising",
        "falling": "falling",
        "steady": "steady",
    },
    "zh": {
        "overdue_by": "逾期{n}天",
        "due_today": "今天到期",
        "open_follow_ups": "有{n}个未完成的跟进：只保留一个有日期的下一步",
        "best_action": "最佳行动{when}：{what}（{deal}）",
        "who_what": "{who}：{what}",
        "no_next_step": "没有安排下一步（{kind}）",
        "kind_deal": "在谈商机",
        "kind_account": "{rel_label}",
        "was_soon": "曾达到{peak}，{n}天后将低于{threshold}",
        "heat_soon": "水温{value}，{n}天后将低于{threshold}",
        "was_now": "曾达到{peak}，现在{value}",
        "cold": "已冷却：水温{value}低于{threshold}",
        "idle": "上次联系在{n}天前；{klass}类跟进周期为{cadence_n}天",
        "dormant": "休眠，{attempt}，被拒绝{rejections_n}次",
        "last_attempt": "上次尝试在{n}天前",
        "never_attempted": "从未尝试",
        "stopped": "停止采购的原因：{why}",
        "was_hot": "曾经很热（{peak}）：在“正在降温”中排在最前",
        "p_class": "{klass}类：+{pts}",
        "p_unjudged": "未分类：+{pts}",
        "p_trend": "水温{trend}（{before} -> {value}）：+{pts}",
        "p_amount": "在谈商机{amount}（{deal}）：+{pts}",
        "p_passed": "商机完成日期已过去{n}天：+{pts}",
        "p_completes": "商机{n}天后完成（{deal}）：+{pts}",
        "p_overdue": "逾期{n}天：+{pts}",
        "p_below": "{n}天后低于阈值：+{pts}",
        "p_purchase": "预计{n}天后采购：+{pts}",
        "rising": "上升",
        "falling": "下降",
        "steady": "平稳",
        # buying season (the English reason is buying_season's own)
        "season_month": "通常在{month}月采购（{purchases}次中有{in_month}次）；从{start}开始联系",
        "season_interval": "大约每{gap}天采购一次；预计下次在{predicted}；从{start}开始联系",
    },
}


# Each language's templates with English filling any gap, merged once.
_WORDS: dict[str, Mapping[str, str]] = {lang: {**_TEXT["en"], **own} for lang, own in _TEXT.items()}


def words(language: str) -> Mapping[str, str]:
    """The templates of a language (English for one without its own)."""
    return _WORDS.get(language, _WORDS["en"])


def say(language: str, key: str, **values: object) -> str:
    """One template in `language`, filled with `values`."""
    return words(language)[key].format(**values)


def season_reason(season: SeasonPrediction, language: str) -> str:
    """Why an account is in its buying season, in `language`."""
    if language != "zh":
        return season.reason
    start = season.contact_from.isoformat()
    if season.basis == "month":
        return say(
            language,
            "season_month",
            month=season.month,
            purchases=season.purchases,
            in_month=season.in_month,
            start=start,
        )
    return say(
        language,
        "season_interval",
        gap=season.gap_days,
        predicted=season.predicted.isoformat(),
        start=start,
    )
