"""A batch (an import or its undo) written in chunks, each its own short transaction.

A 200,000-row import in one transaction held the write lock for a minute: every teammate's edit
waited or failed. Now each chunk of :data:`CHUNK_ROWS` rows commits on its own, so an edit waits
for one chunk at most, while ``import_batch`` keeps how far the batch has got. To the person the
batch stays all or nothing: an import that stops part way (an error, Ctrl-C, ``kill -9``, a lost
connection) is rolled back — at once when the process can, else on the next start of any
salestui on that database (:func:`finish_interrupted`); an undo cut short is completed there.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.db.busy import DEFAULT_LIMIT_SECONDS, retrying, short_waits
from salestui.db.queries.batches import UNFINISHED
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _

T = TypeVar("T")

CHUNK_ROWS = int(os.environ.get("SALESTUI_IMPORT_CHUNK", "") or 2000)
"""Rows in a batch's first chunk; the next ones are sized so that each takes about
:data:`CHUNK_SECONDS` (a chunk of deletes costs more per row than one of inserts). The
environment variable fixes the size, for the crash tests."""
FIXED_SIZE = bool(os.environ.get("SALESTUI_IMPORT_CHUNK"))
CHUNK_SECONDS = 0.2
"""How long one chunk holds the write lock: what a teammate's edit waits at most, about. Every
commit costs a little (SQLite checkpoints the WAL as it grows), so chunks are not made smaller."""
SMALLEST, LARGEST = 200, 50_000
FIRST_OF_A_KIND = 500
PAUSE_BETWEEN = 0.01
"""After each chunk the batch steps aside this long, so that a teammate's waiting write — which
polls every few milliseconds (``salestui.db.busy``) — gets the lock before the next chunk."""
STALE_AFTER = timedelta(minutes=10)
"""A batch whose owner runs on another machine is taken as gone when it has written nothing for
this long (on one machine the process itself is looked for)."""

WRITING, UNDOING, ROLLING_BACK = UNFINISHED
DONE, UNDONE, ROLLED_BACK = "done", "undone", "rolled back"


def this_process() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


_ACTIVE: set[str] = set()
"""The batches this process is writing now (another batch of this process, left by a step that
failed, is no one's)."""


def owner_gone(owner: str, beat_at: datetime, now: datetime, batch: str = "") -> bool:
    """Whether the process that was writing a batch has stopped (so no one will finish it)."""
    host, _sep, pid = owner.rpartition(" ")
    if host != socket.gethostname() or not (pid.isascii() and pid.isdigit()):
        return now - beat_at > STALE_AFTER
    if int(pid) == os.getpid():
        return batch not in _ACTIVE
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process, alive
        return False
    return False


class Chunks:
    """Runs a batch's steps, each in its own transaction on one connection, waiting out another
    writer's lock (``salestui.db.busy``) and marking the batch alive with each step. A context
    manager: the batch is this process's while inside."""

    def __init__(
        self,
        conn: Connection,
        batch: str,
        *,
        limit: float = DEFAULT_LIMIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.conn, self.batch, self.limit, self.on_wait, self.clock = (
            conn, batch, limit, on_wait, clock,
        )  # fmt: skip
        self.steps = 0
        self._took = 0.0

    def __enter__(self) -> Chunks:
        _ACTIVE.add(self.batch)
        return self

    def __exit__(self, *_: object) -> None:
        _ACTIVE.discard(self.batch)

    def slices(self, rows: list) -> Iterator[list]:
        """``rows`` a chunk at a time, each chunk sized from how long the last one took. Each
        call starts small again: a step of another kind (a delete after an unlink) can cost
        many times more per row, and a size learnt on the cheap one held the lock for seconds."""
        size = CHUNK_ROWS if FIXED_SIZE else min(CHUNK_ROWS, FIRST_OF_A_KIND)
        start = 0
        while start < len(rows):
            part = rows[start : start + size]
            start += len(part)
            yield part
            if not FIXED_SIZE and self._took > 0:
                wanted = int(len(part) * CHUNK_SECONDS / self._took)
                size = max(SMALLEST, min(LARGEST, wanted, size * 2))

    def run(self, step: Callable[[Connection], T], *, what: str = "the import") -> T:
        """``step(conn)`` in one transaction; run again from the start if a lock stopped it."""

        def attempt() -> T:
            conn = self.conn
            try:
                short_waits(conn)
                # the first write takes the lock, before the step allocates any id
                conn.execute(
                    text("UPDATE import_batch SET beat_at = :now, owner = :me WHERE batch = :b"),
                    {"now": self.clock(), "me": this_process(), "b": self.batch},
                )
                out = step(conn)
                conn.commit()
                return out
            except BaseException:
                conn.rollback()
                raise

        started = time.perf_counter()
        out = retrying(attempt, what=what, limit=self.limit, on_wait=self.on_wait)
        self._took = time.perf_counter() - started
        self.steps += 1
        time.sleep(PAUSE_BETWEEN)
        return out


def open_batch(
    conn: Connection, batch: str, kind: str, source: str, actor: str, now: datetime
) -> None:
    """The batch's row, before anything of it is written (committed by the caller's step)."""
    conn.execute(
        text(
            "INSERT INTO import_batch (batch, kind, source, by_login, started_at, state, owner, "
            "beat_at) VALUES (:b, :k, :s, :by, :now, :state, :me, :now)"
        ),
        {"b": batch, "k": kind, "s": source, "by": actor, "now": now, "state": WRITING,
         "me": this_process()},
    )  # fmt: skip


def set_state(conn: Connection, batch: str, state: str, undone_by: str | None = None) -> None:
    conn.execute(
        text(
            "UPDATE import_batch SET state = :s, undone_by = COALESCE(:u, undone_by) "
            "WHERE batch = :b"
        ),
        {"s": state, "u": undone_by, "b": batch},
    )


def refuse_busy(row, now: datetime) -> None:
    """A batch another live process is writing or undoing is left to it."""
    from salestui.db.queries.moments import aware

    if row.state in UNFINISHED and not owner_gone(row.owner, aware(row.beat_at), now, row.batch):
        doing = "imported" if row.state == WRITING else "undone"
        raise DomainError(
            _(
                "batch {batch} is being {doing} right now (by {by_login}, process {owner}); wait for it to finish"
            ).format(batch=row.batch, doing=doing, by_login=row.by_login, owner=row.owner)
        )
