"""THE line rule of a deal's products, for every door (the lines editor, ``salestui deal line``,
an import): a line's total is quantity × unit price × (1 − discount), rounded once to the minor
unit, half up; a deal with lines is worth the sum of its lines."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import ngettext
from salestui.kernel.money import divide_half_up, money_out_of_range, parse_amount

BASIS_POINTS = 10_000  # 100 % in basis points: a discount of 12.5 % is 1250
MAX_QUANTITY = 1_000_000_000


def line_total(quantity: int, unit_price_minor: int, discount_bp: int) -> int:
    """Quantity × unit price less the discount, in minor units, half up (12.5 % off 3 × 0.99
    is 2.59875 → 2.60)."""
    gross = int(quantity) * int(unit_price_minor) * (BASIS_POINTS - int(discount_bp))
    return divide_half_up(gross, BASIS_POINTS)


def deal_amount(totals: Iterable[int]) -> int:
    """The amount of a deal that has lines: the sum of their totals (each already rounded)."""
    return sum(int(t) for t in totals)


def open_by_line(lines: Iterable) -> dict[str, int]:
    """Product line → the sum of the line totals of ``lines`` (rows with product_line, quantity,
    unit_price_minor, discount_bp): the product-line pipeline."""
    out: dict[str, int] = {}
    for r in lines:
        name = r.product_line or ""
        out[name] = out.get(name, 0) + line_total(r.quantity, r.unit_price_minor, r.discount_bp)
    return out


def read_quantity(text: str | int) -> int:
    """A positive whole number of units."""
    raw = str(text).strip().replace(",", "")
    if not raw:
        raise DomainError("the quantity is required")
    if not raw.isascii() or not raw.isdigit():
        raise DomainError(f"the quantity must be a whole number of units such as 3, not {text!r}")
    quantity = int(raw)
    if quantity < 1:
        raise DomainError("the quantity must be at least 1")
    if quantity > MAX_QUANTITY:
        raise DomainError(f"the quantity is more than {MAX_QUANTITY:,}")
    return quantity


def read_discount(text: str | int | None) -> int:
    """A discount in percent, 0 to 100 with at most two decimals (``12.5`` or ``12.5%``), as
    basis points; empty is no discount."""
    raw = str(text if text is not None else "").strip().removesuffix("%").strip()
    if not raw:
        return 0
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise DomainError(f"the discount must be a percent such as 12.5, not {text!r}") from None
    if not value.is_finite():
        raise DomainError(f"the discount must be a percent such as 12.5, not {text!r}")
    if value < 0 or value > 100:
        raise DomainError(f"the discount is between 0 and 100 %, not {text!r}")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(f"the discount has more than two decimals: {text!r}")
    return int(value * 100)


def read_unit_price(text: str | int) -> int:
    """A unit price read as every amount is (``kernel.money``); an int is already minor units."""
    minor = text if isinstance(text, int) else parse_amount(text, field="the unit price")
    if minor < 0:
        raise DomainError("the unit price cannot be negative")
    return minor


def checked_total(quantity: int, unit_price_minor: int, discount_bp: int) -> int:
    """The line's total, refused when it would pass the money range."""
    total = line_total(quantity, unit_price_minor, discount_bp)
    if why := money_out_of_range(total):
        raise DomainError(f"the line's total {why}")
    return total


def discount_text(discount_bp: int) -> str:
    """1250 → '12.5%', 0 → '' (how a line's discount is shown and exported)."""
    if not discount_bp:
        return ""
    value = (Decimal(int(discount_bp)) / 100).normalize()
    return f"{value:f}%"


def amount_follows_lines(count: int) -> str:
    """Why a deal's amount is not typed when it has lines (every door says the same)."""
    return ngettext(
        "the amount follows its {n} product line; change the lines",
        "the amount follows its {n} product lines; change the lines",
        count,
    ).format(n=count)
