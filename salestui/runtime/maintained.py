"""Figures kept computed between processes, and brought up to date from the changes since.

A maintained read is a set of per-customer (or per-owner) query functions (each
``(session, today, ids=None)`` returning a :class:`~salestui.db.queries.executor.Table`, or
plain numbers column by column, :class:`~salestui.runtime.columns.Columns`, whose first column
is the customer's or owner's id). Its result is kept in the database (``figure_store``) with the
day and clock it is for and the change number it includes (stamped by triggers on every table
such figures read — migrations 0010, 0018; the journal,
``salestui.db.queries.touches.Journal``, says which). A reader:

1. reads the last change number *before* anything else;
2. takes the kept result (this process's, else the database's) when it is for the same day and
   clock; if its number is the last one, that is the answer;
3. else reads only the ids stamped after the kept number, each query limited to them, and
   puts their rows in place of the old ones — unless more than :data:`MOST_TOUCHED` were
   touched, then it reads every customer again;
4. keeps the result under the number of step 1.

A reader that needs a few ids alone (a rep's own figures: ``wanted``) reads again only those of
them touched, and keeps nothing when others were touched too (an import of everyone's deals must
not make each rep's screen read the whole team again).

Never stale: a change committed after step 1 carries a higher number, so the next reader reads
its customers again (a result may already include it: reading it twice is harmless). Numbers are
handed out in commit order: SQLite's writers take turns, and on PostgreSQL each stamping
statement holds the counter's row until it commits.

The kept content is JSON with each column's kind (day, moment, decimal) in a zlib stream of
stored blocks (level 0: inflating the 1,000,000-deal demo's 16 MB took 0.04-0.06 s of each
read at level 1, 0.016 s now; contents written at any level are read alike), never
pickle: the database is shared, and a row a teammate could write must not be able to run code.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salestui.db.queries.executor import Table
    from salestui.db.queries.touches import Journal
    from salestui.runtime.columns import Columns, NumericPart

# More customers touched than this since the kept result: reading them all again is cheaper
# than reading them one list at a time (and an IN-list stays far below SQLite's limit).
MOST_TOUCHED = 5_000

_FORMAT = 1


@dataclass(frozen=True)
class Kept:
    day: date
    zone: str
    number: int
    tables: tuple[Table, ...]


_memory: dict[tuple[str, str], Kept] = {}
_memory_lock = threading.Lock()
_writers: list[threading.Thread] = []


def store_name(name: str, zone: str) -> str:
    return f"{name}|{zone}"


class MaintainedRead:
    """One maintained read of ``parts`` for ``today`` on ``ctx``'s database, started at once.

    :attr:`tables` is the up-to-date result when the kept one (with the customers touched
    since) gave it; None when every customer has to be read — the caller then reads them its
    own way (side by side, in worker processes…) and hands the result to :meth:`keep`.
    """

    def __init__(
        self,
        ctx,
        name: str,
        parts: Sequence[Callable],
        today: date,
        journal: Journal | None = None,
        rewrite_after: int = 1,
        wanted: Collection[int] | None = None,
    ) -> None:
        """``rewrite_after``: brought up to date, the result is written back for everyone only
        when at least this many ids were read again (else kept in this process alone).
        ``wanted``: the only ids the caller needs (None: all). When ids beyond them were
        touched, only the wanted ones are read again and :attr:`partial` says the result is up
        to date for them alone (kept nowhere); when the kept one is unusable and fewer than
        ``rewrite_after`` are wanted (:meth:`few`), ``tables`` stays None."""
        from salestui.db.queries.touches import CUSTOMERS
        from salestui.kernel.clock import zone_name

        self.ctx, self.parts, self.today = ctx, tuple(parts), today
        self.journal = journal or CUSTOMERS
        self.rewrite_after = rewrite_after
        self.wanted = None if wanted is None else frozenset(int(i) for i in wanted)
        self.partial = False
        self.zone = zone_name()
        self.key = (str(ctx.database), store_name(name, self.zone))
        self.number = ctx.read_light(self.journal.number)
        self.touched: int | None = None  # how many customers were read again (None: all)
        self.tables: tuple[Table, ...] | None = None
        kept = self._kept()
        if kept is None:
            return
        if kept.number == self.number:
            self.touched = 0
            self.tables = kept.tables
            return
        self._bring_up_to_date(kept)

    def _kept(self) -> Kept | None:
        with _memory_lock:
            kept = _memory.get(self.key)
        if kept is None:
            kept = self._stored()
            if kept is not None:  # read once per process, not at each reader's turn
                with _memory_lock:
                    _memory.setdefault(self.key, kept)
        if kept is None or kept.day != self.today or kept.zone != self.zone:
            return None
        if kept.number > self.number or len(kept.tables) != len(self.parts):
            return None  # a counter reset (a restored backup): trust nothing kept
        return kept

    def _stored(self) -> Kept | None:
        from salestui.db.queries.touches import stored_figures

        try:
            found = self.ctx.read_light(stored_figures, self.key[1])
        except Exception:  # noqa: BLE001 — an older file without the table: nothing is kept
            return None
        if found is None:
            return None
        day, number, payload = found
        try:
            tables = decode(payload)
        except (ValueError, KeyError, TypeError, zlib.error):
            return None  # damaged or from another format: read everything again
        return Kept(day, self.zone, number, tables)

    def few(self) -> bool:
        """Whether the caller wants fewer ids than would be worth reading everyone's for."""
        return self.wanted is not None and len(self.wanted) < self.rewrite_after

    def _bring_up_to_date(self, kept: Kept) -> None:
        ids = self.ctx.read_light(self.journal.touched_since, kept.number, MOST_TOUCHED)
        if self.wanted is not None and (ids is None or not self.wanted.issuperset(ids)):
            if ids is not None or self.few():
                # others were touched too: a rep's read after an import of everyone's deals
                # reads that rep again, not everyone (stop 37's team load)
                need = sorted(self.wanted if ids is None else self.wanted.intersection(ids))
                self.touched, self.partial = len(need), True
                self.tables = self._spliced(kept.tables, need)
            return
        if ids is None:
            return
        self.touched = len(ids)
        self.tables = tables = self._spliced(kept.tables, ids)
        if len(ids) >= self.rewrite_after:
            self.keep(tables)
        else:  # this process's alone: the next reader elsewhere reads these few again
            with _memory_lock:
                _memory[self.key] = Kept(self.today, self.zone, self.number, tuple(tables))

    def _spliced(self, tables: tuple, ids: Sequence[int]) -> tuple:
        """``tables`` with the rows of ``ids`` read again."""
        if not ids:
            return tables
        fresh = [self.ctx.read_light(part, self.today, tuple(ids)) for part in self.parts]
        return tuple(splice(old, new, ids) for old, new in zip(tables, fresh, strict=True))

    def keep(self, tables: Sequence[Table]) -> None:
        """Keep ``tables`` (every customer's, read after :attr:`number`) for this process and,
        when the database lets this person write, for everyone's next read."""
        kept = Kept(self.today, self.zone, self.number, tuple(tables))
        with _memory_lock:
            _memory[self.key] = kept
        # written while the caller goes on (compressing a large table takes a few tenths of a
        # second); not a daemon, so a command's process writes it before it exits
        in_background(store, self.ctx, self.key[1], kept.day, kept.number, lambda: encode(tables))


