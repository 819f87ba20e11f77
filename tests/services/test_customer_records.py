"""Adding a customer by hand on the hand-written org of tests/fixtures.py (上海华信科技有限公司 #1
rep_li's, 深圳腾达电子 #2 rep_south's, Acme Corp #3 rep_wang's; regions 华东 #1, 华南 #2, West #3)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from salestui.kernel.errors import DomainError
from salestui.services.customer_records import create_customer, edit_customer
from tests.fixtures import NOW


@pytest.fixture
def s(seeded_db, session_for):
    return session_for(seeded_db)


def rows(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT name, industry, region_id, channel, size, owner_id FROM customer WHERE id > 3"
    ))]  # fmt: skip


def test_a_customer_with_the_import_words_and_the_owners_region(s):
    done = create_customer(s, "mgr_east", name="  Brand   New Co ", industry="retail",
                           channel="经销商", size="50-200", owner_login="rep_wang", now=NOW)  # fmt: skip
    assert done.message == "created customer “Brand New Co” for Wang Fang"
    assert rows(s) == [("Brand New Co", "retail", 1, "distributor", "50-200", 4)]
    audited = s.execute(text(
        "SELECT field, new, by_login FROM audit_log WHERE table_name = 'customer'"
    )).all()  # fmt: skip
    assert ("*created*", "Brand New Co", "mgr_east") in [tuple(r) for r in audited]


def test_a_likely_duplicate_is_named_and_made_only_when_said_to_be_another(s):
    with pytest.raises(
        DomainError, match=r"“华信” is likely the same as “上海华信科技有限公司” \(#1, same"
    ):
        create_customer(s, "boss", name="华信", now=NOW)
    s.rollback()
    assert rows(s) == []
    create_customer(s, "boss", name="华信", region="West", even_if_alike=True, now=NOW)
    assert rows(s) == [("华信", "", 3, "direct", "", 1)]


def test_another_teams_customer_is_counted_not_named(s):
    # rep_li may not see 深圳腾达电子 (rep_south's): told that another team has one, not which
    with pytest.raises(DomainError, match="likely the same as 1 of another team's;"):
        create_customer(s, "rep_li", name="深圳市腾达电子有限公司", now=NOW)


@pytest.mark.parametrize(
    ("actor", "fields", "said"),
    [
        ("boss", {"name": " "}, "needs a name"),
        ("boss", {"name": "X" * 201}, "longer than 200"),
        ("boss", {"name": "New\x1bCo"}, "the name"),
        ("boss", {"name": "New Co", "region": "Mars"}, "no region named 'Mars'"),
        ("boss", {"name": "New Co", "channel": "pigeon"}, "not 'pigeon'"),
        ("rep_li", {"name": "New Co", "owner_login": "rep_wang"}, "only to yourself"),
        ("ghost", {"name": "New Co"}, "ghost"),
    ],
)
def test_refusals_write_nothing(s, actor, fields, said):
    with pytest.raises(DomainError, match=said):
        create_customer(s, actor, **fields, now=NOW)
    s.rollback()
    assert rows(s) == []


# ---- editing ----------------------------------------------------------------------------------
def customer(s, cid: int) -> tuple:
    return tuple(s.execute(text(
        "SELECT name, industry, region_id, channel, size, version FROM customer WHERE id = :i"
    ), {"i": cid}).one())  # fmt: skip


def test_an_edit_changes_what_is_given_audited_with_the_version(s):
    before = customer(s, 3)
    done = edit_customer(s, "rep_wang", 3, before[5], industry=" software ", region="west",
                         channel="电商", now=NOW)  # fmt: skip
    assert done.message == "saved “Acme Corp”: industry, region, channel changed"
    assert customer(s, 3) == ("Acme Corp", "software", 3, "e-commerce", before[4], before[5] + 1)
    audited = s.execute(text(
        "SELECT field, new FROM audit_log WHERE table_name = 'customer' AND row_id = 3"
    )).all()  # fmt: skip
    assert sorted(tuple(r) for r in audited) == sorted([
        ("industry", "software"), ("region_id", "3"), ("channel", "e-commerce"),
        ("version", str(before[5] + 1)),
    ])  # fmt: skip


def test_a_rename_like_another_customer_is_refused_unless_said_to_be_another(s):
    # Acme Corp (#3) renamed 华信: likely 上海华信科技有限公司 (#1); its own old name never counts
    with pytest.raises(
        DomainError, match=r"likely the same as “上海华信科技有限公司” \(#1.*rename it"
    ):
        edit_customer(s, "boss", 3, 1, name="华信", now=NOW)
    s.rollback()
    assert customer(s, 3)[0] == "Acme Corp"
    assert edit_customer(s, "boss", 3, 1, name="ACME Corp.", now=NOW).message == (
        "renamed “Acme Corp” to “ACME Corp.”"
    )
    done = edit_customer(s, "boss", 3, 2, name="华信", even_if_alike=True, now=NOW)
    assert (done.version, customer(s, 3)[0]) == (3, "华信")


def test_an_edit_with_nothing_different_writes_nothing(s):
    done = edit_customer(s, "rep_wang", 3, 1, name="Acme  Corp", now=NOW)
    assert (done.changed, done.version) == ((), 1)
    assert customer(s, 3)[5] == 1


@pytest.mark.parametrize(
    ("actor", "version", "fields", "said"),
    [
        ("rep_li", 1, {"industry": "x"}, "belongs to Wang Fang; you may change only your own"),
        ("rep_wang", 0, {"industry": "x"}, "Acme Corp was changed by someone after you opened it"),
        ("rep_wang", 1, {"name": "  "}, "needs a name"),
        ("rep_wang", 1, {"region": "Mars"}, "no region named 'Mars'"),
        ("rep_wang", 1, {"channel": "pigeon"}, "not 'pigeon'"),
        ("rep_wang", 1, {"size": "x" * 101}, "longer than 100"),
        ("rep_wang", 1, {"industry": "a\x07b"}, "the industry"),
    ],
)
def test_edit_refusals_write_nothing(s, actor, version, fields, said):
    before = customer(s, 3)
    with pytest.raises(DomainError, match=said):
        edit_customer(s, actor, 3, version, **fields, now=NOW)
    s.rollback()
    assert customer(s, 3) == before
    assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0
