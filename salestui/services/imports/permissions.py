"""Whether the importer may make each planned row: the rule of the board (``kernel.org``) at
the import's door.

A row that touches an existing row outside the importer's part of the org, or gives a row to
someone outside it, is a bad row like any other: the whole import is refused with its line and
reason, or the row is set aside with ``--skip-invalid``. People rows follow the people rule
(a manager above the person, or an administrator; nobody changes their own manager, role,
administrator flag, binding or activity) and no file may make a management circle, not even
across its own rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from salestui.db.queries.executor import rows
from salestui.db.queries.people import all_people
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import may_change, may_change_person, reporting_line_problem
from salestui.kernel.viewer import Viewer
from salestui.transfer.records import RowError

# kind → (the column naming whose row it is, the import field that sets it)
_OWNER = {
    "customers": ("owner_id", "owner"),
    "opportunities": ("owner_id", "owner"),
    "leads": ("owner_id", "owner"),
    "activities": ("person_id", "person"),
}
_CURRENT_OWNER = {
    "customers": "SELECT id AS id, owner_id AS owner_id FROM customer WHERE id IN :ids",
    "opportunities": "SELECT id AS id, owner_id AS owner_id FROM opportunity WHERE id IN :ids",
    "leads": "SELECT id AS id, owner_id AS owner_id FROM lead WHERE id IN :ids",
    "activities": "SELECT id AS id, person_id AS owner_id FROM activity WHERE id IN :ids",
    "orders": "SELECT so.id AS id, c.owner_id AS owner_id FROM sales_order so "
    "JOIN customer c ON c.id = so.customer_id WHERE so.id IN :ids",
    "contacts": "SELECT ct.id AS id, c.owner_id AS owner_id FROM contact ct "
    "JOIN customer c ON c.id = ct.customer_id WHERE ct.id IN :ids",
    "deal-lines": "SELECT id AS id, owner_id AS owner_id FROM opportunity WHERE id IN :ids",
}
_GUARDED = ("role", "admin", "active", "os_user")  # with the manager: the people rule's fields


@dataclass(frozen=True)
class _Node:
    id: int
    manager_id: int | None
    login: str


def check_plan(conn, plan, actor_login: str, mapping, errors: list[RowError]) -> None:
    """Add a RowError for every planned row the importer may not make."""
    people = all_people(conn)
    if not people:  # a team's first file: nobody's rows to guard yet, only circles to refuse
        if plan.kind == "people":
            _check_people(people, plan, None, mapping, errors)
        return
    actor = next((p for p in people if p.login == actor_login), None)
    if actor is None:
        raise DomainError(
            _(
                "nothing was imported: no person with login {actor_login} in this database (use --user LOGIN)"
            ).format(actor_login=repr(actor_login))
        )
    if plan.kind == "people":
        _check_people(people, plan, actor, mapping, errors)
        return
    if plan.kind == "targets":
        _check_targets(people, plan, actor, errors)
        return
    if plan.kind not in _CURRENT_OWNER or actor.admin:
        return
    name = {p.id: p.display_name for p in people}
    existing = [i.existing for i in plan.items if i.existing is not None]
    current = {}
    if existing:
        for r in rows(conn, _CURRENT_OWNER[plan.kind], {"ids": tuple(existing)}):
            current[int(r.id)] = r.owner_id

    sees_all = Viewer(actor, tuple(people)).seen_owner_ids() is None

    def outside(owner_id) -> bool:  # a row of nobody's: for whoever sees the whole company
        if owner_id is None:
            return not sees_all
        return not may_change(people, actor.id, int(owner_id))

    column, field = _OWNER.get(plan.kind, (None, None))
    for item in plan.items:
        if item.existing is not None and outside(current.get(item.existing)):
            who = name.get(current.get(item.existing), "nobody")
            errors.append(
                RowError(
                    item.line,
                    "(row)",
                    "",
                    f"changes a record of {who}, outside your part of the org",
                )
            )
            continue
        new_owner = _value(item, column) if column else _order_owner(conn, item)
        if isinstance(new_owner, int) and outside(new_owner):
            errors.append(
                RowError(
                    item.line,
                    mapping.column_of(field) if field else "(row)",
                    name.get(new_owner, ""),
                    f"gives the record to {name.get(new_owner, 'someone')}, outside your part "
                    "of the org",
                )
            )


def _value(item, column):
    if column in item.values:
        return item.values[column]
    return item.defaults.get(column)


def _order_owner(conn, item):
    customer = _value(item, "customer_id")
    if not isinstance(customer, int):
        return None
    found = rows(conn, "SELECT owner_id AS owner_id FROM customer WHERE id = :c", {"c": customer})
    return found[0].owner_id if found else None


def _check_people(people, plan, actor, mapping, errors: list[RowError]) -> None:
    by_id = {p.id: p for p in people}
    index: dict[str, int] = {}
    for p in people:
        index.setdefault(p.login.lower(), p.id)
        index.setdefault(p.display_name.lower(), p.id)
    ids: dict[int, int] = {}  # line → the person's id (negative: a person the file makes)
    for n, item in enumerate(plan.items, start=1):
        pid = item.existing if item.existing is not None else -n
        ids[item.line] = pid
        for key in (_value(item, "login"), _value(item, "external_id")):
            if key:
                index[str(key).lower()] = pid
    managers = {
        ids[item.line]: (index.get(str(name).lower()) if name else None)
        for item, name in plan.managers
    }
    final = {p.id: p.manager_id for p in people}
    final.update({ids[i.line]: None for i in plan.items if i.existing is None})
    final.update({pid: m for pid, m in managers.items() if m is not None or pid in final})
    logins = {p.id: p.login for p in people} | {
        ids[i.line]: str(_value(i, "login")) for i in plan.items if i.existing is None
    }
    nodes = [_Node(pid, m, logins.get(pid, f"#{pid}")) for pid, m in final.items()]
    for item in plan.items:
        pid = ids[item.line]
        why = None
        if pid in managers:
            why = reporting_line_problem(nodes, pid, managers[pid])
        if why is None and actor is not None and not actor.admin:
            why = _people_rule(by_id, people, actor, item, pid, managers)
        if why:
            errors.append(RowError(item.line, mapping.column_of("manager"), "", why))


def _people_rule(by_id, people, actor, item, pid, managers) -> str | None:
    """Why ``actor`` may not make this people row (None: they may)."""
    if pid < 0:  # a new person: placed in the actor's part of the org, and no administrator
        boss = managers.get(pid)
        if boss is None or boss < 0:
            return (
                None if boss is not None else "only an administrator adds a person with no manager"
            )
        if not may_change(people, actor.id, boss):
            return f"adds a person under {by_id[boss].display_name}, outside your part of the org"
        if _value(item, "admin"):
            return "only an administrator makes an administrator"
        return None
    me = by_id[pid]
    guarded = [f for f in _GUARDED if f in item.values and _differs(getattr(me, f), item.values[f])]
    if pid in managers and managers[pid] != me.manager_id:
        guarded.append("manager")
    if guarded and not may_change_person(people, actor.id, pid):
        what = ", ".join(guarded)
        if pid == actor.id:
            return f"nobody changes their own {what}"
        return f"only a manager above {me.display_name} or an administrator changes their {what}"
    if not may_change(people, actor.id, pid) and any(
        k in item.values and _differs(getattr(me, k, None), item.values[k])
        for k in ("display_name", "title", "region_id", "hire_date")
    ):
        return f"changes {me.display_name}, outside your part of the org"
    return None


def _differs(old, new) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return bool(old) != bool(new)
    return (old or None) != (new or None)


def _check_targets(people, plan, actor, errors: list[RowError]) -> None:
    """The target form's rule (``services.targets.check_may_set``), row by row."""
    from salestui.services.targets import check_may_set

    for item in plan.items:
        scope_id = _value(item, "scope_id")
        if not (scope_id is None or isinstance(scope_id, int)):
            continue  # a person or region the import makes: no target of anyone's yet
        try:
            check_may_set(people, actor, _value(item, "scope_type"), scope_id)
        except DomainError as refused:
            errors.append(RowError(item.line, "scope", "", str(refused)))
