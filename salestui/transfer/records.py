"""Rows of strings into typed values, one parser per column, every failure a row error.

A column's parser is built from the whole column (decimal comma, day/month order), and rows are
read column by column, each distinct string once: real exports repeat their stages, owners and
dates thousands of times, and the benchmark imports 100,000 rows (a column of ids or titles,
where most strings differ, is read cell by cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import zip_longest

from salestui.kernel.errors import DomainError
from salestui.kernel.format import CONTROL_PATTERN, control_character_refusal
from salestui.kernel.i18n import _
from salestui.kernel.money import NOT_A_NUMBER_WHY
from salestui.transfer.choices import CHOICES
from salestui.transfer.dates import (
    DateStyle,
    ambiguity_message,
    column_style,
    day_parser,
    moment_parser,
)
from salestui.transfer.mapping import Mapping
from salestui.transfer.reading import DELIMITER_NAMES, Table, other_delimiter
from salestui.transfer.specs import (
    BOOL,
    CHOICE,
    DATE,
    DATETIME,
    INT,
    MONEY,
    PERCENT,
    TEXT,
    KindSpec,
    norm,
)
from salestui.transfer.values import (
    EXCEL_DAMAGE_WHY,
    Bad,
    excel_damage,
    int_parser,
    money_parser,
    parse_bool,
    percent_parser,
)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        value = f" {self.value!r}" if self.value != "" else ""
        where = _("line {line}").format(line=self.line) if self.line else _("file")
        said = _("{where}, {column}{value}: {why}")
        return said.format(where=where, column=self.column, value=value, why=self.why)


@dataclass
class Record:
    line: int
    values: dict[str, object]


class RowProblem(Exception):
    """Raised by a kind's rules for one field of one row."""

    def __init__(self, field: str, why: str, value: object = "") -> None:
        super().__init__(why)
        self.field, self.why, self.value = field, why, value


# What pandas and spreadsheets write for an empty cell.
BLANK_MARKERS = frozenset({"NaN", "nan", "NULL", "null", "#N/A", "NaT"})
_KEEP_TEXT = frozenset({"external_id", "order_id", "customer_external_id", "product_sku", "login"})


def _as_is(raw: str) -> str:
    return raw


def _checked_text(raw: str) -> str:
    if "-" in raw and excel_damage(raw):
        raise Bad(_(EXCEL_DAMAGE_WHY))
    return raw


def _text_parser(field_name: str) -> Callable[[str], str]:
    if field_name in _KEEP_TEXT or field_name == "scope" or field_name == "value":
        return _as_is
    return _checked_text


def _choice_parser(kind: str, field_name: str) -> Callable[[str], str]:
    allowed, words = CHOICES[(kind, field_name)]
    label = field_name.replace("_", " ")

    def parse(raw: str) -> str:
        value = words.get(norm(raw))
        if value is None:
            option = f"--value-map '{field_name}:{raw}={allowed[0]}'"
            why = _("is not a known {field} (use one of {values}, or map it: {option})")
            raise Bad(why.format(field=label, values=", ".join(allowed), option=option))
        return value

    return parse


def _date_styles(
    table: Table, spec: KindSpec, mapping: Mapping, chosen: DateStyle | None
) -> dict[str, DateStyle]:
    """Each date column's style; an undecided column borrows the one order the others agree on."""
    styles: dict[str, DateStyle | None] = {}
    for name, index in mapping.columns.items():
        if spec.fields_by_name[name].type in (DATE, DATETIME):
            cells = dict.fromkeys([c[index] for _, c in table.rows if index < len(c)])
            values = (v.strip() for v in cells)
            styles[name] = column_style(values, chosen, column=table.header[index])
    decided = {s.order for s in styles.values() if s is not None and s.order in ("DMY", "MDY")}
    out: dict[str, DateStyle] = {}
    for name, style in styles.items():
        if style is None:
            if len(decided) != 1:
                index = mapping.columns[name]
                values = [cells[index].strip() for _, cells in table.rows if index < len(cells)]
                raise DomainError(ambiguity_message(table.header[index], values))
            style = DateStyle(order=next(iter(decided)))
        out[name] = style
    return out


def _column_values(table: Table, mapping: Mapping, name: str) -> list[str]:
    """The non-blank values of a field's column (value maps applied), or its blank-fill value."""
    index = mapping.columns.get(name)
    if index is None:
        values = [mapping.blanks[name]]
    else:
        values = [cells[index] for _, cells in table.rows if index < len(cells)]
        values = [v for v in values if v.strip()]
    vmap = mapping.value_maps.get(name, {})
    return [vmap.get(norm(v), v) for v in values] if vmap else values


