"""The call script (seed 003 parts 4 and 5): seven parts filled from plain data.

A follow-up call says who you are, bridges from the last contact, states its
purpose, brings something new of value, checks the time, opens with a question
and knows which commitment to ask for. `fill_script` builds all of it from a
`ScriptContext`, so the rep reads rather than writes. Templates, value reasons,
the avoid-list and the question bank come from `config/script.yaml`; a template
or commitment default that config does not have falls back to the text here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from followup_tui.core.accounts.revival import attempt_words
from followup_tui.core.base.config import Settings
from followup_tui.core.base.records import ActivityRec, effective_class
from followup_tui.core.base.text import display_width
from followup_tui.core.call.call_checks import avoid_phrase_warning
from followup_tui.core.call.questions import opening_question
from followup_tui.core.call.script_words import phrase as _t

DEFAULT_MINUTES = 10  # the seed's "about ten minutes"
MENTION_WIDTH = 80  # terminal cells of a commitment quoted in the bridge
# The last contact's first note line, quoted as what it was about: its point is often at
# its end ("...; the main worry is installation downtime"), so it is cut only when long.
ABOUT_WIDTH = 240
# Nobody spoke on these calls, so there is nothing to bridge from.
SILENT_OUTCOMES = frozenset({"no_answer", "voicemail"})
NOTE_KIND = "note"  # an activity the rep wrote alone (a quick note): not a contact
# Outcomes worth recalling in the bridge; "reached" goes without saying.
BRIDGED_OUTCOMES = frozenset({"meeting_booked", "rejected", "won", "lost"})


@dataclass(frozen=True, slots=True)
class ScriptContext:
    """Everything the script is filled from; the screen gathers it, nothing here reads a file."""

    account_name: str
    today: date
    quadrant: str | None = None
    already_bought: bool = False  # see `already_bought`: exempts from the avoid-list
    contact_id: int | None = None
    contact_name: str = ""
    role: str | None = None  # the person's buying-influence role, once a blue sheet has it
    mode: str | None = None  # their response mode
    history: tuple[ActivityRec, ...] = ()  # the account's activities, newest first
    purpose: str = ""
    minutes: int = DEFAULT_MINUTES
    value_reason: str = ""  # a key of `value_reasons`, or typed text
    rep_name: str = ""  # "" takes the one in settings
    rep_company: str = ""
    config_file: str = ""  # the user file the who-hint points at; "" says "your config file"
    # A dormant account's revival call: its rejections so far and the post-mortem
    # of the first cooperation (why they came to us, why they left).
    dormant: bool = False
    rejections: int = 0
    start_reason: str = ""
    stop_reason: str = ""


@dataclass(frozen=True, slots=True)
class CallScript:
    """The seven parts of a follow-up call, as text in the configured language."""

    who: str
    bridge: str
    purpose: str
    value: str
    time_check: str
    question: str
    ask_for: str
    minimum: str
    nothing_new: bool = False
    first_call: bool = False
    bridge_from: ActivityRec | None = None  # the activity the bridge quotes
    question_source: str = ""  # "mode:growth+role:coach", "role:coach", "class:A" (questions.py)
    who_hint: str = ""  # how to set the rep's name and company, while either is blank
    warnings: tuple[str, ...] = ()  # nothing new; purpose or opening only an avoid phrase
    # Read before a revival call: the attempt, why they came, why they left, what is new.
    revival: tuple[str, ...] = ()

    def parts(self, settings: Settings) -> list[tuple[str, str]]:
        """(label, text) of the seven parts, in the order they are said."""
        moves = {m["id"]: settings.text(m) for m in settings.data.get("script_moves", ())}
        lang = settings.language
        minimum = _t("minimum", lang, minimum=self.minimum)
        return [
            (moves.get("who", "who"), self.who),
            (moves.get("bridge", "bridge"), self.bridge),
            (moves.get("purpose", "purpose"), self.purpose),
            (_t("label_value", lang), self.value),
            (moves.get("time_check", "time_check"), self.time_check),
            (moves.get("question", "question"), self.question),
            (_t("label_commitment", lang), f"{self.ask_for}\n{minimum}"),
        ]


class _Keep(dict[str, str]):
    """Format values that leave an unknown {placeholder} as typed, so user templates never crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(settings: Settings, key: str, **values: object) -> str:
    """Fill the template `key` (config's, else built in); a sentence starts with a capital."""
    entry = settings.data.get("templates", {}).get(key)
    template = settings.text(entry) if entry else _t(key, settings.language)
    try:
        text = template.format_map(_Keep({k: str(v) for k, v in values.items()}))
    except (ValueError, IndexError, AttributeError):
        text = template  # a malformed user template is shown as written, not a crash
    return text[:1].upper() + text[1:]


def already_bought(relationship: str, *, won_deals: int = 0, purchases: int = 0) -> bool:
    """Whether the account counts as a signed customer for the avoid-phrase exemption.

    A dormant account bought once but stopped after a problem: reviving it needs
    a reason to talk, so its past purchases do not exempt it.
    """
    if relationship == "dormant":
        return False
    return relationship == "existing" or won_deals > 0 or purchases > 0


