"""`salestui deal category`: the board's forecast-category service from a script. Every fixture
deal closes 30 days after NOW: #2 (Qualified) defaults to pipeline, #3 (Proposal) to best case."""

from __future__ import annotations

import json

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error
from tests.cli.test_deals import deal, deals_db  # noqa: F401  (the fixture)


def test_set_then_default_answers_with_the_effective_word(cli, deals_db):  # noqa: F811
    r = cli("deal", "category", "SF-2", "Best-Case", "--format", "json", "--db", deals_db)
    assert r.code == 0, r.err
    assert json.loads(r.out) == {
        "deal": 2,
        "external_id": "SF-2",
        "message": "“Acme renewal” forecast category set to best case",
        "version": 2,
        "forecast_category": "best case",
        "forecast_category_set": True,
        "changed": {"forecast_category": {"from": None, "to": "best case"}},
    }
    row = deal(deals_db, 2)
    assert (row["forecast_category"], row["version"]) == ("best case", 2)
    assert row["audited"]["forecast_category"] == (None, "best case")

    r = cli("deal", "category", "SF-2", "default", "--format", "json", "--db", deals_db)
    answer = json.loads(r.out)
    # back to what Qualified closing in 30 days says
    assert (answer["forecast_category"], answer["forecast_category_set"]) == ("pipeline", False)
    assert deal(deals_db, 2)["forecast_category"] is None

    r = cli("deal", "category", "id:1", "omitted", "--db", deals_db)
    assert (r.code, r.out) == (0, "“华信 ERP rollout” forecast category set to omitted\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("6", "commit"), "is Won: a won deal counts as closed"),
        (("7", "commit"), "is Lost: a lost deal has no category"),
        (("SF-2", "likely"), "use one of commit, best case, pipeline, omitted"),
        (("SF-2", "default"), "already as the stage says"),
        (("999", "commit"), "no deal '999' among the deals you may see"),
    ],
)
def test_a_refusal_is_one_line_and_writes_nothing(cli, deals_db, args, said):  # noqa: F811
    before = fixtures.rows_digest(deals_db)
    assert said in one_line_error(cli("deal", "category", *args, "--db", deals_db))
    assert fixtures.rows_digest(deals_db) == before


def test_a_rep_may_not_set_a_colleague_s_deal(cli, deals_db):  # noqa: F811
    before = fixtures.rows_digest(deals_db)
    line = one_line_error(
        cli("deal", "category", "SF-2", "commit", "--user", "rep_li", "--db", deals_db)
    )
    assert "no deal 'SF-2' among the deals you may see" in line
    assert fixtures.rows_digest(deals_db) == before
