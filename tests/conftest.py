from __future__ import annotations

import os
import sys
import time
import types

import pytest

from tests import fixtures
from tests.cli.runner import Result, run_main
from tests.customers import fixtures as fixtures_customers
from tests.review import fixtures as fixtures_review
from tests.team import fixtures as fixtures_team

# The tests read English unless one chooses otherwise (``--lang zh``, ``set_language``), whatever
# the locale of the machine running them; each test starts in English.
os.environ["SALESTUI_LANG"] = "en"


@pytest.fixture(autouse=True)
def _english():
    from salestui.kernel.i18n import set_language
    from salestui.kernel.money import use_large_units

    set_language("en")
    use_large_units(False)
    yield
    set_language("en")
    use_large_units(False)


def _built(request, build, path) -> str:
    """The fixture org with boss bound to the account running the tests; an administrator too
    where the test drives the command line (``--user`` acts for others there), but not for the
    screens' pictures and Pilot tests, which show boss as the top manager they were drawn for
    (an administrator's board opens on "everyone" rather than "my team")."""
    return fixtures.bind_the_top(build(str(path)), admin="cli" in request.fixturenames)


@pytest.fixture
def seeded_db(request, tmp_path) -> str:
    """A file database holding the hand-written organisation of tests/fixtures.py."""
    return _built(request, fixtures.build, tmp_path / "seeded.db")


@pytest.fixture
def long_names_db(request, tmp_path) -> str:
    """``seeded_db`` with a long CJK + emoji + Latin customer, rep and deal name
    (:func:`tests.fixtures.lengthen_names`), for the pictures in Chinese and at 200 columns."""
    return fixtures.lengthen_names(_built(request, fixtures.build, tmp_path / "long.db"))


@pytest.fixture
def customers_db(request, tmp_path) -> str:
    """The customers of tests/customers/fixtures.py, in a file database of this test's own."""
    return _built(request, fixtures_customers.build, tmp_path / "customers.db")


@pytest.fixture
def review_db(request, tmp_path) -> str:
    """The action items and week of tests/review/fixtures.py, in a file database of this test's own."""
    return _built(request, fixtures_review.build, tmp_path / "review.db")


@pytest.fixture
def team_db(request, tmp_path) -> str:
    """The team and targets of tests/team/fixtures.py, in a file database of this test's own."""
    return _built(request, fixtures_team.build, tmp_path / "team.db")


@pytest.fixture(autouse=True)
def person_clock_in_utc():
    """Every test's person is on UTC unless the test says otherwise (``clock.zone_of``): the
    expected days and months hold on a machine in any zone."""
    from salestui.kernel.clock import zone_of

    with zone_of("UTC"):
        yield


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


@pytest.fixture
def fake_app(monkeypatch):
    """Stand in for salestui.app so these tests need no terminal: records what it was given."""
    opened = []

    class SalestuiApp:
        def __init__(self, ctx):
            self.ctx = ctx

        def run(self):
            opened.append(self.ctx)

    monkeypatch.setitem(sys.modules, "salestui.app", types.SimpleNamespace(SalestuiApp=SalestuiApp))
    return opened


# The tests that empty and rebuild the one PostgreSQL test database's public schema take turns,
# whatever xdist worker runs them (a lock file held for the test): side by side they dropped
# each other's tables mid-test.
_ON_THE_PG_SCHEMA = (
    "tests/db/test_postgres",
    "tests/db/test_migrations.py",
    "tests/runtime/test_maintained.py",
    "tests/test_identity.py",
)


@pytest.fixture(autouse=True)
def _one_test_at_a_time_on_the_pg_schema(request):
    if not (
        os.environ.get("SALESTUI_TEST_PG_URL") and request.node.nodeid.startswith(_ON_THE_PG_SCHEMA)
    ):
        yield
        return
    import fcntl
    import tempfile

    path = os.path.join(tempfile.gettempdir(), "salestui-tests-postgresql.lock")
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def fresh_kept():
    """A fresh process's view of the kept figures (``runtime.maintained``): nothing kept in this
    process before or after the test."""
    from salestui.runtime import maintained

    maintained.forget()
    yield
    maintained.forget()
