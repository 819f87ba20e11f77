"""Kept columns of plain numbers (salestui.runtime.columns): read back as they were written,
spliced by id, and anything else refused — a damaged or foreign row is computed again, never
trusted."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestui.db.queries.executor import Table
from salestui.runtime.columns import Columns
from salestui.runtime.maintained import decode, encode, splice

KINDS = ("<i8", "<i8", "<f8")
rows_of = st.lists(
    st.tuples(
        st.integers(1, 9),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
    max_size=40,
)


def plain(c: Columns) -> list[tuple]:
    return list(zip(*(a.tolist() for a in c.arrays), strict=True))


@given(rows_of)
def test_rows_come_back_as_they_went_whole_numbers_past_a_float_s_too(rows):
    c = Columns.of(Table(("id", "n", "x"), rows), KINDS)
    assert plain(c) == rows
    (back,) = decode(encode([c]))
    assert back.names == ("id", "n", "x") and plain(back) == rows


@given(rows_of, rows_of, st.sets(st.integers(1, 9)))
def test_a_splice_puts_the_ids_rows_in_place_of_theirs(old, new, ids):
    new = [r for r in new if r[0] in ids]  # a re-read of ids gives their rows alone
    spliced = splice(Columns.of(Table(("id", "n", "x"), old), KINDS),
                     Columns.of(Table(("id", "n", "x"), new), KINDS), sorted(ids))  # fmt: skip
    expected = [r for r in old if r[0] not in ids] + new
    assert plain(spliced) == expected


def test_a_row_that_is_not_plain_numbers_is_refused():
    with pytest.raises((ValueError, TypeError)):
        Columns.of(Table(("id", "x"), [(1, None)]), ("<i8", "<f8"))
    with pytest.raises(ValueError):
        Columns.of(Table(("id",), [(1,)]), ("<U8",))


@pytest.mark.parametrize(
    "change",
    [
        lambda j: j.update(kinds=["|O", "<f8"]),  # objects: never read
        lambda j: j.update(arrays=[j["arrays"][0], base64.b64encode(b"\0" * 8).decode()]),
        lambda j: j.update(arrays=[j["arrays"][0], "not base64!"]),
        lambda j: j.update(columns=["id"]),
    ],
)
def test_kept_columns_changed_by_hand_are_refused(change):
    content = Columns.of(Table(("id", "x"), [(1, 2.5), (2, 3.5)]), ("<i8", "<f8")).to_json()
    change(content)
    with pytest.raises((ValueError, KeyError, TypeError)):
        Columns.from_json(content)


def test_an_empty_read_keeps_empty_columns():
    c = Columns.of(Table(("id", "x"), []), ("<i8", "<f8"))
    (back,) = decode(encode([c]))
    assert len(back) == 0 and back.arrays[1].dtype == np.float64
