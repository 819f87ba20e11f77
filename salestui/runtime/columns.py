"""Kept figures of plain numbers, column by column (``salestui.runtime.maintained``).

A maintained read's rows are tuples, which suits a few thousand customers' figures; the stints
of the last 90 days at 1,000,000 deals are 430,000 rows, and as tuples keeping them took longer
than reading them again (0.26 s to write them as JSON, 0.12 s to read them back, 0.09 s to put
one owner's in place). As numpy columns each of those is a few milliseconds: a reader after a
teammate's move reads that teammate's rows and the kept columns, not the window.

Written as each column's machine values (base64 in the kept JSON), never pickle: every kind read
back is one of :data:`KINDS`, whatever the content says.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from salestui.db.queries.executor import Table

KINDS = ("<i8", "<f8")  # whole numbers, floating-point numbers (little-endian, 8 bytes)
_EXACT = 2**53  # a whole number a float64 holds exactly


@dataclass(frozen=True, eq=False)
class Columns:
    """A table of plain numbers as columns: ``names``, and one array per name (of a kind of
    :data:`KINDS`), all of one length; the first column is the id a journal stamps."""

    names: tuple[str, ...]
    arrays: tuple[np.ndarray, ...]

    def __len__(self) -> int:
        return len(self.arrays[0]) if self.arrays else 0

    @classmethod
    def of(cls, table: Table, kinds: Sequence[str]) -> Columns:
        """``table``'s rows as columns of ``kinds`` (a None or a value the kind does not hold
        is a ValueError or TypeError: such a read is not plain numbers)."""
        import numpy as np

        if len(kinds) != len(table.columns) or any(k not in KINDS for k in kinds):
            raise ValueError("every column needs one kind of " + ", ".join(KINDS))
        if not table.rows:
            return cls(tuple(table.columns), tuple(np.empty(0, dtype=k) for k in kinds))
        whole = np.array(table.rows, dtype=np.float64)  # one pass over the tuples
        if whole.ndim != 2 or whole.shape[1] != len(kinds) or np.isnan(whole).any():
            raise ValueError("a row that is not plain numbers")
        arrays = []
        for i, kind in enumerate(kinds):
            column = whole[:, i]
            if kind == "<i8":
                if np.abs(column).max() >= _EXACT or (column != np.floor(column)).any():
                    column = np.fromiter((r[i] for r in table.rows), np.int64, len(table.rows))
                else:
                    column = column.astype(np.int64)
            arrays.append(np.ascontiguousarray(column, dtype=kind))
        return cls(tuple(table.columns), tuple(arrays))

    def spliced(self, new: Columns, ids: Sequence[int]) -> Columns:
        """These rows but those of ``ids``, and ``new``'s (theirs now) after them."""
        import numpy as np

        if new.names != self.names:
            raise ValueError("columns of another read")
        keep = ~np.isin(self.arrays[0], np.asarray(list(ids), dtype=np.int64))
        arrays = tuple(
            np.concatenate([old[keep], fresh.astype(old.dtype)])
            for old, fresh in zip(self.arrays, new.arrays, strict=True)
        )
        return Columns(self.names, arrays)

    def of_ids(self, ids) -> Columns:
        """The rows whose first column is one of ``ids`` (None: every row)."""
        import numpy as np

        if ids is None:
            return self
        keep = np.isin(self.arrays[0], np.asarray(list(ids), dtype=np.int64))
        return Columns(self.names, tuple(a[keep] for a in self.arrays))

    def to_json(self) -> dict:
        return {
            "columns": list(self.names),
            "kinds": [a.dtype.str for a in self.arrays],
            "arrays": [base64.b64encode(a.tobytes()).decode("ascii") for a in self.arrays],
        }

    @classmethod
    def from_json(cls, content: dict) -> Columns:
        """ValueError (or KeyError, TypeError) for anything :meth:`to_json` did not write."""
        import numpy as np

        names, kinds, texts = content["columns"], content["kinds"], content["arrays"]
        if not (len(names) == len(kinds) == len(texts)) or any(k not in KINDS for k in kinds):
            raise ValueError("kept columns of another kind")
        arrays = tuple(
            np.frombuffer(base64.b64decode(text, validate=True), dtype=kind)
            for kind, text in zip(kinds, texts, strict=True)
        )
        if len({len(a) for a in arrays}) > 1:
            raise ValueError("kept columns of different lengths")
        return cls(tuple(str(n) for n in names), arrays)


@dataclass(frozen=True)
class NumericPart:
    """A part of a maintained read (``(session, today, ids=None)``) whose every column is a
    plain number: its Table read as :class:`Columns` of ``kinds``."""

    read: Callable
    kinds: tuple[str, ...]

    def __call__(self, session, today, ids=None) -> Columns:
        return Columns.of(self.read(session, today, ids), self.kinds)
