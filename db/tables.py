"""The whole domain schema of DOMAIN.md as SQLModel tables.

Money is integer minor units (``*_minor``: cents/fen); timestamps are timezone-aware UTC
``datetime`` (SQLModel's UTCDateTime refuses naive ones);
calendar days (close dates, due dates, periods) are ``date``. Rows that two people could edit
carry ``version`` for optimistic concurrency.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from salestui.db.columns import money


class Region(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    region_class: str = "potential"  # strategic / consolidate / potential


class Person(SQLModel, table=True):
    __table_args__ = (Index("uq_person_os_user", "os_user", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True)
    display_name: str
    role: str = "rep"  # rep / manager
    admin: bool = False  # an administrator: sees and changes everything, acts for anyone
    # The OS account bound to the person (on PostgreSQL: the database role): salestui acts as the
    # person bound to the account that runs it.
    os_user: str | None = None
    title: str = ""  # city supervisor, province manager, regional manager, ...
    manager_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    region_id: int | None = Field(default=None, foreign_key="region.id")
    hire_date: date | None = None
    active: bool = True
    external_id: str | None = Field(default=None, index=True)
    # the IANA zone of the person's calendar ("Asia/Shanghai"); "" is the system's
    timezone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    version: int = 1


class Customer(SQLModel, table=True):
    # new customers per owner in a period
    __table_args__ = (Index("ix_customer_created_owner", "created_at", "owner_id"),)
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    name: str = Field(index=True)
    industry: str = ""
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    channel: str = "direct"  # direct / distributor / e-commerce
    size: str = ""  # small / medium / large / enterprise
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    created_at: datetime
    version: int = 1


class Product(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(unique=True)
    name: str
    product_line: str = ""
    list_price_minor: int = money()
    unit_cost_minor: int = money()


class Lead(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    name: str
    company: str = ""
    source: str = "online"  # online / partner referral / trade show / purchased list
    industry: str = ""
    region_id: int | None = Field(default=None, foreign_key="region.id")
    need_fit: int = 0  # each part 0-25
    decision_authority: int = 0
    budget_timeline: int = 0
    engagement_history: int = 0
    grade: str = "C"
    created_at: datetime
    first_contact_at: datetime | None = None
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    status: str = "new"  # new / contacted / qualified / converted / disqualified
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    version: int = 1
    # how to reach the person the lead names
    email: str = Field(default="", sa_column_kwargs={"server_default": ""})
    phone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # why it was disqualified (or a note on qualifying)
    status_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # what a conversion made of it: the customer and the contact (the deal is opportunity_id)
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")


class Contact(SQLModel, table=True):
    """A person at a customer: who buys, who signs, who uses it, who keeps the door."""

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    role: str = ""  # decision maker / influencer / user / gatekeeper, or "" when not known
    created_at: datetime
    version: int = 1


class Opportunity(SQLModel, table=True):
    __table_args__ = (
        # keyset pages of a board column (stage, longest in stage first); the trailing columns
        # make the per-stage totals an index-only scan over the open deals
        Index(
            "ix_opportunity_stage_page",
            "stage",
            "stage_entered_at",
            "id",
            "amount_minor",
            "probability",
            "owner_id",
        ),
        Index("ix_opportunity_owner_stage", "owner_id", "stage"),
        # per-customer deal figures (open pipeline, new deals, losses to competitors)
        Index(
            "ix_opportunity_customer_cov",
            "customer_id",
            "created_at",
            "stage",
            "amount_minor",
            "closed_at",
            "lost_reason",
        ),
        # recent closes: Won/Lost since a day
        Index("ix_opportunity_stage_closed", "stage", "closed_at", "amount_minor", "owner_id"),
        # the open deals expected to close in a period (forecast, pipeline movement): index-only
        Index(
            "ix_opportunity_stage_close",
            "stage",
            "expected_close",
            "owner_id",
            "forecast_category",
            "amount_minor",
            "probability",
        ),
        # the funnel: the stages each deal of a period entered, from the index alone (0016)
        Index("ix_opportunity_created_reached", "created_at", "owner_id", "stages_reached"),
    )
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    owner_id: int = Field(foreign_key="person.id")
    title: str
    amount_minor: int = money()
    expected_close: date
    stage: str = "Prospect"
    probability: int = 10  # percent
    lost_reason: str | None = None
    created_at: datetime
    stage_entered_at: datetime
    closed_at: datetime | None = None
    close_date_pushes: int = 0
    last_activity_at: datetime | None = None
    # the next step agreed, as the last activity that named one left it
    next_step: str = Field(default="", sa_column_kwargs={"server_default": ""})
    next_step_date: date | None = None
    competitor: str = Field(default="", sa_column_kwargs={"server_default": ""})
    lost_note: str = Field(default="", sa_column_kwargs={"server_default": ""})  # beyond the reason
    approval: str | None = None  # None / "pending" / "approved" / "rejected"
    # set by the owner: commit / best case / pipeline / omitted; None = defaulted by the settings
    forecast_category: str | None = None
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = None
    # the stages this deal ever entered, one bit each (``kernel.domain.STAGE_BIT``; None with no
    # history), worked out from its history by triggers whatever writes (migration 0016)
    stages_reached: int | None = None


class OpportunityContact(SQLModel, table=True):
    """The contacts a deal involves (many to many)."""

    __tablename__ = "opportunity_contact"
    opportunity_id: int = Field(foreign_key="opportunity.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, index=True)


class OpportunityLine(SQLModel, table=True):
    """A product on a deal: quantity × unit price less the discount; when a deal has lines its
    amount is their sum."""

    __tablename__ = "opportunity_line"
    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    quantity: int = 1
    unit_price_minor: int = money()
    discount_bp: int = 0  # the discount in basis points: 1250 = 12.5 %


class StageChange(SQLModel, table=True):
    """Append-only history; funnel, cycle and stalled metrics are computed from it."""

    __tablename__ = "stage_change"
    __table_args__ = (
        # a deal's history, with the stage each change entered, from the index alone (0015)
        Index("ix_stage_change_opp_at", "opportunity_id", "changed_at", "to_stage"),
        # the stints left in a window, each with its entering moment and its deal's owner, in
        # one range (0014, 0017)
        Index(
            "ix_stage_change_left",
            "changed_at",
            "from_stage",
            "entered_at",
            "owner_id",
            "opportunity_id",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id")
    from_stage: str | None = None
    to_stage: str
    changed_at: datetime
    changed_by: str
    # when the deal entered the stage this change leaves: its latest change strictly before
    # this one (None for its first), kept by triggers whatever writes (migration 0014)
    entered_at: datetime | None = None
    # the deal's owner (now), kept by triggers however changes and deals are written (0017)
    owner_id: int | None = None


class Approval(SQLModel, table=True):
    """One sign-off an opportunity entering Negotiation needs (director, or finance+legal+VP)."""

    __table_args__ = (UniqueConstraint("opportunity_id", "approver_role"),)
    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    approver_role: str  # director / finance / legal / vp
    status: str = "pending"  # pending / approved / rejected
    requested_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None
    comment: str = Field(default="", sa_column_kwargs={"server_default": ""})


class SalesOrder(SQLModel, table=True):
    """An order and its invoice: what was sold, when it is due, what has been paid."""

    __tablename__ = "sales_order"
    __table_args__ = (
        # per-customer order figures (RFM, collections, credit risk) from the index alone
        Index(
            "ix_sales_order_customer_date",
            "customer_id",
            "order_date",
            "amount_minor",
            "paid_minor",
            "due_date",
        ),
        # invoices falling due in a period (collections, overdue), index-only
        Index("ix_sales_order_due", "due_date", "customer_id", "amount_minor", "paid_minor"),
        # what is open (overdue, receivable) from the orders not paid in full, and at a past
        # day from those paid in full only after it: a few per cent of all orders (migration 0013)
        Index(
            "ix_sales_order_unpaid",
            *("due_date", "order_date", "customer_id", "amount_minor", "paid_minor", "paid_date"),
            sqlite_where=text("paid_minor < amount_minor"),
            postgresql_where=text("paid_minor < amount_minor"),
        ),
        Index(
            "ix_sales_order_paid_date",
            *("paid_date", "order_date", "due_date", "customer_id", "amount_minor", "paid_minor"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, index=True)
    customer_id: int = Field(foreign_key="customer.id")
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    order_date: date
    due_date: date
    amount_minor: int = money()
    paid_minor: int = money()
    paid_date: date | None = None
    version: int = 1


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_line"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    quantity: int = 1  # negative for a return
    unit_price_minor: int = money()
    unit_cost_minor: int = money()


class Activity(SQLModel, table=True):
    __table_args__ = (
        Index("ix_activity_customer_at", "customer_id", "occurred_at"),
        Index("ix_activity_opportunity_at", "opportunity_id", "occurred_at"),
        # visits per person in a period, index-only
        Index("ix_activity_at_person", "occurred_at", "person_id", "kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = "call"  # visit / call / email / meeting / demo
    person_id: int = Field(foreign_key="person.id", index=True)
    customer_id: int | None = Field(default=None, foreign_key="customer.id")
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    # a contact made with a lead (before it is a customer); it stops the lead's SLA clock
    lead_id: int | None = Field(default=None, foreign_key="lead.id", index=True)
    occurred_at: datetime
    note: str = ""
    duration_minutes: int | None = None
    outcome: str = Field(default="", sa_column_kwargs={"server_default": ""})
    next_step: str = Field(default="", sa_column_kwargs={"server_default": ""})
    next_step_date: date | None = None


class Target(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("scope_type", "scope_id", "period_type", "period_start", "metric"),
    )
    id: int | None = Field(default=None, primary_key=True)
    scope_type: str  # person / team / region / company
    scope_id: int | None = None
    period_type: str  # month / quarter / year
    period_start: date
    metric: str  # revenue / new_customers / visits
    value: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    version: int = 1


class ForecastCall(SQLModel, table=True):
    """A person's call for their scope's quarter, made in a week; every call is kept (the week's
    call is the last one made in it), so accuracy can be read week by week afterwards."""

    __tablename__ = "forecast_call"
    __table_args__ = (
        Index("ix_forecast_call_person_period", "person_id", "period_start", "week_start"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    period_start: date  # the quarter's first day
    week_start: date  # the first day (the team's first weekday) of the week it was made in
    amount_minor: int = money()
    note: str = Field(default="", sa_column_kwargs={"server_default": ""})
    made_at: datetime
    made_by: str


class ActionItem(SQLModel, table=True):
    __tablename__ = "action_item"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    owner_id: int = Field(foreign_key="person.id", index=True)
    due: date
    status: str = "open"  # open / doing / done / dropped
    priority: str = "normal"  # low / normal / high
    link_type: str | None = None  # customer / opportunity / person / region
    link_id: int | None = None
    origin: str = "manual"  # manual, or the warning kind that raised it
    warning_key: str | None = Field(default=None, index=True)
    created_by: str
    created_at: datetime
    done_at: datetime | None = None
    version: int = 1


class Complaint(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    category: str = "service"  # product / service / process
    severity: str = "normal"  # normal / urgent / major
    opened_at: datetime
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    summary: str = ""


class NpsAnswer(SQLModel, table=True):
    __tablename__ = "nps_answer"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    score: int
    answered_on: date


# the record-keeping tables live beside these; every table is reachable from here
from salestui.db.ledger_tables import AuditHead as AuditHead  # noqa: E402
from salestui.db.ledger_tables import AuditLog as AuditLog  # noqa: E402
from salestui.db.ledger_tables import ChangeCounter as ChangeCounter  # noqa: E402
from salestui.db.ledger_tables import CustomerTouch as CustomerTouch  # noqa: E402
from salestui.db.ledger_tables import FigureStore as FigureStore  # noqa: E402
from salestui.db.ledger_tables import ImportBatch as ImportBatch  # noqa: E402
from salestui.db.ledger_tables import Setting as Setting  # noqa: E402
from salestui.db.ledger_tables import StageTotal as StageTotal  # noqa: E402
