"""A contacts import on the hand-written org of tests/fixtures.py (上海华信科技有限公司 #1
rep_li's, 深圳腾达电子 #2 rep_south's, Acme Corp #3 rep_wang's; boss above all, mgr_east above
rep_li and rep_wang): Chinese and English headers, the row refusals, undo, and the export round
trip through the visibility rule."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from salestui.services.imports.run import ImportOptions, ImportRejected, import_file, undo_import
from tests.fixtures import NOW
from tests.services.imports.test_run import domain_rows, domain_rows_of, dump, write


def run(session, path, actor="boss", **kw):
    return import_file(session, path, ImportOptions(kind="contacts", **kw), actor=actor, now=NOW,
                       report_dir=path.parent)  # fmt: skip


def contacts(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT customer_id, name, title, phone, email, role FROM contact ORDER BY id"
    ))]  # fmt: skip


CHINESE = (
    "客户,联系人,职务,手机,电子邮件,角色\n"
    "上海华信科技有限公司,张伟,CIO,+86 138 0013 8000,zw@huaxin.cn,决策者\n"
    "Acme Corp,Bob  Smith,Buyer,(010) 6552 9988,,influencer\n"
)


def test_chinese_headers_and_role_words(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    summary = run(s, write(tmp_path, "c.csv", CHINESE))
    assert (summary.created, summary.updated) == (2, 0)
    assert contacts(s) == [
        (1, "张伟", "CIO", "+86 138 0013 8000", "zw@huaxin.cn", "decision maker"),
        (3, "Bob Smith", "Buyer", "(010) 6552 9988", "", "influencer"),
    ]
    # the same file again: the same contacts (customer + name), nothing new
    assert run(s, write(tmp_path, "c.csv", CHINESE)).unchanged == 2


BAD = (
    "Customer Name,Name,Title,Phone,Email,Role\n"
    "Acme Corp,Good One,,021 5555 0101,good@acme.com,user\n"  # line 2
    "Acme Corp,Bad Mail,,,bad@acme,user\n"  # line 3
    "Acme Corp,Bad Phone,,call me,,user\n"  # line 4
    "Nobody Ltd,Lost,,,,\n"  # line 5
    "Acme Corp,Bad Role,,,,chief\n"  # line 6
    "Acme Corp,Good Two,,,,gatekeeper\n"  # line 7
)


def test_refused_rows_name_their_line_and_why_the_rest_imports(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(tmp_path, "bad.csv", BAD)
    with pytest.raises(ImportRejected) as caught:
        run(s, path)
    said = {(e.line, e.column): e.why for e in caught.value.errors}
    assert set(said) == {(3, "Email"), (4, "Phone"), (5, "Customer Name"), (6, "Role")}
    assert "'bad@acme' is not an email address" in said[(3, "Email")]
    assert "'call me' is not a phone number" in said[(4, "Phone")]
    assert "no customer with this name or id" in said[(5, "Customer Name")]
    s.rollback()
    assert contacts(s) == []
    summary = run(s, path, skip_invalid=True)
    assert (summary.created, summary.skipped) == (2, 4)
    assert [c[1] for c in contacts(s)] == ["Good One", "Good Two"]


def test_create_missing_never_makes_a_customer_for_a_contact(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(tmp_path, "c.csv", "customer,name\nNobody Ltd,Lost\nAcme Corp,Bob\n")
    with pytest.raises(ImportRejected) as caught:
        run(s, path, create_missing=True)
    assert [(e.line, e.value, e.why) for e in caught.value.errors] == [
        (2, "Nobody Ltd",
         "no customer with this name or id (a contacts file never creates customers: import "
         "them first)")
    ]  # fmt: skip
    s.rollback()
    assert contacts(s) == []
    assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 3


def test_a_rep_imports_only_to_their_own_customers(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(tmp_path, "c.csv", CHINESE)
    with pytest.raises(ImportRejected, match="outside your part of the org"):
        run(s, path, actor="rep_wang")  # 上海华信 is rep_li's
    s.rollback()
    assert run(s, path, actor="mgr_east").created == 2  # both are their reports'


def test_undo_takes_the_contacts_away(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    summary = run(s, write(tmp_path, "c.csv", CHINESE))
    lines = undo_import(s, summary.batch, actor="boss", now=NOW)
    assert lines[0] == f"undone batch {summary.batch}: 2 contact deleted"
    s.close()
    assert domain_rows(seeded_db) == domain_rows_of(before)


def test_export_sees_what_the_person_sees_and_round_trips(seeded_db, cli, tmp_path):
    import sqlite3

    con = sqlite3.connect(seeded_db)
    con.executescript(
        "INSERT INTO contact (customer_id, name, title, phone, email, role, created_at, version) "
        "VALUES (1, '张伟', 'CIO', '+86 138 0013 8000', 'zw@huaxin.cn', 'decision maker', "
        "'2026-11-01 00:00:00', 1), (2, 'Sun Li', '', '', '', '', '2026-11-01 00:00:00', 1), "
        "(3, 'Bob', 'Buyer', '', 'bob@acme.com', 'user', '2026-11-01 00:00:00', 1);"
    )
    con.commit()
    con.close()
    r = cli("export", "contacts", "--format", "json", "--db", seeded_db, "--user", "mgr_east")
    assert r.code == 0, r.err
    got = json.loads(r.out)
    rows = got["rows"] if isinstance(got, dict) else got
    assert [(x["customer"], x["name"]) for x in rows] == [("上海华信科技有限公司", "张伟"),
                                                          ("Acme Corp", "Bob")]  # fmt: skip
    r = cli("export", "contacts", "--db", seeded_db, "--user", "boss")
    assert r.code == 0, r.err
    exported = list(csv.DictReader(io.StringIO(r.out)))
    assert [x["name"] for x in exported] == ["张伟", "Sun Li", "Bob"]
    # a cell starting with + is guarded against spreadsheets; the importer reads it back
    assert (exported[0]["role"], exported[0]["phone"]) == ("decision maker", "'+86 138 0013 8000")
    # the export imported again changes nothing
    path = tmp_path / "back.csv"
    path.write_text(r.out, encoding="utf-8")
    r = cli("import", "contacts", str(path), "--db", seeded_db, "--user", "boss")
    assert r.code == 0, r.err
    assert "created 0, updated 0, unchanged 3, skipped 0" in r.out
