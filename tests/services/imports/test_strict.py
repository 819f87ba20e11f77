"""Strict reading: a file whose rows, quoting or values disagree with it is refused row by row,
with line, column and reason, and nothing is written (issue 12, "Bad values pass")."""

from __future__ import annotations

import pytest

from salestui.services.imports.run import ImportOptions, ImportRejected, import_file
from tests.fixtures import NOW
from tests.services.imports.test_run import dump

HEAD = "Deal ID,Deal Name,Account Name,Deal Owner,Amount,Close Date,Stage\n"
GOOD = "A1,Pumps,Acme Corp,rep_li,100,2026-12-20,Won\n"


def refused(seeded_db, session_for, tmp_path, kind: str, body: str) -> list[str]:
    """Import ``body``; it must be refused and leave every table as it was. Its reasons."""
    before = dump(seeded_db)
    path = tmp_path / "in.csv"
    path.write_text(body, encoding="utf-8")
    s = session_for(seeded_db)
    with pytest.raises(ImportRejected) as caught:
        import_file(s, path, ImportOptions(kind=kind), actor="boss", now=NOW, report_dir=tmp_path)
    s.close()
    assert dump(seeded_db) == before
    return [str(e) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        # header and first row with ';', the last row with ',': was taken for a footer and dropped
        (HEAD.replace(",", ";") + GOOD.replace(",", ";") + GOOD.replace("A1", "A2"),
         "line 3, (row): has 1 value but the header names 7: this line is separated by comma, "
         "the header by semicolon"),
        # a tab header over comma rows: every row was a "footer", and 0 were created with exit 0
        (HEAD.replace(",", "\t") + GOOD + GOOD.replace("A1", "A2"),
         "line 2, (row): has 1 value but the header names 7: this line is separated by comma, "
         "the header by tab"),
        (HEAD + 'A4,"Pumps,Acme Corp,rep_li,100,2026-12-20,Won\n' + GOOD,
         "line 2, (row): has 2 values but the header names 7: a quote opened in this line is not "
         "closed, the lines after it became one value"),
        (HEAD + "A6,Pumps,Acme Corp,rep_li,100\n", "line 2, (row): has 5 values but the header names 7"),
        (HEAD + GOOD.replace(",100,", ",NaN,"),
         "line 2, Amount 'NaN': is not a number (NaN or infinity): leave the cell empty where there is none"),
        (HEAD + GOOD.replace(",100,", ",-inf,"),
         "line 2, Amount '-inf': is not a number (NaN or infinity): leave the cell empty where there is none"),
        (HEAD + GOOD.replace(",100,", ",12345678901234567890123,"),
         "line 2, Amount '12345678901234567890123': is beyond the money range "
         "(at most 9,999,999,999,999.99 either way)"),
        (HEAD + GOOD.replace("2026-12-20", "9999-12-31"), "line 2, Close Date '9999-12-31': is outside 1900–2200"),
        (HEAD + GOOD.replace("2026-12-20", "1899-12-31"), "line 2, Close Date '1899-12-31': is outside 1900–2200"),
    ],
)  # fmt: skip
def test_a_deal_file_that_disagrees_with_itself_is_refused_by_line(
    seeded_db, session_for, tmp_path, body, reason
):
    assert reason in refused(seeded_db, session_for, tmp_path, "opportunities", body)


def test_prices_are_never_negative_nor_nan(seeded_db, session_for, tmp_path):
    reasons = refused(
        seeded_db, session_for, tmp_path, "products",
        "sku,name,list_price,unit_cost\nS1,Pump,-5,1\nS2,Valve,(100),1\nS3,Seal,5-,1\n"
        "S4,Ring,nan,1\nS5,Bolt,5,-1\n",
    )  # fmt: skip
    assert reasons == [
        "line 2, list_price '-5.00': cannot be negative",
        "line 3, list_price '-100.00': cannot be negative",
        "line 4, list_price '-5.00': cannot be negative",
        "line 5, list_price 'nan': is not a number (NaN or infinity): leave the cell empty where "
        "there is none",
        "line 6, unit_cost '-1.00': cannot be negative",
    ]


def test_a_target_must_be_above_zero(seeded_db, session_for, tmp_path):
    reasons = refused(
        seeded_db, session_for, tmp_path, "targets",
        "scope_type,scope,period_type,period_start,metric,value\n"
        "person,rep_li,month,2026-11-01,revenue,0\nperson,rep_li,month,2026-12-01,revenue,-0\n"
        "person,rep_li,month,2027-01-01,visits,-3\n",
    )  # fmt: skip
    assert reasons == [
        "line 2, value '0': a target must be above 0",
        "line 3, value '-0': a target must be above 0",
        "line 4, value '-3': a target must be above 0",
    ]


def test_an_order_line_beyond_the_money_range_is_refused_not_overflowed(
    seeded_db, session_for, tmp_path
):
    reasons = refused(
        seeded_db, session_for, tmp_path, "orders",
        "order_id,customer,order_date,product_sku,quantity,unit_price\n"
        "O1,Acme Corp,2026-11-02,PUMP-1,999999999999,99999\n",
    )  # fmt: skip
    assert reasons == [
        "line 2, quantity '999999999999': × unit price is beyond the money range "
        "(at most 9,999,999,999,999.99 either way)"
    ]


def test_a_one_megabyte_header_is_one_line_not_a_crash(seeded_db, session_for, tmp_path):
    from salestui.kernel.errors import DomainError

    before = dump(seeded_db)
    path = tmp_path / "big.csv"
    path.write_text("Deal ID," + "x" * 1_000_000 + "\nA1,b\n", encoding="utf-8")
    with pytest.raises(DomainError, match=r"^line 1: a value is longer than 131,072 characters"):
        import_file(
            session_for(seeded_db), path, ImportOptions(kind="opportunities"), actor="boss", now=NOW
        )
    assert dump(seeded_db) == before


def test_a_control_character_in_a_text_is_refused(seeded_db, session_for, tmp_path):
    body = HEAD + GOOD.replace("Pumps", "Pumps \x1b]52;c;ZXZpbA==\x07") + GOOD.replace("A1", "A2")
    assert refused(seeded_db, session_for, tmp_path, "opportunities", body) == [
        "line 2, Deal Name 'Pumps \\x1b]52;c;ZXZpbA==\\x07': contains a control character "
        "(U+001B): remove it"
    ]
