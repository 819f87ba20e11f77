"""What the detail of one customer shows: its orders by day, open deals, invoices, complaints,
NPS answers, the latest activities and the products similar customers buy. Each read touches one
customer's rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salestui.db.queries.executor import Row, Session, first, rows
from salestui.kernel.invoices import open_sql
from salestui.kernel.periods import last_12_months


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    name: str
    industry: str
    channel: str
    size: str
    owner_id: int | None
    owner_login: str
    owner: str
    region: str
    version: int
    orders: list[Row]  # order_date, amount_minor: three years back
    deals: list[Row]  # id, title, stage, amount_minor, expected_close, owner
    invoices: list[Row]  # id, order_date, due_date, amount_minor, paid_minor, paid_date
    complaints: list[Row]  # id, category, severity, opened_at, first_response_at, resolved_at,
    # summary
    nps: list[Row]  # answered_on, score
    activities: list[Row]  # occurred_at, kind, person, outcome, note, deal: the newest first


def customer_head(session: Session, customer_id: int) -> Row | None:
    """The customer's own fields (its owner and region by name), at the version read."""
    return first(
        session,
        "SELECT c.id AS id, c.name AS name, c.industry AS industry, c.channel AS channel, "
        "c.size AS size, c.owner_id AS owner_id, COALESCE(p.login, '') AS owner_login, "
        "COALESCE(p.display_name, '') AS owner, COALESCE(r.name, '') AS region, "
        "c.version AS version "
        "FROM customer c LEFT JOIN person p ON p.id = c.owner_id "
        "LEFT JOIN region r ON r.id = c.region_id WHERE c.id = :id",
        {"id": customer_id},
    )


def customer_detail(
    session: Session, customer_id: int, today: date, activity_limit: int = 8
) -> CustomerDetail | None:
    head = customer_head(session, customer_id)
    if head is None:
        return None
    since = date(today.year - 3, today.month, 1)
    cid = {"id": customer_id}
    orders = rows(
        session,
        "SELECT order_date AS order_date, amount_minor AS amount_minor FROM sales_order "
        "WHERE customer_id = :id AND order_date >= :since AND order_date <= :today "
        "ORDER BY order_date",
        {**cid, "since": since, "today": today},
    )
    deals = rows(
        session,
        "SELECT o.id AS id, o.title AS title, o.stage AS stage, o.amount_minor AS amount_minor, "
        "o.expected_close AS expected_close, p.display_name AS owner FROM opportunity o JOIN person p ON p.id = o.owner_id "
        "WHERE o.customer_id = :id AND o.stage NOT IN ('Won', 'Lost') "
        "ORDER BY o.expected_close, o.id",
        cid,
    )
    # what is still owed, and the last year's invoices for the collection rate
    invoices = rows(
        session,
        "SELECT id AS id, order_date AS order_date, due_date AS due_date, "
        "amount_minor AS amount_minor, paid_minor AS paid_minor, paid_date AS paid_date "
        "FROM sales_order "
        f"WHERE customer_id = :id AND ({open_sql()} > 0 OR due_date >= :m12) "
        "ORDER BY due_date DESC, id DESC",
        {**cid, "m12": last_12_months(today).start},
    )
    complaints = rows(
        session,
        "SELECT id AS id, category AS category, severity AS severity, opened_at AS opened_at, "
        "first_response_at AS first_response_at, resolved_at AS resolved_at, summary AS summary "
        "FROM complaint WHERE customer_id = :id ORDER BY opened_at DESC, id DESC",
        cid,
    )
    nps = rows(
        session,
        "SELECT answered_on AS answered_on, score AS score FROM nps_answer WHERE customer_id = :id "
        "ORDER BY answered_on DESC, id DESC",
        cid,
    )
    activities = rows(
        session,
        "SELECT a.occurred_at AS occurred_at, a.kind AS kind, p.display_name AS person, "
        "a.outcome AS outcome, a.note AS note, o.title AS deal FROM activity a "
        "JOIN person p ON p.id = a.person_id LEFT JOIN opportunity o ON o.id = a.opportunity_id "
        "WHERE a.customer_id = :id ORDER BY a.occurred_at DESC, a.id DESC LIMIT :lim",
        {**cid, "lim": activity_limit},
    )
    return CustomerDetail(
        id=head.id,
        name=head.name,
        industry=head.industry,
        channel=head.channel,
        size=head.size,
        owner_id=head.owner_id,
        owner_login=head.owner_login,
        owner=head.owner,
        region=head.region,
        version=head.version,
        orders=orders,
        deals=deals,
        invoices=invoices,
        complaints=complaints,
        nps=nps,
        activities=activities,
    )


@dataclass(frozen=True)
class CrossSellEvidence:
    """Similar customers (same industry, sharing a product with this one) and, per product this
    customer lacks, how many of them buy it."""

    similar: int
    products: list[Row]  # product_id, name, product_line, buyers


def cross_sell_evidence(session: Session, customer_id: int) -> CrossSellEvidence:
    params = {"id": customer_id}
    mine = (
        "SELECT DISTINCT ol.product_id FROM order_line ol "
        "JOIN sales_order so ON so.id = ol.order_id "
        "WHERE so.customer_id = :id AND ol.quantity > 0"
    )
    peers = (
        "SELECT DISTINCT so.customer_id FROM sales_order so "
        "JOIN order_line ol ON ol.order_id = so.id JOIN customer c ON c.id = so.customer_id "
        "WHERE c.industry = (SELECT industry FROM customer WHERE id = :id) "
        f"AND so.customer_id <> :id AND ol.quantity > 0 AND ol.product_id IN ({mine})"
    )
    similar = first(session, f"SELECT COUNT(*) AS peers FROM ({peers}) peers", params)
    found = rows(
        session,
        "SELECT p.id AS product_id, p.name AS name, p.product_line AS product_line, "
        "COUNT(DISTINCT so.customer_id) AS buyers "
        "FROM sales_order so JOIN order_line ol ON ol.order_id = so.id "
        "JOIN product p ON p.id = ol.product_id "
        f"WHERE so.customer_id IN ({peers}) AND ol.quantity > 0 "
        f"AND ol.product_id NOT IN ({mine}) "
        "GROUP BY p.id, p.name, p.product_line",
        params,
    )
    return CrossSellEvidence(int(similar.peers) if similar else 0, found)
