"""Jump-to-anything: deals, customers and people whose name contains what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from salestui.db.queries.executor import Session, like_pattern, rows


@dataclass(frozen=True)
class Hit:
    kind: str  # deal / customer / person
    id: int
    label: str
    detail: str


_like = like_pattern


def search(session: Session, needle: str, limit: int = 8) -> list[Hit]:
    if not needle.strip():
        return []
    p = {"n": _like(needle), "lim": limit}
    hits = [
        Hit("person", int(r.id), r.display_name, r.login)
        for r in rows(
            session,
            "SELECT id AS id, display_name AS display_name, login AS login FROM person WHERE lower(display_name) LIKE :n "
            "ESCAPE '\\' OR lower(login) LIKE :n ESCAPE '\\' ORDER BY display_name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("customer", int(r.id), r.name, r.industry or "")
        for r in rows(
            session,
            "SELECT id AS id, name AS name, industry AS industry FROM customer WHERE lower(name) LIKE :n ESCAPE '\\' "
            "ORDER BY length(name), name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("deal", int(r.id), r.title, f"{r.customer} · {r.stage}")
        for r in rows(
            session,
            "SELECT o.id AS id, o.title AS title, c.name AS customer, o.stage AS stage "
            "FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id WHERE lower(o.title) LIKE :n ESCAPE '\\' "
            "ORDER BY o.id DESC LIMIT :lim",
            p,
        )
    ]
    return hits
