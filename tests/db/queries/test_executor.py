"""The executor on SQLite, through Core and through the raw ``sqlite3`` path alike: named rows,
IN-lists of any length, moments bound as they are stored. (PostgreSQL: tests/db/test_postgres.py.)
"""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone

import pytest

from salestui.db.engine import make_engine
from salestui.db.queries.executor import LiteConnection, Table, first, rows, table

# Five deals by hand: (id, owner, stage, entered at, stored as SQLAlchemy writes it on SQLite)
DEALS = [
    (1, 7, "Prospect", "2026-11-20 10:00:00.000000"),
    (2, 7, "Qualified", "2026-11-20 10:00:00.500000"),
    (3, 8, "Prospect", "2026-11-19 23:59:59.000000"),
    (4, 9, "Won", "2026-11-21 00:00:00.000000"),
    (5, 9, "Lost", "2026-11-18 08:30:00.000000"),
]


@pytest.fixture(params=["core", "sqlite3"])
def conn(request, tmp_path):
    import sqlite3

    path = str(tmp_path / "deals.db")
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE deal (id INTEGER PRIMARY KEY, owner_id INT, stage TEXT, at TEXT)")
    raw.executemany("INSERT INTO deal VALUES (?, ?, ?, ?)", DEALS)
    raw.commit()
    raw.close()
    if request.param == "sqlite3":
        with LiteConnection(path) as lite:
            yield lite
        return
    engine = make_engine(path)
    with engine.connect() as core:
        yield core
    engine.dispose()


def ids(conn, sql: str, params: dict) -> list[int]:
    return [r.id for r in rows(conn, sql, params)]


IN_OWNERS = "SELECT id AS id FROM deal WHERE owner_id IN :owners ORDER BY id"


def test_an_empty_list_matches_nothing(conn):
    assert ids(conn, IN_OWNERS, {"owners": ()}) == []
    assert ids(conn, IN_OWNERS, {"owners": []}) == []


def test_not_in_an_empty_list_matches_everything(conn):
    sql = "SELECT id AS id FROM deal WHERE owner_id NOT IN :owners ORDER BY id"
    assert ids(conn, sql, {"owners": ()}) == [1, 2, 3, 4, 5]


def test_a_list_of_one(conn):
    assert ids(conn, IN_OWNERS, {"owners": (8,)}) == [3]


def test_a_list_of_many_and_a_value_no_row_has(conn):
    # owners 7 → deals 1, 2; owner 9 → 4, 5; owner 42 owns nothing
    assert ids(conn, IN_OWNERS, {"owners": [7, 9, 42]}) == [1, 2, 4, 5]


def test_lists_beside_plain_values_and_a_list_named_twice(conn):
    sql = (
        "SELECT id AS id FROM deal WHERE stage IN :stages AND owner_id IN :owners "
        "AND (owner_id IN :owners OR id = :never) ORDER BY id"
    )
    found = ids(conn, sql, {"stages": ("Prospect", "Won"), "owners": (7, 9), "never": 0})
    assert found == [1, 4]  # Prospect of 7, Won of 9; 3 is Prospect but owner 8


def test_a_longer_name_is_not_taken_for_a_shorter_one(conn):
    sql = "SELECT id AS id FROM deal WHERE owner_id IN :o AND id IN :ones ORDER BY id"
    assert ids(conn, sql, {"o": (7, 8), "ones": (1, 3, 5)}) == [1, 3]


def test_parameters_the_sql_does_not_name_are_left_out(conn):
    assert ids(conn, IN_OWNERS, {"owners": (8,), "unused": [1, 2], "when": datetime.now(UTC)})


def test_rows_are_read_by_name_and_still_unpack(conn):
    row = first(conn, "SELECT id AS id, stage AS stage FROM deal WHERE id = :id", {"id": 2})
    assert (row.id, row.stage) == (2, "Qualified")
    deal_id, stage = row
    assert (deal_id, stage) == (2, "Qualified")
    assert first(conn, "SELECT id AS id FROM deal WHERE id = :id", {"id": 99}) is None


def test_a_table_keeps_its_column_names_even_without_rows(conn):
    found = table(conn, "SELECT id AS id, stage AS stage FROM deal WHERE id > :n", {"n": 4})
    assert found.columns == ("id", "stage")
    assert found.rows == [(5, "Lost")]
    assert [r.stage for r in found] == ["Lost"]
    none = table(conn, "SELECT id AS deal_id, at AS at FROM deal WHERE id > :n", {"n": 9})
    assert (none.columns, none.rows, len(none)) == (("deal_id", "at"), [], 0)


def test_a_table_crosses_to_a_worker_process_as_it_is():
    sent = Table(("customer_id", "orders"), [(1, 3), (2, 0)])
    assert pickle.loads(pickle.dumps(sent)) == sent


# A moment bound as a parameter compares with the stored text as the same instant, whatever
# its zone: 18:00 in UTC+8 is 10:00 UTC, deal 1's moment to the microsecond.
EIGHT = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 20, 18, 0, tzinfo=EIGHT),
        datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        datetime(2026, 11, 20, 10, 0),  # naive: UTC
    ],
)
def test_a_moment_matches_the_stored_instant_in_any_zone(conn, moment):
    assert ids(conn, "SELECT id AS id FROM deal WHERE at = :t", {"t": moment}) == [1]
    # deals 3 and 5 entered before 10:00 UTC on the 20th; deal 2 half a second after
    before = "SELECT id AS id FROM deal WHERE at < :t ORDER BY id"
    assert ids(conn, before, {"t": moment}) == [3, 5]


def test_the_boards_opening_read_runs_without_sqlalchemy(seeded_db):
    """The raw path exists for this alone (figures in the executor's docstring): a SQLite file
    already current gives the board's opening data with SQLAlchemy not even imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from salestui.board.load import opening_board\n"
        "from salestui.context import AppContext\n"
        "from salestui.db.engine import check_database\n"
        f"viewer, data = opening_board(AppContext(check_database({seeded_db!r}), 'boss'))\n"
        "assert data.total.count > 0 and viewer.person is not None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
