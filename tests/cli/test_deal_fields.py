"""`salestui deal lose --note` and `deal edit --competitor --next-step --next-date --lost-note
--amount ¥…` on the hand-written org (tests/fixtures.py; the clock at 2026-11-20 10:00 UTC):
each written as the service writes it, each refusal one line and nothing written."""

from __future__ import annotations

import json

from tests.cli.test_cli import one_line_error
from tests.cli.test_deals import deal, deals_db  # noqa: F401  (the fixture)


def test_lose_with_a_note(cli, deals_db):  # noqa: F811
    r = cli("deal", "lose", "id:1", "--reason", "competitor", "--note", "went with Oracle",
            "--format", "json", "--db", deals_db)  # fmt: skip
    assert r.code == 0, r.err
    changed = json.loads(r.out)["changed"]
    assert changed["lost_reason"] == {"from": None, "to": "competitor"}
    assert changed["lost_note"] == {"from": "", "to": "went with Oracle"}
    row = deal(deals_db, 1)
    assert (row["stage"], row["lost_reason"], row["lost_note"]) == (
        "Lost", "competitor", "went with Oracle",
    )  # fmt: skip
    assert row["audited"]["lost_note"] == ("", "went with Oracle")


def test_edit_competitor_and_next_step(cli, deals_db):  # noqa: F811
    r = cli("deal", "edit", "id:1", "--competitor", "SAP", "--next-step", "demo",
            "--next-date", "2026-11-27", "--format", "json", "--db", deals_db)  # fmt: skip
    assert r.code == 0, r.err
    changed = json.loads(r.out)["changed"]
    assert changed["competitor"] == {"from": "", "to": "SAP"}
    assert changed["next_step"] == {"from": "", "to": "demo"}
    assert changed["next_step_date"] == {"from": None, "to": "2026-11-27"}
    row = deal(deals_db, 1)
    assert (row["competitor"], row["next_step"], row["next_step_date"]) == (
        "SAP", "demo", "2026-11-27",
    )  # fmt: skip


def test_edit_amount_in_yuan(cli, deals_db):  # noqa: F811
    r = cli("deal", "edit", "id:1", "--amount", "¥1,234,567", "--db", deals_db)
    assert r.code == 0, r.err
    assert deal(deals_db, 1)["amount_minor"] == 123_456_700  # 1,234,567 × 100


def test_lost_note_on_a_lost_deal_by_edit(cli, deals_db):  # noqa: F811
    r = cli("deal", "edit", "7", "--lost-note", "budget moved", "--user", "rep_wang",
            "--db", deals_db)  # fmt: skip
    assert r.code == 0, r.err
    assert deal(deals_db, 7)["lost_note"] == "budget moved"


def _refused(cli, deals_db, *args: str) -> str:  # noqa: F811
    before = deal(deals_db, 1)
    r = cli("deal", *args, "--db", deals_db)
    assert deal(deals_db, 1) == before, "nothing written"
    return one_line_error(r)


def test_refusals_write_nothing(cli, deals_db):  # noqa: F811
    said = _refused(cli, deals_db, "edit", "id:1", "--next-step", "demo", "--next-date",
                    "2026-11-19")  # fmt: skip
    assert "2026-11-19 is in the past" in said
    assert "needs its date" in _refused(cli, deals_db, "edit", "id:1", "--next-step", "demo")
    assert "not only its date" in _refused(
        cli, deals_db, "edit", "id:1", "--next-date", "2026-11-27"
    )
    assert "amount must be a number" in _refused(cli, deals_db, "edit", "id:1", "--amount", "¥x")
    assert "more than two decimals" in _refused(cli, deals_db, "edit", "id:1", "--amount", "¥1.234")
    assert "competitor" in _refused(cli, deals_db, "edit", "id:1", "--competitor", "A\x1b[2J")
    assert "only a lost deal" in _refused(cli, deals_db, "edit", "id:1", "--lost-note", "x")
    assert "longer than 2000" in _refused(
        cli, deals_db, "lose", "id:1", "--reason", "price", "--note", "x" * 2001
    )
