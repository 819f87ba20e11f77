"""Writes that meet a lock wait for it, say so, and give up after a limit — never crash.

Another process may hold the write lock: a teammate's import between two of its chunks, a backup,
someone's ``BEGIN IMMEDIATE``. Each write transaction runs through :func:`retrying`: a lock error
(SQLite's "database is locked", PostgreSQL's lock timeout, a serialization failure or a deadlock)
rolls the attempt back and runs it again after a short, growing pause, telling ``on_wait`` how
long it has waited, until ``limit`` seconds have passed; then :class:`Busy` says so in one line.
Each attempt itself waits only :data:`ATTEMPT_WAIT_MS` in the database, so the waiting is seen.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from salestui.kernel.errors import DomainError

T = TypeVar("T")

ATTEMPT_WAIT_MS = 100
"""How long one attempt waits in the database for the lock (SQLite's busy handler, PostgreSQL's
``lock_timeout``) before the loop takes over, says it is waiting and tries again."""
FIRST_PAUSE, LONGEST_PAUSE = 0.005, 0.05
"""The pause between attempts starts short (an import frees the lock between chunks for
moments) and doubles up to the longest; a little jitter keeps two waiters from colliding."""
DEFAULT_LIMIT_SECONDS = 30
SETTING = "lock_wait_seconds"

_PG_LOCK_CODES = {"55P03", "40001", "40P01"}  # lock not available, serialization, deadlock


class Busy(DomainError):
    """The lock was not had within the limit; nothing was written."""


def is_lock_error(exc: BaseException) -> bool:
    """Whether ``exc`` means "someone else holds the lock", the one kind of error worth retrying."""
    cause = getattr(exc, "orig", None) or exc
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code in _PG_LOCK_CODES:
        return True
    text = str(cause).lower()
    return type(cause).__name__ == "OperationalError" and (
        "database is locked" in text or "database table is locked" in text or "busy" in text
    )


def retrying(
    attempt: Callable[[], T],
    *,
    what: str,
    limit: float = DEFAULT_LIMIT_SECONDS,
    on_wait: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Run ``attempt`` (one whole transaction: it rolls itself back when it raises) until it gets
    through a lock; ``on_wait`` hears "waiting for … N s" at most once a second of waiting."""
    start = clock()
    pause = FIRST_PAUSE
    said = -1
    while True:
        try:
            return attempt()
        except Exception as exc:
            if not is_lock_error(exc):
                raise
            waited = clock() - start
            if waited >= limit:
                raise Busy(
                    f"{what} was not saved: the database stayed locked by another write for "
                    f"{waited:.0f} s (the limit is {limit:g} s, setting {SETTING}); try again"
                ) from None
            if on_wait is not None and int(waited) != said:
                said = int(waited)
                on_wait(waiting_line(waited))
            sleep(min(pause * (1 + random.random() / 2), max(0.0, limit - waited)))
            pause = min(pause * 2, LONGEST_PAUSE)


def waiting_line(waited: float) -> str:
    since = f" ({waited:.0f} s)" if waited >= 1 else ""
    return f"waiting for the database: another write holds its lock{since} …"


def limit_from(settings) -> float:
    """The limit the team set (``lock_wait_seconds``, 1–3600), else the default."""
    from salestui.kernel.settings import int_setting

    return float(int_setting(settings, SETTING, DEFAULT_LIMIT_SECONDS, lo=1, hi=3600))


def short_waits(connection) -> None:
    """Make one attempt's own wait in the database short (``connection`` is a SQLAlchemy
    Connection at the start of its transaction), so the loop above does the waiting."""
    name = connection.dialect.name
    if name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA busy_timeout={ATTEMPT_WAIT_MS}")
    elif name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{ATTEMPT_WAIT_MS}ms'")
