"""Checks before and during a call: phrases that carry nothing, and whether to call at all."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from followup_tui.core.accounts.heat_model import fmt
from followup_tui.core.accounts.heat_state import state_for
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import effective_class
from followup_tui.core.base.text import plural
from followup_tui.core.call.script_words import phrase as _t

REJECTION_LIMIT = 5  # "selling starts at the fifth rejection"
DROP_SIGNALS = 3  # this many signals against an account suggests dropping it


class WorthCheck(NamedTuple):
    """Whether an account is worth another call, and the signals behind the answer."""

    worth: bool
    reasons: tuple[str, ...]


# -- phrases that carry nothing --------------------------------------------------------

_APOSTROPHES = "'’‘`´"
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
# Words that carry nothing on their own: an avoid phrase padded with only these
# ("Hi, I just wanted to see if anything has changed") still carries nothing.
_FILLER_EN_WORDS = (
    "hi hello hey dear good morning afternoon so just only i im ive id was were wanted want "
    "wanting to call calling called give you your a quick and um uh well again thought think "
    "should would like it its is there that this me we our ring see check checking if "
    "still all ok okay thanks thank mr ms mrs"
)
_FILLER_EN = frozenset(_FILLER_EN_WORDS.split())
_FILLER_ZH_WORDS = (
    "您好 你好 喂 打电话给您 打个电话给您 给您打电话 给您打个电话 给您个电话 给您一个电话 "
    "主要是 主要 就是 只是 只想 觉得 应当 应该 我们 我 想 一下 问问 是 啊 呢 吧 呀 嗯 了 "
    "下 哈 先生 女士 经理 总"
)
# Longest first, so 打电话给您 is removed whole before 我 or 想 could split it.
_FILLER_ZH = tuple(sorted(_FILLER_ZH_WORDS.split(), key=len, reverse=True))


def normalise(text: str) -> str:
    """A comparable form: NFKC width folding, case folding, punctuation to spaces.

    Apostrophes vanish (it's = its); spaces between CJK characters go, so a
    phrase matches however it was spaced.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    chars = [
        " " if unicodedata.category(ch)[0] in "PSZC" else ch
        for ch in folded
        if ch not in _APOSTROPHES
    ]
    return _CJK_GAP.sub("", " ".join("".join(chars).split()))


def _strip_phrase(padded: str, phrase: str) -> tuple[str, bool]:
    """Remove every occurrence of a normalised phrase; (rest, whether it was there)."""
    if _HAS_CJK.search(phrase):
        return padded.replace(phrase, " "), phrase in padded
    needle = f" {phrase} "  # whole words only: "been a while" is not in "has been awhile"
    found = needle in padded
    while needle in padded:
        padded = padded.replace(needle, " ")
    return padded, found


def _only_filler(rest: str, names: Iterable[str]) -> bool:
    """Whether what is left after the avoid phrases is filler (or the person's name)."""
    for name in names:
        if name := normalise(name):
            rest = rest.replace(name, " ")
    for word in rest.split():
        if word in _FILLER_EN:
            continue
        for filler in _FILLER_ZH:
            word = word.replace(filler, "")
        if word:
            return False
    return True


def avoid_phrase(text: str, settings: Settings, names: Iterable[str] = ()) -> str | None:
    """The avoid-list phrase `text` consists of (padding aside), or None when it says more.

    Both languages' lists apply whatever the configured language: a rep may type either.
    """
    padded = f" {normalise(text)} "
    found: str | None = None
    for phrases in settings.data.get("avoid_phrases", {}).values():
        for phrase in sorted(phrases, key=len, reverse=True):
            padded, hit = _strip_phrase(padded, normalise(phrase))
            if hit and found is None:
                found = phrase
    if found is None or not _only_filler(padded, names):
        return None
    return found


def avoid_phrase_warning(
    text: str,
    language: str,
    already_bought: bool,
    settings: Settings,
    *,
    names: Iterable[str] = (),
) -> str | None:
    """A warning when `text` is only an avoid-list phrase, suggesting value reasons instead.

    Customers who already signed are exempt, as the method says. `names` (the
    contact's) may pad the phrase too: "Hi Sarah, just checking in".
    """
    if already_bought or not text.strip() or avoid_phrase(text, settings, names) is None:
        return None
    reasons = settings.data.get("value_reasons", {}).values()
    labels = [str(r.get(language) or r.get("en") or "") for r in reasons]
    shown = " ".join(text.split())
    sep = _t("list_sep", language)
    return _t("avoid", language, text=shown, reasons=sep.join(labels[:4]))


# -- is this account worth another call? -----------------------------------------------


def worth_calling(
    quadrant: str | None,
    heat: float,
    rejection_count: int,
    fit_answers: Mapping[str, str],
    settings: Settings,
    *,
    relationship: str = "target",
    trend: str = "steady",
    next_in: int | None = None,
) -> WorthCheck:
    """Is this account worth another call? The verdict and the signals for and against.

    Against: class D, cold (heat below the class threshold and not rising: the
    queue's `heat_state`, so the script and the queue say the same), five or more
    rejections (not for a dormant account, where selling starts at the fifth),
    a poor ideal-customer fit (any 'bad' answer). Three or more suggest dropping.
    """
    lang = settings.language
    klass = effective_class(quadrant)
    against: list[str] = []
    other: list[str] = []
    if quadrant == "D":
        against.append(_t("worth_class_d", lang))
    elif quadrant in ("A", "B"):
        other.append(_t("worth_class_ab", lang, klass=klass))
    threshold = settings.heat.threshold[klass]
    state = state_for(settings, klass, heat, trend, contacted=True, next_in=next_in)
    # Whole numbers, as the queue and the lists show heat.
    said = {"heat": f"{heat:.0f}", "klass": klass, "threshold": fmt(threshold)}
    if state.kind == "cold":
        against.append(_t("worth_cold", lang, **said))
    elif state.kind == "warming":
        other.append(_t("worth_warming", lang, **said))
    elif state.kind == "cooling":
        # Cooling is a reason to call now, not against it: the queue lists it for that.
        below = state.below_in or 0
        days = plural(below, "day")
        other.append(_t("worth_cooling", lang, n=below, days=days, **said))
    else:
        other.append(_t("worth_warm", lang, **said))
    if rejection_count >= REJECTION_LIMIT:
        if relationship == "dormant":
            other.append(_t("worth_dormant", lang, n=rejection_count))
        else:
            against.append(_t("worth_rejected", lang, n=rejection_count))
    bad = [_t(f"fit_{key}", lang) for key, answer in fit_answers.items() if answer == "bad"]
    if bad:
        against.append(_t("worth_poor_fit", lang, what=_t("list_sep", lang).join(bad)))
    elif fit_answers and all(answer == "good" for answer in fit_answers.values()):
        other.append(_t("worth_good_fit", lang))
    worth = len(against) < DROP_SIGNALS
    verdict = [] if worth else [_t("worth_drop", lang, n=len(against))]
    return WorthCheck(worth, (*verdict, *against, *other))
