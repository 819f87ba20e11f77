"""Opening a database: every file salestui cannot use gets one line naming it; a good one is set up."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import BigInteger, Float, Integer, Numeric, inspect
from sqlmodel import SQLModel

from salestui.db import tables  # noqa: F401  (registers every table on the metadata)
from salestui.db.engine import DatabaseProblem, open_database
from salestui.db.schema_version import KNOWN_REVISIONS, SCHEMA_HEAD


def refused(path: Path | str) -> str:
    with pytest.raises(DatabaseProblem) as info:
        open_database(str(path))
    message = str(info.value)
    assert "\n" not in message, message  # one line
    assert str(path) in message, message  # naming the file
    return message


def salestui_db(path: Path) -> Path:
    open_database(str(path)).dispose()
    return path


# ---------------------------------------------------------------- files that are refused


def test_missing_parent_folder(tmp_path):
    message = refused(tmp_path / "no" / "such" / "folder" / "sales.db")
    assert "does not exist" in message
    assert not (tmp_path / "no").exists()  # nothing was created on the way


def test_a_directory(tmp_path):
    (tmp_path / "a folder.db").mkdir()
    assert "folder" in refused(tmp_path / "a folder.db")


def test_a_text_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Call 腾达 back on Monday\n", encoding="utf-8")
    assert "not a SQLite database" in refused(path)
    assert path.read_text(encoding="utf-8") == "Call 腾达 back on Monday\n"  # left alone


def test_another_programs_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipe (name) VALUES ('dumplings')")
    con.commit()
    con.close()
    assert "another program" in refused(path)
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.close()
    assert names == {"recipe"}  # no salestui table was added to it


@pytest.mark.parametrize("revision", ["ae1027a6acf", "0001"])
def test_another_programs_alembic_database(tmp_path, revision):
    # Another Alembic-managed app; its revision may even look like one of ours.
    path = tmp_path / "other_alembic.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    assert "another program" in refused(path)


def test_a_database_made_by_a_newer_salestui(tmp_path):
    path = salestui_db(tmp_path / "newer.db")
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    message = refused(path)
    assert "newer" in message and "9999" in message


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: file permissions are not enforced, a read-only file stays writable",
)
def test_a_read_only_file(tmp_path):
    path = salestui_db(tmp_path / "readonly.db")
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.chmod(0o444)
    try:
        assert "permission" in refused(path)
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------- files that work


def test_an_empty_file_gets_the_schema(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    engine = open_database(str(path))
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            stamp = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        engine.dispose()
    assert {"opportunity", "stage_change", "audit_log", "person", "customer"} <= names
    assert stamp == SCHEMA_HEAD


def test_opening_twice_keeps_the_data(tmp_path):
    path = salestui_db(tmp_path / "twice.db")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO region (name, region_class) VALUES ('华东', 'strategic')")
    con.commit()
    con.close()
    engine = open_database(str(path))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM region").scalars().all() == ["华东"]
    finally:
        engine.dispose()


def test_a_new_database_gets_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = open_database(str(tmp_path / "fresh.db"))
    try:
        with engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode").lower() == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000  # "several seconds"
            assert pragma("synchronous") == 1  # NORMAL
            # statement journals in memory: a write that fires triggers no longer makes a
            # temporary file per statement (100,000 imported deals 15.9 -> 13.2 s)
            assert pragma("temp_store") == 2  # MEMORY
            assert pragma("mmap_size") > 0  # reads through mapped pages
    finally:
        engine.dispose()


def test_the_raw_read_path_has_the_engine_s_pragmas(tmp_path):
    from salestui.db.queries.executor import LiteConnection

    path = str(tmp_path / "raw.db")
    open_database(path).dispose()
    with LiteConnection(path) as conn:
        pragma = lambda name: conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        assert pragma("mmap_size") > 0


def test_foreign_keys_are_enforced(tmp_path):
    engine = open_database(str(tmp_path / "fk.db"))
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"):
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO person (login, display_name, role, title, manager_id, active, "
                    "version) VALUES ('x', 'X', 'rep', '', 4242, 1, 1)"
                )
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the schema itself


def _alembic_scripts() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    return ScriptDirectory.from_config(cfg)


def test_schema_head_is_alembics_head():
    scripts = _alembic_scripts()
    assert scripts.get_heads() == [SCHEMA_HEAD]  # one head, and it is ours
    oldest_first = [r.revision for r in scripts.walk_revisions()][::-1]
    assert tuple(oldest_first) == KNOWN_REVISIONS


def test_the_migrated_schema_matches_the_models(tmp_path):
    engine = open_database(str(tmp_path / "compare.db"))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_money_is_never_float():
    columns = [(t.name, c) for t in SQLModel.metadata.tables.values() for c in t.columns]
    floats = [f"{t}.{c.name}" for t, c in columns if isinstance(c.type, Float | Numeric)]
    assert floats == []
    money = {f"{t}.{c.name}": c for t, c in columns if c.name.endswith("_minor")}
    assert sorted(money) == [
        "forecast_call.amount_minor",
        "opportunity.amount_minor",
        "opportunity_line.unit_price_minor",
        "order_line.unit_cost_minor",
        "order_line.unit_price_minor",
        "product.list_price_minor",
        "product.unit_cost_minor",
        "sales_order.amount_minor",
        "sales_order.paid_minor",
        "stage_total.amount_minor",
    ]
    for name, c in money.items():
        assert isinstance(c.type, BigInteger), f"{name} is {c.type!r}"
    value = SQLModel.metadata.tables["target"].c.value
    assert isinstance(value.type, Integer)


# --- files a team can share ----------------------------------------------------------------------


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_database_and_its_wal_and_shm_are_0660_whatever_the_umask(tmp_path, umask):
    from sqlalchemy import text

    from salestui.db.engine import open_database

    path = tmp_path / "team.db"
    engine = open_database(str(path))
    with engine.connect() as conn:  # an open connection keeps the -wal and -shm
        conn.execute(text("SELECT count(*) FROM person")).scalar()
        assert {_mode(f) for f in (path, f"{path}-wal", f"{path}-shm")} == {0o660}
    engine.dispose()


def test_a_database_already_there_keeps_its_mode(tmp_path, umask):
    from salestui.db.engine import open_database

    path = tmp_path / "mine.db"
    path.touch()
    os.chmod(path, 0o600)
    open_database(str(path)).dispose()
    assert _mode(path) == 0o600


def test_the_folders_salestui_makes_are_0770_whatever_the_umask(tmp_path, umask, monkeypatch):
    from salestui.context import default_database

    os.chmod(tmp_path, 0o755)
    monkeypatch.delenv("SALESTUI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    made = default_database()
    assert made == str(tmp_path / "data" / "salestui" / "salestui.db")
    assert _mode(tmp_path / "data" / "salestui") == 0o770
    assert _mode(tmp_path / "data") == 0o770
    assert _mode(tmp_path) == 0o755  # a folder already there keeps its mode
