"""Read-only queries behind the pipeline board: SQL aggregates for totals, keyset pages for cards.

Written as portable SQL over the table names (SQLite and PostgreSQL alike) so that opening the
board needs SQLAlchemy Core only, not the ORM models: the first frame must not wait for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from salestui.db.queries.executor import LIKE_ESCAPE, Session, first, like_pattern, owned_by, rows
from salestui.db.queries.moments import aware, day
from salestui.kernel.domain import LATE_PAYMENT_HISTORY, OPEN_STAGES
from salestui.kernel.invoices import invoice_sql


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: owners (None = everyone), region, close month, free text."""

    owner_ids: tuple[int, ...] | None = None
    region_id: int | None = None
    close_month: date | None = None  # first day of the month
    text: str = ""


@dataclass(frozen=True)
class StageTotals:
    stage: str
    count: int
    amount_minor: int
    weighted_x100: int  # Σ amount_minor × probability%, kept exact; divide by 100 to show
    stalled: int


@dataclass(frozen=True)
class DealCard:
    id: int
    version: int
    title: str
    customer_id: int
    customer: str
    owner_id: int
    owner_login: str
    owner_name: str
    stage: str
    amount_minor: int
    probability: int
    stage_entered_at: datetime
    expected_close: date
    last_activity_at: datetime | None
    close_date_pushes: int
    approval: str | None
    closed_at: datetime | None
    lost_reason: str | None
    credit_risk: bool = False
    next_step: str = ""
    next_step_date: date | None = None
    forecast_category: str | None = None  # the owner's; None: the stage and close date decide


def _where(flt: BoardFilter, params: dict) -> str:
    clauses: list[str] = []
    if flt.region_id is not None:
        params["region_id"] = flt.region_id
        clauses.append("c.region_id = :region_id")
    if flt.close_month is not None:
        start = flt.close_month.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        params["close_from"], params["close_to"] = start, end
        clauses.append("o.expected_close >= :close_from AND o.expected_close < :close_to")
    if flt.text.strip():
        params["needle"] = like_pattern(flt.text)
        clauses.append(
            f"(lower(o.title) LIKE :needle {LIKE_ESCAPE} OR lower(c.name) LIKE :needle {LIKE_ESCAPE})"
        )
    return owned_by("o.owner_id", flt.owner_ids, params) + "".join(f" AND {c}" for c in clauses)


def _needs_customer(flt: BoardFilter) -> bool:
    return flt.region_id is not None or bool(flt.text.strip())


# What the stage totals kept by triggers (migration 0012, ``stage_total``) sum, from the deals
# there: the demo build writes with the triggers off and sums them once at the end.
STAGE_TOTALS = (
    "SELECT owner_id, stage, COUNT(*), SUM(amount_minor), SUM(amount_minor * probability) "
    "FROM opportunity GROUP BY owner_id, stage"
)
STAGE_TOTALS_FILL = (
    "INSERT INTO stage_total (owner_id, stage, deals, amount_minor, weighted_x100) " + STAGE_TOTALS
)


def stage_totals(
    session: Session, flt: BoardFilter, now: datetime, stall_days: dict[str, int]
) -> list[StageTotals]:
    """Count, amount, weighted amount and stalled count per open stage.

    For everyone or a set of owners, the sums come from ``stage_total`` (kept as deals change)
    and the stalled counts from the index on (stage, stage_entered_at): a few thousand index
    entries instead of every open deal. A region, a close month or a search sums the deals
    that match, in one aggregate."""
    params: dict = {"stages": OPEN_STAGES}
    stalled_cases = []
    for i, stage in enumerate(OPEN_STAGES):
        params[f"s{i}"] = stage
        # Stalled when whole days in stage exceed the limit (as pipeline.is_stalled counts them):
        # at least limit + 1 full days ago.
        params[f"cut{i}"] = now - timedelta(days=stall_days[stage] + 1)
        stalled_cases.append(f"(o.stage = :s{i} AND o.stage_entered_at <= :cut{i})")
    if _needs_customer(flt) or flt.close_month is not None:
        join = " JOIN customer c ON c.id = o.customer_id" if _needs_customer(flt) else ""
        sql = (
            "SELECT o.stage AS stage, COUNT(*) AS deals, "
            "COALESCE(SUM(o.amount_minor), 0) AS amount_minor, "
            "COALESCE(SUM(o.amount_minor * o.probability), 0) AS weighted_x100, "
            f"COALESCE(SUM(CASE WHEN {' OR '.join(stalled_cases)} THEN 1 ELSE 0 END), 0) "
            f"AS stalled FROM opportunity o{join} WHERE o.stage IN :stages"
            + _where(flt, params)
            + " GROUP BY o.stage"
        )
        found = {r.stage: r for r in rows(session, sql, params)}
    else:
        found = _kept_stage_totals(session, flt, params, stalled_cases)
    return [
        StageTotals(s, int(r.deals), int(r.amount_minor), int(r.weighted_x100), int(r.stalled))
        if (r := found.get(s))
        else StageTotals(s, 0, 0, 0, 0)
        for s in OPEN_STAGES
    ]


