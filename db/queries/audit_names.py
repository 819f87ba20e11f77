"""The names behind an audit log's ids, so a person reads "Acme Ltd" and "Wang Wei" rather
than ``customer 35`` and ``owner_id 23 → 10``: one query per table, only the ids asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from salestui.db.queries.executor import Session, rows

# table → the SQL expression that names one of its rows
NAMED = {
    "person": "display_name",
    "customer": "name",
    "opportunity": "title",
    "lead": "name",
    "contact": "name",
    "region": "name",
    "product": "name",
    "action_item": "title",
}


def names_for(session: Session, wanted: Mapping[str, Iterable[int]]) -> dict[tuple[str, int], str]:
    """(table, id) → name, for the tables of :data:`NAMED`; a deleted row is simply absent."""
    out: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        ids = sorted({int(i) for i in ids})
        if table not in NAMED or not ids:
            continue
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(f":i{k}" for k in range(len(chunk)))
            sql = f'SELECT id AS id, {NAMED[table]} AS name FROM "{table}" WHERE id IN ({marks})'
            for r in rows(session, sql, {f"i{k}": v for k, v in enumerate(chunk)}):
                out[(table, int(r.id))] = r.name
    return out


def target_metrics(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Target id → its metric: a revenue target's value is money, a visits target's is not."""
    ids = sorted({int(i) for i in ids})
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{k}" for k in range(len(chunk)))
        sql = f"SELECT id AS id, metric AS metric FROM target WHERE id IN ({marks})"
        for r in rows(session, sql, {f"i{k}": v for k, v in enumerate(chunk)}):
            out[int(r.id)] = r.metric
    return out
