"""Importing a file: validate every row first, then write all of it in one audited batch — or nothing.

The steps: read and map the file (pure, ``salestui.transfer``), apply each kind's rules, resolve
references, match rows to what exists (external id, else name), and only when every row is good
(or ``--skip-invalid`` set the bad ones aside) write, in chunks whose audit rows share one batch
id that :func:`undo_import` reverts; a batch cut short is rolled back (``imports.batches``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from salestui.db.busy import limit_from
from salestui.db.queries.settings import settings_map
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.forecast import category_rules_from
from salestui.kernel.i18n import _
from salestui.kernel.memory import no_cycle_collection
from salestui.kernel.settings import rules_from
from salestui.services.audit import new_batch
from salestui.services.imports import plan as import_plan
from salestui.services.imports import write as import_write
from salestui.services.imports.batches import Chunks
from salestui.services.imports.line_plan import make_line_plan, set_aside_together
from salestui.services.imports.lines import refused_many_lines
from salestui.services.imports.permissions import check_plan
from salestui.services.imports.refs import Refs
from salestui.services.imports.report import (  # noqa: F401 (ImportRejected: callers catch it here)
    ImportRejected,
    ImportSummary,
    _generic,
    _notes,
    _report_path,
    _write_errors,
    _write_rejected,
)
from salestui.services.imports.store import bulk_cache
from salestui.services.imports.wins import refused_amounts, refused_wins
from salestui.transfer.dates import style_option
from salestui.transfer.kinds import COMPLETE, REQUIRED_COLUMNS, Context
from salestui.transfer.mapping import build_mapping
from salestui.transfer.reading import read_file
from salestui.transfer.records import Record, RowError, RowProblem, parse_rows
from salestui.transfer.specs import kind_spec

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    kind: str
    dry_run: bool = False
    skip_invalid: bool = False
    create_missing: bool = False
    maps: tuple[str, ...] = ()
    value_maps: tuple[str, ...] = ()
    preset: str | None = None
    date_format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    # Where to list every problem of a refused file (line, column, value, why); nothing is
    # written unless asked: a dry run writes nothing at all.
    errors_file: Path | None = None


def import_file(
    session: Session,
    path: str | Path,
    options: ImportOptions,
    *,
    actor: str,
    now: datetime | None = None,
    progress: Progress | None = None,
    report_dir: str | Path = ".",
    on_wait: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import ``path`` as ``options.kind``; raises DomainError (ImportRejected for bad rows).
    ``on_wait`` hears "waiting for the database …" while a chunk waits for another's lock."""
    with no_cycle_collection():
        return _import(session, path, options, actor, now, progress, report_dir, on_wait)


def _import(session, path, options, actor, now, progress, report_dir, on_wait) -> ImportSummary:
    now = now or utc_now()
    path = Path(path)
    spec = kind_spec(options.kind)
    date_style = style_option(options.date_format)
    table = read_file(path, encoding=options.encoding, delimiter=options.delimiter)
    mapping = build_mapping(
        table.header, spec, preset=options.preset, maps=options.maps, value_maps=options.value_maps
    )
    if not mapping.columns:
        raise DomainError(
            _(
                "no column of {name} matches a field of {name2} (columns: {value}; fields: {value2}); name them with --map SOURCE=FIELD"
            ).format(
                name=path.name,
                name2=spec.name,
                value=", ".join(table.header),
                value2=", ".join(spec.fields_by_name),
            )
        )
    _check_required_columns(spec.name, mapping, table.header)
    total = len(table.rows)
    tick = (lambda n: progress("reading", n, total)) if progress else None
    records, errors = parse_rows(table, spec, mapping, date_style, tick)
    summary = ImportSummary(
        spec.name, str(path), None if options.dry_run else new_batch(), options.dry_run
    )
    summary.read = total
    summary.notes = _notes(table, mapping)

    settings = settings_map(session)
    ctx = Context(now, actor, rules_from(settings).probability, category_rules_from(settings))
    writing = Writing(limit_from(settings), on_wait)
    completed: list[tuple[Record, dict, dict]] = []
    complete = COMPLETE[spec.name]
    for rec in records:
        try:
            values, defaults = complete(rec.values, ctx)  # the record is not read again
        except RowProblem as p:
            errors.append(RowError(rec.line, mapping.column_of(p.field), str(p.value or ""), p.why))
            continue
        completed.append((rec, values, defaults))

    refs = Refs(session.connection(), options.create_missing)
    if spec.name == "deal-lines":
        plan = make_line_plan(session.connection(), completed, mapping, errors)
    else:
        plan = import_plan.make_plan(spec.name, completed, refs, mapping, ctx, errors)
    check_plan(session.connection(), plan, actor, mapping, errors)
    if spec.name == "deal-lines":
        set_aside_together(plan, errors)
    refused = []  # set aside in any case: a rule's refusal, not a bad file
    if spec.name == "opportunities":
        refused = refused_wins(session.connection(), plan, mapping.column_of("stage"))
        refused += refused_amounts(session.connection(), plan, mapping.column_of("amount"))
        refused += refused_many_lines(session.connection(), plan, mapping.column_of("product"))
    errors.sort(key=lambda e: e.line)
    if errors and not options.skip_invalid:
        errors = sorted(errors + refused, key=lambda e: e.line)
        report = None
        if options.errors_file is not None:
            try:
                _write_errors(Path(options.errors_file), errors)
            except OSError as exc:
                raise DomainError(
                    _("cannot write {errors_file}: {strerror}").format(
                        errors_file=options.errors_file, strerror=exc.strerror
                    )
                ) from None
            report = str(options.errors_file)
        raise ImportRejected(errors, total, report)
    errors = sorted(errors + refused, key=lambda e: e.line)
    bad_lines = {e.line for e in errors}
    summary.refused = [str(e) for e in refused]
    if errors:
        summary.skipped = len(bad_lines)
        summary.skip_reasons = Counter(f"{e.column}: {_generic(e.why)}" for e in errors)
        if not options.dry_run:
            rejected = _report_path(path, Path(report_dir), f"rejected-{summary.batch}")
            _write_rejected(rejected, table.header, dict(table.rows), errors)
            summary.rejected_file = str(rejected)
    plan.drop_lines(bad_lines)
    summary.created_refs = {
        k: len(refs.planned(k))
        for k in ("region", "person", "customer", "product")
        if refs.planned(k)
    }
    if options.dry_run:
        session.rollback()
        conn = session.connection()
        summary.created, summary.updated, summary.unchanged = import_write.counts(conn, plan)
        summary.handed_over = import_write.would_go_along(conn, plan)
        session.rollback()
        return summary
    session.rollback()  # end the reading transaction: the writes start with the batch row
    summary.created, summary.updated, summary.unchanged = _write(
        session.get_bind(), plan, refs, summary.batch, actor, now, str(path), progress, writing
    )
    if "customer" in summary.created_refs or spec.name == "customers":
        from salestui.services.imports.duplicates import duplicate_notes, handed_over

        with session.get_bind().connect() as conn:
            summary.duplicates = duplicate_notes(conn, summary.batch)
            summary.handed_over = handed_over(conn, summary.batch)
    return summary


