"""Importing into the hand-written organisation: rejections, re-import, undo, all-or-nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import text

from salestui.kernel.errors import DomainError
from salestui.services.imports.run import ImportOptions, ImportRejected, import_file, undo_import
from tests.fixtures import BOOKKEEPING, NOW


def run(session, path, kind, **kw):
    return import_file(session, path, ImportOptions(kind=kind, **kw), actor="boss", now=NOW,
                       report_dir=path.parent)  # fmt: skip


def write(tmp_path, name, text_, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text_.encode(encoding))
    return path


def domain_rows_of(dumped: list) -> list:
    """A dump without the audit log, the batches' bookkeeping and the change journals behind kept
    figures (migrations 0010, 0018: an undo is a change too): the records a person sees."""
    bookkeeping = {"import_batch", *BOOKKEEPING}
    return [t for t in dumped if not t[0].startswith("audit_") and t[0] not in bookkeeping]


def domain_rows(db: str) -> list:
    return domain_rows_of(dump(db))


def dump(db: str) -> list:
    """Every row of every table, to compare a database before and after."""
    conn = sqlite3.connect(db)
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    out = [(n, conn.execute(f"SELECT * FROM {n} ORDER BY 1").fetchall()) for n in names]
    conn.close()
    return out


DEALS = (
    "Deal ID,Deal Name,Account Name,Deal Owner,Amount,Close Date,Stage,Probability\n"
    'X1,Pumps,上海华信科技有限公司,rep_li,"1,234.50",20/12/2026,Closed Won,100%\n'
    'X2,Valves,Acme Corp,Wang Fang,"USD 485,000.00",03/01/2027,Engaging,65.0%\n'
)


def test_deals_by_header_aliases_names_and_display_names(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    summary = run(s, write(tmp_path, "deals.csv", DEALS), "opportunities")
    assert (summary.created, summary.updated) == (2, 0)
    rows = s.execute(text("SELECT title, amount_minor, stage, probability, expected_close, owner_id "
                          "FROM opportunity WHERE external_id IS NOT NULL ORDER BY external_id")).all()  # fmt: skip
    assert rows[0][:5] == ("Pumps", 123450, "Won", 100, "2026-12-20")
    assert rows[1][:5] == ("Valves", 48500000, "Qualified", 65, "2027-01-03")
    history = s.execute(text("SELECT count(*) FROM stage_change sc JOIN opportunity o "
                             "ON o.id = sc.opportunity_id WHERE o.external_id = 'X1'")).scalar()  # fmt: skip
    assert history == 1


def test_reimport_updates_and_never_duplicates(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(tmp_path, "deals.csv", DEALS)
    run(s, path, "opportunities")
    again = run(s, path, "opportunities")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    path.write_text(DEALS.replace("Engaging", "Proposal"), encoding="utf-8")
    changed = run(s, path, "opportunities")
    assert (changed.created, changed.updated) == (0, 1)
    stage, version = s.execute(
        text("SELECT stage, version FROM opportunity WHERE external_id='X2'")
    ).one()
    assert (stage, version) == ("Proposal", 2)
    assert (
        s.execute(text("SELECT count(*) FROM opportunity WHERE external_id LIKE 'X%'")).scalar()
        == 2
    )


def test_people_and_customers_match_by_name_without_external_ids(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(tmp_path, "c.csv", "Customer Name,Industry\nAcme Corp,Machinery\nNew Co,Retail\n")
    first = run(s, path, "customers")
    assert (first.created, first.updated) == (1, 1)
    assert run(s, path, "customers").unchanged == 2


def test_every_bad_row_is_reported_and_nothing_is_written(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    bad = (
        "external_id,title,customer,owner,amount,expected_close,stage\n"
        "A,ok,Acme Corp,rep_wang,100,2026-12-01,Prospect\n"
        "B,no such customer,Nobody Ltd,rep_wang,100,2026-12-01,Prospect\n"
        "C,bad amount,Acme Corp,rep_wang,lots,2026-12-01,Prospect\n"
        "D,odd stage,Acme Corp,rep_wang,100,2026-12-01,Dreaming\n"
        "E,lost,Acme Corp,rep_wang,100,2026-12-01,Lost\n"
        "F,bad date,Acme Corp,rep_wang,100,2026-02-31,Prospect\n"
    )
    with pytest.raises(ImportRejected) as caught:
        run(s, write(tmp_path, "bad.csv", bad), "opportunities")
    found = {(e.line, e.column, e.value) for e in caught.value.errors}
    assert found == {(3, "customer", "Nobody Ltd"), (4, "amount", "lots"), (5, "stage", "Dreaming"),
                     (6, "stage", "Lost"), (7, "expected_close", "2026-02-31")}  # fmt: skip
    message = str(caught.value)
    assert "line 3, customer 'Nobody Ltd': no customer" in message
    assert "--create-missing" in message and "--value-map" in message
    s.close()
    assert dump(seeded_db) == before


def test_a_failing_row_in_the_middle_of_a_large_file_leaves_the_data_unchanged(
    seeded_db, session_for, tmp_path
):
    rows = [
        f"L{i},Deal {i},Acme Corp,rep_wang,{i}.50,2027-01-{1 + i % 28:02d},Prospect"
        for i in range(3000)
    ]
    rows[1500] = "L1500,Deal 1500,Acme Corp,rep_wang,1.234.5.6,2027-01-01,Prospect"
    path = write(
        tmp_path,
        "big.csv",
        "external_id,title,customer,owner,amount,expected_close,stage\n" + "\n".join(rows),
    )
    before = dump(seeded_db)
    s = session_for(seeded_db)
    with pytest.raises(ImportRejected) as caught:
        run(s, path, "opportunities")
    assert [(e.line, e.column) for e in caught.value.errors] == [(1502, "amount")]
    s.close()
    assert dump(seeded_db) == before


def test_a_database_refusal_mid_write_rolls_everything_back(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    # Two SKUs new to the database and one name already taken by another SKU: the unique
    # constraint fails only at write time, after other rows went in.
    s.execute(text("INSERT INTO product (sku, name, product_line, list_price_minor, unit_cost_minor) "
                   "VALUES ('P-1', 'Pump', '', 0, 0)"))  # fmt: skip
    s.commit()
    before = dump(seeded_db)
    path = write(tmp_path, "p.csv", "sku,name\nP-2,Valve\nP-3,Hose\n")
    from unittest import mock

    from sqlalchemy.exc import IntegrityError

    from salestui.services import audit

    real = audit.append

    def failing(conn, entries):  # the created rows' audit, after the batch row was committed
        if len(entries) > 1:
            raise IntegrityError("INSERT", {}, Exception("boom"))
        return real(conn, entries)

    with (
        mock.patch("salestui.services.imports.write.append", failing),
        pytest.raises(DomainError, match="nothing was imported"),
    ):
        run(s, path, "products")
    s.close()
    assert domain_rows(seeded_db) == domain_rows_of(before)
    with sqlite3.connect(seeded_db) as con:
        assert con.execute("SELECT state FROM import_batch").fetchall() == [("rolled back",)]
    con.close()


def test_skip_invalid_imports_the_good_rows_and_files_the_bad_ones(
    seeded_db, session_for, tmp_path
):
    s = session_for(seeded_db)
    csv_text = "name,channel\nGood One,direct\nBad One,carrier pigeon\nGood Two,Distributor\n"
    summary = run(s, write(tmp_path, "c.csv", csv_text), "customers", skip_invalid=True)
    assert (summary.created, summary.skipped) == (2, 1)
    rejected = (tmp_path / summary.rejected_file.split("/")[-1]).read_text(encoding="utf-8")
    assert rejected.splitlines()[0] == "name,channel,line,reason"
    assert rejected.splitlines()[1].startswith(
        "Bad One,carrier pigeon,3,\"channel 'carrier pigeon': is not a known channel"
    )


def test_dry_run_counts_and_writes_nothing(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    summary = run(s, write(tmp_path, "deals.csv", DEALS), "opportunities", dry_run=True)
    assert (summary.created, summary.dry_run, summary.batch) == (2, True, None)
    s.close()
    assert dump(seeded_db) == before


def test_create_missing_makes_owners_customers_and_regions_once(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    csv_text = (
        "Order ID,Order Date,Customer ID,Customer Name,Region,Product ID,Product Name,Category,Sales,Quantity,Profit\n"
        "O-1,03/01/19,C-9,Zed Ltd,North,SKU-1,Widget,Tools,100.00,2,20.00\n"
        "O-1,03/01/19,C-9,Zed Ltd,North,SKU-2,Gadget,Tools,50.00,1,-5.00\n"
        "O-2,30/12/22,C-9,Zed Ltd,North,SKU-1,Widget,Tools,-50.00,-1,-10.00\n"
    )
    path = write(tmp_path, "orders.csv", csv_text)
    with pytest.raises(ImportRejected, match="--create-missing"):
        run(s, path, "orders")
    summary = run(s, path, "orders", create_missing=True, value_maps=("paid:=full",))
    assert summary.created == 2
    assert summary.created_refs == {"customer": 1, "product": 2, "region": 1}
    order = s.execute(
        text("SELECT order_date, amount_minor, paid_minor FROM sales_order WHERE external_id='O-1'")
    ).one()
    assert tuple(order) == ("2019-01-03", 15000, 15000)
    lines = s.execute(text("SELECT quantity, unit_price_minor, unit_cost_minor FROM order_line ol "
                           "JOIN sales_order so ON so.id = ol.order_id ORDER BY ol.id")).all()  # fmt: skip
    assert [tuple(r) for r in lines[-3:]] == [(2, 5000, 4000), (1, 5000, 5500), (-1, 5000, 4000)]
    assert run(s, path, "orders", create_missing=True, value_maps=("paid:=full",)).unchanged == 2


def test_undo_reverts_creations_and_updates_of_one_batch(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    summary = run(s, write(tmp_path, "c.csv", "name,industry,owner\nAcme Corp,Machinery,\nZed,Retail,Zoe Z\n"),
                  "customers", create_missing=True)  # fmt: skip
    assert (summary.created, summary.updated) == (1, 1)
    lines = undo_import(s, summary.batch, actor="boss", now=NOW)
    assert "customer deleted" in lines[0] and "person deleted" in lines[0]
    s.close()
    after = domain_rows(seeded_db)
    # Acme Corp's industry is back; its version moves on (1 → 2 by the import → 3 by the undo),
    # so a form still holding version 2 cannot save over the restored row.
    acme_before = next(r for r in dict(before)["customer"] if r[2] == "Acme Corp")
    acme_after = next(r for r in dict(after)["customer"] if r[2] == "Acme Corp")
    assert acme_after[:-1] == acme_before[:-1] and (acme_before[-1], acme_after[-1]) == (1, 3)
    without_versions = [
        (n, [r for r in rows if n != "customer" or r[2] != "Acme Corp"]) for n, rows in after
    ]
    assert without_versions == [
        (n, [r for r in rows if n != "customer" or r[2] != "Acme Corp"])
        for n, rows in domain_rows_of(before)
    ]
    s = session_for(seeded_db)
    with pytest.raises(DomainError, match="already undone"):
        undo_import(s, summary.batch, actor="boss", now=NOW)
    with pytest.raises(DomainError, match="no import batch"):
        undo_import(s, "nope", actor="boss", now=NOW)


def test_undo_is_refused_when_someone_changed_an_imported_row_since(
    seeded_db, session_for, tmp_path
):
    from salestui.services.deals import move_stage

    s = session_for(seeded_db)
    summary = run(s, write(tmp_path, "d.csv", DEALS), "opportunities")
    deal_id, version = s.execute(
        text("SELECT id, version FROM opportunity WHERE external_id='X2'")
    ).one()
    move_stage(s, "boss", deal_id, "Proposal", version)
    with pytest.raises(DomainError, match="changed by boss"):
        undo_import(s, summary.batch, actor="boss", now=NOW)


def test_columns_values_and_presets(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    sf = ("Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Amount,Close Date,Stage,Loss Reason\n"
          "006A,Big,Acme Corp,rep_wang,10,2026-12-01,Closed Lost,Lost to Competitor\n")  # fmt: skip
    run(s, write(tmp_path, "sf.csv", sf), "opportunities", preset="salesforce")
    api = "Id,Name,Account.Name,Owner.Name,Amount,CloseDate,StageName\n006B,Api,Acme Corp,Wang Fang,10,2026-12-01,Negotiation/Review\n"
    run(s, write(tmp_path, "api.csv", api), "opportunities", preset="salesforce")
    hs = "Record ID,Deal Name,Associated Company,Deal owner,Amount,Close Date,Deal Stage\n9,Hub,Acme Corp,rep_wang,5,2026-12-01,appointmentscheduled\n"
    run(s, write(tmp_path, "hs.csv", hs), "opportunities", preset="hubspot")
    pd = "Deal - ID,Deal - Title,Deal - Organization,Deal - Owner,Deal - Value,Deal - Expected close date,Deal - Stage,Deal - Status\n7,Pipe,Acme Corp,rep_wang,5,2026-12-01,Proposal Made,won\n"
    run(s, write(tmp_path, "pd.csv", pd), "opportunities", preset="pipedrive")
    got = dict(s.execute(text("SELECT external_id, stage || ':' || COALESCE(lost_reason, '') FROM opportunity "
                              "WHERE external_id IN ('006A', '006B', '9', '7')")).all())  # fmt: skip
    assert got == {"006A": "Lost:competitor", "006B": "Negotiation:", "9": "Prospect:", "7": "Won:"}
    mine = "Who,Client,Size,When,Phase\nrep_wang,Acme Corp,7,2026-12-01,Stage Z\n"
    run(s, write(tmp_path, "m.csv", mine), "opportunities",
        maps=("Who=owner", "Client=customer", "Size=amount", "When=expected_close", "Phase=stage"),
        value_maps=("stage:Stage Z=Proposal",))  # fmt: skip
    assert (
        s.execute(text("SELECT stage FROM opportunity WHERE title='Acme Corp'")).scalar()
        == "Proposal"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"maps": ("Nope=owner",)}, "no column 'Nope'"),
        ({"maps": ("Who=wizard",)}, "not a field"),
        ({"value_maps": ("stage:x=Heaven",)}, "not a stage"),
        ({"value_maps": ("stage=Won",)}, "FIELD:SOURCE=VALUE"),
        ({"preset": "zoho"}, "unknown preset"),
        ({"date_format": "dd/mm"}, "--date-format"),
    ],
)
def test_bad_options_are_one_clear_message(seeded_db, session_for, tmp_path, options, message):
    s = session_for(seeded_db)
    path = write(tmp_path, "m.csv", "Who,customer,expected_close\nrep_wang,Acme Corp,2026-12-01\n")
    with pytest.raises(DomainError, match=message):
        run(s, path, "opportunities", **options)


def test_ambiguous_dates_ask_for_a_date_format_and_then_import(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    path = write(
        tmp_path,
        "a.csv",
        "title,customer,expected_close\nA,Acme Corp,03/04/2027\nB,Acme Corp,05/06/2027\n",
    )
    with pytest.raises(DomainError, match="--date-format DMY or --date-format MDY"):
        run(s, path, "opportunities")
    assert run(s, path, "opportunities", date_format="MDY").created == 2
    assert s.execute(text("SELECT max(expected_close) FROM opportunity")).scalar() == "2027-05-06"


def test_a_missing_required_column_is_named(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    with pytest.raises(DomainError, match="gives order_id"):
        run(s, write(tmp_path, "o.csv", "Customer,Sales\nAcme Corp,1\n"), "orders")


def test_excel_damage_in_a_text_field_is_a_row_error(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    with pytest.raises(ImportRejected, match="Excel"):
        run(s, write(tmp_path, "c.csv", "name,size\nAcme Corp,01-May\n"), "customers")


def test_semicolon_cp1252_decimal_comma_file(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    body = "Row ID;Ship Date;Customer Name;Product Name;Sales;Quantity\n1;2016-11-11;Café Gute;Chaise;261,96;2\n2;2016-11-11;Café Gute;Table;1.234,50;1\n"
    summary = run(s, write(tmp_path, "s.csv", body, "cp1252"), "orders", create_missing=True,
                  maps=("Row ID=order_id", "Ship Date=order_date"))  # fmt: skip
    assert summary.created == 2
    amounts = (
        s.execute(
            text(
                "SELECT amount_minor FROM sales_order WHERE external_id IN ('1','2') ORDER BY external_id"
            )
        )
        .scalars()
        .all()
    )
    assert amounts == [26196, 123450]
    assert s.execute(text("SELECT count(*) FROM customer WHERE name = 'Café Gute'")).scalar() == 1


def test_people_with_managers_in_the_same_file(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    body = "sales_agent,manager,regional_office\nAgent_1,Manager_A,South\nManager_A,boss,South\n"
    with pytest.raises(ImportRejected, match="region"):
        run(s, write(tmp_path, "t.csv", body), "people")
    run(s, write(tmp_path, "t.csv", body), "people", create_missing=True)
    rows = dict(s.execute(text("SELECT p.login, m.login FROM person p JOIN person m ON m.id = p.manager_id "
                               "WHERE p.login IN ('Agent_1', 'Manager_A')")).all())  # fmt: skip
    assert rows == {"Agent_1": "Manager_A", "Manager_A": "boss"}


def test_undo_of_a_reimport_puts_back_the_order_lines_it_replaced(seeded_db, session_for, tmp_path):
    """O-7 first holds 2 Widgets at 100.00 and 1 Gadget at 50.00 (250.00); the second file says
    3 Widgets at 100.00 (300.00). Undoing the second import gives the first lines back, with
    their ids, and the order's amount 250.00 again."""
    s = session_for(seeded_db)
    head = "Order ID,Order Date,Customer Name,Product Name,Sales,Quantity\n"
    first = (
        head + "O-7,2026-10-01,Acme Corp,Widget,200.00,2\nO-7,2026-10-01,Acme Corp,Gadget,50.00,1\n"
    )
    second = head + "O-7,2026-10-01,Acme Corp,Widget,300.00,3\n"
    opts = dict(create_missing=True, value_maps=("paid:=full",))
    run(s, write(tmp_path, "o1.csv", first), "orders", **opts)
    s.commit()
    s.close()
    before = dump(seeded_db)
    s = session_for(seeded_db)

    def lines(session):
        return [tuple(r) for r in session.execute(text(
            "SELECT ol.id, p.name, ol.quantity, ol.unit_price_minor FROM order_line ol "
            "JOIN product p ON p.id = ol.product_id JOIN sales_order so ON so.id = ol.order_id "
            "WHERE so.external_id = 'O-7' ORDER BY ol.id")).all()]  # fmt: skip

    was = lines(s)
    assert [r[1:] for r in was] == [("Widget", 2, 10000), ("Gadget", 1, 5000)]
    summary = run(s, write(tmp_path, "o2.csv", second), "orders", **opts)
    assert summary.updated == 1
    assert [r[1:] for r in lines(s)] == [("Widget", 3, 10000)]
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert lines(s) == was
    amount = s.execute(text("SELECT amount_minor FROM sales_order WHERE external_id = 'O-7'"))
    assert amount.scalar() == 25000
    s.close()
    after, was_there = dict(domain_rows(seeded_db)), dict(domain_rows_of(before))
    # the order is as it was, but for its version: 1, 2 by the second import, 3 by the undo
    assert [r[:-1] for r in after.pop("sales_order")] == [
        r[:-1] for r in was_there.pop("sales_order")
    ]
    assert after == was_there


