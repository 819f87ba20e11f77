"""Text with a control character is refused by every service that takes text, naming the field,
with the database byte for byte as it was; tab, newline and everything printable pass.

Deals, people and customers as in tests/fixtures.py (boss at the top, a plain manager here)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.kernel.errors import DomainError
from salestui.services.action_changes import change_action_item
from salestui.services.actions import create_action_item
from salestui.services.customers import action_for_warning, reassign_customer
from salestui.services.deal_create import create_deal
from salestui.services.deals import edit_deal, move_stage
from salestui.services.people import add_person, change_person
from salestui.services.targets import set_target
from salestui.services.text import refuse_control_characters
from tests import fixtures

NOW = fixtures.NOW
ESC = "Pilot \x1b[31mred"
DUE = "2026-12-01"


@pytest.mark.parametrize(
    "text, named",
    [("\x1b", "U+001B"), ("a\x00b", "U+0000"), ("\x7f", "U+007F"), ("x\x9bq", "U+009B")],
)
def test_the_rule_names_the_field_and_the_character(text, named):
    with pytest.raises(DomainError) as refused:
        refuse_control_characters({"title": "fine", "deal title": text})
    assert str(refused.value) == (
        f"the deal title contains a control character ({named}): remove it"
    )


@pytest.mark.parametrize(
    "text", ["Renewal [Q3]", "[/] [bold]x", "tab\there", "two\nlines", "\u202eRTL", "e\u0301", "😀"]
)
def test_the_rule_lets_printable_text_pass(text):
    refuse_control_characters({"title": text, "owner": None, "amount": 5})


def _item(session) -> int:
    return create_action_item(
        session, "boss", title="Call back", owner_login="rep_li", due=DUE, now=NOW
    )


CALLS = {
    "create deal title": (
        lambda s, item: create_deal(
            s, "boss", customer_id=1, title=ESC, amount="5", expected_close=DUE, now=NOW
        ),
        "the title",
    ),
    "create deal owner": (
        lambda s, item: create_deal(
            s,
            "boss",
            customer_id=1,
            title="t",
            amount="5",
            expected_close=DUE,
            owner_login="rep_li\x1b",
            now=NOW,
        ),  # fmt: skip
        "the owner",
    ),
    "edit deal amount": (
        lambda s, item: edit_deal(s, "boss", 1, 1, amount="5\x00", now=NOW),
        "the amount",
    ),
    "edit deal close": (
        lambda s, item: edit_deal(s, "boss", 1, 1, expected_close="2026-12-01\x1b", now=NOW),
        "the expected close",
    ),
    "lost reason": (
        lambda s, item: move_stage(s, "boss", 1, "Lost", 1, lost_reason="price\x1b", now=NOW),
        "the lost reason",
    ),
    "new item title": (
        lambda s, item: create_action_item(
            s, "boss", title=ESC, owner_login="rep_li", due=DUE, now=NOW
        ),
        "the title",
    ),
    "item retitled": (
        lambda s, item: change_action_item(s, "boss", item, 1, title=ESC, now=NOW),
        "the title",
    ),
    "item reassigned": (
        lambda s, item: change_action_item(s, "boss", item, 1, owner_login="\x1brep", now=NOW),
        "the owner",
    ),
    "customer reassigned": (
        lambda s, item: reassign_customer(s, "boss", 1, "rep_wang\x1b", 1, NOW),
        "the owner",
    ),
    "warning item": (
        lambda s, item: action_for_warning(
            s, "boss", customer_id=1, kind="health", title=ESC, due=DUE, now=NOW
        ),
        "the title",
    ),
    "target value": (
        lambda s, item: set_target(
            s,
            "boss",
            scope_type="company",
            scope_id=None,
            period="2026-12",
            metric="revenue",
            value="5\x1b",
            now=NOW,
        ),  # fmt: skip
        "the value",
    ),
    "target period": (
        lambda s, item: set_target(
            s,
            "boss",
            scope_type="company",
            scope_id=None,
            period="2026-12\x1b",
            metric="revenue",
            value="5",
            now=NOW,
        ),  # fmt: skip
        "the period",
    ),
    "person renamed": (
        lambda s, item: change_person(s, "boss", "rep_li", {"display_name": ESC}, now=NOW),
        "the name",
    ),
    "person's account": (
        lambda s, item: change_person(s, "boss", "rep_li", {"os_user": "li\x1b"}, now=NOW),
        "the OS account",
    ),
    "person added": (
        lambda s, item: add_person(s, "boss", "zoe", "Zoe", title=ESC, now=NOW),
        "the title",
    ),
    "person's login": (
        lambda s, item: add_person(s, "boss", "zo\x1be", "Zoe", now=NOW),
        "the login",
    ),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_every_service_refuses_a_control_character_and_writes_nothing(call, seeded_db):
    write, field = CALLS[call]
    engine = open_database(seeded_db)
    try:
        with Session(engine) as session:
            item = _item(session)  # an item to change, committed before the refusal is tried
        before = fixtures.rows_digest(seeded_db)
        with Session(engine) as session, pytest.raises(DomainError) as refused:
            write(session, item)
    finally:
        engine.dispose()
    assert str(refused.value).startswith(f"{field} contains a control character (U+")
    assert fixtures.rows_digest(seeded_db) == before
