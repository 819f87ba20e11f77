"""Adding a customer by hand on the hand-written org of tests/fixtures.py (上海华信科技有限公司 #1
rep_li's, 深圳腾达电子 #2 rep_south's, Acme Corp #3 rep_wang's; regions 华东 #1, 华南 #2, West #3)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from salestui.kernel.errors import DomainError
from salestui.services.customer_records import create_customer
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


def one(s, cid: int) -> tuple:
    return tuple(s.execute(text(
        "SELECT name, industry, region_id, channel, size, owner_id, version FROM customer "
        "WHERE id = :i"), {"i": cid}).one())  # fmt: skip


def test_an_edit_changes_only_what_was_given_and_audits_it(s):
    from salestui.services.customer_records import edit_customer

    before = one(s, 3)  # Acme Corp, rep_wang's (#4), region 华东 (#1)
    done = edit_customer(s, "mgr_east", 3, before[6],
                         {"industry": " heavy  industry ", "channel": "电商", "region": "华南"},
                         now=NOW)  # fmt: skip
    assert done.changed == ("industry", "region", "channel")
    assert done.message == "changed “Acme Corp”: industry, region, channel"
    assert one(s, 3) == ("Acme Corp", "heavy industry", 2, "e-commerce", before[4], 4,
                         before[6] + 1)  # fmt: skip
    audited = s.execute(text(
        "SELECT field, old, new FROM audit_log WHERE table_name = 'customer' AND row_id = 3"
    )).all()  # fmt: skip
    assert ("region_id", "1", "2") in [tuple(r) for r in audited]
    # the same again: nothing changes, the version stays
    again = edit_customer(s, "mgr_east", 3, done.version, {"industry": "heavy industry"}, now=NOW)
    assert again.changed == () and one(s, 3)[6] == done.version


def test_a_rename_to_another_customers_likely_name_is_refused_until_said(s):
    from salestui.services.customer_records import edit_customer

    version = one(s, 3)[6]
    with pytest.raises(DomainError, match=r"likely the same as “上海华信科技有限公司” \(#1"):
        edit_customer(s, "boss", 3, version, {"name": "华信科技"}, now=NOW)
    s.rollback()
    assert one(s, 3)[0] == "Acme Corp"
    # its own name, spelt another way, is no duplicate of itself
    edit_customer(s, "boss", 3, version, {"name": "ACME Corp."}, now=NOW)
    assert one(s, 3)[0] == "ACME Corp."
    edit_customer(s, "boss", 3, version + 1, {"name": "华信科技"}, even_if_alike=True, now=NOW)
    assert one(s, 3)[0] == "华信科技"


@pytest.mark.parametrize(
    ("actor", "version", "changes", "said"),
    [
        ("rep_li", None, {"size": "large"}, "belongs to Wang Fang; you may change only"),
        ("boss", -1, {"size": "large"}, "was changed by .* after you opened it"),
        ("boss", None, {"name": "  "}, "needs a name"),
        ("boss", None, {"channel": "pigeon"}, "not 'pigeon'"),
        ("boss", None, {"region": "Mars"}, "no region named 'Mars'"),
        ("boss", None, {"owner": "rep_li"}, "owner cannot be changed here"),
        ("boss", None, {"industry": "a\x1b[31m"}, "the industry"),
    ],
)
def test_edit_refusals_write_nothing(s, actor, version, changes, said):
    from salestui.services.customer_records import edit_customer

    before = one(s, 3)
    with pytest.raises(DomainError, match=said):
        edit_customer(s, actor, 3, before[6] if version is None else version, changes, now=NOW)
    s.rollback()
    assert one(s, 3) == before


def test_a_region_is_read_as_an_import_reads_it(s):
    # one reader (services/imports/refs): any case, spaces around; "West" is region #3
    from salestui.services.imports.refs import Refs

    assert Refs(s.connection(), False).find("region", "  wEST ") == 3
    create_customer(s, "boss", name="Brand New Co", region="  wEST ", now=NOW)
    assert rows(s) == [("Brand New Co", "", 3, "direct", "", 1)]
