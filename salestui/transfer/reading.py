"""CSV as real tools write it: the encoding, the delimiter, the header, and what is not data.

Excel, report exports and hand-edited files bring a BOM or none, cp1252 or GBK, ``;`` or tab,
quoted newlines, blank rows, unnamed trailing columns and a "Grand Totals" footer. Each is handled
here so that the mapping code sees one clean header and numbered rows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from salestui.kernel.csv_cells import restored
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_FOOTER = re.compile(
    r"^\s*(grand\s+totals?|totals?|sum|count|subtotal|copyright|confidential|generated\s+by)\b",
    re.IGNORECASE,
)


@dataclass
class Table:
    """A file's header and its data rows, each with the line number where it starts."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str
    blank_rows: int = 0
    dropped_columns: int = 0  # unnamed trailing columns: their values are ignored
    footer: list[str] = field(default_factory=list)


def delimiter_option(value: str | None) -> str | None:
    """``--delimiter`` as typed: a character, or a name such as ``tab`` or ``semicolon``."""
    if value is None or value == "":
        return None
    value = _DELIMITER_NAMES.get(value.lower(), value)
    if len(value) != 1:
        raise DomainError(
            _("--delimiter must be one character or tab/comma/semicolon, not {value}").format(
                value=repr(value)
            )
        )
    return value


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``raw`` and the encoding it was read with.

    UTF-8 is tried strictly first (a BOM is dropped); otherwise GBK (read as its superset
    GB18030) and cp1252 both may decode the same bytes. charset-normalizer decides between them
    from the bytes, by how coherent each reading is as language; it needs no minimum size, so a
    two-line file with one rare hanzi (镕: a GBK trail byte in the ASCII range) is read right. When
    it cannot decide, the reading that yields plausible text wins: Chinese text decoded as GBK is
    mostly CJK ideographs built from two high bytes, Western text read as GBK is not.
    """
    if encoding:
        try:
            text = raw.decode(encoding)
        except LookupError:
            raise DomainError(
                _("unknown encoding {encoding} (try utf-8, cp1252 or gbk)").format(
                    encoding=repr(encoding)
                )
            ) from None
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DomainError(
                _(
                    "the file is not {encoding}: byte 0x{raw} on line {line} cannot be read that way; try another --encoding"
                ).format(encoding=encoding, raw=format(raw[exc.start], "02x"), line=line)
            ) from None
        return text.lstrip("\ufeff"), encoding
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode(raw, "utf-16")  # a broken one is refused as a named encoding is
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guessed = _guess(raw)
    if guessed is not None:
        return guessed
    gbk = _try(raw, "gbk")
    cp1252 = _try(raw, "cp1252")
    if gbk is not None and (cp1252 is None or _looks_chinese(gbk)):
        return gbk, "gbk"
    if cp1252 is not None:
        return cp1252, "cp1252"
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise DomainError(
        _(
            "cannot tell the file's encoding (line {line} is neither UTF-8, GBK nor cp1252); name it with --encoding"
        ).format(line=line)
    )


def _guess(raw: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["gb18030", "cp1252"]).best()
    if best is None:
        return None
    name = "gbk" if best.encoding in ("gb18030", "gbk", "gb2312") else best.encoding
    text = _try(raw, "gb18030" if name == "gbk" else name)
    return None if text is None else (text, name)


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_chinese(text: str) -> bool:
    high = [c for c in text if ord(c) > 0x7F]
    if not high:
        return False
    cjk = sum(1 for c in high if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    ascii_trail = sum(1 for c in high if len(b := c.encode("gbk")) == 2 and b[1] < 0x80)
    return cjk >= 0.9 * len(high) and ascii_trail <= 0.2 * len(high)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most fields (``,`` on a tie)."""
    header = _first_record(text)
    best, best_count = ",", 1
    for d in DELIMITERS:
        try:
            count = len(next(csv.reader([header], delimiter=d), []))
        except csv.Error:  # a value beyond csv's field limit: read_text says which line
            continue
        if count > best_count:
            best, best_count = d, count
    return best