# -- the bridge ------------------------------------------------------------------------


def relative_day(day: date, today: date, language: str) -> str:
    """When `day` was, in words relative to `today`: 'yesterday', 'last Tuesday', '上周二'."""
    ago = (today - day).days
    if ago < 0:
        return day.isoformat()
    if ago <= 2:
        return _t(("today", "yesterday", "day_before")[ago], language)
    weekday = _t("weekdays", language).split()[day.weekday()]
    this_monday = today.toordinal() - today.weekday()
    if day.toordinal() >= this_monday:
        return _t("this_week", language, weekday=weekday)
    if day.toordinal() >= this_monday - 7:
        return _t("last_week", language, weekday=weekday)
    month = _t("months", language).split()[day.month - 1]
    key = "date" if day.year == today.year else "date_year"
    return _t(key, language, day=day.day, month=month, year=day.year)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s|[。！？；\n]")
_TRAILING = re.compile(r"[\s.,;:!?。，；：！？、]+$")


def shorten(text: str, width: int = MENTION_WIDTH) -> str:
    """The first sentence of a text, cut to `width` cells, without closing punctuation."""
    first = _TRAILING.sub("", _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip())
    return cut_cells(first, width)


def cut_cells(text: str, width: int) -> str:
    """The text in at most `width` cells, a cut one ending in … (CJK counts double)."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += display_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out).rstrip() + "…"


def first_line(text: str, width: int = MENTION_WIDTH) -> str:
    """The first line with words in it, cut to `width` cells, without closing punctuation."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return cut_cells(_TRAILING.sub("", line), width)


# A quote keeps its own end mark: a Chinese note ends in 。 in an English script, an
# English one in "." in a Chinese script. Only the frame's own punctuation is the UI's.
_QUOTE_ENDS = ".!?。！？…"
_SOFT_TRAILING = re.compile(r"[\s,;:，；：、]+$")
_FIRST_SENTENCE = re.compile(r".*?(?:[.!?](?=\s|$)|[。！？]|(?=[；;\n])|$)", re.DOTALL)


def quote_line(text: str, width: int = MENTION_WIDTH) -> str:
    """The first line with words in it, as written (its end mark kept), cut to `width` cells."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return cut_cells(_SOFT_TRAILING.sub("", line), width)


def quote_sentence(text: str, width: int = MENTION_WIDTH) -> str:
    """The first sentence of a text, as written (its end mark kept), cut to `width` cells."""
    found = _FIRST_SENTENCE.match(text.strip())
    first = found[0] if found else ""
    return cut_cells(_SOFT_TRAILING.sub("", first.strip()), width)


def quoted(settings: Settings, key: str, field: str, quote: str) -> str:
    """A frame from config around a quote: the frame's closing mark (in the UI's language)
    is left off when the quote ends a sentence of its own ("…" included)."""
    text = render(settings, key, **{field: quote})
    if quote and quote[-1] in _QUOTE_ENDS:
        for tail in (".", "。"):
            if text.endswith(quote + tail):
                return text[: -len(tail)]
    return text


def is_contact(activity: ActivityRec) -> bool:
    """Whether the customer took part: a quick note is what the rep wrote, not a contact."""
    return activity.kind != NOTE_KIND and activity.outcome not in SILENT_OUTCOMES


def bridge_source(
    history: Iterable[ActivityRec], today: date, contact_id: int | None = None
) -> ActivityRec | None:
    """The contact to bridge from: the last one with this person, else with the account.

    Calls nobody answered and the rep's own notes are skipped: neither is a
    conversation the customer will remember.
    """
    spoken = [a for a in history if a.occurred_on <= today and is_contact(a)]
    # Newest first; a stable sort keeps the given order within a day.
    spoken.sort(key=lambda a: a.occurred_on, reverse=True)
    if contact_id is not None:
        for act in spoken:
            if act.contact_id == contact_id:
                return act
    return spoken[0] if spoken else None


def contact_verb(kind: str, language: str) -> str:
    """How a contact of this kind happened, as a verb: 'spoke', 'met', 'exchanged emails'."""
    how = _t(f"contact_{kind}", language)
    return _t("contact_other", language) if how == f"contact_{kind}" else how


def bridge_text(source: ActivityRec | None, today: date, settings: Settings) -> str:
    """The bridge from one contact: when and how it was, its outcome, who promised what.

    Only what the record shows is said: the first line of the rep's notes of that
    contact is quoted as what it was about, in the rep's words - never as "you
    mentioned", since they are not the customer's - and no "we agreed to talk
    today" is claimed that nobody recorded. Without a contact, the first-call
    opening from config.
    """
    if source is None:
        return render(settings, "first_call")
    lang = settings.language
    how = contact_verb(source.kind, lang)
    when = relative_day(source.occurred_on, today, lang)
    lines = [render(settings, "bridge", when=when, contact=how)]
    # The substance, in the rep's own words: the first line they wrote of that contact.
    about = quote_line(source.notes, ABOUT_WIDTH)
    if about:
        lines.append(quoted(settings, "bridge_about", "note", about))
    if source.outcome in BRIDGED_OUTCOMES:
        lines.append(render(settings, f"bridge_{source.outcome}"))
    if source.our_commitments.strip():
        ours = quote_sentence(source.our_commitments)
        lines.append(quoted(settings, "bridge_ours", "ours", ours))
    if source.their_commitments.strip():
        theirs = quote_sentence(source.their_commitments)
        lines.append(quoted(settings, "bridge_theirs", "theirs", theirs))
    return ("" if lang == "zh" else " ").join(lines)


def who_hint(rep: str, company: str, language: str, config_file: str = "") -> str:
    """How to set the rep's name and company when either is missing, else ''."""
    if rep and company:
        return ""
    where = config_file or _t("config_file", language)
    return _t("who_hint", language, file=where)


