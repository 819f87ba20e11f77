"""What an import says: its summary, and the refusal of a file with bad rows (every problem
by line, column, value and why), with the files that list them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from salestui.kernel.csv_cells import CsvOut
from salestui.kernel.errors import DomainError
from salestui.transfer.mapping import describe
from salestui.transfer.records import RowError
from salestui.transfer.values import excel_damage

SHOWN_ERRORS = 25


@dataclass
class ImportSummary:
    kind: str
    file: str
    batch: str | None
    dry_run: bool
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    created_refs: dict[str, int] = field(default_factory=dict)
    skip_reasons: Counter = field(default_factory=Counter)
    rejected_file: str | None = None
    notes: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # likely duplicate customers it made
    handed_over: str = ""  # the open deals and items new owners took along
    refused: list[str] = field(default_factory=list)  # rows a rule refused, each with why

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else ""
        out = [f"{self.file}: {self.read} rows read as {self.kind}"]
        out += [f"  {n}" for n in self.notes]
        counts = (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped}"
        )
        out.append(
            f"{'dry run — ' if self.dry_run else ''}{counts}{' (' + verb + ')' if verb else ''}"
        )
        for what, n in sorted(self.created_refs.items()):
            out.append(f"  {'would create' if self.dry_run else 'created'} {n} missing {what}")
        for why, n in self.skip_reasons.most_common():
            out.append(f"  skipped {n}: {why}")
        out += self.duplicates
        went = "would go" if self.dry_run else "went"
        out += [f"  with new owners {went} {self.handed_over}"] if self.handed_over else []
        out += [f"  refused {line}" for line in self.refused[:SHOWN_ERRORS]]
        if self.rejected_file:
            out.append(f"rejected rows, with a reason column: {self.rejected_file}")
        if self.batch and not self.dry_run:
            out.append(f"batch {self.batch} — undo with: salestui import --undo {self.batch}")
        return out


class ImportRejected(DomainError):
    """Bad rows and nothing written; ``report`` names a file listing every one of them."""

    def __init__(self, errors: list[RowError], read: int, report: str | None) -> None:
        self.errors, self.read, self.report = errors, read, report
        lines = [
            f"nothing was imported: {len(errors)} problem(s) in {len({e.line for e in errors})} "
            f"of {read} rows"
        ]
        lines += [f"  {e}" for e in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            lines.append(f"  … and {len(errors) - SHOWN_ERRORS} more")
            grouped = Counter((e.column, _generic(e.why)) for e in errors)
            lines.append("  by column and reason:")
            lines += [f"    {n} × {col}: {why}" for (col, why), n in grouped.most_common(8)]
        if report:
            lines.append(f"every problem (line, column, value, why) is in {report}")
        elif len(errors) > SHOWN_ERRORS:
            lines.append("--errors FILE writes every problem (line, column, value, why) to FILE")
        lines.append("fix the file, or --skip-invalid to import the good rows and set these aside")
        super().__init__("\n".join(lines))


def _generic(why: str) -> str:
    return re.sub(r"\d[\d:.+-]*", "…", why)


def _report_path(source: Path, out_dir: Path, suffix: str) -> Path:
    return out_dir / f"{source.stem}.{suffix}.csv"


def _write_errors(path: Path, errors: list[RowError]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = CsvOut(fh)
        w.writerow(["line", "column", "value", "why"])
        w.writerows([e.line, e.column, e.value, e.why] for e in errors)


def _write_rejected(path: Path, header: list[str], rows: dict[int, list[str]], errors) -> None:
    reasons: dict[int, list[str]] = {}
    for e in errors:
        reasons.setdefault(e.line, []).append(
            f"{e.column} {e.value!r}: {e.why}" if e.value else f"{e.column}: {e.why}"
        )
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = CsvOut(fh)
        w.writerow([*header, "line", "reason"])
        for line in sorted(reasons):
            cells = rows.get(line, [])
            w.writerow(
                [
                    *cells[: len(header)],
                    *[""] * (len(header) - len(cells)),
                    line,
                    "; ".join(reasons[line]),
                ]
            )


def _excel_damaged(table, mapping) -> str:
    """Columns (not imported) where Excel turned ranges such as 1-5 into dates such as 01-May."""
    used = set(mapping.columns.values())
    found = []
    for i, name in enumerate(table.header):
        if i in used:
            continue
        hits = [c[i] for _, c in table.rows[:5000] if i < len(c) and excel_damage(c[i])]
        if hits:
            found.append(f"{name} ({len(hits)} values like {hits[0]!r})")
    if not found:
        return ""
    return "Excel turned ranges into dates (1-5 became 01-May) in " + ", ".join(found)


def _notes(table, mapping) -> list[str]:
    delim = (
        {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}[table.delimiter]
        if table.delimiter in ",;\t|"
        else table.delimiter
    )
    notes = [f"encoding {table.encoding}, {delim}-separated"]
    notes.append("columns: " + "; ".join(describe(mapping)))
    if mapping.ignored:
        notes.append("not imported: " + ", ".join(mapping.ignored))
    if table.blank_rows:
        notes.append(f"{table.blank_rows} blank rows ignored")
    if table.dropped_columns:
        notes.append(f"{table.dropped_columns} unnamed trailing column(s) ignored")
    damaged = _excel_damaged(table, mapping)
    if damaged:
        notes.append("warning: " + damaged)
    if table.footer:
        notes.append("footer ignored: " + " | ".join(table.footer[:3]))
    return notes
