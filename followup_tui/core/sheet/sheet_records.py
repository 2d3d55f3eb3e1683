"""One deal's blue sheet as the rules read it: plain, frozen records.

The data layer (`followup_tui.db.sheet_reads.load_sheet`) fills these; the rules
(landmines, position verdict, completeness) and the printed sheet read them and
never see a Peewee model. Ids are database ids. Timestamps (`*_at`) are naive
UTC as stored; calendar dates (`*_on`, `due`, `completion_date`) are plain dates.
Enumerated values are the short keys of `followup_tui.core.base.kinds`; None means unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

from followup_tui.core.base.config import Settings
from followup_tui.core.base.derived import per_settings


@dataclass(frozen=True, slots=True)
class SheetDeal:
    """The Single Sales Objective: the five indicators, their evidence, position and fit."""

    id: int
    account_id: int
    account_name: str
    title: str
    product: str = ""
    amount: Decimal | None = None
    completion_date: date | None = None
    status: str = "getting_started"  # urgent / in_progress / getting_started / later
    funnel: str = "above"  # universe / above / in / best_few
    outcome: str = "open"  # open / won / lost
    position: int | None = None  # +5 euphoria .. -5 panic
    alternate_position: int | None = None
    position_why: str = ""
    position_move: str = ""
    position_plan: str = ""
    position_confirmed_at: datetime | None = None
    evidence_customer: str = ""
    evidence_product: str = ""
    evidence_amount: str = ""
    evidence_completion_date: str = ""
    evidence_status: str = ""
    fit_credit: str = "unknown"  # good / bad / unknown
    fit_need_fit: str = "unknown"
    fit_loyalty: str = "unknown"
    fit_notes: str = ""
    created_at: datetime | None = None

    def evidence(self, indicator: str) -> str:
        """The evidence text of one SSO indicator ('customer', 'amount', ...)."""
        return str(getattr(self, f"evidence_{indicator}"))

    def fit(self, question: str) -> str:
        """The answer to one ideal-customer fit question ('credit', 'need_fit', 'loyalty')."""
        return str(getattr(self, f"fit_{question}"))


@dataclass(frozen=True, slots=True)
class SheetInfluence:
    """A buying influence: one person's role and stance in this deal."""

    id: int
    contact_id: int
    name: str
    title: str = ""
    role: str = "user_buyer"  # economic_buyer / user_buyer / technical_buyer / coach
    role_evidence: str = ""
    mode: str | None = None  # growth / trouble / even_keel / overconfident
    mode_evidence: str = ""
    mode_confirmed_at: datetime | None = None
    degree: str = "medium"  # high / medium / low
    rating: int | None = None  # +5 .. -5
    rating_evidence: str = ""
    rating_confirmed_at: datetime | None = None
    contacted: bool = False
    last_contacted_on: date | None = None
    results: str = ""
    personal_win: str = ""
    added_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SheetLandmine:
    """A recorded risk, maybe tied to an influence and disarmed by a bullet."""

    id: int
    category: str
    text: str
    influence_id: int | None = None
    bullet_id: int | None = None
    resolved: bool = False
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SheetBullet:
    """A strength the customer sees in us, maybe tied to an influence."""

    id: int
    category: str
    text: str
    influence_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SheetAction:
    """A best action: who does what by when, aimed at a landmine or a win."""

    id: int
    who: str
    what: str
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    landmine_id: int | None = None
    target: str = ""


@dataclass(frozen=True, slots=True)
class SignalAnswerRec:
    """One 'where do we stand?' signal or trap, answered good / bad / unknown."""

    signal: str
    answer: str = "unknown"
    note: str = ""
    answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SheetReview:
    """One finished deal review: when, who, the completeness score, the verdict, comments."""

    id: int
    reviewed_on: date
    reviewer: str = ""
    score: int | None = None  # completeness 0-100 at the review
    verdict: str = ""  # a verdict kind (core.sheet.position.ALL_KINDS); '' when not kept
    comments: str = ""


@dataclass(frozen=True)
class BlueSheet:
    """A deal and everything on its sheet."""

    deal: SheetDeal
    influences: tuple[SheetInfluence, ...] = ()
    landmines: tuple[SheetLandmine, ...] = ()
    bullets: tuple[SheetBullet, ...] = ()
    actions: tuple[SheetAction, ...] = ()
    signals: tuple[SignalAnswerRec, ...] = ()
    reviews: tuple[SheetReview, ...] = ()  # oldest first

    def influence(self, influence_id: int | None) -> SheetInfluence | None:
        """The influence with this id, or None (a sheet holds a handful: a scan is enough)."""
        return next((i for i in self.influences if i.id == influence_id), None)

    def last_review(self) -> SheetReview | None:
        """The latest finished review, or None if the deal was never reviewed."""
        return self.reviews[-1] if self.reviews else None

    def answers(self) -> dict[str, str]:
        """Signal and trap answers by id; an unanswered one is simply absent."""
        return {s.signal: s.answer for s in self.signals}