# -- questions, commitments, tactic ----------------------------------------------------


def commitment_defaults(quadrant: str | None, settings: Settings) -> tuple[str, str]:
    """(commitment to ask for, minimum acceptable commitment) suggested for the class."""
    klass = effective_class(quadrant)
    configured = settings.data.get("commitments", {}).get(klass)
    if configured:
        return settings.text(configured["ask"]), settings.text(configured["minimum"])
    return _t(f"ask_{klass}", settings.language), _t(f"min_{klass}", settings.language)


def tactic_line(quadrant: str | None, settings: Settings) -> str:
    """The class tactic in one line: 'A: Close fast: ...'."""
    klass = effective_class(quadrant)
    head = klass if quadrant else _t("unjudged", settings.language, klass=klass)
    # Full-width in Chinese text: "A：快速成交…".
    colon = "：" if settings.language == "zh" else ": "
    return f"{head}{colon}{settings.classes[klass].tactic}"


def value_text(value_reason: str, settings: Settings) -> str:
    """The label of a configured value reason, or the typed text as it is."""
    reasons = settings.data.get("value_reasons", {})
    key = value_reason.strip()
    return settings.text(reasons[key]) if key in reasons else key


# -- the whole script ------------------------------------------------------------------


def fill_script(ctx: ScriptContext, settings: Settings) -> CallScript:
    """The seven parts of the call script for one account (and person, when known)."""
    source = bridge_source(ctx.history, ctx.today, ctx.contact_id)
    lang = settings.language
    rep = (ctx.rep_name or settings.rep_name).strip()
    company = (ctx.rep_company or settings.rep_company).strip()
    who = render(
        settings,
        "who",
        contact=ctx.contact_name.strip() or _t("blank_contact", lang),
        rep=rep or _t("blank_rep", lang),
        company=company or _t("blank_company", lang),
        account=ctx.account_name,
    )
    opening = opening_question(
        settings, ctx.quadrant, role=ctx.role, mode=ctx.mode, turn=len(ctx.history)
    )
    question = opening.full
    ask_for, minimum = commitment_defaults(ctx.quadrant, settings)
    value = value_text(ctx.value_reason, settings)
    missing = "revival_no_reason" if ctx.dormant else "nothing_new"
    warnings = [] if value else [_t(missing, lang)]
    # A value typed as an empty phrase ("just checking in") brings nothing either.
    for text in (ctx.purpose, value, question):
        warning = avoid_phrase_warning(
            text, lang, ctx.already_bought, settings, names=(ctx.contact_name,)
        )
        if warning and warning not in warnings:
            warnings.append(warning)
    return CallScript(
        who=who,
        bridge=bridge_text(source, ctx.today, settings),
        purpose=ctx.purpose.strip(),
        value=value,
        time_check=render(settings, "time_check", minutes=ctx.minutes),
        question=question,
        ask_for=ask_for,
        minimum=minimum,
        nothing_new=not value,
        first_call=source is None,
        bridge_from=source,
        question_source=opening.source,
        who_hint=who_hint(rep, company, lang, ctx.config_file),
        warnings=tuple(warnings),
        revival=revival_brief(ctx, lang) if ctx.dormant else (),
    )


def revival_brief(ctx: ScriptContext, language: str) -> tuple[str, ...]:
    """What to read before a dormant account's revival call (seed 004).

    The attempt (counted from the rejections), the post-mortem of the first
    cooperation - why they came to us, why they left - and the question every
    attempt must answer: what is new since the last one.
    """
    unknown = _t("revival_unknown", language)
    came = " ".join(ctx.start_reason.split()) or unknown
    left = " ".join(ctx.stop_reason.split()) or unknown
    return (
        _t("revival_head", language, attempt=attempt_words(ctx.rejections, language)),
        _t("revival_came", language, why=came),
        _t("revival_left", language, why=left),
        _t("revival_ask", language),
    )
