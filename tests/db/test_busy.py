"""Writes that meet another's lock (db/busy.py, AppContext.write): they wait, say so, retry, and
give up after the team's limit with one line — nothing written, nothing crashed."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from salestui.context import AppContext
from salestui.db.busy import Busy, is_lock_error, limit_from, retrying
from salestui.db.engine import open_database
from salestui.kernel.errors import DomainError


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


def locked() -> sqlite3.OperationalError:
    return sqlite3.OperationalError("database is locked")


def test_a_lock_error_is_retried_until_it_goes():
    clock, heard, tries = FakeClock(), [], []

    def attempt():
        tries.append(clock.t)
        if len(tries) < 4:
            raise locked()
        return "saved"

    out = retrying(attempt, what="the move", on_wait=heard.append, sleep=clock.sleep, clock=clock)
    assert out == "saved" and len(tries) == 4
    # pauses grow: 5 ms, then about 10, then about 20 (jitter adds up to half)
    assert 0.005 <= clock.slept[0] <= 0.0075 and clock.slept[1] >= 0.01 and clock.slept[2] >= 0.02
    assert heard and heard[0].startswith("waiting for the database: another write holds its lock")


def test_after_the_limit_it_says_so_in_one_line():
    clock = FakeClock()

    def attempt():
        raise locked()

    with pytest.raises(Busy) as caught:
        retrying(attempt, what="the move", limit=3, sleep=clock.sleep, clock=clock)
    said = str(caught.value)
    assert "\n" not in said and said.startswith("the move was not saved")
    assert "limit is 3 s" in said and "lock_wait_seconds" in said
    assert 3 <= clock.t <= 3.3  # waited the limit, not much more
    assert isinstance(caught.value, DomainError)  # screens show it as a refusal


def test_other_errors_are_not_retried():
    tries = []

    def attempt():
        tries.append(1)
        raise sqlite3.OperationalError("no such table: opportunity")

    with pytest.raises(sqlite3.OperationalError):
        retrying(attempt, what="x", sleep=lambda s: None)
    assert tries == [1]


def test_what_counts_as_a_lock():
    class PgError(Exception):
        def __init__(self, code):
            self.sqlstate = code

    assert is_lock_error(locked())
    assert is_lock_error(sqlite3.OperationalError("database table is locked"))
    assert is_lock_error(PgError("55P03")) and is_lock_error(PgError("40P01"))
    assert not is_lock_error(PgError("23505"))  # a unique violation is a real refusal
    assert not is_lock_error(sqlite3.IntegrityError("database is locked"))  # wrong kind


def test_the_limit_comes_from_the_settings():
    assert limit_from({}) == 30
    assert limit_from({"lock_wait_seconds": "5"}) == 5
    assert limit_from({"lock_wait_seconds": "soon"}) == 30
    assert limit_from({"lock_wait_seconds": "0"}) == 1


def hold_lock(db: str, seconds: float) -> threading.Thread:
    """Another connection holds the write lock for ``seconds`` (returns once it holds it)."""
    ready = threading.Event()

    def hold():
        con = sqlite3.connect(db, timeout=30, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        con.execute("COMMIT")
        con.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    ready.wait(10)
    return thread


def _deal(db: str):
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT id, version, stage FROM opportunity WHERE stage = 'Qualified' ORDER BY id"
    ).fetchone()
    con.close()
    return row


def test_a_write_waits_out_a_held_lock_and_lands(seeded_db):
    from salestui.services.deals import move_stage

    deal_id, version, _ = _deal(seeded_db)
    heard: list[str] = []
    ctx = AppContext(open_database(seeded_db), "boss", on_wait=heard.append)
    thread = hold_lock(seeded_db, 1.5)
    started = time.monotonic()
    ctx.write(move_stage, "boss", deal_id, "Proposal", version)
    waited = time.monotonic() - started
    thread.join()
    assert 1.0 <= waited < 10
    assert heard and "waiting for the database" in heard[0]
    con = sqlite3.connect(seeded_db)
    assert con.execute("SELECT stage FROM opportunity WHERE id = ?", (deal_id,)).fetchone() == (
        "Proposal",
    )
    con.close()


def test_a_lock_held_past_the_limit_refuses_and_writes_nothing(seeded_db):
    from salestui.services.deals import move_stage

    con = sqlite3.connect(seeded_db)
    con.execute("INSERT INTO setting (key, value) VALUES ('lock_wait_seconds', '1')")
    con.commit()
    before = con.execute("SELECT count(*) FROM audit_log").fetchone()
    con.close()
    deal_id, version, stage = _deal(seeded_db)
    ctx = AppContext(open_database(seeded_db), "boss")
    thread = hold_lock(seeded_db, 3)
    started = time.monotonic()
    with pytest.raises(Busy, match="stayed locked by another write"):
        ctx.write(move_stage, "boss", deal_id, "Proposal", version)
    assert time.monotonic() - started < 2.5
    thread.join()
    con = sqlite3.connect(seeded_db)
    assert con.execute("SELECT stage FROM opportunity WHERE id = ?", (deal_id,)).fetchone() == (
        stage,
    )
    assert con.execute("SELECT count(*) FROM audit_log").fetchone() == before
    con.close()
