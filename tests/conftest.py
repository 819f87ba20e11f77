from __future__ import annotations

import os
import time

import pytest

from tests import fixtures
from tests.cli.runner import Result, run_main
from tests.customers import fixtures as fixtures_customers
from tests.review import fixtures as fixtures_review
from tests.team import fixtures as fixtures_team


@pytest.fixture(autouse=True)
def the_top_person_by_default(monkeypatch):
    """Without --user a command acts as the OS login; every fixture org's top person is
    ``boss``, so the tests run as boss unless they say otherwise."""
    monkeypatch.setattr("salestui.context.default_user", lambda: "boss")


@pytest.fixture
def seeded_db(tmp_path) -> str:
    """A file database holding the hand-written organisation of tests/fixtures.py."""
    return fixtures.build(str(tmp_path / "seeded.db"))


@pytest.fixture
def customers_db(tmp_path) -> str:
    """The customers of tests/customers/fixtures.py, in a file database of this test's own."""
    return fixtures_customers.build(str(tmp_path / "customers.db"))


@pytest.fixture
def review_db(tmp_path) -> str:
    """The action items and week of tests/review/fixtures.py, in a file database of this test's own."""
    return fixtures_review.build(str(tmp_path / "review.db"))


@pytest.fixture
def team_db(tmp_path) -> str:
    """The team and targets of tests/team/fixtures.py, in a file database of this test's own."""
    return fixtures_team.build(str(tmp_path / "team.db"))


@pytest.fixture
def utc_zone():
    """Times are shown in local time; pin the zone so the expected strings hold anywhere."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``salestui ARGS`` in this process with the clock pinned at the fixtures' NOW."""
    import salestui.cli.options

    monkeypatch.setattr(salestui.cli.options, "now", lambda: fixtures.NOW)
    monkeypatch.delenv("SALESTUI_DB", raising=False)

    def run(*args: str) -> Result:
        return run_main(capsys, *args)

    return run


@pytest.fixture
def session_for():
    """Open a SQLModel session on a database path; closed after the test."""
    from sqlmodel import Session

    from salestui.db.engine import open_database

    opened = []

    def _open(path: str) -> Session:
        engine = open_database(path)
        s = Session(engine)
        opened.append((s, engine))
        return s

    yield _open
    for s, e in opened:
        s.close()
        e.dispose()
