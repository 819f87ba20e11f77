"""What an import says: its summary, and the refusal of a file with bad rows (every problem
by line, column, value and why), with the files that list them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from salestui.kernel.csv_cells import CsvOut
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _, ngettext
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
        n = self.read
        out = [
            ngettext("{file}: {n} row read as {kind}", "{file}: {n} rows read as {kind}", n).format(
                file=self.file, n=f"{n:,}", kind=self.kind
            )
        ]
        out += [f"  {note}" for note in self.notes]
        counts = _("created {created}, updated {updated}, unchanged {unchanged}, skipped {skipped}")
        counts = counts.format(
            created=f"{self.created:,}",
            updated=f"{self.updated:,}",
            unchanged=f"{self.unchanged:,}",
            skipped=f"{self.skipped:,}",
        )
        out.append(
            _("dry run — {counts} (would be)").format(counts=counts) if self.dry_run else counts
        )
        for what, count in sorted(self.created_refs.items()):
            out.append("  " + _made(what, count, self.dry_run))
        for why, count in self.skip_reasons.most_common():
            out.append("  " + _("skipped {n}: {why}").format(n=f"{count:,}", why=why))
        out += self.duplicates
        if self.handed_over:
            went = (
                _("with new owners would go {what}")
                if self.dry_run
                else _("with new owners went {what}")
            )
            out.append("  " + went.format(what=self.handed_over))
        out += [
            "  " + _("refused {line}").format(line=line) for line in self.refused[:SHOWN_ERRORS]
        ]
        if self.rejected_file:
            out.append(
                _("rejected rows, with a reason column: {file}").format(file=self.rejected_file)
            )
        if self.batch and not self.dry_run:
            out.append(
                _("batch {batch} — undo with: salestui import --undo {batch}").format(
                    batch=self.batch
                )
            )
        return out


def _made(what: str, n: int, dry_run: bool) -> str:
    """What --create-missing made (or would make) of references no row of the database held."""
    if what == "customer" and dry_run:
        said = ngettext(
            "would create {n} customer the file names that does not exist yet",
            "would create {n} customers the file names that do not exist yet",
            n,
        )
    elif what == "customer":
        said = ngettext(
            "created {n} customer the file names that did not exist yet",
            "created {n} customers the file names that did not exist yet",
            n,
        )
    elif what == "person" and dry_run:
        said = ngettext(
            "would create {n} person the file names who does not exist yet",
            "would create {n} people the file names who do not exist yet",
            n,
        )
    elif what == "person":
        said = ngettext(
            "created {n} person the file names who did not exist yet",
            "created {n} people the file names who did not exist yet",
            n,
        )
    elif what == "product" and dry_run:
        said = ngettext(
            "would create {n} product the file names that does not exist yet",
            "would create {n} products the file names that do not exist yet",
            n,
        )
    elif what == "product":
        said = ngettext(
            "created {n} product the file names that did not exist yet",
            "created {n} products the file names that did not exist yet",
            n,
        )
    elif dry_run:
        said = ngettext(
            "would create {n} region the file names that does not exist yet",
            "would create {n} regions the file names that do not exist yet",
            n,
        )
    else:
        said = ngettext(
            "created {n} region the file names that did not exist yet",
            "created {n} regions the file names that did not exist yet",
            n,
        )
    return said.format(n=f"{n:,}")  # fmt: skip


class ImportRejected(DomainError):
    """Bad rows and nothing written; ``report`` names a file listing every one of them."""

    def __init__(self, errors: list[RowError], read: int, report: str | None) -> None:
        self.errors, self.read, self.report = errors, read, report
        bad = len({e.line for e in errors})
        lines = [
            _("nothing was imported: {problems} in {rows}").format(
                problems=ngettext("{n} problem", "{n} problems", len(errors)).format(
                    n=f"{len(errors):,}"
                ),
                rows=ngettext("{n} of {total} row", "{n} of {total} rows", read).format(
                    n=f"{bad:,}", total=f"{read:,}"
                ),
            )
        ]
        lines += [f"  {e}" for e in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            lines.append("  " + _("… and {n} more").format(n=f"{len(errors) - SHOWN_ERRORS:,}"))
            grouped = Counter((e.column, _generic(e.why)) for e in errors)
            lines.append("  " + _("by column and reason:"))
            lines += [f"    {n} × {col}: {why}" for (col, why), n in grouped.most_common(8)]
        if report:
            lines.append(
                _("every problem (line, column, value, why) is in {file}").format(file=report)
            )
        elif len(errors) > SHOWN_ERRORS:
            lines.append(_("--errors FILE writes every problem (line, column, value, why) to FILE"))
        lines.append(
            _("fix the file, or --skip-invalid to import the good rows and set these aside")
        )
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
            found.append(
                ngettext("{name} ({n} value like {example})", "{name} ({n} values like {example})",
                         len(hits)).format(name=name, n=f"{len(hits):,}", example=repr(hits[0]))
            )  # fmt: skip
    if not found:
        return ""
    return _("Excel turned ranges into dates (1-5 became 01-May) in {columns}").format(
        columns=", ".join(found)
    )


def _notes(table, mapping) -> list[str]:
    delim = (
        {"\t": N_("tab"), ",": N_("comma"), ";": N_("semicolon"), "|": N_("pipe")}[table.delimiter]
        if table.delimiter in ",;\t|"
        else table.delimiter
    )
    notes = [
        _("encoding {encoding}, {delimiter}-separated").format(
            encoding=table.encoding, delimiter=_(delim)
        )
    ]
    notes.append(_("columns: {columns}").format(columns="; ".join(describe(mapping))))
    if mapping.ignored:
        notes.append(_("not imported: {columns}").format(columns=", ".join(mapping.ignored)))
    if table.blank_rows:
        notes.append(
            ngettext("{n} blank row ignored", "{n} blank rows ignored", table.blank_rows).format(
                n=f"{table.blank_rows:,}"
            )
        )
    if table.dropped_columns:
        notes.append(
            ngettext(
                "{n} unnamed trailing column ignored",
                "{n} unnamed trailing columns ignored",
                table.dropped_columns,
            ).format(n=f"{table.dropped_columns:,}")
        )
    damaged = _excel_damaged(table, mapping)
    if damaged:
        notes.append(_("warning: {what}").format(what=damaged))
    if table.footer:
        notes.append(_("footer ignored: {lines}").format(lines=" | ".join(table.footer[:3])))
    return notes
