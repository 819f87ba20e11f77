"""The owner's forecast category (salestui/services/forecast_category.py) on the organisation of
tests/fixtures.py: every deal closes on 2026-12-20, 30 days after NOW, so by the default settings
Prospect/Qualified default to pipeline, Proposal to best case, Negotiation to commit."""

from __future__ import annotations

import pytest

from salestui.kernel.errors import DomainError
from salestui.services.deal_undo import undo_last
from salestui.services.forecast_category import read_choice, set_category
from tests import fixtures
from tests.services.test_deals import assert_refused, audit, deal

NOW = fixtures.NOW
ERP, RENEWAL, FACTORY, PLATFORM, EXPANSION, PILOT, SUPPORT, TRAINING = range(1, 9)


@pytest.fixture
def s(seeded_db, session_for):
    return session_for(seeded_db)


def test_the_owner_sets_a_word_and_the_audit_keeps_old_and_new(s):
    change = set_category(s, "rep_south", FACTORY, 1, "Commit", now=NOW)
    # Proposal closing in time defaults to best case; the owner says commit
    assert change.message == "“腾达 smart factory” forecast category set to commit"
    assert change.version == 2
    row = deal(s, FACTORY)
    assert (row.forecast_category, row.version, row.updated_by) == ("commit", 2, "rep_south")
    assert audit(s, row_id=FACTORY)[-2:] == [
        ("rep_south", NOW, FACTORY, "forecast_category", None, "commit"),
        ("rep_south", NOW, FACTORY, "version", "1", "2"),
    ]


def test_default_clears_it_and_says_what_the_stage_gives(s):
    set_category(s, "rep_south", FACTORY, 1, "omitted", now=NOW)
    change = set_category(s, "rep_south", FACTORY, 2, "default", now=NOW)
    assert change.message == "“腾达 smart factory” forecast category as the stage says: best case"
    assert deal(s, FACTORY).forecast_category is None
    assert audit(s, row_id=FACTORY)[-2][3:] == ("forecast_category", "omitted", None)


def test_a_manager_may_set_a_reports_deal(s):
    set_category(s, "mgr_east", RENEWAL, 1, "bc", now=NOW)
    assert deal(s, RENEWAL).forecast_category == "best case"


def test_undo_puts_the_old_word_back(s):
    set_category(s, "rep_wang", EXPANSION, 1, "best case", now=NOW)
    set_category(s, "rep_wang", EXPANSION, 2, "pipeline", now=NOW)
    undo_last(s, "rep_wang", now=NOW)
    assert deal(s, EXPANSION).forecast_category == "best case"
    undo_last(s, "rep_wang", now=NOW)
    assert deal(s, EXPANSION).forecast_category is None


@pytest.mark.parametrize(
    ("login", "deal_id", "version", "word", "match"),
    [
        ("rep_south", PILOT, 1, "commit", "is Won: a won deal counts as closed"),
        ("rep_wang", SUPPORT, 1, "commit", "is Lost: a lost deal has no category"),
        ("rep_wang", SUPPORT, 1, "default", "a lost deal has no category"),
        ("rep_li", FACTORY, 1, "commit", "belongs to"),  # rep_south's deal
        ("rep_south", FACTORY, 7, "commit", "changed"),  # an old version
        ("rep_south", FACTORY, 1, "certain", "commit, best case, pipeline, omitted"),
        ("rep_south", FACTORY, 1, "closed", "not a forecast category"),
        ("rep_south", FACTORY, 1, "default", "already as the stage says"),
        ("rep_south", FACTORY, 1, "com\x1bmit", "control character"),
        ("rep_south", 99, 1, "commit", "does not exist"),
    ],
)
def test_refusals_write_nothing(s, seeded_db, login, deal_id, version, word, match):
    error = assert_refused(
        s, seeded_db, lambda: set_category(s, login, deal_id, version, word, now=NOW), match
    )
    assert "\n" not in str(error)


def test_the_same_word_again_is_refused(s, seeded_db):
    set_category(s, "rep_south", FACTORY, 1, "commit", now=NOW)
    assert_refused(
        s, seeded_db, lambda: set_category(s, "rep_south", FACTORY, 2, "Commit", now=NOW), "already"
    )


def test_read_choice():
    assert read_choice("Best-Case") == "best case"
    assert read_choice(" Default ") is None
    assert read_choice("as the stage says") is None
    with pytest.raises(DomainError, match="'maybe' is not a forecast category"):
        read_choice("maybe")
