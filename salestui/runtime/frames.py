"""A computed frame kept in the database (``figure_store``) column by column, under the key it
was computed for — read back in a few hundredths of a second instead of computed again.

The content: a short header (JSON: the key, the columns with their kinds, the index, the
``attrs``) and the column data as they are — numbers as their bytes (each whole-number column in
the smallest width that holds it), text as a JSON list. Never pickle: the database is shared,
and a row a teammate could write must not be able to run code; every kind read back is one of
:data:`_NUMBERS` or text, whatever the header says.
"""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

_MAGIC = b"STF2"  # the columns as they are
# the earlier format, its columns compressed (zlib), still read: inflating the 28 MB of the
# 1,000,000-deal demo's customer table took 0.09-0.10 s of every read, four times the time
# of reading the 19 MB more from the file
_MAGIC_ZLIB = b"STF1"
_HEAD = struct.Struct("<4sI")  # magic, header length

# kinds kept as bytes: the frame's dtype → how it is written
_NUMBERS = ("int8", "int16", "int32", "int64", "float64", "bool")
_MOMENTS = ("datetime64[ns]", "datetime64[us]", "datetime64[ms]", "datetime64[s]")
_TEXTS = ("str", "object", "string")


class NotKept(ValueError):
    """The stored content is damaged, of another format or of a kind this code does not read."""


def _narrowest(values) -> tuple[str, bytes]:
    import numpy as np

    if len(values) == 0:
        return "int64", b""
    low, high = int(values.min()), int(values.max())
    for kind in ("int8", "int16", "int32"):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return kind, values.astype(kind).tobytes()
    return "int64", values.astype("int64").tobytes()


def _attr(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"moment": value.isoformat()}
    if isinstance(value, date):
        return {"day": value.isoformat()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"an attribute of kind {type(value).__name__} cannot be kept")


def _unattr(value: Any) -> Any:
    if isinstance(value, dict):
        if "moment" in value:
            return datetime.fromisoformat(value["moment"])
        if "day" in value:
            return date.fromisoformat(value["day"])
        raise NotKept("an attribute of unknown kind")
    return value


def encode_frame(frame: pd.DataFrame, key: dict) -> bytes:
    """``frame`` (a plain index, columns of numbers, moments or text) and the ``key`` it was
    computed for, as bytes for :func:`decode_frame`."""
    columns, chunks = [], []

    def put(name: str, series) -> None:
        dtype = str(series.dtype)
        if dtype in _NUMBERS:
            values = series.to_numpy()
            stored, data = (
                _narrowest(values) if dtype.startswith("int") else (dtype, values.tobytes())
            )
            columns.append({"name": name, "kind": dtype, "as": stored, "size": len(data)})
        elif dtype in _MOMENTS:
            data = series.to_numpy().view("int64").tobytes()
            columns.append({"name": name, "kind": dtype, "as": "int64", "size": len(data)})
        elif dtype in _TEXTS:
            import pandas as pd

            codes, distinct = pd.factorize(series, use_na_sentinel=True)  # missing: -1
            distinct = distinct.tolist()
            for v in distinct:
                if not isinstance(v, str | int | float | bool):
                    raise TypeError(f"column {name}: a value of kind {type(v).__name__}")
            if len(distinct) * 4 <= len(series):  # few values: each one's number, and the values
                # the values, then None: the number -1 (missing) reads the last
                stored, data = _narrowest(codes)
                columns.append(
                    {
                        "name": name,
                        "kind": dtype,
                        "as": stored,
                        "size": len(data),
                        "values": [*distinct, None],
                    }
                )
            else:
                values = [None if v is None or v != v else v for v in series.tolist()]  # NaN
                data = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
                columns.append({"name": name, "kind": dtype, "as": "json", "size": len(data)})
        else:
            raise TypeError(f"column {name} of kind {dtype} cannot be kept")
        chunks.append(data)

    put("index", frame.index.to_series())
    for name in frame.columns:
        put(str(name), frame[name])
    header = json.dumps(
        {
            "key": key,
            "rows": len(frame),
            "index": frame.index.name,
            "columns": columns,
            "attrs": {k: _attr(v) for k, v in frame.attrs.items()},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    return b"".join([_HEAD.pack(_MAGIC, len(header)), header, *chunks])


def _header(payload: bytes) -> tuple[dict, int]:
    if len(payload) < _HEAD.size:
        raise NotKept("too short")
    magic, size = _HEAD.unpack_from(payload)
    if magic not in (_MAGIC, _MAGIC_ZLIB) or _HEAD.size + size > len(payload):
        raise NotKept("not a kept frame")
    try:
        header = json.loads(payload[_HEAD.size : _HEAD.size + size])
    except ValueError as e:
        raise NotKept("a damaged header") from e
    if not isinstance(header, dict) or not isinstance(header.get("columns"), list):
        raise NotKept("a damaged header")
    return header, _HEAD.size + size


def frame_key(payload: bytes) -> dict | None:
    """The key a kept frame was computed for (without reading its columns); None if damaged."""
    try:
        key = _header(payload)[0].get("key")
    except NotKept:
        return None
    return key if isinstance(key, dict) else None


def decode_frame(payload: bytes) -> pd.DataFrame:
    """The frame :func:`encode_frame` wrote; :class:`NotKept` for anything else."""
    import numpy as np
    import pandas as pd

    header, start = _header(payload)
    try:
        if payload[:4] == _MAGIC_ZLIB:
            body = memoryview(zlib.decompress(payload[start:]))
        else:
            body = memoryview(payload)[start:]
        rows = int(header["rows"])
        at, data = 0, {}
        for col in header["columns"]:
            kind, stored, size = str(col["kind"]), str(col["as"]), int(col["size"])
            chunk = body[at : at + size]
            at += size
            if stored == "json":
                if kind not in _TEXTS:
                    raise NotKept(f"a text column of kind {kind}")
                values = json.loads(bytes(chunk))
                if not isinstance(values, list):
                    raise NotKept("a damaged text column")
                series = pd.Series(values, dtype=object if kind == "object" else kind)
            elif stored in _NUMBERS:
                values = np.frombuffer(chunk, dtype=stored)
                if "values" in col:  # text as the numbers of its few values
                    if kind not in _TEXTS or not isinstance(col["values"], list):
                        raise NotKept("a damaged text column")
                    texts = np.array(col["values"], dtype=object)
                    series = pd.Series(texts[values], dtype=object if kind == "object" else kind)
                elif kind in _MOMENTS:
                    if stored != "int64":
                        raise NotKept("moments not kept as int64")
                    series = pd.Series(values.view(kind))
                elif kind in _NUMBERS:
                    series = pd.Series(values.astype(kind))
                else:
                    raise NotKept(f"a column of kind {kind}")
            else:
                raise NotKept(f"a column kept as {stored}")
            if len(series) != rows:
                raise NotKept("a column of another length")
            data[str(col["name"])] = series
        names = list(data)
        index = pd.Index(data.pop(names[0]), name=header.get("index"))
        frame = pd.DataFrame(data, copy=False)
        frame.index = index
        frame.attrs.update({k: _unattr(v) for k, v in header.get("attrs", {}).items()})
    except NotKept:
        raise
    except (ValueError, KeyError, TypeError, IndexError, zlib.error) as e:
        raise NotKept(f"damaged: {e}") from e
    return frame
