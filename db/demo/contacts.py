"""The people at the demo's customers: 1–3 contacts each, and a contact on most open deals.

Drawn from a random stream of their own (the seed + 41, and Faker name pools seeded apart), so
adding them changed no other figure of the demo. Per customer, not per deal: at 1,000,000 deals
(125,000 customers) about 250,000 contacts, built in bulk.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

from salestui.db.demo.base import Ctx, obj, pick
from salestui.db.demo.people import Customers
from salestui.db.demo.sales import Deals, L, W
from salestui.kernel.domain import CONTACT_ROLES

TITLES = obj(
    [
        "总经理", "采购经理", "IT Director", "CIO", "Plant Manager", "财务总监", "Purchasing Manager",
        "技术负责人", "Operations Manager", "工程师", "CFO", "信息部主任",
    ]
)  # fmt: skip
ROLES = obj([*CONTACT_ROLES, ""])
LINKED_SHARE = 0.6  # open deals that name a contact


def build_contacts(ctx: Ctx, cu: Customers, deals: Deals) -> tuple[dict, dict]:
    """The contact rows and the open deals' links to them (``opportunity_contact``)."""
    rng = np.random.default_rng(ctx.seed + 41)
    per = rng.integers(1, 4, cu.n)
    n = int(per.sum())
    customer = np.repeat(np.arange(cu.n), per)
    first_of = np.concatenate(([0], np.cumsum(per)[:-1]))
    nth = np.arange(n) - first_of[customer]
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(ctx.seed + 42)
    en.seed_instance(ctx.seed + 43)
    latin = [en.name() for _ in range(150)]
    names = obj([zh.name() for _ in range(300)] + latin)
    which = rng.integers(0, len(names), n)
    ids = np.arange(1, n + 1)
    handle = obj([".".join(x.lower().replace(".", "").split()[-2:]) for x in latin])
    is_latin = which >= 300
    local = np.where(
        is_latin, handle[np.maximum(which - 300, 0)], "c" + ids.astype(str).astype(object)
    )
    domain = "@customer" + (customer + 1).astype(str).astype(object) + ".example.com"
    email = np.where(rng.random(n) < 0.7, local + domain, "")
    digits = rng.integers(0, 10_000, (n, 2))
    phone = obj(
        [f"+86 13{p % 10} {a:04d} {b:04d}" for p, (a, b) in zip(which.tolist(), digits.tolist(),
                                                               strict=True)]
    )  # fmt: skip
    phone = np.where(rng.random(n) < 0.8, phone, "")
    # the first contact is most often who decides
    role = np.where(
        nth == 0,
        pick(rng, [0.6, 0.15, 0.1, 0.05, 0.1], n),
        pick(rng, [0.1, 0.3, 0.3, 0.15, 0.15], n),
    )
    created = cu.rows["created_at"][customer] + rng.integers(0, 30 * 86_400, n)
    contacts = {
        "id": ids,
        "customer_id": customer + 1,
        "name": names[which],
        "title": TITLES[rng.integers(0, len(TITLES), n)],
        "phone": phone,
        "email": email,
        "role": ROLES[role],
        "created_at": np.minimum(created, ctx.now_s - 86_400),
        "version": np.ones(n, dtype=np.int64),
    }
    open_deals = np.flatnonzero((deals.stage != W) & (deals.stage != L))
    linked = open_deals[rng.random(len(open_deals)) < LINKED_SHARE]
    c = deals.customer[linked]
    chosen = first_of[c] + (rng.random(len(linked)) * per[c]).astype(np.int64)
    links = {"opportunity_id": linked + 1, "contact_id": chosen + 1}
    return contacts, links
