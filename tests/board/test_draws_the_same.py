"""A board read again draws the same only when nothing it shows moved — the cards, the totals,
the closes, the day, and every card's days in its stage (which tick 24 hours after it entered,
not at midnight)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from salestui.board.load import BoardData
from salestui.board.metrics import pipeline_total
from salestui.db.queries.board import DealCard, StageTotals

pytestmark = pytest.mark.usefixtures("utc_zone")

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def card(entered: datetime, title: str = "Acme renewal") -> DealCard:
    return DealCard(
        2, 1, title, 1, "Acme Corp", 3, "rep_wang", "Wang Fang", "Qualified", 8_000_000, 25,
        entered, date(2027, 1, 31), None, 0, None, None, None,
    )  # fmt: skip


def board(entered: datetime, at: datetime, title: str = "Acme renewal") -> BoardData:
    totals = (StageTotals("Qualified", 1, 8_000_000, 2_000_000, 0),)
    pages = {"Qualified": [card(entered, title)]}
    return BoardData(totals, pipeline_total(totals), pages, {}, [], at)


def test_the_same_cards_a_minute_later_draw_the_same():
    entered = T0 - timedelta(days=5, hours=3)  # 5 days in the stage, 6 only at 13:00
    assert board(entered, T0).draws_the_same(board(entered, T0 + timedelta(minutes=1)))


def test_a_card_whose_days_tick_between_the_reads_is_drawn_again():
    entered = T0 - timedelta(days=5, minutes=-30)  # 4 days 23.5 h: 5 days at 10:30
    assert not board(entered, T0).draws_the_same(board(entered, T0 + timedelta(hours=1)))


def test_a_renamed_card_or_another_day_is_drawn_again():
    entered = T0 - timedelta(days=5, hours=3)
    assert not board(entered, T0).draws_the_same(board(entered, T0, title="renamed"))
    late = T0.replace(hour=23, minute=59)
    assert not board(entered, late).draws_the_same(
        replace(board(entered, late), loaded_at=late + timedelta(minutes=2))
    )