def _kept_stage_totals(session: Session, flt: BoardFilter, params: dict, stalled: list[str]):
    owners = owned_by("t.owner_id", flt.owner_ids, params)
    sums = (
        "SELECT t.stage AS stage, SUM(t.deals) AS deals, SUM(t.amount_minor) AS amount_minor, "
        "SUM(t.weighted_x100) AS weighted_x100, 0 AS stalled FROM stage_total t "
        f"WHERE t.stage IN :stages{owners} GROUP BY t.stage"
    )
    # one range of the (stage, stage_entered_at …) index per stage
    counts = " UNION ALL ".join(
        f"SELECT o.stage AS stage, 0 AS deals, 0 AS amount_minor, 0 AS weighted_x100, "
        f"COUNT(*) AS stalled FROM opportunity o WHERE {case[1:-1]}"
        + owned_by("o.owner_id", flt.owner_ids, params)
        + " GROUP BY o.stage"
        for case in stalled
    )
    sql = (
        "SELECT a.stage AS stage, SUM(a.deals) AS deals, SUM(a.amount_minor) AS amount_minor, "
        "SUM(a.weighted_x100) AS weighted_x100, SUM(a.stalled) AS stalled "
        f"FROM ({sums} UNION ALL {counts}) a GROUP BY a.stage"
    )
    return {r.stage: r for r in rows(session, sql, params) if int(r.deals) or int(r.stalled)}


_CARD_COLUMNS = (
    "o.id AS id, o.version AS version, o.title AS title, o.customer_id AS customer_id, "
    "c.name AS customer, o.owner_id AS owner_id, p.login AS owner_login, "
    "p.display_name AS owner_name, o.stage AS stage, o.amount_minor AS amount_minor, "
    "o.probability AS probability, o.stage_entered_at AS stage_entered_at, "
    "o.expected_close AS expected_close, o.last_activity_at AS last_activity_at, "
    "o.close_date_pushes AS close_date_pushes, o.approval AS approval, "
    "o.closed_at AS closed_at, o.lost_reason AS lost_reason, o.next_step AS next_step, "
    "o.next_step_date AS next_step_date, o.forecast_category AS forecast_category"
)


def _card(r) -> DealCard:
    return DealCard(
        id=r.id,
        version=r.version,
        title=r.title,
        customer_id=r.customer_id,
        customer=r.customer,
        owner_id=r.owner_id,
        owner_login=r.owner_login,
        owner_name=r.owner_name,
        stage=r.stage,
        amount_minor=int(r.amount_minor),
        probability=int(r.probability),
        stage_entered_at=aware(r.stage_entered_at),
        expected_close=day(r.expected_close),
        last_activity_at=aware(r.last_activity_at),
        close_date_pushes=int(r.close_date_pushes),
        approval=r.approval,
        closed_at=aware(r.closed_at),
        lost_reason=r.lost_reason,
        next_step=r.next_step or "",
        next_step_date=day(r.next_step_date),
        forecast_category=r.forecast_category,
    )


def stage_page(
    session: Session,
    stage: str,
    flt: BoardFilter,
    *,
    after: tuple[datetime, int] | None = None,
    before: tuple[datetime, int] | None = None,
    limit: int = 50,
) -> list[DealCard]:
    """One keyset page of a column, longest in stage first (the stalled ones lead).

    ``after`` pages forward from a card's (stage_entered_at, id), ``before`` backward; the result
    is always in display order.
    """
    params: dict = {"stage": stage, "limit": int(limit)}
    where = "o.stage = :stage" + _where(flt, params)
    order = "o.stage_entered_at, o.id"
    if after is not None:
        params["k_at"], params["k_id"] = after
        where += (
            " AND (o.stage_entered_at > :k_at OR (o.stage_entered_at = :k_at AND o.id > :k_id))"
        )
    elif before is not None:
        params["k_at"], params["k_id"] = before
        where += (
            " AND (o.stage_entered_at < :k_at OR (o.stage_entered_at = :k_at AND o.id < :k_id))"
        )
        order = "o.stage_entered_at DESC, o.id DESC"
    sql = (
        f"SELECT {_CARD_COLUMNS} FROM opportunity o "
        "JOIN customer c ON c.id = o.customer_id JOIN person p ON p.id = o.owner_id "
        f"WHERE {where} ORDER BY {order} LIMIT :limit"
    )
    cards = [_card(r) for r in rows(session, sql, params)]
    if before is not None:
        cards.reverse()
    return cards


