"""The call script's built-in words in English and Chinese.

Templates that config/script.yaml does not define, commitment defaults per
class, relative-date words and the worth-calling reasons.
"""

from __future__ import annotations

# Built-in text, one table per language. The bridge_* keys are templates used when
# config has none of that name; ask_X / min_X are the commitments suggested for a
# class when config has no `commitments` section.
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "bridge_plain": "We last spoke {when}.",
        "bridge_ours": "We promised: {ours}.",
        "bridge_theirs": "You were going to: {theirs}.",
        "blank_contact": "there",
        "blank_rep": "[your name]",
        "blank_company": "[your company]",
        "ask_A": "A signed order, or a firm purchase date",
        "min_A": "A date for the decision meeting",
        "ask_B": "A meeting with the decision maker on where the business is going",
        "min_B": "A date for the next conversation",
        "ask_C": "Agreement to size the problem together (their data or a site visit)",
        "min_C": "One concrete pain, in their own numbers",
        "ask_D": "Permission to send something useful and call again",
        "min_D": "Permission to stay in touch",
        "label_value": "Bring something new of value",
        "label_commitment": "Commitment to ask for",
        "minimum": "Minimum: {minimum}",
        "nothing_new": "Nothing new of value for this call: pick a reason or type one.",
        "unjudged": "Unjudged (as {klass})",
        "avoid": '"{text}" carries nothing new. Bring a reason to talk instead: {reasons}.',
        "today": "earlier today",
        "yesterday": "yesterday",
        "day_before": "the day before yesterday",
        "this_week": "on {weekday}",
        "last_week": "last {weekday}",
        "date": "on {day} {month}",
        "date_year": "on {day} {month} {year}",
        "weekdays": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "months": "January February March April May June July August September October "
        "November December",
        "worth_class_d": "class D: long game, light touch",
        "worth_class_ab": "class {klass}: strong need",
        "worth_cold": "cold: heat {heat} is below the class {klass} threshold {threshold}",
        "worth_warm": "heat {heat}: still warm",
        "worth_rejected": "rejected {n} times",
        "worth_dormant": "rejected {n} times, but for a dormant account selling starts at "
        "the fifth rejection: keep trying",
        "worth_poor_fit": "poor fit ({what}): a landmine in itself",
        "worth_good_fit": "good fit",
        "worth_drop": "{n} signals against: consider dropping it",
        "fit_credit": "credit",
        "fit_need_fit": "need fit",
        "fit_loyalty": "loyalty",
        "list_sep": "; ",
    },
    "zh": {
        "bridge_plain": "我们{when}联系过。",
        "bridge_ours": "我们答应：{ours}。",
        "bridge_theirs": "您答应：{theirs}。",
        "blank_contact": "",
        "blank_rep": "[您的名字]",
        "blank_company": "[公司名称]",
        "ask_A": "签下订单，或确定采购日期",
        "min_A": "确定决策会议的日期",
        "ask_B": "与决策人见面，谈业务的发展方向",
        "min_B": "约定下次沟通的时间",
        "ask_C": "同意一起量化问题（提供数据或安排现场考察）",
        "min_C": "客户用自己的数字说出一个具体痛点",
        "ask_D": "同意我们发送有用的资料并再次联系",
        "min_D": "同意保持联系",
        "label_value": "带来新的价值",
        "label_commitment": "争取的承诺",
        "minimum": "最低：{minimum}",
        "nothing_new": "本次电话没有新的价值点：请选择或填写一个理由。",
        "unjudged": "未分类（按{klass}类）",
        "avoid": "“{text}”没有带来任何新东西。请换一个联系的理由：{reasons}。",
        "today": "今天早些时候",
        "yesterday": "昨天",
        "day_before": "前天",
        "this_week": "本周{weekday}",
        "last_week": "上周{weekday}",
        "date": "{month}月{day}日",
        "date_year": "{year}年{month}月{day}日",
        "weekdays": "一 二 三 四 五 六 日",
        "months": "1 2 3 4 5 6 7 8 9 10 11 12",
        "worth_class_d": "D类：放长线、轻接触",
        "worth_class_ab": "{klass}类：需求强",
        "worth_cold": "已冷却：水温{heat}低于{klass}类阈值{threshold}",
        "worth_warm": "水温{heat}：仍有热度",
        "worth_rejected": "已被拒绝{n}次",
        "worth_dormant": "已被拒绝{n}次，但对休眠客户来说，销售从第五次拒绝才开始：继续尝试",
        "worth_poor_fit": "匹配度差（{what}）：本身就是地雷",
        "worth_good_fit": "匹配度好",
        "worth_drop": "{n}个不利信号：考虑放弃",
        "fit_credit": "信用",
        "fit_need_fit": "需求匹配",
        "fit_loyalty": "忠诚度",
        "list_sep": "、",
    },
}


def phrase(key: str, language: str, **values: object) -> str:
    """Built-in text in `language` (English when missing), filled with `values`."""
    text = _TEXT.get(language, _TEXT["en"]).get(key) or _TEXT["en"].get(key, key)
    return text.format(**values) if values else text
