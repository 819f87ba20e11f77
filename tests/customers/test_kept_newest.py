"""A process brings its own newest customer table up to date (``customers.load._newest``): after
a teammate's change a screen reads again only the customers touched since the table it holds,
not every one touched since the database's kept table — and the figures are the plain reads'
all the same, the table on screen is left as it was, and the database's is kept again once it
is :data:`~salestui.customers.kept.REWRITE_AFTER` customers behind."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from salestui.context import AppContext
from salestui.customers import kept
from salestui.customers.load import customer_rules, load_table
from salestui.runtime import maintained
from tests.customers import test_kept_table as kept_table
from tests.customers.fixtures import NOW
from tests.customers.test_kept_table import kept_at, read
from tests.runtime.test_maintained import customer_ids, from_scratch, plain_sql

# the kept table's tests' fixtures: a fresh process around each test, the scorings counted
_fresh, computing, scored = kept_table._fresh, kept_table.computing, kept_table.scored


def read_again(db: str, now=NOW):
    """The same process reads again (a screen's reload): nothing forgotten."""
    ctx = AppContext(db, "boss")
    table = load_table(ctx, customer_rules(ctx), now)
    maintained.written()
    return table


def new_industry(db: str, customer_id: int, industry: str) -> None:
    """A teammate's change, in another process."""
    plain_sql(db, f"UPDATE customer SET industry = '{industry}' WHERE id = {customer_id}")


@pytest.fixture
def two(customers_db):
    ids = sorted(customer_ids(customers_db).values())
    return ids[0], ids[1]


def test_a_reload_reads_again_only_the_customers_touched_since_its_own_table(
    customers_db, computing, scored, two, monkeypatch
):
    monkeypatch.setattr(kept, "REWRITE_AFTER", 100)  # the database's stays where it was kept
    read(customers_db)
    first_kept = kept_at(customers_db)
    a, b = two
    new_industry(customers_db, a, "Mining")
    after_a = read_again(customers_db)
    assert scored == [6, 1]  # a alone
    assert after_a.loc[a, "industry"] == "Mining"
    new_industry(customers_db, b, "Fishing")
    after_b = read_again(customers_db)
    # b alone: a was touched since the database's kept table too, but not since this process's
    assert scored == [6, 1, 1]
    assert kept_at(customers_db) == first_kept
    assert computing == [1]
    assert (after_b.loc[a, "industry"], after_b.loc[b, "industry"]) == ("Mining", "Fishing")
    assert_frame_equal(after_b, from_scratch(customers_db))


def test_the_table_a_screen_holds_is_left_as_it_was(customers_db, two):
    shown = read(customers_db)
    before = shown.copy()
    a, _ = two
    new_industry(customers_db, a, "Mining")
    after = read_again(customers_db)
    assert after.loc[a, "industry"] == "Mining"
    assert_frame_equal(shown, before)  # brought up to date in a copy
    assert shown.attrs == before.attrs


def test_the_database_s_table_is_kept_again_once_enough_were_touched_since_it(
    customers_db, scored, two, monkeypatch
):
    monkeypatch.setattr(kept, "REWRITE_AFTER", 2)
    read(customers_db)
    first_kept = kept_at(customers_db)
    a, b = two
    new_industry(customers_db, a, "Mining")
    read_again(customers_db)
    assert kept_at(customers_db) == first_kept  # one behind: not written back
    new_industry(customers_db, b, "Fishing")
    after = read_again(customers_db)
    assert scored[-1] == 1  # b alone read again here, but the database's is two behind …
    assert kept_at(customers_db) > first_kept  # … so it is kept again
    elsewhere = read(customers_db)  # a fresh process reads it back as it is
    assert scored[-1] == 1 and len(scored) == 3
    assert_frame_equal(elsewhere, after)
    assert_frame_equal(after, from_scratch(customers_db))


def test_a_newer_table_kept_by_another_process_is_brought_up_to_date_instead(
    customers_db, scored, two, monkeypatch
):
    """This process's table is older than the database's (another process kept one since): the
    database's is read, fewer customers read again from it."""
    from salestui.customers import load

    monkeypatch.setattr(kept, "REWRITE_AFTER", 1)  # every reader keeps its table
    read(customers_db)
    held = load._newest.get(load._newest._key)
    a, b = two
    new_industry(customers_db, a, "Mining")
    read(customers_db)  # another process: a read again, the table kept again
    load._newest.put(load._newest._key, held)  # this one still holds the first
    new_industry(customers_db, b, "Fishing")
    after = read_again(customers_db)
    assert scored[-1] == 1  # b alone: from the database's, not a and b from its own
    assert_frame_equal(after, from_scratch(customers_db))