def recent_closes(
    session: Session, flt: BoardFilter, since: datetime, limit: int = 20
) -> tuple[dict[str, tuple[int, int]], list[DealCard]]:
    """Won/Lost since ``since``: per stage (count, amount) and the newest closes.

    One range of the (stage, closed_at) index per stage, so neither the sums nor the newest
    cards sort or visit the rows of three years of closed deals.
    """
    sums: dict[str, tuple[int, int]] = {}
    cards: list[DealCard] = []
    for stage in ("Won", "Lost"):
        params: dict = {"since": since, "limit": int(limit), "stage": stage}
        where = "o.stage = :stage AND o.closed_at >= :since" + _where(flt, params)
        join = " JOIN customer c ON c.id = o.customer_id" if _needs_customer(flt) else ""
        agg = first(
            session,
            "SELECT COUNT(*) AS deals, COALESCE(SUM(o.amount_minor), 0) AS amount_minor "
            f"FROM opportunity o{join} WHERE {where}",
            params,
        )
        sums[stage] = (int(agg.deals), int(agg.amount_minor)) if agg else (0, 0)
        if limit > 0:
            sql = (
                f"SELECT {_CARD_COLUMNS} FROM opportunity o "
                "JOIN customer c ON c.id = o.customer_id JOIN person p ON p.id = o.owner_id "
                f"WHERE {where} ORDER BY o.closed_at DESC, o.id DESC LIMIT :limit"
            )
            cards.extend(_card(r) for r in rows(session, sql, params))
    cards.sort(key=lambda c: (c.closed_at, c.id), reverse=True)
    return sums, cards[:limit]


def credit_risk_customers(session: Session, customer_ids: list[int], today: date) -> set[int]:
    """Customers with an overdue invoice now, or a history of paying late."""
    ids = sorted(set(customer_ids))
    if not ids:
        return set()
    params: dict = {"today": today, "late_n": LATE_PAYMENT_HISTORY, "ids": tuple(ids)}
    sql = (
        "SELECT customer_id AS customer_id FROM sales_order WHERE customer_id IN :ids "
        "GROUP BY customer_id HAVING "
        f"SUM(CASE WHEN due_date < :today AND {invoice_sql()} AND paid_minor < amount_minor "
        "THEN 1 ELSE 0 END) > 0 "
        f"OR SUM(CASE WHEN {invoice_sql()} AND paid_date IS NOT NULL AND paid_date > due_date "
        "THEN 1 ELSE 0 END) "
        ">= :late_n"
    )
    return {int(r.customer_id) for r in rows(session, sql, params)}


def with_credit_risk(session: Session, cards: list[DealCard], today: date) -> list[DealCard]:
    risky = credit_risk_customers(session, [c.customer_id for c in cards], today)
    if not risky:
        return cards
    from dataclasses import replace

    return [replace(c, credit_risk=True) if c.customer_id in risky else c for c in cards]


def deal_card(session: Session, deal_id: int) -> DealCard | None:
    sql = (
        f"SELECT {_CARD_COLUMNS} FROM opportunity o "
        "JOIN customer c ON c.id = o.customer_id JOIN person p ON p.id = o.owner_id "
        "WHERE o.id = :id"
    )
    row = first(session, sql, {"id": deal_id})
    return _card(row) if row else None


def data_version(session: Session) -> tuple[int, int]:
    """Changes anyone made, cheaply: the newest audit row and stage change ids."""
    row = first(
        session,
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS audit_id, "
        "(SELECT COALESCE(MAX(id), 0) FROM stage_change) AS stage_change_id",
    )
    return int(row.audit_id), int(row.stage_change_id)


def stage_position(session: Session, flt: BoardFilter, card: DealCard) -> int | None:
    """How many cards of ``card``'s column come before it under ``flt``; None when the filter
    hides it (the board then cannot put its cursor there)."""
    params: dict = {"stage": card.stage, "k_at": card.stage_entered_at, "k_id": card.id}
    join = " JOIN customer c ON c.id = o.customer_id" if _needs_customer(flt) else ""
    where = "o.stage = :stage" + _where(flt, params)
    shown = first(
        session,
        f"SELECT COUNT(*) AS n FROM opportunity o{join} WHERE {where} AND o.id = :k_id",
        params,
    )
    if not shown or not shown.n:
        return None
    before = first(
        session,
        f"SELECT COUNT(*) AS n FROM opportunity o{join} WHERE {where} AND "
        "(o.stage_entered_at < :k_at OR (o.stage_entered_at = :k_at AND o.id < :k_id))",
        params,
    )
    return int(before.n)


def newest_created_deal(session: Session, login: str) -> int | None:
    """The deal ``login`` created last (its audit row): the board selects it after `n`."""
    row = first(
        session,
        "SELECT row_id AS row_id FROM audit_log WHERE by_login = :login "
        "AND table_name = 'opportunity' AND field = '*created*' ORDER BY id DESC LIMIT 1",
        {"login": login},
    )
    return int(row.row_id) if row else None
