"""A deal's products: a line is added, changed and removed by whoever may change the deal, against
the deal's version, audited, in one transaction; the deal's amount follows the sum of its lines
(``kernel.deal_lines``) and a higher amount in Negotiation asks the sign-offs a typed one would
(``deals.approval_for_amount``). The lines editor, ``salestui deal line`` and an import all come
here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from salestui.db.tables import Opportunity, OpportunityLine, Product
from salestui.kernel.dates import utc_now
from salestui.kernel.deal_lines import (
    checked_total,
    deal_amount,
    line_total,
    read_discount,
    read_quantity,
    read_unit_price,
)
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount, money_out_of_range
from salestui.services.audit import new_batch, record
from salestui.services.deals import (
    TABLE,
    Change,
    _check_may_change,
    _check_version,
    approval_for_amount,
    commit_update,
    load_deal,
    save_changes,
)
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters

LINE_TABLE = "opportunity_line"
_LINE_FIELDS = ("product_id", "quantity", "unit_price_minor", "discount_bp")


@dataclass(frozen=True)
class LineRow:
    id: int
    product_id: int
    sku: str
    product: str
    product_line: str
    quantity: int
    unit_price_minor: int
    discount_bp: int
    total_minor: int


def deal_lines(session, deal_id: int) -> list[LineRow]:
    """The deal's lines in the order they were added, each with its total (a session or a
    connection: the screens read on one)."""
    found = session.execute(
        select(OpportunityLine.id, Product.id, Product.sku, Product.name, Product.product_line,
               OpportunityLine.quantity, OpportunityLine.unit_price_minor,
               OpportunityLine.discount_bp)
        .join(Product, Product.id == OpportunityLine.product_id)
        .where(OpportunityLine.opportunity_id == deal_id)
        .order_by(OpportunityLine.id)
    ).all()  # fmt: skip
    return [LineRow(*r, line_total(r[5], r[6], r[7])) for r in found]


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    product_line: str
    list_price_minor: int


def products(session) -> list[ProductRow]:
    """The catalogue, by name (anyone may read it)."""
    found = session.execute(
        select(Product.id, Product.sku, Product.name, Product.product_line,
               Product.list_price_minor).order_by(Product.name, Product.sku)
    ).all()  # fmt: skip
    return [ProductRow(*r) for r in found]


def find_product(session, text: str) -> ProductRow:
    """A product named by its SKU, else by its name (any case); one clear refusal otherwise."""
    wanted = " ".join(str(text or "").split())
    if not wanted:
        raise DomainError(_("say which product: its SKU or its name"))
    catalogue = products(session)
    by_sku = next((p for p in catalogue if p.sku == wanted), None)
    if by_sku is not None:
        return by_sku
    found = [
        p
        for p in catalogue
        if p.sku.casefold() == wanted.casefold() or p.name.casefold() == wanted.casefold()
    ]
    if len(found) == 1:
        return found[0]
    if found:
        skus = ", ".join(sorted(p.sku for p in found))
        raise DomainError(
            _("{n} products are called {wanted}; say which SKU: {skus}").format(
                n=len(found), wanted=repr(wanted), skus=skus
            )
        )
    raise DomainError(
        _("no product with SKU or name {wanted} (salestui product list)").format(
            wanted=repr(wanted)
        )
    )


def product_starting(session, text: str) -> str | None:
    """The first SKU or product name that starts with ``text`` (any case), for completion."""
    wanted = str(text or "").strip().casefold()
    if not wanted:
        return None
    for p in products(session):
        for said in (p.sku, p.name):
            if said.casefold().startswith(wanted):
                return said
    return None


def deal_version(session, deal_id: int) -> tuple[str, int]:
    """The deal's title and the version its lines are changed against."""
    found = session.execute(
        select(Opportunity.title, Opportunity.version).where(Opportunity.id == deal_id)
    ).first()
    if found is None:
        raise DomainError(
            _("deal #{deal_id} does not exist (it may have been removed)").format(deal_id=deal_id)
        )
    return found[0], found[1]


def _open(session: Session, actor_login: str, deal_id: int, version: int):
    actor, people = actor_row(session, actor_login)
    deal = load_deal(session, deal_id)
    _check_may_change(people, actor, deal.owner_id, f"“{deal.title}”")
    _check_version(session, deal, version)
    return actor, deal


def _line_of(session: Session, deal: Opportunity, line_id: int | str) -> OpportunityLine:
    try:
        wanted = int(str(line_id).strip().removeprefix("#"))
    except ValueError:
        raise DomainError(
            _("a line is named by its number, not {line_id}").format(line_id=repr(line_id))
        ) from None
    line = session.get(OpportunityLine, wanted)
    if line is None or line.opportunity_id != deal.id:
        raise DomainError(
            _("“{title}” has no line #{wanted} (salestui deal lines)").format(
                title=deal.title, wanted=wanted
            )
        )
    return line


