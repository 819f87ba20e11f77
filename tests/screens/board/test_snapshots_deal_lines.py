"""Pictures of a deal's products at 80×24 and 120×40: the detail's section and the lines editor
(key ``p``), on the org of tests/fixtures.py where 华信 ERP rollout (120,000.00) is two lines:
10 ERP seats at 10,000.00 less 12.5 % (87,500.00) and 25 onsite days at 1,300.00 (32,500.00)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"detail_lines": ("enter",), "lines_editor": ("enter", "p")}


def with_lines(db: str) -> str:
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO product (sku, name, product_line, list_price_minor, "
                    "unit_cost_minor) VALUES ('ERP-1', 'ERP seat', 'software', 1000000, 0), "
                    "('SVC-9', 'Onsite day', 'services', 130000, 0)")  # fmt: skip
        con.execute("INSERT INTO opportunity_line (opportunity_id, product_id, quantity, "
                    "unit_price_minor, discount_bp) VALUES (1, 1, 10, 1000000, 1250), "
                    "(1, 2, 25, 130000, 0)")  # fmt: skip
    con.close()
    return db


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_deal_lines_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(with_lines(seeded_db))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