def column_parsers(
    table: Table, spec: KindSpec, mapping: Mapping, date_style: DateStyle | None
) -> dict[str, Callable[[str], object]]:
    """One parser per mapped field (and per field filled by a blank value map)."""
    comma = table.delimiter == ";"
    styles = _date_styles(table, spec, mapping, date_style)
    parsers: dict[str, Callable[[str], object]] = {}
    for name in {**mapping.columns, **mapping.blanks}:
        f = spec.fields_by_name[name]
        if f.type in (MONEY, PERCENT, INT):  # these decide their number format from the column
            values = _column_values(table, mapping, name)
        if f.type == MONEY:
            parser = money_parser(values, prefer_comma=comma)
            if name == "paid":
                parser = _paid_parser(parser)
        elif f.type == PERCENT:
            parser = percent_parser(values, prefer_comma=comma)
        elif f.type == INT:
            parser = int_parser(values, prefer_comma=comma)
        elif f.type == DATE:
            parser = day_parser(styles.get(name) or date_style or DateStyle(order=None))
        elif f.type == DATETIME:
            parser = moment_parser(styles.get(name) or date_style or DateStyle(order=None))
        elif f.type == BOOL:
            parser = parse_bool
        elif f.type == CHOICE:
            parser = _choice_parser(spec.name, name)
        elif f.type == TEXT:
            parser = _text_parser(name)
        else:  # references stay names until the service resolves them
            parser = str
        parsers[name] = parser
    return parsers


PAID_IN_FULL = "full"


def _paid_parser(money: Callable[[str], int]) -> Callable[[str], object]:
    """``paid`` is an amount, or ``full``/``yes`` for an invoice paid in full."""

    def parse(raw: str) -> object:
        key = raw.strip().lower()
        if key in ("full", "yes", "paid", "true", "y"):
            return PAID_IN_FULL
        if key in ("no", "unpaid", "false", "n"):
            return 0
        return money(raw)

    return parse


class _Blank:
    """A blank cell: the field is left out of the record."""


_ABSENT = _Blank()


class _Failed:
    __slots__ = ("raw", "why")

    def __init__(self, raw: str, why: str) -> None:
        self.raw, self.why = raw, why


def _cell_reader(
    parser, vmap, blank: object, has_blank: bool, numeric: bool
) -> Callable[[str], object]:
    """One cell's text to its value, ``_ABSENT`` or ``_Failed`` (read once per distinct text).

    A ``NaN`` is an empty cell in a text or date column (pandas writes it for one); in a number's
    column it is refused: read as nothing, an amount or a price would silently become 0.
    """

    def read(cell: str) -> object:
        raw = cell.strip()
        if vmap:
            raw = vmap.get(norm(raw), raw)
        if raw in BLANK_MARKERS:
            if numeric and raw.lower() == "nan":
                return _Failed(raw, NOT_A_NUMBER_WHY)
            raw = ""
        if not raw:
            if has_blank:
                raw = blank
                if not isinstance(raw, str):
                    return raw
            if not raw:
                return _ABSENT
        try:
            return parser(raw)
        except Bad as exc:
            return _Failed(raw, str(exc))

    return read


_UNREAD = BLANK_MARKERS | {""}


def _read_texts(cells, read, checked: bool) -> list[object]:
    """What ``read`` gives for cells of a text column, with only the cells it would change passed
    to it: blank ones, and ones with a dash (Excel damage) when ``checked``."""
    texts: list[object] = [c.strip() for c in cells]
    if not _UNREAD.isdisjoint(texts) or (checked and "-" in "".join(texts)):
        for i, text in enumerate(texts):
            if text in _UNREAD or (checked and "-" in text):
                texts[i] = read(cells[i])
    return texts


_CONTROL = re.compile(CONTROL_PATTERN)


def _refuse_controls(cells, values: list) -> None:
    """A cell holding a character a terminal acts on (ESC …) fails: shown on a teammate's screen
    it would act on their terminal. One search over the column finds whether any cell does."""
    if not _CONTROL.search("\n".join(cells)):
        return
    for i, cell in enumerate(cells):
        if _CONTROL.search(cell):
            values[i] = _Failed(cell.strip(), control_character_refusal(cell))


