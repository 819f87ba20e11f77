"""A deal named from outside the app (a script, the command line): by its id or by the external
id the reports and exports print, among the deals the person may see — a deal outside their
view is "not found", never named."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from salestui.db.queries.executor import rows
from salestui.kernel.errors import DomainError
from salestui.kernel.viewer import Viewer
from salestui.services.rules import actor_row


@dataclass(frozen=True)
class DealRef:
    id: int
    external_id: str | None
    title: str
    version: int


def deal_ref(session: Session, actor_login: str, ref: str) -> DealRef:
    """The deal ``ref`` names among those ``actor_login`` sees: its id, else its external id;
    ``id:N`` / ``ext:X`` say which is meant, and a number that is one deal's id and another's
    external id is refused until they do."""
    text = str(ref or "").strip()
    kind, _, rest = text.partition(":")
    if kind in ("id", "ext") and rest.strip():
        text = rest.strip()
    else:
        kind = ""
    if not text:
        raise DomainError("say which deal: its id or its external id")
    by_id, by_external = _matches(session, actor_login, text)
    if kind == "id":
        by_external = []
    elif kind == "ext":
        by_id = []
    elif by_id and by_external and by_id[0].id != by_external[0].id:
        raise DomainError(
            f"{text} is the id of “{by_id[0].title}” and the external id of "
            f"“{by_external[0].title}”: say id:{text} or ext:{text}"
        )
    chosen = by_id or by_external
    if len(chosen) > 1:
        raise DomainError(f"{len(chosen)} deals have the external id {text!r}: use the id")
    if not chosen:
        raise DomainError(f"no deal {ref.strip()!r} among the deals you may see")
    r = chosen[0]
    return DealRef(int(r.id), r.external_id, r.title, int(r.version))


def _matches(session: Session, actor_login: str, text: str) -> tuple[list, list]:
    actor, people = actor_row(session, actor_login)
    seen = Viewer.of(people, actor.login).seen_owner_ids()
    sql = (
        "SELECT id AS id, external_id AS external_id, title AS title, version AS version, "
        "owner_id AS owner_id FROM opportunity WHERE external_id = :ref"
    )
    params: dict = {"ref": text}
    number = int(text) if text.isdigit() and len(text) < 19 else None
    if number is not None:
        sql += " OR id = :id"
        params["id"] = number
    found = [r for r in rows(session, sql, params) if seen is None or r.owner_id in seen]
    return [r for r in found if r.id == number], [r for r in found if r.external_id == text]
