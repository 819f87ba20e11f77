"""The sign-off rule around 500,000 at every door that changes a deal's stage or amount: the
board's key, the deal form, the command line and an import ask the same approvals.

The rule, worked out from the README (approval.threshold 500,000; up to and including it the
director signs, above it finance, legal and VP):

- a deal *entering* Negotiation at 499,999.99 or 500,000.00 asks the director; at 500,000.01
  finance, legal and VP;
- a Negotiation deal already asking the director (deal #4 of the fixtures, 450,000) *raised* to
  an amount keeps the director's request and asks whatever the new amount needs besides.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import Session

from salestui.db.engine import make_engine
from salestui.services.deal_create import create_deal
from salestui.services.imports.run import ImportOptions, import_file
from tests import fixtures
from tests.screens.board.test_pilot import board, type_text
from tests.screens.pilot import SIZE, make_app, press, settle

AMOUNTS = {
    "499,999.99": ["director"],
    "500,000.00": ["director"],
    "500,000.01": ["finance", "legal", "vp"],
}
DATA_PLATFORM = 4  # 华信 data platform: rep_li, Negotiation, 450,000, director pending


def roles_asked(db: str, deal_id: int) -> list[str]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT approver_role FROM approval WHERE opportunity_id = ? AND status = 'pending'"
            " ORDER BY approver_role",
            (deal_id,),
        ).fetchall()
        stage, approval = con.execute(
            "SELECT stage, approval FROM opportunity WHERE id = ?", (deal_id,)
        ).fetchone()
    finally:
        con.close()
    assert (stage, approval) == ("Negotiation", "pending")
    return [r[0] for r in rows]


def proposal_deal(db: str, amount: str) -> int:
    """A Proposal deal of rep_li's at ``amount``, known to an import as P1."""
    engine = make_engine(db)
    with Session(engine) as s:
        deal_id = create_deal(
            s,
            "boss",
            customer_id=1,
            title="华信 door deal",
            amount=amount,
            expected_close="2026-12-15",
            owner_login="rep_li",
            stage="Proposal",
            now=fixtures.days_ago(2),
        ).deal_id
    engine.dispose()
    con = sqlite3.connect(db)
    con.execute("UPDATE opportunity SET external_id = 'P1' WHERE id = ?", (deal_id,))
    con.execute("UPDATE opportunity SET external_id = 'N4' WHERE id = ?", (DATA_PLATFORM,))
    con.commit()
    con.close()
    return deal_id


def imported(db: str, tmp_path, row: str) -> None:
    path = tmp_path / "deals.csv"
    path.write_text("external_id,title,customer,owner,amount,expected_close,stage\n" + row + "\n")
    engine = make_engine(db)
    with Session(engine) as s:
        summary = import_file(
            s, str(path), ImportOptions(kind="opportunities"), actor="boss", now=fixtures.NOW
        )
    engine.dispose()
    assert summary.batch


async def board_key(db: str, deal_id: int) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l")
        assert board(app).column.stage == "Proposal"
        for _ in range(len(board(app).column.cards)):
            if board(app).column.selected.id == deal_id:
                break
            await press(pilot, "j")
        assert board(app).column.selected.id == deal_id
        await press(pilot, "right_square_bracket")


async def deal_form(db: str, deal_id: int, amount: str) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "l")
        assert board(app).column.selected.id == deal_id
        await press(pilot, "e")
        app.screen.query_one("#amount").focus()
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, amount)
        await press(pilot, "ctrl+s")
        assert app.screen is board(app), "the form did not save"


@pytest.mark.parametrize("amount", list(AMOUNTS))
@pytest.mark.parametrize("door", ["board ]", "deal move", "import"])
async def test_entering_negotiation_asks_what_the_amount_needs(
    seeded_db, cli, tmp_path, door, amount
):
    deal_id = proposal_deal(seeded_db, amount)
    if door == "board ]":
        await board_key(seeded_db, deal_id)
    elif door == "deal move":
        r = cli("deal", "move", "P1", "--to", "Negotiation", "--db", seeded_db)
        assert r.code == 0, r.err
    else:
        imported(seeded_db, tmp_path,
                 f'P1,华信 door deal,上海华信科技有限公司,rep_li,"{amount}",2026-12-15,Negotiation')  # fmt: skip
    assert roles_asked(seeded_db, deal_id) == AMOUNTS[amount]


@pytest.mark.parametrize("amount", list(AMOUNTS))
@pytest.mark.parametrize("door", ["deal form", "deal edit", "import"])
async def test_raising_a_negotiation_deal_asks_what_the_new_amount_needs_besides(
    seeded_db, cli, tmp_path, door, amount
):
    proposal_deal(seeded_db, "1,000")
    if door == "deal form":
        await deal_form(seeded_db, DATA_PLATFORM, amount)
    elif door == "deal edit":
        r = cli("deal", "edit", "N4", "--amount", amount, "--db", seeded_db)
        assert r.code == 0, r.err
    else:
        imported(seeded_db, tmp_path,
                 f'N4,华信 data platform,上海华信科技有限公司,rep_li,"{amount}",2026-12-20,Negotiation')  # fmt: skip
    assert roles_asked(seeded_db, DATA_PLATFORM) == sorted({"director", *AMOUNTS[amount]})
