"""Rows of strings into typed values, one parser per column, every failure a row error.

A column's parser is built from the whole column (decimal comma, day/month order), and each
distinct string is read once: real exports repeat their stages, owners and dates thousands of
times, and the benchmark imports 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from salestui.errors import DomainError
from salestui.transfer.choices import CHOICES
from salestui.transfer.dates import (
    DateStyle,
    ambiguity_message,
    column_style,
    day_parser,
    moment_parser,
)
from salestui.transfer.mapping import Mapping
from salestui.transfer.reading import Table
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
        where = f"line {self.line}" if self.line else "file"
        value = f" {self.value!r}" if self.value != "" else ""
        return f"{where}, {self.column}{value}: {self.why}"


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


def _text_parser(field_name: str) -> Callable[[str], str]:
    if field_name in _KEEP_TEXT:
        return lambda raw: raw
    if field_name == "scope" or field_name == "value":
        return lambda raw: raw

    def parse(raw: str) -> str:
        if "-" in raw and excel_damage(raw):
            raise Bad(EXCEL_DAMAGE_WHY)
        return raw

    return parse


def _choice_parser(kind: str, field_name: str) -> Callable[[str], str]:
    allowed, words = CHOICES[(kind, field_name)]
    label = field_name.replace("_", " ")

    def parse(raw: str) -> str:
        value = words.get(norm(raw))
        if value is None:
            raise Bad(
                f"is not a known {label} (use one of {', '.join(allowed)}, or map it: "
                f"--value-map '{field_name}:{raw}={allowed[0]}')"
            )
        return value

    return parse


def _date_styles(
    table: Table, spec: KindSpec, mapping: Mapping, chosen: DateStyle | None
) -> dict[str, DateStyle]:
    """Each date column's style; an undecided column borrows the one order the others agree on."""
    styles: dict[str, DateStyle | None] = {}
    for name, index in mapping.columns.items():
        if spec.fields_by_name[name].type in (DATE, DATETIME):
            values = (cells[index].strip() for _, cells in table.rows if index < len(cells))
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


def column_parsers(
    table: Table, spec: KindSpec, mapping: Mapping, date_style: DateStyle | None
) -> dict[str, Callable[[str], object]]:
    """One parser per mapped field (and per field filled by a blank value map)."""
    comma = table.delimiter == ";"
    styles = _date_styles(table, spec, mapping, date_style)
    parsers: dict[str, Callable[[str], object]] = {}
    for name in {**mapping.columns, **mapping.blanks}:
        f = spec.fields_by_name[name]
        index = mapping.columns.get(name)
        values = (
            [cells[index] for _, cells in table.rows if index < len(cells) and cells[index].strip()]
            if index is not None
            else [mapping.blanks[name]]
        )
        vmap = mapping.value_maps.get(name, {})
        values = [vmap.get(norm(v), v) for v in values] if vmap else values
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


def parse_rows(
    table: Table,
    spec: KindSpec,
    mapping: Mapping,
    date_style: DateStyle | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Record], list[RowError]]:
    """Every row as a Record of the fields it fills; a bad value is an error, not a record."""
    parsers = column_parsers(table, spec, mapping, date_style)
    width = len(table.header) + table.dropped_columns
    plan = []
    for name, index in mapping.columns.items():
        cache = None if spec.fields_by_name[name].type == TEXT else {}
        plan.append((name, index, table.header[index], mapping.value_maps.get(name), cache))
    constants: dict[str, object] = {}
    errors: list[RowError] = []
    for name, raw in mapping.blanks.items():
        if name not in mapping.columns:
            try:
                constants[name] = parsers[name](raw)
            except Bad as exc:
                raise DomainError(f"--value-map '{name}:={raw}': {raw!r} {exc}") from None
    blank_defaults = {
        n: constants.get(n) if n in constants else mapping.blanks[n] for n in mapping.blanks
    }
    records: list[Record] = []
    for count, (line, cells) in enumerate(table.rows, start=1):
        if progress is not None and count % 5000 == 0:
            progress(count)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            errors.append(
                RowError(line, "(row)", "", f"has {len(cells)} values but the header names {width}")
            )
            continue
        values: dict[str, object] = dict(constants)
        ok = True
        for name, index, column, vmap, cache in plan:
            raw = cells[index].strip() if index < len(cells) else ""
            if vmap:
                raw = vmap.get(norm(raw), raw)
            if raw in BLANK_MARKERS:
                raw = ""
            if not raw:
                if name in blank_defaults:
                    raw = blank_defaults[name]
                    if not isinstance(raw, str):
                        values[name] = raw
                        continue
                if not raw:
                    continue
            if cache is None:  # text: every value differs, reading it is cheap
                try:
                    values[name] = parsers[name](raw)
                except Bad as exc:
                    errors.append(RowError(line, column, raw, str(exc)))
                    ok = False
                continue
            try:
                value = cache[raw]
            except KeyError:
                try:
                    value = parsers[name](raw)
                except Bad as exc:
                    value = exc
                cache[raw] = value
            if isinstance(value, Bad):
                errors.append(RowError(line, column, raw, str(value)))
                ok = False
                continue
            values[name] = value
        if ok:
            records.append(Record(line, values))
    return records, errors