def days_old(stamp: datetime | date | None, today: date) -> int | None:
    """Whole days from a timestamp's (UTC) day to `today`; None when there is no stamp."""
    if stamp is None:
        return None
    day = stamp.date() if isinstance(stamp, datetime) else stamp
    return (today - day).days


def position_word(value: int | None, settings: Settings) -> str:
    """A position for people: 'Confident (+2)'; '-' when not set."""
    if value is None:
        return "-"
    label = settings.label("position_scale", str(value))
    # Chinese takes full-width brackets: 不安（-1）.
    return (
        f"{label}（{signed(value)}）" if settings.language == "zh" else f"{label} ({signed(value)})"
    )


def signed(value: int) -> str:
    """A number on a +5..-5 scale: '+3', '0', '-2'."""
    return f"{value:+d}" if value else "0"


def rating_word(value: int | None) -> str:
    """A support rating for people: '+3', '0', '-2'; '?' when unknown."""
    return "?" if value is None else signed(value)


@per_settings
def signal_specs(settings: Settings) -> tuple[tuple[str, str, str], ...]:
    """(id, stage, question) of the twelve signals, in config order."""
    return tuple(
        (str(s["id"]), str(s["stage"]), settings.text(s)) for s in settings.data.get("signals", ())
    )


@per_settings
def trap_specs(settings: Settings) -> tuple[tuple[str, str], ...]:
    """(id, question) of the two traps, in config order."""
    return tuple((str(t["id"]), settings.text(t)) for t in settings.data.get("traps", ()))


REPLIES = ("yes", "no", "unknown")


def good_replies(settings: Settings) -> Mapping[str, str]:
    """Signal or trap id -> the reply that is good news ('yes' or 'no'), as the question reads.

    Answers are stored as good / bad / unknown; the screens and the printed sheet
    ask and show them as Yes / No / Unknown, so "Did they raise a sudden
    objection?" is answered "No", never "Good".
    """
    return _good_replies(settings)


@per_settings
def _good_replies(settings: Settings) -> Mapping[str, str]:
    entries = (*settings.data.get("signals", ()), *settings.data.get("traps", ()))
    return MappingProxyType({str(e["id"]): str(e.get("good", "yes")) for e in entries})


def reply_for(answer: str, good: str) -> str:
    """The Yes / No / Unknown reply ('yes', 'no', 'unknown') a stored answer stands for."""
    if answer not in ("good", "bad"):
        return "unknown"
    bad = "no" if good == "yes" else "yes"
    return good if answer == "good" else bad


def answer_for(reply: str, good: str) -> str:
    """The stored answer (good / bad / unknown) of a Yes / No / Unknown reply."""
    if reply not in ("yes", "no"):
        return "unknown"
    return "good" if reply == good else "bad"


def reply_word(answer: str, good: str, settings: Settings) -> str:
    """A stored answer as people read it: 'No (good)', 'Yes (bad)', 'Unknown'."""
    said = _reply_words(settings).get((answer, good))
    return said if said is not None else _word_reply(answer, good, settings)


def _word_reply(answer: str, good: str, settings: Settings) -> str:
    reply = settings.label("replies", reply_for(answer, good))
    if answer not in ("good", "bad"):
        return reply
    key = "reply_good" if answer == "good" else "reply_bad"
    return settings.words("bluesheet_")[key].format(reply=reply)


@per_settings
def _reply_words(settings: Settings) -> Mapping[tuple[str, str], str]:
    """Every (answer, good reply) a sheet stores, worded once: the verdict words each signal."""
    pairs = [(a, g) for a in ("good", "bad", "unknown") for g in ("yes", "no")]
    return MappingProxyType({(a, g): _word_reply(a, g, settings) for a, g in pairs})


def reply_choices(good: str, settings: Settings) -> list[tuple[str, str]]:
    """(stored answer, label) for Yes, No and Unknown, the good answer marked: a picker's rows."""
    return [(answer_for(r, good), reply_word(answer_for(r, good), good, settings)) for r in REPLIES]


@dataclass(frozen=True, slots=True)
class DealRow:
    """One line of the deal list."""

    id: int
    account_id: int
    account_name: str
    title: str
    amount: Decimal | None
    completion_date: date | None
    status: str
    funnel: str
    position: int | None
    open_landmines: int  # the sheet's landmine count (db.sheet_reads.list_deals says when)
    outcome: str
    completeness: int | None = None  # 0-100, when the list was asked to compute it
    account_archived: bool = False  # the account was archived: the deal is out of sight