def test_undo_puts_back_a_moment_the_import_changed(seeded_db, session_for, tmp_path):
    # created_at is a UTCDateTime column: the audit log keeps its old value as text, and the undo
    # must write it back as a moment (the column refuses text).
    s = session_for(seeded_db)
    before = s.execute(text("SELECT created_at FROM customer WHERE name = 'Acme Corp'")).scalar()
    path = write(tmp_path, "c.csv", "name,created_at\nAcme Corp,2020-05-06 07:08\n")
    summary = run(s, path, "customers")
    assert (summary.created, summary.updated) == (0, 1)
    changed = s.execute(text("SELECT created_at FROM customer WHERE name = 'Acme Corp'")).scalar()
    assert changed.startswith("2020-05-06 07:08")
    undo_import(s, summary.batch, actor="boss", now=NOW)
    after = s.execute(text("SELECT created_at FROM customer WHERE name = 'Acme Corp'")).scalar()
    assert after == before


def test_an_undo_says_in_the_audit_log_what_it_replaced(seeded_db, session_for, tmp_path):
    """An undo's audit rows are not blank: a restored field says what it held and holds again,
    a deleted row is kept whole (issue 12 found ``old`` NULL in both)."""
    s = session_for(seeded_db)
    industry = s.execute(text("SELECT industry FROM customer WHERE name = 'Acme Corp'")).scalar()
    summary = run(s, write(tmp_path, "c.csv", "name,industry\nAcme Corp,Machinery\nZed,Retail\n"),
                  "customers")  # fmt: skip
    undo_import(s, summary.batch, actor="boss", now=NOW)
    rows = s.execute(
        text("SELECT table_name, field, old, new FROM audit_log WHERE batch = :b ORDER BY id"),
        {"b": f"undo:{summary.batch}"},
    ).all()
    by_field = {(r.table_name, r.field): (r.old, r.new) for r in rows}
    assert by_field[("customer", "industry")] == ("Machinery", industry)
    old_version, new_version = by_field[("customer", "version")]
    assert int(new_version) == int(old_version) + 1
    deleted = json.loads(by_field[("customer", "*deleted*")][0])
    assert deleted["name"] == "Zed" and deleted["industry"] == "Retail"
    assert by_field[("customer", "*deleted*")][1] is None


