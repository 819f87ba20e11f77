"""The words and default rules of DOMAIN.md, in one place for every layer to share."""

from __future__ import annotations

from salestui.kernel.i18n import N_

PROSPECT, QUALIFIED, PROPOSAL, NEGOTIATION, WON, LOST = (
    "Prospect",
    "Qualified",
    "Proposal",
    "Negotiation",
    "Won",
    "Lost",
)
OPEN_STAGES: tuple[str, ...] = (PROSPECT, QUALIFIED, PROPOSAL, NEGOTIATION)
CLOSED_STAGES: tuple[str, ...] = (WON, LOST)
STAGES: tuple[str, ...] = OPEN_STAGES + CLOSED_STAGES
# One bit per stage, as the SQL aggregate builds the mask of the stages a deal ever entered.
STAGE_BIT: dict[str, int] = {s: 1 << i for i, s in enumerate(STAGES)}

DEFAULT_PROBABILITY: dict[str, int] = {
    PROSPECT: 10,
    QUALIFIED: 25,
    PROPOSAL: 50,
    NEGOTIATION: 75,
    WON: 100,
    LOST: 0,
}
# Days an open deal may sit in a stage before it counts as stalled.
DEFAULT_STALL_DAYS: dict[str, int] = {PROSPECT: 14, QUALIFIED: 21, PROPOSAL: 30, NEGOTIATION: 30}

LOST_REASONS: tuple[str, ...] = (
    "price",
    "competitor",
    "no budget",
    "no decision",
    "timing",
    "other",
)

# Approval on entering Negotiation: up to this amount (major units) the sales director signs;
# above it finance, legal and the VP.
APPROVAL_THRESHOLD_MAJOR = 500_000
DIRECTOR_APPROVERS: tuple[str, ...] = ("director",)
LARGE_DEAL_APPROVERS: tuple[str, ...] = ("finance", "legal", "vp")

# A person's place in the org; an administrator is a flag of its own (``Person.admin``). The
# people import still reads the old role "admin" as a manager who is an administrator.
ROLES: tuple[str, ...] = ("rep", "manager")
REGION_CLASSES: tuple[str, ...] = ("strategic", "consolidate", "potential")
CHANNELS: tuple[str, ...] = ("direct", "distributor", "e-commerce")
ACTIVITY_KINDS: tuple[str, ...] = ("visit", "call", "email", "meeting", "demo", "note")
# an activity as a message says it was logged ("logged a visit on …"), shown with _()
ACTIVITY_WORDS: dict[str, str] = {
    "visit": N_("a visit"),
    "call": N_("a call"),
    "email": N_("an email"),
    "meeting": N_("a meeting"),
    "demo": N_("a demo"),
    "note": N_("a note"),
}
LEAD_SOURCES: tuple[str, ...] = ("online", "partner referral", "trade show", "purchased list")
LEAD_STATUSES: tuple[str, ...] = ("new", "contacted", "qualified", "converted", "disqualified")
# a contact's part in the customer's decision ("" when not known)
CONTACT_ROLES: tuple[str, ...] = ("decision maker", "influencer", "user", "gatekeeper")
ACTION_STATUSES: tuple[str, ...] = ("open", "doing", "done", "dropped")
OPEN_ACTION_STATUSES: tuple[str, ...] = ACTION_STATUSES[:2]  # still to do
ACTION_PRIORITIES: tuple[str, ...] = ("low", "normal", "high")
COMPLAINT_CATEGORIES: tuple[str, ...] = ("product", "service", "process")
COMPLAINT_SEVERITIES: tuple[str, ...] = ("normal", "urgent", "major")
TARGET_METRICS: tuple[str, ...] = ("revenue", "new_customers", "visits")
TARGET_SCOPES: tuple[str, ...] = ("person", "team", "region", "company")
PERIOD_TYPES: tuple[str, ...] = ("month", "quarter", "year")

# A complaint is to have its first response within this many hours.
COMPLAINT_RESPONSE_HOURS = 48

# A customer counts as a late payer when this many past invoices were paid after their due date.
LATE_PAYMENT_HISTORY = 2

MINOR_PER_MAJOR = 100


def next_stage(stage: str) -> str | None:
    """The open stage after ``stage``, or None at Negotiation (winning is its own key)."""
    if stage not in OPEN_STAGES:
        return None
    i = OPEN_STAGES.index(stage)
    return OPEN_STAGES[i + 1] if i + 1 < len(OPEN_STAGES) else None


def previous_stage(stage: str) -> str | None:
    if stage not in OPEN_STAGES:
        return None
    i = OPEN_STAGES.index(stage)
    return OPEN_STAGES[i - 1] if i > 0 else None


def approvers_for(amount_minor: int) -> tuple[str, ...]:
    """Who must sign off a deal of this amount entering Negotiation."""
    if amount_minor <= APPROVAL_THRESHOLD_MAJOR * MINOR_PER_MAJOR:
        return DIRECTOR_APPROVERS
    return LARGE_DEAL_APPROVERS


def lead_grade(score: int) -> str:
    return "A" if score >= 75 else "B" if score >= 50 else "C"


# The stored words above as people read them: each is translated where it is shown
# (``salestui.kernel.i18n._``), and stays the same stored word in the database, JSON and CSV.
SHOWN_WORDS: tuple[str, ...] = (
    N_("Prospect"),
    N_("Qualified"),
    N_("Proposal"),
    N_("Negotiation"),
    N_("Won"),
    N_("Lost"),
    N_("price"),
    N_("competitor"),
    N_("no budget"),
    N_("no decision"),
    N_("timing"),
    N_("other"),
    N_("rep"),
    N_("manager"),
    N_("strategic"),
    N_("consolidate"),
    N_("potential"),
    N_("direct"),
    N_("distributor"),
    N_("e-commerce"),
    N_("visit"),
    N_("call"),
    N_("email"),
    N_("meeting"),
    N_("demo"),
    N_("note"),
    N_("online"),
    N_("partner referral"),
    N_("trade show"),
    N_("purchased list"),
    N_("new"),
    N_("contacted"),
    N_("qualified"),
    N_("converted"),
    N_("disqualified"),
    N_("decision maker"),
    N_("influencer"),
    N_("user"),
    N_("gatekeeper"),
    N_("open"),
    N_("doing"),
    N_("done"),
    N_("dropped"),
    N_("low"),
    N_("normal"),
    N_("high"),
    N_("product"),
    N_("service"),
    N_("process"),
    N_("urgent"),
    N_("major"),
    N_("revenue"),
    N_("new_customers"),
    N_("visits"),
    N_("person"),
    N_("team"),
    N_("region"),
    N_("company"),
    N_("month"),
    N_("quarter"),
    N_("year"),
)
