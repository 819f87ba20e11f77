"""A frame kept column by column (salestui.runtime.frames) comes back the same — values, kinds,
index, attrs — and anything else in its place is refused, never run."""

from __future__ import annotations

import json
import pickle
import struct
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from salestui.runtime.frames import NotKept, decode_frame, encode_frame, frame_key

ROWS = st.integers(0, 40)


@st.composite
def frames(draw):
    n = draw(ROWS)
    ints = st.integers(-(2**63), 2**63 - 1) if draw(st.booleans()) else st.integers(-300, 300)
    data = {
        "whole": pd.Series(draw(st.lists(ints, min_size=n, max_size=n)), dtype="int64"),
        "real": pd.Series(
            draw(st.lists(st.floats(allow_infinity=False) | st.none(), min_size=n, max_size=n)),
            dtype="float64",
        ),
        "flag": pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype="bool"),
        "when": pd.to_datetime(
            pd.Series(
                draw(
                    st.lists(
                        st.datetimes(datetime(1970, 1, 1), datetime(2200, 1, 1)) | st.none(),
                        min_size=n,
                        max_size=n,
                    )
                ),
                dtype="datetime64[us]",
            )
        ),
        # few distinct texts (kept as numbers of their values) and many (kept as a list)
        "few": pd.Series(
            draw(st.lists(st.sampled_from(["A", "B", "", "客户", None]), min_size=n, max_size=n)),
            dtype="str",
        ),
        "many": pd.Series(
            draw(st.lists(st.text(max_size=6) | st.none(), min_size=n, max_size=n)), dtype="str"
        ),
        "loose": pd.Series(
            draw(st.lists(st.sampled_from(["x", "y"]), min_size=n, max_size=n)), dtype=object
        ),
    }
    ids = draw(st.lists(st.integers(1, 10**9), min_size=n, max_size=n, unique=True))
    frame = pd.DataFrame(data)
    frame.index = pd.Index(ids, dtype="int64", name="customer_id")
    frame.attrs = {"today": date(2026, 11, 20), "late_until": None, "n": 3}
    return frame


# a frame of 40 rows of seven columns is slow to draw on a busy machine: the first test failed
# once beside a benchmark (stop 37; not reproduced since, its output not kept), and Hypothesis's
# check of slow or large data generation is the likely cause — not what the tests are about
SLOW_TO_DRAW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(deadline=None, max_examples=80, suppress_health_check=SLOW_TO_DRAW)
@given(frames())
def test_a_frame_comes_back_the_same(frame):
    back = decode_frame(encode_frame(frame, {"k": 1}))
    assert_frame_equal(back, frame)
    assert back.attrs == frame.attrs


@settings(deadline=None, max_examples=30, suppress_health_check=SLOW_TO_DRAW)
@given(frames())
def test_a_frame_kept_by_the_earlier_code_compressed_is_read_the_same(frame):
    """Until stop 34 the columns were kept compressed (``STF1``, zlib): a database holding one
    reads it as it was, not computed again."""
    import zlib

    payload = encode_frame(frame, {"k": 1})
    (size,) = struct.unpack_from("<I", payload, 4)
    start = 8 + size
    assert payload[:4] == b"STF2"
    earlier = b"STF1" + payload[4:start] + zlib.compress(payload[start:], 1)
    back = decode_frame(earlier)
    assert_frame_equal(back, frame)
    assert back.attrs == frame.attrs


def test_the_key_is_read_without_the_columns():
    frame = pd.DataFrame({"a": [1, 2]})
    payload = encode_frame(frame, {"day": "2026-11-20", "changes": [1, 2, 3]})
    assert frame_key(payload) == {"day": "2026-11-20", "changes": [1, 2, 3]}
    assert frame_key(b"junk") is None


def _forged(header: dict, body: bytes = b"", magic: bytes = b"STF2") -> bytes:
    import zlib

    text = json.dumps(header).encode()
    kept = zlib.compress(body) if magic == b"STF1" else body
    return struct.pack("<4sI", magic, len(text)) + text + kept


@pytest.mark.parametrize("magic", [b"STF2", b"STF1"])
@pytest.mark.parametrize(
    "payload",
    [
        lambda m: b"",
        lambda m: m,
        lambda m: pickle.dumps(pd.DataFrame({"a": [1]})),  # never unpickled
        lambda m: _forged(
            {"rows": 1, "columns": [{"name": "i", "kind": "O", "as": "O", "size": 8}]}, magic=m
        ),
        lambda m: _forged(
            {"rows": 1, "columns": [{"name": "i", "kind": "int64", "as": "int64", "size": 8}]},
            b"\x01",  # shorter than it says
            m,
        ),
        lambda m: _forged(
            {"rows": 1, "columns": [{"name": "t", "kind": "object", "as": "json", "size": 9}]},
            b'["a", "b',  # text cut short
            m,
        ),
        lambda m: _forged({"rows": 1, "columns": "everything"}, magic=m),
        lambda m: struct.pack("<4sI", m, 3) + b"{}",
        lambda m: struct.pack("<4sI", b"STF9", 2) + b"{}",  # a later format: not read
    ],
)
def test_anything_else_is_refused(payload, magic):
    payload = payload(magic)
    with pytest.raises(NotKept):
        decode_frame(payload)


def test_a_column_of_a_kind_it_cannot_keep_is_refused_when_writing():
    frame = pd.DataFrame({"a": pd.Series([1 + 2j])})
    with pytest.raises(TypeError):
        encode_frame(frame, {})