def test_a_deal_imported_into_negotiation_asks_its_sign_offs_and_an_undo_takes_them_back(
    seeded_db, session_for, tmp_path
):
    """1,250,000.50 > 500,000: finance, legal and VP, as a move on the board would ask; Acme
    renewal (#2, 80,000, Qualified) moved into Negotiation by the file: the director."""
    s = session_for(seeded_db)
    before = domain_rows(seeded_db)
    deals = (
        "external_id,title,customer,owner,amount,expected_close,stage\n"
        'N1,Big line,Acme Corp,rep_wang,"1,250,000.50",2027-01-31,Negotiation\n'
    )
    summary = run(s, write(tmp_path, "n.csv", deals), "opportunities")
    asked = s.execute(text(
        "SELECT a.approver_role, a.status, o.approval FROM approval a "
        "JOIN opportunity o ON o.id = a.opportunity_id WHERE o.external_id = 'N1' ORDER BY 1"
    )).all()  # fmt: skip
    assert [tuple(r) for r in asked] == [
        ("finance", "pending", "pending"),
        ("legal", "pending", "pending"),
        ("vp", "pending", "pending"),
    ]
    s.execute(text("UPDATE opportunity SET external_id = 'R2' WHERE id = 2"))
    s.commit()
    move = "external_id,title,customer,owner,amount,expected_close,stage\n" + (
        "R2,Acme renewal,Acme Corp,rep_wang,80000,2026-12-15,Negotiation\n"
    )
    moved = run(s, write(tmp_path, "m.csv", move), "opportunities")
    assert s.execute(text(
        "SELECT approver_role, status FROM approval WHERE opportunity_id = 2"
    )).all() == [("director", "pending")]  # fmt: skip
    assert s.execute(text("SELECT approval FROM opportunity WHERE id = 2")).scalar() == "pending"
    undo_import(s, moved.batch, actor="boss", now=NOW)
    undo_import(s, summary.batch, actor="boss", now=NOW)
    s.execute(text("UPDATE opportunity SET external_id = NULL WHERE id = 2"))
    s.commit()
    s.close()
    after = {n: rows for n, rows in domain_rows(seeded_db)}
    assert after["approval"] == dict(before)["approval"]
    assert len(after["opportunity"]) == len(dict(before)["opportunity"])