def _read_column(cells, read, text: bool, checked: bool) -> tuple[list, list]:
    """Every cell's value, and the values of the distinct cells (to see what kinds occur)."""
    if len(set(cells[:1000])) > 900:  # mostly distinct: reading each beats deduplicating
        values = _read_texts(cells, read, checked) if text else list(map(read, cells))
        if text:
            _refuse_controls(cells, values)
        return values, values
    distinct = list(dict.fromkeys(cells))
    results = _read_texts(distinct, read, checked) if text else list(map(read, distinct))
    if text:
        _refuse_controls(distinct, results)
    done = dict(zip(distinct, results, strict=True))
    return list(map(done.__getitem__, cells)), results


def _misshapen(cells: list[str], table: Table, width: int) -> str | None:
    """Why a row's fields do not line up with the header's columns, or None when they do."""
    named = len(table.header)
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return f"has {len(cells)} values but the header names {width}"
    if len(cells) >= named:
        return None
    why = f"has {len(cells)} value{'s' * (len(cells) != 1)} but the header names {named}"
    if any("\n" in c for c in cells):
        return (
            why + ": a quote opened in this line is not closed, the lines after it became one value"
        )
    if other := other_delimiter(cells, table.delimiter, named):
        used = DELIMITER_NAMES.get(table.delimiter, table.delimiter)
        return (
            why
            + f": this line is separated by {DELIMITER_NAMES.get(other, other)}, the header by {used}"
        )
    return why


def parse_rows(
    table: Table,
    spec: KindSpec,
    mapping: Mapping,
    date_style: DateStyle | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Record], list[RowError]]:
    """Every row as a Record of the fields it fills; a bad value is an error, not a record.

    Column by column: each distinct text of a column is read once, then every row takes its
    value from that; the errors come out in row order, and in column order within a row.
    """
    parsers = column_parsers(table, spec, mapping, date_style)
    width = len(table.header) + table.dropped_columns
    constants: dict[str, object] = {}
    for name, raw in mapping.blanks.items():
        if name not in mapping.columns:
            try:
                constants[name] = parsers[name](raw)
            except Bad as exc:
                raise DomainError(
                    _("--value-map '{name}:={raw}': {raw2} {exc}").format(
                        name=name, raw=raw, raw2=repr(raw), exc=exc
                    )
                ) from None
    blank_defaults = {
        n: constants.get(n) if n in constants else mapping.blanks[n] for n in mapping.blanks
    }
    found: list[tuple[int, int, RowError]] = []  # (line, column position, error)
    rows = table.rows
    named = len(table.header)
    if any(not named <= len(cells) <= width for _, cells in rows):
        kept = []
        for line, cells in rows:
            why = _misshapen(cells, table, width)
            if why:
                found.append((line, -1, RowError(line, "(row)", "", why)))
            else:
                kept.append((line, cells))
        rows = kept
    lines = [line for line, _ in rows]
    by_row = [cells for _, cells in rows]
    by_column = list(zip_longest(*by_row, fillvalue="")) if by_row else []
    names: list[str] = []
    columns: list[list[object]] = []
    sparse: list[str] = []  # fields some rows leave blank
    failed_rows: set[int] = set()
    for position, (name, index) in enumerate(mapping.columns.items()):
        cells = by_column[index] if index < len(by_column) else ("",) * len(rows)
        read = _cell_reader(
            parsers[name], mapping.value_maps.get(name), blank_defaults.get(name),
            name in blank_defaults, spec.fields_by_name[name].type in (MONEY, PERCENT, INT),
        )  # fmt: skip
        parser = parsers[name]
        text = parser in (_as_is, str, _checked_text) and name not in mapping.value_maps
        values, results = _read_column(cells, read, text, parser is _checked_text)
        outcomes = set(map(type, results))
        if _Failed in outcomes:
            column = table.header[index]
            for i, value in enumerate(values):
                if type(value) is _Failed:
                    failed_rows.add(i)
                    error = RowError(lines[i], column, value.raw, value.why)
                    found.append((lines[i], position, error))
        if _Blank in outcomes:
            sparse.append(name)
        names.append(name)
        columns.append(values)
    by_record = (
        [dict(zip(names, v, strict=True)) for v in zip(*columns, strict=True)]
        if columns
        else [{} for _ in rows]
    )
    for name in sparse:
        for values in by_record:
            if values[name] is _ABSENT:
                del values[name]
    if constants:
        by_record = [{**constants, **values} for values in by_record]
    records = list(map(Record, lines, by_record))
    if failed_rows:
        records = [r for i, r in enumerate(records) if i not in failed_rows]
    if progress is not None:
        for count in range(5000, len(table.rows) + 1, 5000):
            progress(count)
    found.sort(key=lambda e: (e[0], e[1]))
    return records, [e for _, _, e in found]
