"""What the form checks say when a value is wrong, in English and Chinese.

One template per problem; each is filled with `str.format` and the same
values in both languages. The account, key-person and deal checks
(`account_rules`, `deal_rules`) take the language and speak through `say`.
"""

from __future__ import annotations

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "phone_chars": "a phone number has only digits, spaces, +, - and parentheses",
        "phone_digits": "a phone number has 6 to 20 digits (this has {n})",
        "email": "an email address looks like name@example.com",
        "website": "a website looks like example.com or https://example.com/page",
        "name_required": "a name is required",
        "too_long": "at most {max} characters (this has {n})",
        "count": "a whole number, 0 or more",
        "count_range": "a whole number from 0 to {max}",
        "one_of": "one of {choices}",
        "relationship": "choose existing, dormant or target",
        "birthday": "a real date as YYYY-MM-DD, e.g. 1970-03-15",
        "month_day": "month and day as MM-DD, e.g. 04-01",
        "money": "a number, e.g. 1250000 or 1,250,000.50",
        "negative": "must not be negative",
        "too_large": "too large",
        "channels": "cannot exceed the total market",
        "level": "a level from 1 (little involved) to 5 (deciding), or empty",
        "zone": "an IANA time zone name, e.g. Asia/Shanghai or Europe/Berlin",
        "hhmm": "a time as HH:MM, e.g. 09:30",
        "window_both": "give both the start and the end of the call window",
        "window_order": "the end must be after the start",
        "title_required": "a title is required: what is being sold, e.g. 'MES licences, plant 2'",
        "deal_money": "a number, e.g. 860000 or 1,280,000.50",
    },
    "zh": {
        "phone_chars": "电话号码只能包含数字、空格、+、- 和括号",
        "phone_digits": "电话号码应有6到20位数字（现在是{n}位）",
        "email": "邮箱地址应形如 name@example.com",
        "website": "网址应形如 example.com 或 https://example.com/page",
        "name_required": "名称必填",
        "too_long": "最多{max}个字符（现在是{n}个）",
        "count": "应为0或更大的整数",
        "count_range": "应为0到{max}之间的整数",
        "one_of": "只能是以下之一：{choices}",
        "relationship": "请选择现有、休眠或目标客户",
        "birthday": "应为真实日期，格式 YYYY-MM-DD，例如 1970-03-15",
        "month_day": "月和日，格式 MM-DD，例如 04-01",
        "money": "应为数字，例如 1250000 或 1,250,000.50",
        "negative": "不能为负数",
        "too_large": "数值太大",
        "channels": "不能超过市场总量",
        "level": "参与程度1（很少参与）到5（拍板），或留空",
        "zone": "应为 IANA 时区名，例如 Asia/Shanghai 或 Europe/Berlin",
        "hhmm": "时间格式 HH:MM，例如 09:30",
        "window_both": "请同时填写通话时段的开始和结束",
        "window_order": "结束时间必须晚于开始时间",
        "title_required": "标题必填：卖的是什么，例如“二期MES授权”",
        "deal_money": "应为数字，例如 860000 或 1,280,000.50",
    },
}


def say(language: str, key: str, **values: object) -> str:
    """One check's message in `language` (English for a language without its own)."""
    return _TEXT.get(language, _TEXT["en"])[key].format(**values)
