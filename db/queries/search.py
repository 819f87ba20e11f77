"""Jump-to-anything: deals, customers and people whose name contains what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from salestui.db.queries.executor import Session, rows


@dataclass(frozen=True)
class Hit:
    kind: str  # deal / customer / person
    id: int
    label: str
    detail: str


def _like(needle: str) -> str:
    escaped = needle.strip().lower().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
    return f"%{escaped}%"


def search(session: Session, needle: str, limit: int = 8) -> list[Hit]:
    if not needle.strip():
        return []
    p = {"n": _like(needle), "lim": limit}
    hits = [
        Hit("person", int(r[0]), r[1], r[2])
        for r in rows(
            session,
            "SELECT id, display_name, login FROM person WHERE lower(display_name) LIKE :n "
            "ESCAPE '\\' OR lower(login) LIKE :n ESCAPE '\\' ORDER BY display_name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("customer", int(r[0]), r[1], r[2] or "")
        for r in rows(
            session,
            "SELECT id, name, industry FROM customer WHERE lower(name) LIKE :n ESCAPE '\\' "
            "ORDER BY length(name), name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("deal", int(r[0]), r[1], f"{r[2]} · {r[3]}")
        for r in rows(
            session,
            "SELECT o.id, o.title, c.name, o.stage FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id WHERE lower(o.title) LIKE :n ESCAPE '\\' "
            "ORDER BY o.id DESC LIMIT :lim",
            p,
        )
    ]
    return hits