def _first_record(text: str) -> str:
    """The header record (quoted newlines included), skipping blank lines before it."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    record, quotes = [], 0
    for line in lines[start:]:
        record.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            break
    return "\n".join(record)


def _blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def read_text(text: str, *, encoding: str, delimiter: str | None = None) -> Table:
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    blank = 0
    start = 1
    quoted = "'" in text  # cells our own CSVs guarded against spreadsheets (kernel.csv_cells)
    try:
        for cells in reader:
            line = start
            start = reader.line_num + 1
            if not cells or _blank(cells):
                if header is not None:
                    blank += 1
                continue
            if quoted and "'" in "".join(cells):
                cells = [restored(c) for c in cells]
            if header is None:
                header = cells
                continue
            rows.append((line, cells))
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise DomainError(
                _(
                    "line {line_num}: a value is longer than {value} characters; this is not a table of records"
                ).format(line_num=reader.line_num, value=format(csv.field_size_limit(), ","))
            ) from None
        raise DomainError(
            _("line {line_num}: the file is not valid CSV ({exc})").format(
                line_num=reader.line_num, exc=exc
            )
        ) from None
    if header is None:
        raise DomainError(_("the file is empty: no header line and no rows"))
    header, dropped = _clean_header(header)
    footer = _strip_footer(rows, len(header), delimiter)
    return Table(header, rows, encoding, delimiter, blank, dropped, footer)


def _clean_header(header: list[str]) -> tuple[list[str], int]:
    """Drop unnamed trailing columns, name unnamed middle ones, number repeated names."""
    names = [h.strip().lstrip("\ufeff") for h in header]
    dropped = 0
    while names and not names[-1]:
        names.pop()
        dropped += 1
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, start=1):
        name = name or f"column {i}"
        key = name.lower()
        seen[key] = seen.get(key, 0) + 1
        out.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return out, dropped


def _strip_footer(rows: list[tuple[int, list[str]]], width: int, delimiter: str) -> list[str]:
    """Remove trailing lines that are a report's totals or notes rather than records.

    A lone value that another delimiter splits into a record's worth of fields is a record
    written differently, not a note: it stays, and the rows' check names it.
    """
    footer: list[str] = []
    while rows:
        _, cells = rows[-1]
        filled = [c.strip() for c in cells if c.strip()]
        sparse = len(filled) <= max(1, width // 2)
        named = _FOOTER.match(filled[0]) and sparse
        if not (named or (width >= 4 and len(filled) <= 1 and not other_delimiter(
            filled, delimiter, width
        ))):  # fmt: skip
            break
        footer.insert(0, " ".join(filled)[:80])
        rows.pop()
    return footer


def other_delimiter(cells: list[str], delimiter: str, width: int) -> str | None:
    """The delimiter that splits a row read as too few ``cells`` into at least ``width`` fields
    (a line written with ``,`` in a ``;`` file), or None."""
    line = delimiter.join(cells)
    for d in DELIMITERS:
        try:
            fields = next(csv.reader(io.StringIO(line, newline=""), delimiter=d), [])
        except csv.Error:
            continue
        if d != delimiter and len(fields) >= max(width, 2):
            return d
    return None


DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def read_file(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
) -> Table:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(_("no file {path}").format(path=path)) from None
    except IsADirectoryError:
        raise DomainError(_("{path} is a folder, not a CSV file").format(path=path)) from None
    except OSError as exc:
        raise DomainError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if raw.startswith(b"PK"):
            raise DomainError(
                _("{path} is an Excel workbook or a zip, not CSV: save it as CSV first").format(
                    path=path
                )
            )
        raise DomainError(_("{path} is a binary file, not CSV").format(path=path))
    text, used = decode(raw, encoding)
    return read_text(text, encoding=used, delimiter=delimiter_option(delimiter))