# A per-person read brought up to date is written back for everyone only once this many people
# were read again since the kept one: the stints alone are 14 MB at 1,000,000 deals, and each
# review and report writing them back whole made twenty people's writes and an import queue
# behind those writes (stop 36's team load); a reader elsewhere reads fewer again (0.03 s a
# person at 1,000,000 deals) instead.
REWRITE_PEOPLE = 10


def kept_per_person(ctx, conn, name: str, part: NumericPart, today: date, people=None) -> Columns:
    """The rows of ``people`` (None: everyone's) of a per-person read of plain numbers, from the
    figures kept for everyone (brought up to date from the people stamped since, migration
    0018), read through ``ctx`` — a context of its own on ``conn``'s database
    (``context.reopened``), so the kept number is read before them; on ``conn`` itself when
    ``ctx`` is None (a database in memory: nothing is kept for one)."""
    from salestui.db.queries.touches import OWNERS

    if ctx is None:
        return part(conn, today, people)
    read = MaintainedRead(ctx, name, [part], today, OWNERS, REWRITE_PEOPLE, people)
    tables = read.tables
    if tables is None:
        if read.few():  # nothing kept to build on: theirs alone, kept for nobody
            return ctx.read_light(part, today, tuple(sorted(read.wanted)))
        tables = (ctx.read_light(part, today),)
        read.keep(tables)
    return tables[0].of_ids(people)


