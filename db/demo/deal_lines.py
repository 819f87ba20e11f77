"""Products on the demo's deals: about 30 % of them carry 1–3 product lines.

Drawn from a random stream of their own (the seed + 57), so adding them changed no other figure:
the lines of a deal sum EXACTLY to the amount it already had (a deal with lines is worth their
sum, ``kernel.deal_lines``), with no discount. The amount is cut into parts, each a number of
units of one of the dearest products the part can pay for, as the demo's orders are. Built in
bulk: at 1,000,000 deals 510,994 lines, drawn in 0.44 s.
"""

from __future__ import annotations

import numpy as np

from salestui.db.demo.base import Ctx, pick
from salestui.db.demo.sales import Deals

SHARE = 0.3  # deals with product lines
MAX_QUANTITY = 1000


def build_deal_lines(ctx: Ctx, deals: Deals, products: dict) -> dict:
    """The ``opportunity_line`` rows."""
    rng = np.random.default_rng(ctx.seed + 57)
    chosen = np.flatnonzero(rng.random(deals.n) < SHARE)
    per = pick(rng, [0.5, 0.3, 0.2], len(chosen)) + 1
    deal = np.repeat(chosen, per)
    n = len(deal)
    first = np.concatenate(([0], np.cumsum(per)[:-1])).astype(np.int64)
    nth = np.arange(n) - np.repeat(first, per)
    last = nth == np.repeat(per, per) - 1
    amount = deals.amount[deal].astype(np.int64)
    # the amount cut at random shares; a share buys one of the dearest products it can pay for
    # (as the orders do), so many units of it, in whole yuan a unit; the last line takes what
    # is left, one unit at it when that does not divide
    weight = rng.random(n) + 0.25
    total = np.repeat(np.add.reduceat(weight, first), per) if n else weight
    raw = (amount * (weight / total)).astype(np.int64)
    price = np.asarray(products["list_price_minor"], dtype=np.int64)
    by_price = np.argsort(price, kind="stable")
    top = np.searchsorted(price[by_price], raw, side="right") - 1
    product = by_price[np.clip(top - rng.integers(0, 9, n), 0, len(price) - 1)]
    quantity = np.clip(raw // np.maximum(price[product], 1), 1, MAX_QUANTITY)
    step = quantity * 100
    part = np.where(last, 0, raw // step * step)
    rest = amount - (np.repeat(np.add.reduceat(part, first), per) if n else part)
    part = np.where(last, rest, part)
    quantity = np.where(part % quantity == 0, quantity, 1)
    return {
        "id": np.arange(1, n + 1),
        "opportunity_id": deal + 1,
        "product_id": product + 1,
        "quantity": quantity,
        "unit_price_minor": part // quantity,
        "discount_bp": np.zeros(n, dtype=np.int64),
    }
