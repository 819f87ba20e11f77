"""A small organisation written by hand, so every expected figure can be worked out in a test.

NOW is 2026-11-20 10:00 UTC. Open pipeline (amounts in major units):
  Prospect    #1 华信 ERP rollout      120,000  rep_li    20 days in stage (limit 14: stalled)
              #8 Acme training          15,000  newbie     1 day
  Qualified   #2 Acme renewal           80,000  rep_wang   5 days
  Proposal    #3 腾达 smart factory    600,000  rep_south 10 days
  Negotiation #4 华信 data platform    450,000  rep_li    40 days (limit 30: stalled), director pending
              #5 Acme expansion        900,000  rep_wang   3 days, finance+legal+vp pending
Closed: #6 腾达 pilot Won 50,000 (5 days ago), #7 Acme support Lost 30,000 competitor (7 days ago).
腾达电子 has an invoice 10 days overdue (credit risk).
Org: boss → mgr_east → (rep_li, rep_wang, newbie); boss → rep_south.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import (
    Activity,
    Approval,
    Customer,
    Opportunity,
    Person,
    Region,
    SalesOrder,
    StageChange,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)

# What a database keeps besides what people wrote: the change journals (migrations 0010, 0018:
# every write stamps what it touched) and the figures kept computed (``figure_store``, written
# by a screen or report that read them). A test of "this changed nothing" leaves them out.
BOOKKEEPING = ("customer_touch", "owner_touch", "change_counter", "figure_store")
TODAY = NOW.date()


def days_ago(n: float) -> datetime:
    return NOW - timedelta(days=n)


def build(path: str) -> str:
    engine = open_database(path)
    with Session(engine) as s:
        east = Region(name="华东", region_class="strategic")
        south = Region(name="华南", region_class="consolidate")
        west = Region(name="West", region_class="potential")
        s.add_all([east, south, west])
        s.flush()

        def person(login, name, role, manager, region, hired=date(2020, 1, 6)):
            p = Person(
                login=login,
                display_name=name,
                role=role,
                manager_id=manager.id if manager else None,
                region_id=region.id,
                hire_date=hired,
            )
            s.add(p)
            s.flush()
            return p

        boss = person("boss", "Bo Boss", "manager", None, east)
        mgr = person("mgr_east", "Mei East", "manager", boss, east)
        li = person("rep_li", "李伟", "rep", mgr, east)
        wang = person("rep_wang", "Wang Fang", "rep", mgr, east)
        south_rep = person("rep_south", "Sam South", "rep", boss, south)
        newbie = person("newbie", "Nia New", "rep", mgr, east, hired=date(2026, 10, 1))

        def customer(name, owner, region):
            c = Customer(
                name=name, owner_id=owner.id, region_id=region.id, created_at=days_ago(400)
            )
            s.add(c)
            s.flush()
            return c

        huaxin = customer("上海华信科技有限公司", li, east)
        tengda = customer("深圳腾达电子", south_rep, south)
        acme = customer("Acme Corp", wang, east)

        def deal(title, cust, owner, stage, amount, in_stage_days, prob, path, **kw):
            entered = days_ago(in_stage_days)
            created = entered - timedelta(days=10 * (len(path) - 1))
            o = Opportunity(
                customer_id=cust.id,
                owner_id=owner.id,
                title=title,
                amount_minor=amount * 100,
                expected_close=TODAY + timedelta(days=30),
                stage=stage,
                probability=prob,
                created_at=created,
                stage_entered_at=entered,
                **kw,
            )
            s.add(o)
            s.flush()
            prev = None
            for i, st in enumerate(path):
                at = created + timedelta(days=10 * i) if i < len(path) - 1 else entered
                s.add(
                    StageChange(
                        opportunity_id=o.id,
                        from_stage=prev,
                        to_stage=st,
                        changed_at=at,
                        changed_by=owner.login,
                    )
                )
                prev = st
            return o

        d1 = deal(
            "华信 ERP rollout",
            huaxin,
            li,
            "Prospect",
            120_000,
            20,
            10,
            ["Prospect"],
            last_activity_at=days_ago(18),  # the visit below
        )
        deal("Acme renewal", acme, wang, "Qualified", 80_000, 5, 25, ["Prospect", "Qualified"])
        deal(
            "腾达 smart factory",
            tengda,
            south_rep,
            "Proposal",
            600_000,
            10,
            50,
            ["Prospect", "Qualified", "Proposal"],
        )
        d4 = deal(
            "华信 data platform",
            huaxin,
            li,
            "Negotiation",
            450_000,
            40,
            75,
            ["Prospect", "Qualified", "Proposal", "Negotiation"],
            approval="pending",
            close_date_pushes=2,
            last_activity_at=days_ago(25),
        )
        d5 = deal(
            "Acme expansion",
            acme,
            wang,
            "Negotiation",
            900_000,
            3,
            75,
            ["Prospect", "Qualified", "Proposal", "Negotiation"],
            approval="pending",
        )
        d6 = deal(
            "腾达 pilot",
            tengda,
            south_rep,
            "Won",
            50_000,
            5,
            100,
            ["Prospect", "Qualified", "Proposal", "Negotiation", "Won"],
            closed_at=days_ago(5),
        )
        deal(
            "Acme support",
            acme,
            wang,
            "Lost",
            30_000,
            7,
            0,
            ["Prospect", "Qualified", "Lost"],
            closed_at=days_ago(7),
            lost_reason="competitor",
        )
        deal("Acme training", acme, newbie, "Prospect", 15_000, 1, 10, ["Prospect"])

        s.add(Approval(opportunity_id=d4.id, approver_role="director", requested_at=days_ago(40)))
        for role in ("finance", "legal", "vp"):
            s.add(Approval(opportunity_id=d5.id, approver_role=role, requested_at=days_ago(3)))
        s.add(
            SalesOrder(
                customer_id=tengda.id,
                opportunity_id=d6.id,
                order_date=TODAY - timedelta(days=40),
                due_date=TODAY - timedelta(days=10),
                amount_minor=50_000 * 100,
                paid_minor=0,
            )
        )
        s.add(
            Activity(
                kind="visit",
                person_id=li.id,
                customer_id=huaxin.id,
                opportunity_id=d1.id,
                occurred_at=days_ago(18),
                note="首次拜访",
            )
        )
        s.commit()
    engine.dispose()
    return path


def bind_the_top(path: str, *, admin: bool) -> str:
    """The fixture org's top person (boss) bound to the OS account running the tests, so every
    door acts as boss without ``--user``.

    ``admin``: boss is also an administrator, so ``--user LOGIN`` acts for anyone.
    """
    from salestui.identity import os_account

    with sqlite3.connect(path) as con:
        con.execute(
            "UPDATE person SET os_user = ?, admin = ? WHERE login = 'boss'", (os_account(), admin)
        )
    con.close()
    return path


def rows_digest(path) -> str:
    """Every committed row of every table, hashed: equal before and after means nothing was
    written (read past the ORM, whatever the journal holds)."""
    import hashlib

    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = [(t, con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]
    finally:
        con.close()
    return hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()


# Long names as Chinese teams write them (issue 17): a registered company name, an emoji, Latin
# words among the CJK. :func:`lengthen_names` gives them to any fixture database, so the pictures in
# Chinese and at 200 columns show how names crop and wrap by display width.
LONG_CUSTOMER = "深圳市腾讯计算机系统有限公司🚀 Shenzhen Tencent Computer Systems Co., Ltd."
LONG_PERSON = "欧阳娜娜·阿依古丽🌟 Ouyang"
LONG_DEAL = "华南区 ERP 全国推广🚀第二期 nationwide rollout phase two"


def lengthen_names(path: str) -> str:
    """The first customer, the first rep and the first deal of the database at ``path`` get the
    long names above; nothing else changes."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE customer SET name = ? WHERE id = (SELECT min(id) FROM customer)",
            (LONG_CUSTOMER,),
        )
        conn.execute(
            "UPDATE person SET display_name = ? WHERE id = "
            "(SELECT min(id) FROM person WHERE role = 'rep')",
            (LONG_PERSON,),
        )
        conn.execute(
            "UPDATE opportunity SET title = ? WHERE id = (SELECT min(id) FROM opportunity)",
            (LONG_DEAL,),
        )
    return path


def downgrade_to(path: str, revision: str) -> None:
    """The database at ``path`` taken back to an earlier schema by the migrations' own
    ``downgrade`` steps (its data kept where that schema has room for it): what an older
    salestui left, for a test that upgrades it again."""
    from alembic import command
    from alembic.config import Config

    engine = open_database(path)
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()
