"""A deal with product lines is worth their sum at every door: an import row typing it another
amount is refused with the deal form's words, the rest of the file imports (the hand-written
org: #1 华信 ERP rollout 120,000 gets two lines summing to 120,000; #2 Acme renewal 80,000 has
none)."""

from __future__ import annotations

from sqlalchemy import text

from salestui.db.tables import Product
from salestui.services.deal_lines import add_line
from salestui.services.imports.run import ImportOptions, import_file
from tests.fixtures import NOW


def test_a_new_amount_on_a_deal_with_lines_is_refused_the_rest_imports(
    seeded_db, session_for, tmp_path
):
    s = session_for(seeded_db)
    s.add(Product(sku="ERP-1", name="ERP seat", product_line="software",
                  list_price_minor=1_000_000, unit_cost_minor=0))  # fmt: skip
    s.commit()
    s.execute(text("UPDATE opportunity SET external_id = 'D' || id"))
    s.commit()
    version = s.execute(text("SELECT version FROM opportunity WHERE id = 1")).scalar_one()
    # 12 × 10,000.00 = 120,000.00: the amount it had
    add_line(s, "boss", 1, version, product="ERP-1", quantity=12, now=NOW)
    path = tmp_path / "deals.csv"
    path.write_text(
        "external_id,customer,amount,expected_close\n"
        "D1,上海华信科技有限公司,150000,2026-12-20\n"
        "D2,Acme Corp,95000,2026-12-31\n",
        encoding="utf-8",
    )
    summary = import_file(
        s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW, report_dir=tmp_path
    )
    assert summary.skipped == 1, summary.lines()
    (line,) = summary.refused
    assert line == (
        "line 2, amount '150,000.00': the amount follows its 1 product line; change the lines"
    )
    amounts = dict(
        s.execute(text("SELECT id, amount_minor FROM opportunity WHERE id IN (1, 2)")).all()
    )
    assert amounts == {1: 12_000_000, 2: 9_500_000}
    # the sum it already has is no change: not refused
    path.write_text("external_id,customer,amount,expected_close\n"
                    "D1,上海华信科技有限公司,120000,2026-12-20\n", encoding="utf-8")  # fmt: skip
    again = import_file(s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW)
    assert (again.refused, again.skipped) == ([], 0), again.lines()
