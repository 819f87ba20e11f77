"""Jump-to-anything: deals, customers and people whose name contains what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from salestui.db.queries.executor import Session, like_pattern, owned_by, rows
from salestui.db.queries.people import all_people
from salestui.kernel.i18n import _
from salestui.kernel.viewer import Viewer


@dataclass(frozen=True)
class Hit:
    kind: str  # deal / customer / person
    id: int
    label: str
    detail: str


def search(session: Session, needle: str, limit: int = 8, owners=None) -> list[Hit]:
    """Hits among the people, customers and deals of ``owners`` (None: everyone's)."""
    if not needle.strip():
        return []
    p = {"n": like_pattern(needle), "lim": limit}
    person_seen = owned_by("id", owners, p)
    hits = [
        Hit("person", int(r.id), r.display_name, r.login)
        for r in rows(
            session,
            "SELECT id AS id, display_name AS display_name, login AS login FROM person "
            "WHERE (lower(display_name) LIKE :n ESCAPE '\\' OR lower(login) LIKE :n ESCAPE '\\')"
            f"{person_seen} ORDER BY display_name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("customer", int(r.id), r.name, r.industry or "")
        for r in rows(
            session,
            "SELECT id AS id, name AS name, industry AS industry FROM customer "
            f"WHERE lower(name) LIKE :n ESCAPE '\\'{owned_by('owner_id', owners, p)} "
            "ORDER BY length(name), name LIMIT :lim",
            p,
        )
    ]
    hits += [
        Hit("deal", int(r.id), r.title, f"{r.customer} · {_(r.stage)}")
        for r in rows(
            session,
            "SELECT o.id AS id, o.title AS title, c.name AS customer, o.stage AS stage "
            "FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id WHERE lower(o.title) LIKE :n ESCAPE '\\'"
            f"{owned_by('o.owner_id', owners, p)} ORDER BY o.id DESC LIMIT :lim",
            p,
        )
    ]
    return hits


def search_as(session: Session, login: str, needle: str, limit: int = 8) -> list[Hit]:
    """What ``login`` may jump to: the people, customers and deals in their view
    (``salestui.kernel.viewer``)."""
    owners = Viewer.of(all_people(session), login).seen_owner_ids()
    return search(session, needle, limit, owners)
