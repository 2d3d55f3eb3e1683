"""The Peewee models: every table of the followup database.

Timestamps are stored in UTC; calendar dates (due dates, completion dates) are
plain dates. Enumerated values are short keys from `followup_tui.core.base.kinds`.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    DeferredForeignKey,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from followup_tui.db.connection import db as db  # the models' database (re-exported)


def utcnow() -> dt.datetime:
    """The current UTC time, naive, as stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Base(Model):
    """Common settings of every table.

    Each foreign key `x` also reads as `x_id` (Peewee adds the accessor at run
    time); the models declare those as bare annotations for the type checker.
    """

    class Meta:
        database = db.peewee()  # Peewee's database: the models bring Peewee in
        legacy_table_names = False


def _money() -> DecimalField:
    return DecimalField(max_digits=14, decimal_places=2, auto_round=True, null=True)


class Account(Base):
    """A customer account and its state: class, heat, type, tier and profile."""

    id = AutoField()
    name = CharField()
    owner = CharField(default="")
    # Normalised name (NFKC, casefolded) for search; kept in step by the data layer.
    search_key = CharField(default="", index=True)
    sort_key = CharField(default="", index=True)  # text.name_sort_key: Chinese by pinyin
    # naming.stored_forms: the name folded, and its pinyin whole and by initials, as a
    # rep may type it (`followup note huawei`, "Go to" in the palette); kept in step.
    name_forms = TextField(default="")
    willingness = CharField(null=True)  # high / low
    need = CharField(null=True)  # strong / weak
    quadrant = CharField(null=True, index=True)  # derived A/B/C/D, stored for sorting
    relationship = CharField(default="target", index=True)  # existing / dormant / target
    tier = CharField(null=True, index=True)
    heat = FloatField(default=30.0)  # cached value, recomputed from history
    rejection_count = IntegerField(default=0)
    stop_reason = TextField(default="")  # why a dormant account stopped buying
    start_reason = TextField(default="")  # why it first came to us (the revival post-mortem)
    archived = BooleanField(default=False, index=True)
    archived_at = DateTimeField(null=True)
    notes = TextField(default="")
    # Profile, basic group (seed 002)
    address = TextField(default="")
    phone = CharField(default="")
    email = CharField(default="")
    website = CharField(default="")
    bank = TextField(default="")
    # Business group
    industry = CharField(default="")
    business_plans = TextField(default="")
    fiscal_year_start = CharField(default="")  # e.g. "01-01"
    # Personal group (of the owner/boss)
    birthday = DateField(null=True)
    interests = TextField(default="")
    dislikes = TextField(default="")
    # Logistics group
    delivery_preferences = TextField(default="")
    # Business record group: past deals live in Purchase; this is the summary text
    business_record = TextField(default="")
    # Seed 001 fields
    market_data = TextField(default="")
    order_to_delivery_days = IntegerField(null=True)
    technical_needs = TextField(default="")
    design_cycle = TextField(default="")
    supplier_reduction = TextField(default="")
    special_requirements = TextField(default="")
    credit = TextField(default="")
    critical_operations = TextField(default="")
    rules_of_engagement = TextField(default="")
    total_market = _money()
    channels_not_in = _money()  # market in channels we do not serve
    # 5+5+5 plan for the year (seed 001): expected vs actual, reviewed monthly
    plan_expected = _money()
    plan_actual = _money()
    plan_text = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # A summary kept in step by the data layer (db/summaries.py) so the account list
    # can show, sort and search 100,000 accounts without aggregating their history.
    last_contact_at = DateTimeField(null=True)
    next_follow_up = DateField(null=True)
    open_amount = DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True)
    search_text = TextField(default="")  # name, contact names and notes, normalised
    # A heat anchor (core.accounts.heat_anchor): on `heat_anchor_on` the account's heat
    # was `heat_anchor`, whatever its history says. An import keeps a document's heat
    # this way; both set or both NULL. `heat_anchor_after`: the account's last activity
    # id when it was kept - a contact logged later that day earns on top of it.
    heat_anchor = FloatField(null=True)
    heat_anchor_on = DateField(null=True)
    heat_anchor_after = IntegerField(null=True)

    class Meta:
        indexes = ((("owner", "name"), True),)


