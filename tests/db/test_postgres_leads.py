"""The leads on PostgreSQL: the list and its clock as on SQLite, a contact and a conversion in
one transaction (runs when SALESTUI_TEST_PG_URL is set, as tests/db/test_postgres.py)."""

from __future__ import annotations

from datetime import date

import pytest

from salestui.context import AppContext
from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.services.lead_list import visible_leads
from salestui.services.leads import Conversion, contact_lead, convert_lead
from tests.db.test_postgres import NOW, PG_URL, pg_engine  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")


def _lines(database, closed=False):
    ctx = AppContext(database, "demo", clock=lambda: NOW)
    return ctx.read(visible_leads, "demo", NOW, closed=closed)


def test_the_leads_read_and_change_alike(pg_engine, tmp_path):  # noqa: F811
    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))
    lite = str(tmp_path / "same.db")
    build_demo(open_database(lite), deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))

    def seen(database):
        return [(x.lead.id, x.clock.words, x.lead.status) for x in _lines(database, True)]

    assert seen(pg_engine) == seen(lite) and seen(lite)
    waiting = next(x.lead.id for x in _lines(pg_engine) if x.is_open)
    for database in (pg_engine, lite):
        ctx = AppContext(database, "demo", clock=lambda: NOW)
        ctx.write(contact_lead, "demo", waiting, note="rang", now=NOW)
        ctx.write(convert_lead, "demo", waiting, Conversion(amount="1000", even_if_alike=True),
                  now=NOW)  # fmt: skip
    assert seen(pg_engine) == seen(lite)
