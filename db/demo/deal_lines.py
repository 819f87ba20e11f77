"""Products on the demo's deals: about 30 % of them carry 1–3 product lines.

Drawn from a random stream of their own (the seed + 57), so adding them changed no other figure:
the lines of a deal sum EXACTLY to the amount it already had (a deal with lines is worth their
sum, ``kernel.deal_lines``), with no discount. The amount is cut into whole-yuan parts; each part
is a quantity of a product near its list price when the part divides by it, else one unit at the
part. Built in bulk: at 1,000,000 deals about 540,000 lines.
"""

from __future__ import annotations

import numpy as np

from salestui.db.demo.base import Ctx, pick
from salestui.db.demo.sales import Deals

SHARE = 0.3  # deals with product lines
MAX_QUANTITY = 50


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
    # the amount cut at random shares, in whole yuan; the last line takes what is left
    weight = rng.random(n) + 0.25
    cum = np.cumsum(weight)
    before = np.repeat(cum[first] - weight[first], per)
    share = (cum - before) / np.repeat(np.add.reduceat(weight, first), per) if n else weight
    upto = np.where(last, amount, (amount * share).astype(np.int64) // 100 * 100)
    upto = np.minimum(upto, amount)
    part = upto - np.where(nth == 0, 0, np.roll(upto, 1))
    product = rng.integers(0, len(products["sku"]), n)
    price = np.asarray(products["list_price_minor"], dtype=np.int64)[product]
    quantity = np.clip(part // np.maximum(price, 1), 1, MAX_QUANTITY)
    quantity = np.where(part % quantity == 0, quantity, 1)
    return {
        "id": np.arange(1, n + 1),
        "opportunity_id": deal + 1,
        "product_id": product + 1,
        "quantity": quantity,
        "unit_price_minor": part // quantity,
        "discount_bp": np.zeros(n, dtype=np.int64),
    }