class Contact(Base):
    """A key person at an account."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="contacts", on_delete="CASCADE")
    account_id: int
    name = CharField()
    title = CharField(default="")
    department = CharField(default="")
    level = IntegerField(null=True)  # involvement 1-5
    phone = CharField(default="")
    email = CharField(default="")
    time_zone = CharField(default="")  # IANA name, e.g. Asia/Shanghai
    call_window_start = CharField(default="")  # "09:00" local to the contact
    call_window_end = CharField(default="")
    interests = TextField(default="")
    pains = TextField(default="")
    good_supplier = TextField(default="")  # what a good supplier means to them
    responsibility = TextField(default="")
    is_coach = BooleanField(default=False)
    notes = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    # text.name_spoken(name): the name's pinyin, whole and initials, kept in step by the
    # data layer so the account's search text finds the person by pinyin.
    spoken = CharField(default="")


class Deal(Base):
    """A Single Sales Objective and its blue sheet header."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="deals", on_delete="CASCADE")
    account_id: int
    title = CharField()
    product = CharField(default="")
    amount = _money()
    completion_date = DateField(null=True)
    status = CharField(default="getting_started")  # urgent / in_progress / ...
    funnel = CharField(default="above")  # universe / above / in / best_few
    outcome = CharField(default="open", index=True)  # open / won / lost
    position = IntegerField(null=True)  # +5 euphoria .. -5 panic
    alternate_position = IntegerField(null=True)
    position_why = TextField(default="")
    position_move = TextField(default="")
    position_plan = TextField(default="")
    position_confirmed_at = DateTimeField(null=True)
    position_confirmed_by = DeferredForeignKey("Activity", null=True, on_delete="SET NULL")
    position_confirmed_by_id: int | None
    evidence_customer = TextField(default="")
    evidence_product = TextField(default="")
    evidence_amount = TextField(default="")
    evidence_completion_date = TextField(default="")
    evidence_status = TextField(default="")
    fit_credit = CharField(default="unknown")  # good / bad / unknown
    fit_need_fit = CharField(default="unknown")
    fit_loyalty = CharField(default="unknown")
    fit_notes = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        # An account's open deals: without it SQLite may pick the outcome index
        # and read every open deal of a large book.
        indexes = ((("account", "outcome"), False),)


class Activity(Base):
    """A call, visit, email or meeting, with its outcome and both sides' commitments."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="activities", on_delete="CASCADE")
    account_id: int
    contact = ForeignKeyField(Contact, null=True, backref="activities", on_delete="SET NULL")
    contact_id: int | None
    deal = ForeignKeyField(Deal, null=True, backref="activities", on_delete="SET NULL")
    deal_id: int | None
    kind = CharField(default="call")
    occurred_at = DateTimeField(index=True)
    outcome = CharField(null=True)
    notes = TextField(default="")
    our_commitments = TextField(default="")
    their_commitments = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    # The account's heat right after this activity, replayed in (occurred_at, id)
    # order: the due queue starts each account from the last value before its
    # window instead of replaying the whole history. NULL = not replayed yet
    # (readers then replay); `db.heat_cache` keeps it current.
    heat_after = FloatField(null=True)

    class Meta:
        indexes = ((("account", "occurred_at"), False),)


# Contacts written without a replay (by a path that bypasses `db.heat_cache`):
# their accounts' stored heat cannot be trusted, and readers find them here at once.
Activity.add_index(
    Activity.index(
        Activity.account,
        name="activity_unreplayed",
        where=Activity.heat_after.is_null() & (Activity.kind != "note"),
    )
)


class Influence(Base):
    """A buying influence: one person's role and stance in one deal."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="influences", on_delete="CASCADE")
    deal_id: int
    contact = ForeignKeyField(Contact, backref="influences", on_delete="CASCADE")
    contact_id: int
    role = CharField()  # economic_buyer / user_buyer / technical_buyer / coach
    role_evidence = TextField(default="")
    mode = CharField(null=True)  # growth / trouble / even_keel / overconfident
    mode_evidence = TextField(default="")
    mode_confirmed_at = DateTimeField(null=True)
    mode_confirmed_by = ForeignKeyField(
        Activity, null=True, on_delete="SET NULL", backref="confirmed_modes"
    )
    mode_confirmed_by_id: int | None
    degree = CharField(default="medium")  # high / medium / low
    rating = IntegerField(null=True)  # +5 .. -5
    rating_evidence = TextField(default="")
    rating_confirmed_at = DateTimeField(null=True)
    rating_confirmed_by = ForeignKeyField(
        Activity, null=True, on_delete="SET NULL", backref="confirmed_ratings"
    )
    rating_confirmed_by_id: int | None
    contacted = BooleanField(default=False)
    last_contacted_on = DateField(null=True)
    results = TextField(default="")  # organisational results they want
    personal_win = TextField(default="")
    added_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("deal", "contact"), True),)  # one person, one line on a sheet


