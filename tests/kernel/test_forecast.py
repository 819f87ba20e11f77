"""Forecast categories, worked by hand from DOMAIN.md: Negotiation commits, Proposal is best case,
earlier stages and close dates already passed are pipeline; won is closed, lost has none."""

from datetime import date

import pytest

from salestui.kernel.forecast import (
    CategoryRules,
    call_week,
    category_rules_from,
    default_category,
    effective_category,
    read_category,
)

TODAY = date(2026, 11, 28)  # a Saturday
RULES = CategoryRules()


@pytest.mark.parametrize(
    ("stage", "close", "expected"),
    [
        ("Negotiation", date(2026, 12, 15), "commit"),
        ("Negotiation", date(2027, 2, 1), "commit"),  # next quarter's commit
        ("Negotiation", date(2026, 11, 27), "pipeline"),  # the close date has passed
        ("Negotiation", TODAY, "commit"),  # closing today is not late
        ("Proposal", date(2026, 12, 15), "best case"),
        ("Qualified", date(2026, 12, 15), "pipeline"),
        ("Prospect", date(2026, 12, 15), "pipeline"),
    ],
)
def test_default_category(stage, close, expected):
    assert default_category(stage, close, TODAY, RULES) == expected


def test_the_owner_s_category_wins_on_an_open_deal_and_closed_stages_have_their_own():
    close = date(2026, 12, 15)
    assert effective_category("omitted", "Negotiation", close, TODAY, RULES) == "omitted"
    assert effective_category("commit", "Prospect", close, TODAY, RULES) == "commit"
    assert effective_category("commit", "Won", close, TODAY, RULES) == "closed"
    assert effective_category("commit", "Lost", close, TODAY, RULES) is None
    assert effective_category("junk", "Proposal", close, TODAY, RULES) == "best case"


def test_settings_move_the_thresholds_and_a_typo_keeps_the_default():
    rules = category_rules_from(
        {"forecast.commit_from": "proposal", "forecast.best_case_from": "Qualified"}
    )
    assert default_category("Proposal", date(2026, 12, 15), TODAY, rules) == "commit"
    assert default_category("Qualified", date(2026, 12, 15), TODAY, rules) == "best case"
    assert category_rules_from({"forecast.commit_from": "Negotation"}) == RULES


def test_read_category():
    assert read_category(" Best-case ") == "best case"
    assert read_category("bc") == "best case"
    assert read_category("COMMIT") == "commit"
    assert read_category("closed") is None  # not something a person sets
    assert read_category("") is None


def test_call_week_follows_the_team_s_first_weekday():
    assert call_week(TODAY, {}) == date(2026, 11, 23)  # Monday
    assert call_week(TODAY, {"week_start": "sunday"}) == date(2026, 11, 22)
    assert call_week(date(2026, 11, 22), {"week_start": "sunday"}) == date(2026, 11, 22)
