"""The weekly call: kept per week (every call a row), audited, for one's own scope only; a
negative or unreadable amount, another's scope or a quarter not this or the next: one line,
nothing written. NOW is Friday 2026-11-20; the week began Monday 2026-11-16."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from salestui.db.engine import open_database
from salestui.db.ledger_tables import AuditLog
from salestui.db.tables import ForecastCall
from salestui.kernel.errors import DomainError
from salestui.services.forecast_calls import submit_call
from tests.fixtures import NOW, rows_digest


def call(db, login, amount, **kw):
    engine = open_database(db)
    with Session(engine) as s:
        return submit_call(s, login, amount, now=kw.pop("now", NOW), **kw)


def calls(db):
    engine = open_database(db)
    with Session(engine) as s:
        return s.exec(select(ForecastCall).order_by(ForecastCall.id)).all()


def test_every_call_is_kept_and_audited(seeded_db):
    done = call(seeded_db, "rep_li", "450,000", note="  the data platform  signs ")
    assert done.message == "called 450,000 for 2026-Q4, the week of 2026-11-16"
    call(seeded_db, "rep_li", "480000.50", now=NOW + timedelta(hours=2))
    call(seeded_db, "rep_li", "1,000,000", period="next-quarter")
    rows = calls(seeded_db)
    assert [(r.amount_minor, r.period_start, r.week_start, r.made_by) for r in rows] == [
        (45_000_000, date(2026, 10, 1), date(2026, 11, 16), "rep_li"),
        (48_000_050, date(2026, 10, 1), date(2026, 11, 16), "rep_li"),
        (100_000_000, date(2027, 1, 1), date(2026, 11, 16), "rep_li"),
    ]
    assert rows[0].note == "the data platform signs"
    engine = open_database(seeded_db)
    with Session(engine) as s:
        audit = s.exec(select(AuditLog).where(AuditLog.table_name == "forecast_call")).all()
    first = {a.field: a.new for a in audit if a.row_id == rows[0].id}
    assert first["*created*"] == "45000000" and first["note"] == "the data platform signs"
    assert {a.by_login for a in audit} == {"rep_li"}


@pytest.mark.parametrize(
    ("login", "amount", "kw", "said"),
    [
        ("rep_li", "-5", {}, "cannot be negative"),
        ("rep_li", -5, {}, "cannot be negative"),
        ("rep_li", "lots", {}, "the call must be a number"),
        ("rep_li", "", {}, "the call is required"),
        ("rep_li", "5", {"person": "mgr_east"}, "you call only your own scope, not Mei East's"),
        ("boss", "5", {"person": "rep_li"}, "you call only your own scope, not 李伟's"),
        ("rep_li", "5", {"period": "2026-Q3"}, "this quarter (2026-Q4) or the next (2027-Q1)"),
        ("rep_li", "5", {"period": "2027-Q2"}, "not 2027-Q2"),
        ("rep_li", "5", {"period": "someday"}, "this-quarter, next-quarter or YYYY-Qn"),
        ("rep_li", "5", {"note": "x" * 501}, "at most 500"),
        ("rep_li", "5", {"note": "bad\x1b[31m"}, "the note"),
        ("nobody", "5", {}, "no person with login 'nobody'"),
    ],
)
def test_refused_in_one_line_with_nothing_written(seeded_db, login, amount, kw, said):
    before = rows_digest(seeded_db)
    with pytest.raises(DomainError, match=said.replace("(", r"\(").replace(")", r"\)")) as err:
        call(seeded_db, login, amount, **kw)
    assert "\n" not in str(err.value)
    assert rows_digest(seeded_db) == before


def test_a_rep_cannot_call_for_the_managers_scope_even_as_an_administrator(seeded_db):
    import sqlite3

    with sqlite3.connect(seeded_db) as con:
        con.execute("UPDATE person SET admin = 1 WHERE login = 'rep_li'")
    con.close()
    with pytest.raises(DomainError, match="own scope"):
        call(seeded_db, "rep_li", "5", person="mgr_east")
    assert calls(seeded_db) == []
    call(seeded_db, "rep_li", "5", person="rep_li")  # naming oneself is fine
    assert len(calls(seeded_db)) == 1
