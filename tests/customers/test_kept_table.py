"""The scored customer table kept in the database (``figure_store``, salestui.customers.load):
read back instead of computed when nothing it depends on changed — the stamped tables, the
audited ones, the day, the rules, and the clock's moment where a complaint turns late — and
computed again when anything did. Expected figures come from the plain reads (nothing kept) or
by hand."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from pandas.testing import assert_frame_equal

from salestui.context import AppContext
from salestui.customers import load
from salestui.customers.load import customer_rules, load_table
from salestui.runtime import maintained
from tests.customers.fixtures import NOW
from tests.runtime.test_maintained import customer_ids, from_scratch, plain_sql, salestui


def fresh_process() -> None:
    """Forget what this process computed and kept in memory, as a new process starts."""
    maintained.forget()
    load.forget_tables()


@pytest.fixture(autouse=True)
def _fresh():
    fresh_process()
    yield
    fresh_process()


def read(db: str, now=NOW):
    fresh_process()
    ctx = AppContext(db, "boss")
    table = load_table(ctx, customer_rules(ctx), now)
    maintained.written()
    return table


@pytest.fixture
def computing(monkeypatch):
    """Counts the times the whole table is computed (not read back)."""
    from salestui.customers import table as table_module

    calls = []
    real = table_module.customer_table

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(table_module, "customer_table", counted)
    return calls


def sizes_of(monkeypatch, name: str) -> list[int]:
    """How many customers each call of ``salestui.customers.table.<name>`` takes."""
    from salestui.customers import table as table_module

    sizes = []
    real = getattr(table_module, name)

    def counted(frame, rules):
        sizes.append(len(frame))
        return real(frame, rules)

    monkeypatch.setattr(table_module, name, counted)
    return sizes


@pytest.fixture
def scored(monkeypatch):
    """How many customers each scoring of customers' own figures takes."""
    return sizes_of(monkeypatch, "per_customer")


@pytest.fixture
def ranked(monkeypatch):
    """How many customers each ranking of the whole company (``company_wide``) takes."""
    return sizes_of(monkeypatch, "company_wide")


def kept_rows(db: str) -> list[str]:
    with sqlite3.connect(db) as c:
        return [n for (n,) in c.execute("SELECT name FROM figure_store ORDER BY name")]


def test_the_next_process_reads_the_table_back_instead_of_computing_it(customers_db, computing):
    first = read(customers_db)
    assert computing == [1]
    assert kept_rows(customers_db) == ["customer_inputs|UTC", "customer_table|en|UTC"]
    second = read(customers_db)
    assert computing == [1]  # read back
    assert_frame_equal(second, first)
    assert_frame_equal(second, from_scratch(customers_db))


def test_an_order_by_plain_sql_in_another_process_is_in_the_next_read(
    customers_db, computing, scored, ranked
):
    read(customers_db)
    acme = customer_ids(customers_db)["Acme Corp"]
    plain_sql(
        customers_db,
        "INSERT INTO sales_order (customer_id, order_date, due_date, amount_minor, "
        f"paid_minor, version) VALUES ({acme}, '2026-11-01', '2026-12-01', 500000, 0, 1)",
    )
    after = read(customers_db)
    assert computing == [1]  # brought up to date, not computed again:
    assert scored == [6, 1]  # only Acme scored again (then the company ranked again)
    assert ranked == [6, 6]  # an order moves what the ranks rank by
    assert after.loc[acme, "revenue_12m"] == 500_000  # by hand: Acme had no orders before
    assert_frame_equal(after, from_scratch(customers_db))


def test_a_customer_renamed_through_the_command_line_shows_its_new_name(customers_db, cli):
    read(customers_db)
    acme = customer_ids(customers_db)["Acme Corp"]
    salestui(customers_db, "customer", "edit", str(acme), "--name", "Acme Holdings")
    after = read(customers_db)
    assert after.loc[acme, "name"] == "Acme Holdings"
    assert_frame_equal(after, from_scratch(customers_db))


