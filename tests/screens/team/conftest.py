from __future__ import annotations

import pytest

from tests.services import people_org


@pytest.fixture
def org_db(tmp_path) -> str:
    """The hand-written org of tests/services/people_org.py, in a file database of its own."""
    return people_org.build(str(tmp_path / "org.db"))
