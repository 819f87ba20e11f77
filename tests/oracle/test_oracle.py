"""Every figure of `report pipeline|customers|team|weekly`, recomputed by the oracle from the
tables and README's definitions, equals the app's on every generated database."""

from __future__ import annotations

import pytest

from tests.oracle import customers, pipeline, team
from tests.oracle.app import report_json
from tests.oracle.builders import BUILDERS
from tests.oracle.compare import differences
from tests.oracle.frames import Clock, load


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def case(request, tmp_path_factory):
    built = BUILDERS[request.param](tmp_path_factory.mktemp(request.param))
    clock = Clock(built.now, built.zone)
    return built, clock, load(built.path, clock)


def assert_same(report: str, app: dict, oracle: dict) -> None:
    found = differences(report, app, oracle)
    assert not found, f"{len(found)} figures differ:\n" + "\n".join(found[:25])


def test_pipeline(case, tmp_path):
    built, clock, frames = case
    app = report_json(built.path, built.now, tmp_path, "pipeline")
    assert_same("pipeline", app, pipeline.pipeline(frames, clock))


def test_customers(case, tmp_path):
    built, clock, frames = case
    app = report_json(built.path, built.now, tmp_path, "customers")
    assert_same("customers", customers.comparable(app), customers.customers(frames, clock))


def test_team(case, tmp_path):
    built, clock, frames = case
    for period in built.team_periods:
        args = ("team",) if period is None else ("team", "--period", period)
        app = team.comparable(report_json(built.path, built.now, tmp_path, *args))
        assert_same(f"team {period or ''}", app, team.team(frames, clock, period))
