from __future__ import annotations

import pytest

from tests import fixtures


@pytest.fixture
def seeded_db(tmp_path) -> str:
    """A file database holding the hand-written organisation of tests/fixtures.py."""
    return fixtures.build(str(tmp_path / "seeded.db"))


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
