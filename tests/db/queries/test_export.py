"""Export writes what the importer reads: export → import into an empty database → same export."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from salestui.db.engine import open_database
from salestui.db.queries.export import EXPORT_COLUMNS, export_rows
from salestui.services.imports.run import ImportOptions, import_file
from salestui.transfer.specs import KINDS
from tests.cli.runner import transfer_cli
from tests.fixtures import NOW

ORDER = (
    "people",
    "customers",
    "products",
    "opportunities",
    "deal-lines",
    "orders",
    "activities",
    "leads",
    "targets",
)


def test_export_columns_are_the_importers_field_names():
    for kind, spec in KINDS.items():
        assert list(EXPORT_COLUMNS[kind]) == spec.exported, kind


def add_the_rest(db: str) -> None:
    """Products, order lines, leads and targets the hand-written organisation lacks."""
    engine = open_database(db)
    with engine.begin() as c:
        c.execute(text("INSERT INTO product (sku, name, product_line, list_price_minor, unit_cost_minor) "
                       "VALUES ('ERP-1', 'ERP suite', 'Software', 1250050, 400000)"))  # fmt: skip
        c.execute(text("INSERT INTO order_line (order_id, product_id, quantity, unit_price_minor, unit_cost_minor) "
                       "VALUES (1, 1, 4, 1250000, 400000), (1, 1, -1, 1250000, 400000)"))  # fmt: skip
        c.execute(text("UPDATE sales_order SET external_id = 'INV-1' WHERE id = 1"))
        c.execute(text("UPDATE opportunity SET external_id = 'D' || id"))
        # #1 (120,000.00): 2 × 50,000.00 + 1 × 25,000.00 less 20 % = 120,000.00;
        # #2 (80,000.00): one line, 4 × 20,000.00, so its export names the product
        c.execute(text("INSERT INTO opportunity_line (opportunity_id, product_id, quantity, "
                       "unit_price_minor, discount_bp) VALUES (1, 1, 2, 5000000, 0), "
                       "(1, 1, 1, 2500000, 2000), (2, 1, 4, 2000000, 0)"))  # fmt: skip
        c.execute(text(
            "INSERT INTO lead (external_id, name, company, source, industry, region_id, need_fit, "
            "decision_authority, budget_timeline, engagement_history, grade, created_at, "
            "first_contact_at, owner_id, status, opportunity_id, version) VALUES "
            "('L1', '王五', '华信', 'trade show', 'IT', 1, 20, 20, 20, 20, 'A', "
            "'2026-11-01 08:00:00.000000', NULL, 3, 'converted', 1, 1)"))  # fmt: skip
        c.execute(text(
            "INSERT INTO target (scope_type, scope_id, period_type, period_start, metric, value, version) "
            "VALUES ('person', 3, 'month', '2026-11-01', 'revenue', 50000000, 1), "
            "('region', 1, 'quarter', '2026-10-01', 'visits', 40, 1), "
            "('company', NULL, 'year', '2026-01-01', 'new_customers', 12, 1)"))  # fmt: skip
    engine.dispose()


def test_export_then_import_round_trips_every_kind(seeded_db, tmp_path):
    import salestui.cli
    from tests.fixtures import bind_the_top

    add_the_rest(seeded_db)
    bind_the_top(seeded_db, admin=True)  # as `salestui init` makes its first person
    runner = CliRunner()
    empty = str(tmp_path / "empty.db")
    salestui.cli.main(["init", "--db", empty, "--user", "boss", "--name", "Bo Boss"])
    for kind in ORDER:
        out = tmp_path / f"{kind}.csv"
        result = runner.invoke(
            transfer_cli(), ["export", kind, "--out", str(out), "--db", seeded_db]
        )
        assert result.exit_code == 0, result.output
        result = runner.invoke(transfer_cli(), ["import", kind, str(out), "--db", empty, "--user", "boss",
                                       "--create-missing"])  # fmt: skip
        assert result.exit_code == 0, (kind, result.output)
        again = tmp_path / f"{kind}.again.csv"
        runner.invoke(transfer_cli(), ["export", kind, "--out", str(again), "--db", empty])
        assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8"), kind


def test_reimporting_an_export_into_its_own_database_changes_nothing(
    seeded_db, session_for, tmp_path
):
    s = session_for(seeded_db)
    for kind in ("people", "customers", "opportunities", "activities"):
        columns, rows = export_rows(s, kind)
        path = tmp_path / f"{kind}.csv"
        from salestui.transfer.writing import write_csv

        with path.open("w", newline="", encoding="utf-8") as fh:
            write_csv(fh, columns, rows)
        summary = import_file(s, path, ImportOptions(kind=kind), actor="boss", now=NOW)
        assert (summary.created, summary.updated) == (0, 0), (kind, summary.lines())


def test_export_json_and_money_as_the_importer_reads_it(seeded_db, tmp_path):
    out = tmp_path / "deals.json"
    result = CliRunner().invoke(transfer_cli(), ["export", "opportunities", "--format", "json", "--out", str(out),
                                        "--db", seeded_db])  # fmt: skip
    assert result.exit_code == 0
    deals = json.loads(out.read_text(encoding="utf-8"))
    first = deals[0]
    assert first["title"] == "华信 ERP rollout"
    assert first["amount"] == "120000.00"
    assert first["created_at"].endswith("+00:00")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "robots"], "unknown kind"),
        (["export", "people", "--format", "xml"], "csv or json"),
    ],
)
def test_export_refusals(seeded_db, args, message):
    result = CliRunner().invoke(transfer_cli(), [*args, "--db", seeded_db])
    assert result.exit_code == 1 and message in result.output