class Bullet(Base):
    """A strength the customer sees in us, tied to the deal."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="bullets", on_delete="CASCADE")
    deal_id: int
    category = CharField(default="difference")
    text = TextField()
    influence = ForeignKeyField(Influence, null=True, backref="bullets", on_delete="SET NULL")
    influence_id: int | None
    created_at = DateTimeField(default=utcnow)


class Landmine(Base):
    """A risk in the deal, optionally disarmed by a bullet."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="landmines", on_delete="CASCADE")
    deal_id: int
    category = CharField(default="unknown_info")
    text = TextField()
    influence = ForeignKeyField(Influence, null=True, backref="landmines", on_delete="SET NULL")
    influence_id: int | None
    bullet = ForeignKeyField(Bullet, null=True, backref="disarms", on_delete="SET NULL")
    bullet_id: int | None
    resolved = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)


class BestAction(Base):
    """Who does what by when, aimed at a landmine or a win."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="actions", on_delete="CASCADE")
    deal_id: int
    who = CharField(default="")
    what = TextField()
    due = DateField(null=True)
    done = BooleanField(default=False)
    done_on = DateField(null=True)
    landmine = ForeignKeyField(Landmine, null=True, backref="actions", on_delete="SET NULL")
    landmine_id: int | None
    target = TextField(default="")  # the win it aims at, when not a landmine
    created_at = DateTimeField(default=utcnow)


class SignalAnswer(Base):
    """One 'where do we stand?' signal or trap answered for a deal."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="signals", on_delete="CASCADE")
    deal_id: int
    signal = CharField()  # a signal or trap id from config
    answer = CharField(default="unknown")  # good / bad / unknown
    note = TextField(default="")
    answered_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("deal", "signal"), True),)


class FollowUp(Base):
    """A dated next step with an account."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="follow_ups", on_delete="CASCADE")
    account_id: int
    contact = ForeignKeyField(Contact, null=True, backref="follow_ups", on_delete="SET NULL")
    contact_id: int | None
    deal = ForeignKeyField(Deal, null=True, backref="follow_ups", on_delete="SET NULL")
    deal_id: int | None
    due = DateField(index=True)
    purpose = TextField(default="")
    done = BooleanField(default=False, index=True)
    done_at = DateTimeField(null=True)
    snoozed_from = DateField(null=True)  # the due date before the last snooze
    snooze_count = IntegerField(default=0)
    activity = ForeignKeyField(
        Activity, null=True, backref="closed_follow_ups", on_delete="SET NULL"
    )
    activity_id: int | None
    created_at = DateTimeField(default=utcnow)

    class Meta:
        # An account's open follow-up, read on every contact logged: by the `done`
        # index alone that was a scan of every open one (34 ms at 100,000 accounts).
        indexes = ((("account", "done"), False),)


class Purchase(Base):
    """A past purchase, for the business record and buying-season prediction."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="purchases", on_delete="CASCADE")
    account_id: int
    purchased_on = DateField()
    amount = _money()
    product = CharField(default="")
    notes = TextField(default="")


