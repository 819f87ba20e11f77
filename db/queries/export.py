"""Every kind as plain rows under the column names the importer reads, references by name.

A reference is written as what the importer resolves: a person's login, a customer's name (with
its external id beside it), a product's name and SKU, a deal's external id (or its title), a
region's name. Money stays in minor units and times stay aware UTC; the writer formats them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session, aliased

from salestui.db.queries.export_forecast import with_effective_category
from salestui.db.tables import (
    Activity,
    Approval,
    Contact,
    Customer,
    Lead,
    Opportunity,
    OpportunityLine,
    OrderLine,
    Person,
    Product,
    Region,
    SalesOrder,
    Target,
)
from salestui.kernel.deal_lines import discount_text

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("external_id", "login", "display_name", "role", "title", "manager", "region",
               "hire_date", "active", "admin", "os_user"),
    "customers": ("external_id", "name", "industry", "region", "channel", "size", "owner",
                  "created_at"),
    "products": ("sku", "name", "product_line", "list_price", "unit_cost"),
    "opportunities": ("external_id", "title", "customer", "customer_external_id", "owner", "amount",
                      "expected_close", "stage", "probability", "lost_reason", "lost_note",
                      "competitor", "next_step", "next_step_date", "created_at",
                      "stage_entered_at", "closed_at", "forecast_category",
                      "product"),
    "orders": ("order_id", "customer", "customer_external_id", "opportunity", "order_date",
               "due_date", "product", "product_sku", "quantity", "unit_price", "unit_cost",
               "paid", "paid_date"),
    "activities": ("kind", "person", "customer", "customer_external_id", "opportunity",
                   "occurred_at", "note"),
    "leads": ("external_id", "name", "company", "email", "phone", "source", "industry", "region", "need_fit",
              "decision_authority", "budget_timeline", "engagement_history", "grade",
              "created_at", "first_contact_at", "owner", "status", "opportunity"),
    "contacts": ("external_id", "customer", "customer_external_id", "name", "title", "phone",
                 "email", "role"),
    "targets": ("scope_type", "scope", "period_type", "period_start", "metric", "value"),
    "deal-lines": ("deal", "product", "quantity", "unit_price", "discount"),
    # export only: an approval is decided in salestui, never imported
    "approvals": ("deal", "deal_external_id", "role", "status", "requested_at", "decided_by",
                  "decided_at", "comment"),
}  # fmt: skip
EXPORT_ONLY = ("approvals",)


def _deal_ref(o):
    return func.coalesce(o.external_id, o.title)


def _only_product(o):
    """The SKU of the deal's product when it has exactly one line (what a deals file's
    ``product`` sets), else nothing."""
    return (
        select(func.min(Product.sku))
        .join(OpportunityLine, OpportunityLine.product_id == Product.id)
        .where(OpportunityLine.opportunity_id == o.id)
        .having(func.count() == 1)
        .scalar_subquery()
    )


def _query(kind: str):
    owner, manager = aliased(Person), aliased(Person)
    if kind == "people":
        return (
            select(Person.external_id, Person.login, Person.display_name, Person.role, Person.title,
                   manager.login, Region.name, Person.hire_date, Person.active, Person.admin,
                   Person.os_user)
            .outerjoin(manager, manager.id == Person.manager_id)
            .outerjoin(Region, Region.id == Person.region_id)
            .order_by(Person.id)
        )  # fmt: skip
    if kind == "customers":
        return (
            select(Customer.external_id, Customer.name, Customer.industry, Region.name,
                   Customer.channel, Customer.size, owner.login, Customer.created_at)
            .outerjoin(Region, Region.id == Customer.region_id)
            .outerjoin(owner, owner.id == Customer.owner_id)
            .order_by(Customer.id)
        )  # fmt: skip
    if kind == "products":
        return select(
            Product.sku, Product.name, Product.product_line, Product.list_price_minor,
            Product.unit_cost_minor,
        ).order_by(Product.id)  # fmt: skip
    if kind == "opportunities":
        o = Opportunity
        return (
            select(o.external_id, o.title, Customer.name, Customer.external_id, owner.login,
                   o.amount_minor, o.expected_close, o.stage, o.probability, o.lost_reason,
                   o.lost_note, o.competitor, o.next_step, o.next_step_date,
                   o.created_at, o.stage_entered_at, o.closed_at, o.forecast_category,
                   _only_product(o))
            .join(Customer, Customer.id == o.customer_id)
            .join(owner, owner.id == o.owner_id)
            .order_by(o.id)
        )  # fmt: skip
    if kind == "orders":
        so = SalesOrder
        order_ref = func.coalesce(so.external_id, literal("#").concat(cast(so.id, String)))
        return (
            select(order_ref, Customer.name, Customer.external_id, _deal_ref(Opportunity),
                   so.order_date, so.due_date, Product.name, Product.sku, OrderLine.quantity,
                   OrderLine.unit_price_minor, OrderLine.unit_cost_minor, so.paid_minor,
                   so.paid_date)
            .join(Customer, Customer.id == so.customer_id)
            .outerjoin(Opportunity, Opportunity.id == so.opportunity_id)
            .join(OrderLine, OrderLine.order_id == so.id)
            .join(Product, Product.id == OrderLine.product_id)
            .order_by(so.id, OrderLine.id)
        )  # fmt: skip
    if kind == "activities":
        a = Activity
        return (
            select(a.kind, owner.login, Customer.name, Customer.external_id,
                   _deal_ref(Opportunity), a.occurred_at, a.note)
            .join(owner, owner.id == a.person_id)
            .outerjoin(Customer, Customer.id == a.customer_id)
            .outerjoin(Opportunity, Opportunity.id == a.opportunity_id)
            .order_by(a.id)
        )  # fmt: skip
    if kind == "leads":
        ld = Lead
        return (
            select(ld.external_id, ld.name, ld.company, ld.email, ld.phone, ld.source, ld.industry,
                   Region.name,
                   ld.need_fit, ld.decision_authority, ld.budget_timeline, ld.engagement_history,
                   ld.grade, ld.created_at, ld.first_contact_at, owner.login, ld.status,
                   _deal_ref(Opportunity))
            .outerjoin(Region, Region.id == ld.region_id)
            .outerjoin(owner, owner.id == ld.owner_id)
            .outerjoin(Opportunity, Opportunity.id == ld.opportunity_id)
            .order_by(ld.id)
        )  # fmt: skip
    if kind == "contacts":
        ct = Contact
        return (
            select(ct.external_id, Customer.name, Customer.external_id, ct.name, ct.title,
                   ct.phone, ct.email, ct.role)
            .join(Customer, Customer.id == ct.customer_id)
            .order_by(ct.id)
        )  # fmt: skip
    if kind == "targets":
        scope = case(
            (Target.scope_type == "region", Region.name),
            (Target.scope_type.in_(("person", "team")), owner.login),
            else_=literal(""),
        )
        return (
            select(Target.scope_type, scope, Target.period_type, Target.period_start,
                   Target.metric, Target.value)
            .outerjoin(Region, and_(Target.scope_type == "region", Region.id == Target.scope_id))
            .outerjoin(owner, and_(Target.scope_type.in_(("person", "team")),
                                   owner.id == Target.scope_id))
            .order_by(Target.id)
        )  # fmt: skip
    if kind == "deal-lines":
        ol = OpportunityLine
        deal_ref = func.coalesce(
            Opportunity.external_id, literal("#").concat(cast(Opportunity.id, String))
        )
        return (
            select(deal_ref, Product.sku, ol.quantity, ol.unit_price_minor, ol.discount_bp)
            .join(Opportunity, Opportunity.id == ol.opportunity_id)
            .join(Product, Product.id == ol.product_id)
            .order_by(Opportunity.id, ol.id)
        )  # fmt: skip
    if kind == "approvals":
        ap = Approval
        return (
            select(Opportunity.id, Opportunity.external_id, ap.approver_role, ap.status,
                   ap.requested_at, ap.decided_by, ap.decided_at, ap.comment)
            .join(Opportunity, Opportunity.id == ap.opportunity_id)
            .order_by(ap.id)
        )  # fmt: skip
    raise KeyError(kind)


# Whose row each kind's row is (products are a catalogue: everyone's).
_OWNER_COLUMN = {
    "people": Person.id,
    "customers": Customer.owner_id,
    "opportunities": Opportunity.owner_id,
    "orders": Customer.owner_id,
    "activities": Activity.person_id,
    "leads": Lead.owner_id,
    "contacts": Customer.owner_id,  # whoever may see the customer sees its people
    "targets": Target.scope_id,
    "approvals": Opportunity.owner_id,  # whoever may see the deal sees its sign-offs
    "deal-lines": Opportunity.owner_id,  # whoever may see the deal sees its products
}


def export_rows(
    session: Session, kind: str, owners=None, today: date | None = None
) -> tuple[tuple[str, ...], list[tuple]]:
    """The columns and rows of one kind, in the order the records were made; ``owners`` the ids
    of the people whose rows are exported (None: everyone's); ``today`` dates a deal's default
    forecast category (None: the person's today)."""
    query = _query(kind)
    if owners is not None and kind in _OWNER_COLUMN:
        query = query.where(_OWNER_COLUMN[kind].in_(tuple(owners)))
        if kind == "targets":  # a region's or the company's target is nobody's row
            query = query.where(Target.scope_type.in_(("person", "team")))
    found = [tuple(r) for r in session.execute(query)]
    if kind == "deal-lines":  # the discount as the importer reads it: 12.5%
        found = [(*r[:4], discount_text(r[4])) for r in found]
    if kind == "opportunities":
        found = with_effective_category(session, found, today, EXPORT_COLUMNS[kind])
    return EXPORT_COLUMNS[kind], found
