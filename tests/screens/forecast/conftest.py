from __future__ import annotations

import pytest

from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.identity import os_account
from tests.fixtures import TODAY


@pytest.fixture(scope="module")
def calls_db(tmp_path_factory) -> str:
    """A small demo on the fixtures' day, boss at the top: 4 past quarters of weekly calls."""
    path = str(tmp_path_factory.mktemp("accuracy") / "demo.db")
    engine = open_database(path)
    try:
        build_demo(engine, deals=400, today=TODAY, top_login="boss", os_user=os_account())
    finally:
        engine.dispose()
    return path
