"""Generated malformed CSVs of every kind (Hypothesis): never a traceback, never a silent drop.

For each file the import either refuses it (a DomainError: nothing written, the database byte
for byte as it was) or accounts for every data row it read (created + updated + unchanged +
skipped = read). ``SALESTUI_FUZZ_EXAMPLES`` sets how many files (the README's figure: 1,000).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salestui.kernel.errors import DomainError
from salestui.services.imports.run import ImportOptions, import_file
from salestui.transfer.specs import KINDS
from tests import fixtures
from tests.fixtures import NOW

EXAMPLES = int(os.environ.get("SALESTUI_FUZZ_EXAMPLES", "150"))
NASTY = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-0",
    "0",
    "-5",
    "(100)",
    "5-",
    "1e309",
    "9" * 23,
    "9999-12-31",
    "0000-00-00",
    "31/02/2026",
    "2026-13-01",
    "=1+1",
    "'=1+1",
    '"',
    '""',
    'a"b',
    "\x1b[31m",
    "Renewal [Q3]",
    "[/]",
    "腾讯",
    "e\u0301",
    "\u202e",
    "x" * 300,
    "1,234.50",
    "1.234,50",
    "USD 5",
    "yes",
    "no",
    "rep_li",
    "boss",
    "Acme Corp",
    "Prospect",
    "Won",
    "Lost",
    "revenue",
    "person",
    "month",
    "2026-11-01",
    "A",
    "direct",
    "visit",
]
_BUILT: dict[str, Path] = {}


def _template(tmp: Path) -> Path:
    if "db" not in _BUILT:
        _BUILT["db"] = Path(fixtures.build(str(tmp / "template.db")))
    return _BUILT["db"]


def digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


@st.composite
def csv_files(draw):
    kind = draw(st.sampled_from(sorted(KINDS)))
    names = [f.name for f in KINDS[kind].fields]
    header = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        width = draw(st.sampled_from([len(header), len(header), len(header) - 1, len(header) + 1]))
        row_delim = draw(st.sampled_from([delimiter, delimiter, delimiter, ","]))
        rows.append(row_delim.join(draw(cell) for _ in range(max(width, 0))))
    text = "\n".join([delimiter.join(header), *rows]) + draw(st.sampled_from(["\n", "", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "gbk", "cp1252"]))
    raw = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # a byte-level accident
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        raw = raw[:at] + draw(st.binary(max_size=3)) + raw[at:]
    return kind, raw


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(csv_files(), st.booleans())
def test_a_malformed_file_is_refused_whole_or_every_row_is_accounted_for(
    tmp_path_factory, session_for, case, skip_invalid
):
    kind, raw = case
    work = tmp_path_factory.mktemp("fuzz")
    db = work / "db.sqlite"
    shutil.copy(_template(tmp_path_factory.getbasetemp()), db)
    path = work / "in.csv"
    path.write_bytes(raw)
    before = digest(db)
    s = session_for(str(db))
    options = ImportOptions(kind=kind, skip_invalid=skip_invalid, create_missing=True)
    try:
        summary = import_file(s, path, options, actor="boss", now=NOW, report_dir=work)
    except DomainError:
        s.close()
        assert digest(db) == before
        return
    s.close()
    done = summary.created + summary.updated + summary.unchanged + summary.skipped
    assert done == summary.read, (summary.read, done)