def _follow(session, actor, deal: Opportunity, version: int, batch: str, now) -> Change:
    """The deal's amount becomes the sum of its lines (its version goes up), then commit."""
    session.flush()
    amount = deal_amount(line.total_minor for line in deal_lines(session, deal.id))
    if why := money_out_of_range(amount):
        session.rollback()
        raise DomainError(_("the deal's amount {why}").format(why=why))
    changes: dict[str, tuple] = {"amount_minor": (deal.amount_minor, amount)}
    approval = approval_for_amount(session, deal, amount, actor.login, batch, now)
    if approval is not None:
        changes["approval"] = (deal.approval, approval)
    title = deal.title
    new_version = save_changes(session, deal, version, changes, actor.login, batch, now)
    said = _("“{title}” is now {amount}").format(
        title=title, amount=format_amount(amount, decimals=True)
    )
    if changes.get("approval", (None, None))[1] == "pending":
        said = _("“{title}” is now {amount} — approval pending").format(
            title=title, amount=format_amount(amount, decimals=True)
        )
    return Change(deal.id, new_version, said)


def _values(session, product, quantity, unit_price, discount, line=None) -> dict:
    refuse_control_characters(
        {"product": product, "quantity": quantity, "unit price": unit_price, "discount": discount}
    )
    values: dict[str, object] = {}
    chosen = find_product(session, product) if product is not None else None
    if chosen is not None:
        values["product_id"] = chosen.id
    if quantity is not None:
        values["quantity"] = read_quantity(quantity)
    if unit_price is not None and str(unit_price).strip():
        values["unit_price_minor"] = read_unit_price(unit_price)
    elif chosen is not None and (line is None or chosen.id != line.product_id):
        values["unit_price_minor"] = chosen.list_price_minor  # the product's list price
    if discount is not None:
        values["discount_bp"] = read_discount(discount)
    merged = {f: values.get(f, getattr(line, f, None)) for f in _LINE_FIELDS}
    checked_total(merged["quantity"] or 1, merged["unit_price_minor"], merged["discount_bp"] or 0)
    return values


def add_line(
    session: Session,
    actor_login: str,
    deal_id: int,
    version: int,
    *,
    product: str,
    quantity: str | int = 1,
    unit_price: str | int | None = None,
    discount: str | int | None = None,
    now: datetime | None = None,
) -> Change:
    """Put a product on the deal (unit price: the product's list price unless given)."""
    now = now or utc_now()
    actor, deal = _open(session, actor_login, deal_id, version)
    values = _values(session, product, quantity, unit_price, discount)
    line = OpportunityLine(opportunity_id=deal.id, **values)
    session.add(line)
    session.flush()
    batch = new_batch()
    record(
        session,
        actor=actor.login,
        table=LINE_TABLE,
        row_id=line.id,
        changes={"*created*": (None, deal.id)}
        | {f: (None, getattr(line, f)) for f in _LINE_FIELDS},
        batch=batch,
        at=now,
    )
    return _follow(session, actor, deal, version, batch, now)


def change_line(
    session: Session,
    actor_login: str,
    deal_id: int,
    version: int,
    line_id: int | str,
    *,
    product: str | None = None,
    quantity: str | int | None = None,
    unit_price: str | int | None = None,
    discount: str | int | None = None,
    now: datetime | None = None,
) -> Change:
    """Change a line (None: as it is; another product with no price given takes its list
    price)."""
    now = now or utc_now()
    actor, deal = _open(session, actor_login, deal_id, version)
    line = _line_of(session, deal, line_id)
    values = _values(session, product, quantity, unit_price, discount, line)
    changes = {f: (getattr(line, f), v) for f, v in values.items() if getattr(line, f) != v}
    if not changes:
        raise DomainError(_("nothing changed"))
    for f, (_old, v) in changes.items():
        setattr(line, f, v)
    session.add(line)
    batch = new_batch()
    record(session, actor=actor.login, table=LINE_TABLE, row_id=line.id, changes=changes,
           batch=batch, at=now)  # fmt: skip
    return _follow(session, actor, deal, version, batch, now)


def remove_line(
    session: Session,
    actor_login: str,
    deal_id: int,
    version: int,
    line_id: int | str,
    *,
    now: datetime | None = None,
) -> Change:
    """Take a line off the deal; with none left the amount stays at what it was and may be typed
    again."""
    now = now or utc_now()
    actor, deal = _open(session, actor_login, deal_id, version)
    line = _line_of(session, deal, line_id)
    batch = new_batch()
    record(
        session,
        actor=actor.login,
        table=LINE_TABLE,
        row_id=line.id,
        changes={"*deleted*": (deal.id, None)}
        | {f: (getattr(line, f), None) for f in _LINE_FIELDS},
        batch=batch,
        at=now,
    )
    session.delete(line)
    session.flush()
    if not deal_lines(session, deal.id):
        amount = deal.amount_minor
        new_version = commit_update(session, deal, version, {}, actor.login, now)
        record(session, actor=actor.login, table=TABLE, row_id=deal.id,
               changes={"version": (version, new_version)}, batch=batch, at=now)  # fmt: skip
        session.commit()
        said = _("“{title}” has no lines; its amount stays {amount}").format(
            title=deal.title, amount=format_amount(amount, decimals=True)
        )
        return Change(deal.id, new_version, said)
    return _follow(session, actor, deal, version, batch, now)
