"""The headings of the tiers list (key `2`) and of the leads (key `6`) as drawn, in English and in
Chinese: each whole in its column (no ``近12月收`` for 近12月收入, no ``类`` for 类别), and the
sorted column's ▼ / ▲ after its whole heading whichever column the list is sorted by."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from salestui.screens.common.column_table import ColumnTable
from tests.leads.fixtures import add_leads
from tests.screens.customers.test_widths_pilot import cells_of
from tests.screens.pilot import make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

# column key → its heading, as the catalogue has it (customers.po, leads.po)
TIERS = {
    "en": {"name": "Customer", "abc": "ABC", "tier": "Tier", "segment": "Segment", "rfm": "RFM",
           "health": "Health", "churn": "Churn", "revenue_12m": "Rev 12m",
           "revenue_change": "Δ yoy", "overdue": "Overdue", "open_pipeline": "Pipeline",
           "lifecycle": "Lifecycle", "last_order": "Last order", "owner": "Owner",
           "region": "Region"},
    "zh": {"name": "客户", "abc": "类别", "tier": "层级", "segment": "分群", "rfm": "RFM",
           "health": "健康度", "churn": "流失", "revenue_12m": "近12月收入",
           "revenue_change": "同比", "overdue": "逾期", "open_pipeline": "销售管道",
           "lifecycle": "生命周期", "last_order": "最近下单", "owner": "负责人", "region": "区域"},
}  # fmt: skip
LEADS = {
    "en": {"grade": "G", "clock": "First contact", "company": "Company", "name": "Name",
           "status": "Status", "owner": "Owner", "source": "Source", "created": "Created"},
    "zh": {"grade": "级", "clock": "首次联系", "company": "公司", "name": "名称",
           "status": "状态", "owner": "负责人", "source": "来源", "created": "创建时间"},
}  # fmt: skip


def headings(app) -> dict[str, str]:
    """The list's header row as drawn, column by column, without the padding."""
    table = app.screen.query_one("#list", ColumnTable)
    return {key: cell.strip() for key, cell in cells_of(table, 0).items()}


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_tiers_headings_whole_sorted_by_any_column(customers_db, language):
    set_language(language)
    app = make_app(customers_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        seen = set()
        for _ in TIERS[language]:  # s moves the sort to the next column, round all of them
            sorted_by = app.screen.sort_column
            arrow = "▼" if app.screen.descending else "▲"
            expected = {
                k: h + (arrow if k == sorted_by else "") for k, h in TIERS[language].items()
            }
            assert headings(app) == expected
            seen.add(sorted_by)
            await press(pilot, "s")
        assert seen == set(TIERS[language])


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_leads_headings_whole(seeded_db, language):
    set_language(language)
    app = make_app(add_leads(seeded_db))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        assert headings(app) == LEADS[language]