def in_background(work: Callable, *args) -> None:
    """Run ``work(*args)`` in a thread of its own, not a daemon: a command's process finishes
    it before it exits (:func:`written` waits for it)."""
    writer = threading.Thread(target=work, args=args, name="salestui-keep")
    with _memory_lock:
        _writers[:] = [w for w in _writers if w.is_alive()] + [writer]
    writer.start()


def splice(old: Table | Columns, new: Table | Columns, ids: Sequence[int]) -> Table | Columns:
    """``old`` with the rows of the customers (owners) ``ids`` replaced by ``new``'s (one with no
    row in ``new`` — nothing left in the window — has none)."""
    from salestui.db.queries.executor import Table
    from salestui.runtime.columns import Columns

    if isinstance(old, Columns) and isinstance(new, Columns):
        return old.spliced(new, ids)
    gone = set(ids)
    rows = [r for r in old.rows if r[0] not in gone]
    rows.extend(new.rows)
    rows.sort(key=lambda r: r[0])
    return Table(old.columns, rows)


def store(ctx, name: str, day: date, number: int, payload: Callable[[], bytes]) -> None:
    """Write ``payload()`` to ``figure_store`` as the figures ``name`` of ``day`` at change
    ``number``, in a short transaction of its own. A database this person may not write (a
    read-only file, a lock held too long) keeps nothing: the next reader computes it again,
    which is slower, never wrong."""
    from salestui.db.queries.touches import STORE_SQL
    from salestui.runtime.reads import sqlite_path

    params = {"name": name, "day": day, "seq": number, "payload": payload()}
    path = sqlite_path(ctx.database)
    try:
        if path is not None:
            import sqlite3

            raw = sqlite3.connect(path, timeout=0.5)
            try:
                with raw:
                    raw.execute(STORE_SQL, {**params, "day": day.isoformat()})
            finally:
                raw.close()
        else:
            from sqlalchemy import text

            with ctx.engine.begin() as conn:
                conn.execute(text(STORE_SQL), params)
    except Exception:  # noqa: BLE001 — see above: not kept is slower, never wrong
        return


# --- the kept content -----------------------------------------------------------------------


def _kind(values: list) -> str:
    for v in values:
        if v is None:
            continue
        if isinstance(v, datetime):
            return "moment"
        if isinstance(v, date):
            return "day"
        if isinstance(v, Decimal):
            return "decimal"
        if isinstance(v, bool | int | float | str):
            return ""
        raise TypeError(f"a value of kind {type(v).__name__} cannot be kept")
    return ""


_TO_TEXT = {"moment": datetime.isoformat, "day": date.isoformat, "decimal": str}
_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "moment": datetime.fromisoformat,
    "day": date.fromisoformat,
    "decimal": Decimal,
}


def encode(tables: Sequence[Table | Columns]) -> bytes:
    from salestui.runtime.columns import Columns

    out: list[dict] = []
    for t in tables:
        if isinstance(t, Columns):
            out.append(t.to_json())
            continue
        columns = (
            [list(c) for c in zip(*t.rows, strict=True)] if t.rows else [[] for _ in t.columns]
        )
        kinds = [_kind(c) for c in columns]
        for i, kind in enumerate(kinds):
            if kind:
                to_text = _TO_TEXT[kind]
                columns[i] = [None if v is None else to_text(v) for v in columns[i]]
        out.append({"columns": list(t.columns), "kinds": kinds, "values": columns})
    text = json.dumps({"format": _FORMAT, "tables": out}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 0)


def decode(payload: bytes) -> tuple[Table | Columns, ...]:
    from salestui.db.queries.executor import Table

    content = json.loads(zlib.decompress(payload))
    if content.get("format") != _FORMAT:
        raise ValueError("kept figures of another format")
    from salestui.runtime.columns import Columns

    tables: list[Table | Columns] = []
    for t in content["tables"]:
        if "arrays" in t:
            tables.append(Columns.from_json(t))
            continue
        columns = t["values"]
        for i, kind in enumerate(t["kinds"]):
            if kind:
                from_text = _FROM_TEXT[kind]
                columns[i] = [None if v is None else from_text(v) for v in columns[i]]
        rows = list(zip(*columns, strict=True)) if columns and columns[0] else []
        tables.append(Table(tuple(t["columns"]), rows))
    return tuple(tables)


def written() -> None:
    """Wait until what this process kept is written to the database."""
    with _memory_lock:
        writers = list(_writers)
    for w in writers:
        w.join()


def forget() -> None:
    """Drop what this process keeps (tests: a fresh process's view), once it is written."""
    written()
    with _memory_lock:
        _memory.clear()
