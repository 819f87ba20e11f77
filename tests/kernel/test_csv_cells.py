"""Formula cells in CSV: defused on the way out, restored on the way in (OWASP CSV injection)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestui.kernel.csv_cells import CsvOut, formulas_as_written, guarded, restored
from salestui.transfer.reading import read_text

ATTACKS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "=1+1",
]


@pytest.mark.parametrize("cell", ATTACKS)
def test_every_formula_lead_gets_a_quote_in_front(cell):
    assert guarded(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["-5.00", "+3", "-0.5", "Renewal [Q3]", "O'Brien", "a=b", "", "12"]
)
def test_numbers_and_plain_text_stay_as_they_are(cell):
    assert guarded(cell) == cell


def test_a_quote_already_in_front_of_a_formula_gets_another_so_it_comes_back():
    assert guarded("'=1+1") == "''=1+1"
    assert restored("''=1+1") == "'=1+1"
    assert restored("'O'Brien") == "'O'Brien"  # not one of ours: kept


def test_raw_writes_the_cells_verbatim():
    with formulas_as_written():
        assert guarded("=1+1") == "=1+1"
    assert guarded("=1+1") == "'=1+1"


@given(st.text())
def test_any_text_survives_the_guard(text):
    assert restored(guarded(text)) == text


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1),
        min_size=1,
        max_size=5,
    )
)
def test_a_written_row_reads_back_through_the_importer_unchanged(cells):
    header = [f"c{i}" for i in range(len(cells))]
    cells = [c if c.strip() else "x" + c for c in cells]  # a blank row is no row
    out = io.StringIO()
    writer = CsvOut(out)
    writer.writerow(header)
    writer.writerow(cells)
    table = read_text(out.getvalue(), encoding="utf-8", delimiter=",")
    assert table.rows[0][1] == cells
