"""A deal or a customer named from outside the app (a script, the command line): by its id or
by the external id the reports and exports print, among the rows the person may see — a row
outside their view is "not found", never named."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from salestui.db.queries.executor import rows
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.viewer import Viewer
from salestui.services.rules import actor_row


@dataclass(frozen=True)
class Ref:
    id: int
    external_id: str | None
    title: str  # a deal's title, a customer's name
    version: int


# table → (its name column, how a person calls one, how many)
_KINDS = {
    "opportunity": ("title", N_("deal"), N_("deals")),
    "customer": ("name", N_("customer"), N_("customers")),
}


def deal_ref(session: Session, actor_login: str, ref: str) -> Ref:
    return row_ref(session, actor_login, "opportunity", ref)


def customer_ref(session: Session, actor_login: str, ref: str) -> Ref:
    return row_ref(session, actor_login, "customer", ref)


def row_ref(session: Session, actor_login: str, table: str, ref: str) -> Ref:
    """The row ``ref`` names among those ``actor_login`` sees: its id, else its external id;
    ``id:N`` / ``ext:X`` say which is meant, and a number that is one row's id and another's
    external id is refused until they do."""
    _label, one, many = _KINDS[table]
    one, many = _(one), _(many)
    text = str(ref or "").strip()
    kind, _sep, rest = text.partition(":")
    if kind in ("id", "ext") and rest.strip():
        text = rest.strip()
    else:
        kind = ""
    if not text:
        raise DomainError(_("say which {one}: its id or its external id").format(one=one))
    by_id, by_external = _matches(session, actor_login, table, text)
    if kind == "id":
        by_external = []
    elif kind == "ext":
        by_id = []
    elif by_id and by_external and by_id[0].id != by_external[0].id:
        raise DomainError(
            _(
                "{text} is the id of “{title}” and the external id of “{title2}”: say id:{text} or ext:{text}"
            ).format(text=text, title=by_id[0].title, title2=by_external[0].title)
        )
    chosen = by_id or by_external
    if len(chosen) > 1:
        raise DomainError(
            _("{n} {many} have the external id {text}: use the id").format(
                n=len(chosen), many=many, text=repr(text)
            )
        )
    if not chosen:
        raise DomainError(
            _("no {one} {value} among the {many} you may see").format(
                one=one, value=repr(str(ref).strip()), many=many
            )
        )
    r = chosen[0]
    return Ref(int(r.id), r.external_id, r.title, int(r.version))


def _matches(session: Session, actor_login: str, table: str, text: str) -> tuple[list, list]:
    actor, people = actor_row(session, actor_login)
    seen = Viewer.of(people, actor.login).seen_owner_ids()
    sql = (
        f"SELECT id AS id, external_id AS external_id, {_KINDS[table][0]} AS title, "
        f"version AS version, owner_id AS owner_id FROM {table} WHERE external_id = :ref"
    )
    params: dict = {"ref": text}
    number = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    if number is not None:
        sql += " OR id = :id"
        params["id"] = number
    found = [r for r in rows(session, sql, params) if seen is None or r.owner_id in seen]
    return [r for r in found if r.id == number], [r for r in found if r.external_id == text]
