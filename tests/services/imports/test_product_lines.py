"""Product lines through the import door, on the hand-written org (tests/fixtures.py: #1 华信 ERP
rollout 120,000.00, #2 Acme renewal 80,000.00, neither with lines) and two products: ERP-1 “ERP
seat” at 10,000.00 and LIC-CN “企业版许可” at 5,000.00. Every figure worked out by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from salestui.db.tables import Product
from salestui.services.imports.run import ImportOptions, ImportRejected, import_file, undo_import
from tests.fixtures import NOW


@pytest.fixture
def s(seeded_db, session_for):
    s = session_for(seeded_db)
    s.add(Product(sku="ERP-1", name="ERP seat", product_line="software",
                  list_price_minor=1_000_000, unit_cost_minor=0))  # fmt: skip
    s.add(Product(sku="LIC-CN", name="企业版许可", product_line="licences",
                  list_price_minor=500_000, unit_cost_minor=0))  # fmt: skip
    s.commit()
    s.execute(text("UPDATE opportunity SET external_id = 'D' || id"))
    s.commit()
    return s


def lines(s, deal_external_id: str) -> list[tuple]:
    return s.execute(
        text("SELECT p.sku, l.quantity, l.unit_price_minor, l.discount_bp FROM opportunity_line l "
             "JOIN product p ON p.id = l.product_id JOIN opportunity o ON o.id = l.opportunity_id "
             "WHERE o.external_id = :x ORDER BY l.id"), {"x": deal_external_id},
    ).all()  # fmt: skip


def amount(s, deal_external_id: str) -> int:
    return s.execute(
        text("SELECT amount_minor FROM opportunity WHERE external_id = :x"), {"x": deal_external_id}
    ).scalar_one()


DEALS = (
    "external_id,customer,title,amount,product,quantity,expected_close\n"
    "N1,Acme Corp,Three seats,1000.00,ERP-1,3,2026-12-31\n"
    "N2,Acme Corp,Licences,,企业版许可,2,2026-12-31\n"
    "N3,Acme Corp,Six seats,600.00,erp seat,6,2026-12-31\n"
    "N4,Acme Corp,Nothing,500.00,NOPE,,2026-12-31\n"
)


def test_a_deals_file_product_becomes_the_deal_line(s, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(DEALS, encoding="utf-8")
    # a product that does not exist refuses the file, as any missing reference does
    with pytest.raises(ImportRejected) as refused:
        import_file(s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW)
    assert "line 5, product 'NOPE': no product with SKU or name 'NOPE'" in str(refused.value)
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
    summary = import_file(s, path, ImportOptions(kind="opportunities", skip_invalid=True),
                          actor="boss", now=NOW, report_dir=tmp_path)  # fmt: skip
    assert (summary.created, summary.skipped) == (3, 1), summary.lines()
    assert not any("not imported: product" in n for n in summary.notes)
    # 1,000.00 does not divide by 3: one unit at 1,000.00, the line's total is the amount
    assert lines(s, "N1") == [("ERP-1", 1, 100_000, 0)]
    assert amount(s, "N1") == 100_000
    # no amount: 2 × the list price 5,000.00 = 10,000.00, and the amount follows
    assert lines(s, "N2") == [("LIC-CN", 2, 500_000, 0)]
    assert amount(s, "N2") == 1_000_000
    # 600.00 / 6 = 100.00 a unit; the product named by its name, any case
    assert lines(s, "N3") == [("ERP-1", 6, 10_000, 0)]
    # the refused row wrote nothing
    assert (
        s.execute(text("SELECT count(*) FROM opportunity WHERE external_id = 'N4'")).scalar_one()
        == 0
    )
    # the same file again changes nothing
    again = import_file(s, path, ImportOptions(kind="opportunities", skip_invalid=True),
                        actor="boss", now=NOW, report_dir=tmp_path)  # fmt: skip
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 3
    assert (again.created, again.updated) == (0, 0), again.lines()
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
    assert (
        s.execute(text("SELECT count(*) FROM opportunity WHERE external_id LIKE 'N%'")).scalar_one()
        == 0
    )


def test_an_existing_deal_gets_its_product_and_undo_puts_the_amount_back(s, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("external_id,customer,product,quantity,expected_close\n"
                    "D2,Acme Corp,ERP-1,3,2026-12-31\n", encoding="utf-8")  # fmt: skip
    dry = import_file(
        s, path, ImportOptions(kind="opportunities", dry_run=True), actor="boss", now=NOW
    )
    assert (dry.created, dry.updated, dry.unchanged) == (0, 1, 0), dry.lines()
    summary = import_file(s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0), summary.lines()
    # 3 × 10,000.00 = 30,000.00 replaces the typed 80,000.00
    assert lines(s, "D2") == [("ERP-1", 3, 1_000_000, 0)]
    assert amount(s, "D2") == 3_000_000
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert lines(s, "D2") == []
    assert amount(s, "D2") == 8_000_000


LINES = "商机,产品,数量,单价,折扣\nD2,ERP-1,2,,10\nD2,企业版许可,1,2500,\nD1,LIC-CN,1,,\n"


def test_a_deal_lines_file_in_chinese_dry_run_then_import_then_undo(s, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text(LINES, encoding="utf-8")
    dry = import_file(
        s, path, ImportOptions(kind="deal-lines", dry_run=True), actor="boss", now=NOW
    )
    assert (dry.created, dry.updated, dry.unchanged) == (3, 2, 0), dry.lines()
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
    summary = import_file(s, path, ImportOptions(kind="deal-lines"), actor="boss", now=NOW)
    assert (summary.created, summary.updated) == (3, 2), summary.lines()
    # 2 × 10,000.00 less 10 % = 18,000.00; + 1 × 2,500.00 = 20,500.00
    assert lines(s, "D2") == [("ERP-1", 2, 1_000_000, 1000), ("LIC-CN", 1, 250_000, 0)]
    assert amount(s, "D2") == 2_050_000
    # no unit price: the list price 5,000.00
    assert amount(s, "D1") == 500_000
    again = import_file(s, path, ImportOptions(kind="deal-lines"), actor="boss", now=NOW)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3), again.lines()
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
    assert (amount(s, "D1"), amount(s, "D2")) == (12_000_000, 8_000_000)


def test_a_missing_product_refuses_its_row_and_its_deal_s_other_rows(s, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("deal,product,quantity\nD2,ERP-1,1\nD2,NOPE,1\nD1,ERP-1,0\nD9,ERP-1,1\n"
                    "D1,LIC-CN,2\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ImportRejected) as refused:
        import_file(s, path, ImportOptions(kind="deal-lines"), actor="boss", now=NOW)
    said = str(refused.value)
    assert "line 3, product 'NOPE': no product with SKU or name 'NOPE'" in said
    assert "line 4, quantity '0': the quantity must be at least 1" in said
    assert "line 5, deal 'D9': no deal with this external id or number" in said
    summary = import_file(s, path, ImportOptions(kind="deal-lines", skip_invalid=True),
                          actor="boss", now=NOW, report_dir=tmp_path)  # fmt: skip
    # every row of D1 and D2 set aside with its bad row; nothing written for them
    assert summary.skipped == 5, summary.lines()
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
    assert (amount(s, "D1"), amount(s, "D2")) == (12_000_000, 8_000_000)


def test_a_rep_cannot_put_lines_on_a_deal_outside_their_part_of_the_org(s, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("deal,product\n#1,ERP-1\n", encoding="utf-8")
    owner = s.execute(text("SELECT p.login FROM opportunity o JOIN person p ON p.id = o.owner_id "
                           "WHERE o.id = 1")).scalar_one()  # fmt: skip
    other = s.execute(text("SELECT login FROM person WHERE role = 'rep' AND login != :o "
                           "ORDER BY id LIMIT 1"), {"o": owner}).scalar_one()  # fmt: skip
    with pytest.raises(ImportRejected) as refused:
        import_file(s, path, ImportOptions(kind="deal-lines"), actor=other, now=NOW)
    assert "outside your part of the org" in str(refused.value)
    assert s.execute(text("SELECT count(*) FROM opportunity_line")).scalar_one() == 0