def test_other_rules_compute_the_table_again(customers_db, computing):
    before = read(customers_db)
    plain_sql(
        customers_db,
        "INSERT INTO setting (key, value) VALUES ('customers.health_warning_below', '0') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    after = read(customers_db)
    assert computing == [1, 1]
    assert before["health_warning"].any()
    assert not after["health_warning"].any()  # nobody's health is below 0


def test_an_unanswered_complaint_turning_late_is_counted_not_read_back(
    customers_db, computing, scored
):
    # Acme's complaint opened 2026-11-18 12:00 without an answer: late after 12:00 on
    # the 20th (48 hours), and NOW is 10:00 on the 20th
    acme = customer_ids(customers_db)["Acme Corp"]
    before = read(customers_db)
    still = read(customers_db, NOW + timedelta(hours=2))  # 12:00 itself: not yet late
    assert computing == [1]
    assert still.loc[acme, "complaints_late_12m"] == before.loc[acme, "complaints_late_12m"]
    late = read(customers_db, NOW + timedelta(hours=2, seconds=1))
    assert computing == [1] and scored == [6, 1]  # Acme alone scored again
    assert_frame_equal(late, from_scratch(customers_db, NOW + timedelta(hours=2, seconds=1)))
    assert late.loc[acme, "complaints_late_12m"] == before.loc[acme, "complaints_late_12m"] + 1


def test_a_table_kept_by_other_code_or_damaged_is_computed_again(customers_db, computing):
    good = read(customers_db)
    with sqlite3.connect(customers_db) as c:
        c.execute(
            "UPDATE figure_store SET payload = X'5354463100000010' || payload "
            "WHERE name LIKE 'customer_table%'"
        )
    assert_frame_equal(read(customers_db), good)
    assert computing == [1, 1]
    with sqlite3.connect(customers_db) as c:
        c.execute("UPDATE figure_store SET payload = X'00' WHERE name LIKE 'customer_table%'")
    assert_frame_equal(read(customers_db), good)
    assert computing == [1, 1, 1]


def test_a_reader_in_another_language_computes_its_own_words(customers_db, computing):
    from salestui.kernel.i18n import language, set_language

    read(customers_db)
    was = language()
    set_language("zh")
    try:
        read(customers_db)
        assert computing == [1, 1]  # the churn and behaviour words are the reader's language
        read(customers_db)
        assert computing == [1, 1]
    finally:
        set_language(was)
    read(customers_db)  # each language's table kept beside the other's
    assert computing == [1, 1]
    assert kept_rows(customers_db) == [
        "customer_inputs|UTC",
        "customer_table|en|UTC",
        "customer_table|zh|UTC",
    ]


def test_a_customer_added_elsewhere_is_in_the_next_read_with_no_history(
    customers_db, computing, scored
):
    before = read(customers_db)
    salestui(customers_db, "customer", "add", "Zeta Works")
    after = read(customers_db)
    assert computing == [1] and scored == [6, 1]  # only the newcomer scored
    zeta = customer_ids(customers_db)["Zeta Works"]
    assert len(after) == len(before) + 1
    assert after.loc[zeta, "revenue_12m"] == 0 and after.loc[zeta, "lifecycle"] == "awareness"
    assert_frame_equal(after, from_scratch(customers_db))


def test_a_command_holding_only_a_connection_reads_the_kept_table(customers_db, computing):
    """The action plans' and the review's health and churn warnings, asked with a connection
    alone (a command, a report section), read the kept table instead of scoring everyone."""
    from salestui.actions.inbox import customer_warnings
    from salestui.db.engine import make_engine

    read(customers_db)
    fresh_process()
    engine = make_engine(customers_db)
    try:
        with engine.connect() as conn:
            warned = customer_warnings(conn, None, NOW, {})
    finally:
        engine.dispose()
    assert computing == [1]
    scratch = from_scratch(customers_db)
    assert {(w.kind, w.customer_id) for w in warned.rows} == {
        ("health", int(c)) for c in scratch.index[scratch["health_warning"]]
    } | {("churn", int(c)) for c in scratch.index[scratch["churn"]]}
    assert warned.rows  # the fixture has some: the comparison above is not of two empty sets


def test_the_customer_warnings_counted_keyed_and_cut_to_the_first_of_each_kind(customers_db):
    """A screen asks for the first 200 of each kind (44,000 health warnings at 1,000,000 deals):
    the totals, the keys (those of every warning, as ``key_of`` words them) and the first rows
    are those of the whole list."""
    from salestui.actions.inbox import customer_warnings, key_of
    from salestui.db.engine import make_engine

    engine = make_engine(customers_db)
    try:
        with engine.connect() as conn:
            every = customer_warnings(conn, None, NOW, {})
            first = customer_warnings(conn, None, NOW, {}, limit=1)
    finally:
        engine.dispose()
    kinds = [w.kind for w in every.rows]
    assert kinds == sorted(kinds, key=["health", "churn"].index)
    assert set(kinds) == {"health", "churn"}
    assert every.totals == first.totals == {k: kinds.count(k) for k in ("health", "churn")}
    keys = {key_of(w, NOW.date()) for w in every.rows}
    others = {"stalled:opportunity:1", "churn:x", "health:1:1999-01", "sla:lead:2", "churn:-4"}
    assert every.live(keys | others, NOW.date()) == first.live(keys | others, NOW.date()) == keys
    assert first.rows == [every.of("health")[0], every.of("churn")[0]]
    assert [w.customer_id for w in every.of("health")] == sorted(every.ids["health"])


def test_renames_by_plain_sql_touch_only_the_customers_they_name(customers_db, scored, ranked):
    """Migration 0011: a customer's own row, its owner's and its region's names are stamped too,
    so a plain-SQL rename elsewhere shows, and only the customers it names are scored again."""
    read(customers_db)
    ids = customer_ids(customers_db)
    with sqlite3.connect(customers_db) as c:
        (owner,) = c.execute(
            "SELECT owner_id FROM customer WHERE id = ?", (ids["Delta Tools"],)
        ).fetchone()
        owned = {i for (i,) in c.execute("SELECT id FROM customer WHERE owner_id = ?", (owner,))}
        (region,) = c.execute(
            "SELECT region_id FROM customer WHERE id = ?", (ids["北方机械"],)
        ).fetchone()
        in_region = {
            i for (i,) in c.execute("SELECT id FROM customer WHERE region_id = ?", (region,))
        }
    plain_sql(
        customers_db,
        f"UPDATE person SET display_name = 'Someone Else' WHERE id = {owner}",
        f"UPDATE region SET name = 'Far North' WHERE id = {region}",
        f"UPDATE customer SET industry = 'mining' WHERE id = {ids['Epsilon']}",
    )
    after = read(customers_db)
    assert scored == [6, len(owned | in_region | {ids["Epsilon"]})]
    assert len(owned | in_region | {ids["Epsilon"]}) < 6  # not everyone: the test can tell
    assert ranked == [6]  # no order changed: the company's ranks kept hold, not worked again
    assert after.loc[ids["Delta Tools"], "owner"] == "Someone Else"
    assert after.loc[ids["北方机械"], "region"] == "Far North"
    assert after.loc[ids["Epsilon"], "industry"] == "mining"
    assert_frame_equal(after, from_scratch(customers_db))


def test_a_customer_removed_elsewhere_leaves_the_table(customers_db):
    read(customers_db)
    gone = customer_ids(customers_db)["Epsilon"]
    plain_sql(
        customers_db,
        "PRAGMA foreign_keys = OFF",
        f"DELETE FROM customer WHERE id = {gone}",
    )
    after = read(customers_db)
    assert gone not in after.index
    assert_frame_equal(after, from_scratch(customers_db))


def kept_at(db: str) -> int:
    with sqlite3.connect(db) as c:
        (seq,) = c.execute(
            "SELECT seq FROM figure_store WHERE name = 'customer_table|en|UTC'"
        ).fetchone()
    return int(seq)


def test_a_table_brought_up_to_date_is_written_back_once_enough_were_read_again(
    customers_db, computing, scored, monkeypatch
):
    """A reader who reads a customer or two again does not write the whole table back (the next
    reader reads them again too, from the same kept table); once :data:`REWRITE_AFTER` were,
    it does."""
    from salestui.customers import kept

    monkeypatch.setattr(kept, "REWRITE_AFTER", 2)
    read(customers_db)
    first_kept = kept_at(customers_db)
    ids = customer_ids(customers_db)
    acme = ids["Acme Corp"]
    plain_sql(customers_db, f"UPDATE customer SET industry = 'Mining' WHERE id = {acme}")
    after_one = read(customers_db)
    assert kept_at(customers_db) == first_kept  # one read again: not written back
    assert after_one.loc[acme, "industry"] == "Mining"
    again = read(customers_db)  # the next reader brings the same kept table up to date
    assert scored[-2:] == [1, 1] and kept_at(customers_db) == first_kept
    assert_frame_equal(again, after_one)
    other = next(i for i in ids.values() if i != acme)
    plain_sql(customers_db, f"UPDATE customer SET industry = 'Mining' WHERE id = {other}")
    after_two = read(customers_db)
    assert scored[-1] == 2  # both read again since the kept table …
    assert kept_at(customers_db) > first_kept  # … so it is written back
    assert computing == [1]
    assert_frame_equal(after_two, from_scratch(customers_db))
    scorings = len(scored)
    read(customers_db)
    assert len(scored) == scorings  # and read back as it is: nobody scored again


def test_the_company_ranks_read_nothing_but_their_inputs(customers_db):
    """``COMPANY_INPUTS`` are all ``company_wide`` ranks by: any other column of the table
    turned upside down leaves every rank as it was (so a table brought up to date where none of
    those inputs changed keeps its ranks), while an input turned so moves some."""
    import numpy as np

    from salestui.customers.health import CustomerRules
    from salestui.customers.table import COMPANY_INPUTS, COMPANY_WIDE, company_wide

    table = from_scratch(customers_db)
    ranks = table[list(COMPANY_WIDE)]
    others = [c for c in table.columns if c not in COMPANY_INPUTS and c not in COMPANY_WIDE]
    assert len(others) > 20
    for column in others:
        values = table[column].to_numpy()
        numeric = table[column].dtype.kind in "iuf"
        for changed in (values[::-1], np.roll(values, 1), np.repeat(values[:1], len(values)),
                        np.repeat(values[-1:], len(values)),
                        *([np.zeros_like(values)] if numeric else [])):  # fmt: skip
            turned = table.copy()
            turned[column] = changed
            again = company_wide(turned, CustomerRules())[list(COMPANY_WIDE)]
            assert_frame_equal(again, ranks, obj=column)
    moved = table.copy()
    moved["revenue_12m"] = table["revenue_12m"].to_numpy()[::-1]
    assert not company_wide(moved, CustomerRules())[list(COMPANY_WIDE)].equals(ranks)