class DealReview(Base):
    """A deal review: its comments, score and a snapshot to diff the next one against."""

    id = AutoField()
    deal = ForeignKeyField(Deal, backref="reviews", on_delete="CASCADE")
    deal_id: int
    reviewed_on = DateField()
    comments = TextField(default="")
    score = IntegerField(null=True)  # completeness 0-100
    snapshot = TextField(default="{}")  # JSON of the sheet at review time
    reviewer = TextField(default="")  # who led the review (schema 12)
    verdict = TextField(default="")  # the verdict kind it reached, '' before schema 12


class ExternalId(Base):
    """An id a record has in another system, so re-imports update instead of duplicating."""

    id = AutoField()
    entity = CharField()  # table name, e.g. "account"
    entity_id = IntegerField()
    system = CharField()
    external_id = CharField()

    class Meta:
        indexes = ((("system", "entity", "external_id"), True),)


class NoteDraft(Base):
    """A note being typed, saved keystroke by keystroke so a crash loses nothing."""

    id = AutoField()
    context = CharField(unique=True)  # e.g. "account:12" or "call:follow_up:7"
    account = ForeignKeyField(Account, null=True, backref="drafts", on_delete="CASCADE")
    account_id: int | None
    text = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class TalkingPoint(Base):
    """Something new the rep keeps to bring up on calls (a product, a case, an event)."""

    id = AutoField()
    kind = CharField(default="product")  # product / case / event / other
    text_en = TextField(default="")
    text_zh = TextField(default="")
    expires_on = DateField(null=True)  # the last day it is offered; null: no end
    created_at = DateTimeField(default=utcnow)


class ActionPlan(Base):
    """An account's action plan for a year (seed 001): its goals, a line each."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="action_plans", on_delete="CASCADE")
    account_id: int
    year = IntegerField()
    goals = TextField(default="")  # one goal a line
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("account", "year"), True),)  # one plan per account and year


class PlanMilestone(Base):
    """The amount a plan expects in one month of its year."""

    id = AutoField()
    plan = ForeignKeyField(ActionPlan, backref="milestones", on_delete="CASCADE")
    plan_id: int
    month = IntegerField()  # 1..12
    expected = _money()

    class Meta:
        indexes = ((("plan", "month"), True),)


class PlanStep(Base):
    """A step of a plan: who / how / when / why / what for, and its mark."""

    id = AutoField()
    plan = ForeignKeyField(ActionPlan, backref="steps", on_delete="CASCADE")
    plan_id: int
    position = IntegerField(default=0)
    who = TextField(default="")
    how = TextField(default="")
    due = CharField(default="")  # when: 'YYYY-MM' (a month) or 'YYYY-MM-DD' (a day)
    why = TextField(default="")
    what_for = TextField(default="")
    status = CharField(default="open")  # open / done / missed
    marked_on = DateField(null=True)  # the day it was marked done or missed
    created_at = DateTimeField(default=utcnow)


class YearEndVerdict(Base):
    """The rep's year-end verdict on an account (move_up / breaking_in / drop)."""

    id = AutoField()
    account = ForeignKeyField(Account, backref="year_end_verdicts", on_delete="CASCADE")
    account_id: int
    year = IntegerField()
    verdict = CharField()
    proposal = CharField(default="")  # what the analysis proposed then
    confirmed_on = DateField()

    class Meta:
        indexes = ((("account", "year"), True),)


ALL_MODELS: tuple[type[Base], ...] = (
    Account,
    Contact,
    Deal,
    Activity,
    Influence,
    Bullet,
    Landmine,
    BestAction,
    SignalAnswer,
    FollowUp,
    Purchase,
    DealReview,
    ExternalId,
    NoteDraft,
    TalkingPoint,
    ActionPlan,
    PlanMilestone,
    PlanStep,
    YearEndVerdict,
)
