"""The audit log read by a person: names for ids and logins, money in major units, version steps
left out of Markdown and kept in JSON/CSV (worked out by hand from the entries below)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from salestui.audit.readable import Names
from salestui.audit.report import log_report
from salestui.db.queries.audit import AuditEntry
from salestui.kernel.i18n import set_language

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def entry(i, table, row, field, old, new, by="rep_li"):
    return AuditEntry(i, AT, by, table, row, field, old, new, None)


ENTRIES = [
    entry(1, "customer", 35, "owner_id", "23", "10"),
    entry(2, "customer", 35, "version", "4", "5"),
    entry(3, "target", 7, "value", "250000000", "300000000", by="boss"),
    entry(4, "opportunity", 9, "stage", "Proposal", "Won"),
    entry(5, "opportunity", 9, "amount_minor", "1234550", "1500000"),
    entry(6, "opportunity", 12, "title", "Old", "ERP"),
]
NAMES = Names(
    people={"rep_li": "李伟", "boss": "王总"},
    rows={
        ("customer", 35): "华信科技",
        ("person", 23): "张三",
        ("person", 10): "李伟",
        ("opportunity", 9): "ERP",
        ("opportunity", 12): "ERP",  # two deals called the same: their ids say which
    },
    target_metrics={7: "revenue"},
)


def md_rows(text: str) -> list[list[str]]:
    lines = [ln for ln in text.splitlines() if ln.startswith("| 2026")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]


def test_markdown_names_people_and_rows_and_shows_money(utc_zone):
    text = log_report(ENTRIES, fmt="md", filters={}, names=NAMES)
    rows = md_rows(text)
    assert "5 changes, newest first. 1 version step left out." in text
    assert rows[0][1:] == ["李伟", "customer 华信科技", "owner", "张三", "李伟"]
    # a revenue target of 300000000 minor units is 3,000,000
    assert rows[1][1:] == ["王总", "target #7", "value", "2,500,000", "3,000,000"]
    assert rows[2][2:] == ["deal ERP (#9)", "stage", "Proposal", "Won"]
    # 1234550 minor = 12,345.50 (cents kept when there are some), 1500000 = 15,000
    assert rows[3][4:] == ["12,345.50", "15,000"]
    assert rows[4][2] == "deal ERP (#12)"


def test_json_and_csv_keep_the_machine_values(utc_zone):
    body = json.loads(log_report(ENTRIES, fmt="json", filters={}, names=NAMES))
    assert len(body["rows"]) == 6  # the version step too
    first = body["rows"][0]
    assert (first["by"], first["table"], first["row"], first["old"], first["new"]) == (
        "rep_li",
        "customer",
        35,
        "23",
        "10",
    )
    assert (first["by_name"], first["row_name"]) == ("李伟", "华信科技")
    assert body["rows"][2]["new"] == "300000000"
    csv = log_report(ENTRIES, fmt="csv", filters={}, names=NAMES)
    assert csv.splitlines()[0] == "at,by,table,row,field,old,new,by_name,row_name"


def test_the_same_json_in_chinese(utc_zone):
    english = log_report(ENTRIES, fmt="json", filters={"by": None}, names=NAMES)
    set_language("zh")
    assert log_report(ENTRIES, fmt="json", filters={"by": None}, names=NAMES) == english
    text = log_report(ENTRIES, fmt="md", filters={}, names=NAMES)
    assert "owner" not in text and "customer" not in text and "Audit" not in text
    assert md_rows(text)[2][4:] == ["方案报价", "赢单"]