@dataclass(frozen=True)
class Writing:
    """How the batch meets another writer's lock: how long it waits, and who hears about it."""

    limit: float
    on_wait: Callable[[str], None] | None = None


def _write(engine, plan, refs, batch, actor, now, source, progress, writing: Writing):
    """The plan written in chunks; on any failure what was written is rolled back here, or —
    if this process cannot (it is killed, the database is gone) — on the next start."""
    with (
        engine.connect() as conn,
        bulk_cache(conn),
        Chunks(conn, batch, limit=writing.limit, on_wait=writing.on_wait) as chunks,
    ):
        try:
            return import_write.write(chunks, plan, refs, batch, actor, now, source, progress)
        except BaseException as exc:
            conn.rollback()
            after = "" if chunks.steps == 0 else _rolled_back(engine, batch, actor, writing)
            if isinstance(exc, DomainError):
                if after:
                    raise DomainError(_("{exc}{after}").format(exc=exc, after=after)) from None
                raise
            if isinstance(exc, SQLAlchemyError):
                why = exc.orig if hasattr(exc, "orig") else exc
                raise DomainError(
                    _("nothing was imported: the database refused the batch ({why}){after}").format(
                        why=why, after=after
                    )
                ) from None
            raise


def _rolled_back(engine, batch, actor, writing: Writing) -> str:
    """Take back what a failed batch had written; what to add to the message about it."""
    from salestui.services.imports.undo import undo_batch

    try:
        undo_batch(engine, batch, actor, utc_now(), limit=writing.limit, recovering=True)
    except Exception as again:
        return (
            f"; what it had written could not be taken back now ({again}): the next start of "
            "salestui on this database rolls it back"
        )
    return ""


def _check_required_columns(kind: str, mapping, header: list[str]) -> None:
    given = set(mapping.columns) | set(mapping.blanks)
    lacking = [group for group in REQUIRED_COLUMNS[kind] if not given & set(group)]
    if lacking:
        needs = "; ".join(" or ".join(group) for group in lacking)
        raise DomainError(
            _(
                "no column of the file gives {needs}, which every {kind} row needs (columns: {value}); name one with --map 'SOURCE={value2}'"
            ).format(needs=needs, kind=kind, value=", ".join(header), value2=lacking[0][0])
        )


def undo_import(
    session: Session,
    batch: str,
    *,
    actor: str,
    now: datetime | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> list[str]:
    """Undo one import batch, in chunks (``salestui.services.imports.undo``)."""
    from salestui.services.imports.undo import finish_text, undo_batch

    limit = limit_from(settings_map(session))
    session.rollback()
    batch = batch.strip()
    state, counts = undo_batch(
        session.get_bind(), batch, actor, now or utc_now(), on_wait=on_wait, limit=limit
    )
    return [finish_text(batch, state, counts)]
