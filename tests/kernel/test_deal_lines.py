"""The line rule (kernel/deal_lines.py), worked by hand: quantity × unit price × (1 − discount),
rounded once to the fen, half up."""

from __future__ import annotations

import pytest

from salestui.kernel.deal_lines import (
    amount_follows_lines,
    deal_amount,
    discount_text,
    line_total,
    read_discount,
    read_quantity,
    read_unit_price,
)
from salestui.kernel.errors import DomainError


@pytest.mark.parametrize(
    ("quantity", "unit", "bp", "total"),
    [
        (2, 100_000, 0, 200_000),  # 2 × 1,000.00 = 2,000.00
        (3, 99, 1250, 260),  # 297 fen × 0.875 = 259.875 → 260
        (1, 5, 5000, 3),  # 2.5 fen → 3 (half up, not to even)
        (1, 3, 5000, 2),  # 1.5 fen → 2
        (1, 1, 5000, 1),  # 0.5 fen → 1
        (7, 12_345, 10_000, 0),  # 100 % off is free
        (3, 33_333, 3333, 66_669),  # 99,999 × 0.6667 = 66,669.3333 → 66,669
        (4, 250, 2500, 750),  # 1,000 × 0.75 exactly
    ],
)
def test_line_total_by_hand(quantity, unit, bp, total):
    assert line_total(quantity, unit, bp) == total


def test_a_deal_is_the_sum_of_its_rounded_lines():
    # 259.875 → 260 and 2.5 → 3 each round first: 263, not round(262.375) = 262.
    assert deal_amount([line_total(3, 99, 1250), line_total(1, 5, 5000)]) == 263


@pytest.mark.parametrize(
    ("text", "bp"),
    [("12.5", 1250), ("12.5%", 1250), ("0", 0), ("", 0), (None, 0), ("100", 10_000),
     ("33.33", 3333), (" 7 % ", 700)],
)  # fmt: skip
def test_discount_read_as_basis_points(text, bp):
    assert read_discount(text) == bp


@pytest.mark.parametrize("text", ["-1", "100.01", "12.345", "ten", "nan", "inf", "1e400"])
def test_discount_refused(text):
    with pytest.raises(DomainError, match="discount"):
        read_discount(text)


@pytest.mark.parametrize(("text", "n"), [("1", 1), ("12", 12), ("1,000", 1000), (3, 3)])
def test_quantity_read(text, n):
    assert read_quantity(text) == n


@pytest.mark.parametrize("text", ["0", "-2", "1.5", "", "three", "٣"])
def test_quantity_refused(text):
    with pytest.raises(DomainError, match="quantity"):
        read_quantity(text)


def test_unit_price_read_as_every_amount():
    assert read_unit_price("¥1,234.50") == 123_450
    assert read_unit_price(99) == 99
    with pytest.raises(DomainError, match="unit price"):
        read_unit_price("-5")


def test_words():
    assert discount_text(1250) == "12.5%"
    assert discount_text(0) == ""
    assert amount_follows_lines(1) == "the amount follows its 1 product line; change the lines"
    assert amount_follows_lines(3) == "the amount follows its 3 product lines; change the lines"
