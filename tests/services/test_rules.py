"""The checks every write makes (salestui/services/rules.py), and the words each write refuses
with: a deal, a customer and an action item say "changed by … after you opened it" alike.

On the organisation of tests/fixtures.py (NOW 2026-11-20 10:00 UTC): deal #1 "华信 ERP rollout"
(rep_li's), customer #3 "Acme Corp"; boss → mgr_east → rep_li.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from salestui.db.tables import Customer, Opportunity
from salestui.kernel.errors import DomainError
from salestui.services.action_changes import change_action_item
from salestui.services.actions import create_action_item
from salestui.services.customers import reassign_customer
from salestui.services.deals import move_stage
from salestui.services.rules import actor_row, update_at_version
from tests.fixtures import NOW

ERP, ACME = 1, 3
AFTER = "after you opened it; nothing was saved — look at it again and redo your change"


@pytest.fixture
def s(seeded_db, session_for, utc_zone):
    return session_for(seeded_db)


def refusal(call) -> str:
    with pytest.raises(DomainError) as info:
        call()
    return str(info.value)


def test_the_actor_and_everyone_else(s):
    actor, people = actor_row(s, "mgr_east")
    assert actor.login == "mgr_east"
    assert {"boss", "mgr_east", "rep_li", "rep_wang", "newbie", "rep_south"} <= {
        p.login for p in people
    }
    assert refusal(lambda: actor_row(s, "nobody")) == (
        "no person with login 'nobody' in this database (use --user LOGIN)"
    )


def test_a_stale_deal_names_the_last_changer_and_when(s):
    move_stage(s, "mgr_east", ERP, "Qualified", 1, now=NOW)
    said = refusal(lambda: move_stage(s, "rep_li", ERP, "Proposal", 1, now=NOW))
    assert said == f"“华信 ERP rollout” was changed by mgr_east at 2026-11-20 10:00 {AFTER}"


def test_a_stale_deal_without_an_audit_row_names_who_updated_it_last(s):
    s.execute(text("UPDATE opportunity SET version = 2, updated_by = 'rep_wang' WHERE id = 1"))
    s.commit()
    said = refusal(lambda: move_stage(s, "rep_li", ERP, "Qualified", 1, now=NOW))
    assert said == f"“华信 ERP rollout” was changed by rep_wang {AFTER}"


def test_a_stale_customer_without_an_audit_row_was_changed_by_someone(s):
    said = refusal(lambda: reassign_customer(s, "boss", ACME, "rep_li", 7, now=NOW))
    assert said == f"Acme Corp was changed by someone {AFTER}"


def test_a_stale_customer_names_the_last_changer(s):
    assert reassign_customer(s, "mgr_east", ACME, "rep_li", 1, now=NOW).version == 2
    later = NOW + timedelta(hours=1)
    said = refusal(lambda: reassign_customer(s, "boss", ACME, "newbie", 1, now=later))
    assert said == f"Acme Corp was changed by mgr_east at 2026-11-20 10:00 {AFTER}"


def test_a_stale_action_item_names_the_last_changer(s):
    item = create_action_item(
        s, "mgr_east", title="Call back", owner_login="rep_li", due="2026-11-25", now=NOW
    )
    change_action_item(s, "rep_li", item, 1, step="start", now=NOW + timedelta(minutes=30))
    said = refusal(lambda: change_action_item(s, "mgr_east", item, 1, step="drop", now=NOW))
    assert said == f"“Call back” was changed by rep_li at 2026-11-20 10:30 {AFTER}"


def test_update_at_version_writes_only_the_version_it_read(s):
    assert update_at_version(s, Customer, ACME, 1, {"size": "large"})
    s.commit()
    assert not update_at_version(s, Customer, ACME, 1, {"size": "small"})  # it is at 2 now
    s.commit()
    row = s.get(Customer, ACME)
    assert (row.size, row.version) == ("large", 2)
    assert s.get(Opportunity, ERP).version == 1  # nothing else moved
