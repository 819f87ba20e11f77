"""A new customer, entered by hand, and a customer's fields changed: the same fields and words as a customers import, the owner
by the deal rule (oneself or someone below), and never a silent duplicate — a name likely the
same as a customer already there is refused with it named, until the person says it is another
company (``even_if_alike``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from salestui.customers.duplicates import likely_pair_among
from salestui.db.queries.customers import customer_rows
from salestui.db.queries.people import all_regions
from salestui.db.tables import Customer
from salestui.kernel.dates import utc_now
from salestui.kernel.domain import CHANNELS
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.org import assignee, subtree_ids
from salestui.services.audit import new_batch, record
from salestui.services.imports.refs import AMBIGUOUS, WAYS, load_index
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters
from salestui.transfer.choices import choose

MAX_NAME = 200
MAX_FIELD = 100
SHOWN = 3


@dataclass(frozen=True)
class CustomerMade:
    customer_id: int
    name: str
    message: str


def create_customer(
    session: Session,
    actor_login: str,
    *,
    name: str,
    industry: str = "",
    region: str = "",
    channel: str = "",
    size: str = "",
    owner_login: str | None = None,
    even_if_alike: bool = False,
    now: datetime | None = None,
    batch: str | None = None,
    commit: bool = True,
) -> CustomerMade:
    """Make a customer; raises DomainError having written nothing. ``commit=False`` (and a
    ``batch``) lets a larger write — a lead's conversion — hold it in its transaction."""
    now = now or utc_now()
    fields = {"name": name, "industry": industry, "region": region, "channel": channel,
              "size": size, "owner": owner_login or ""}  # fmt: skip
    refuse_control_characters(fields)
    name = " ".join(str(name or "").split())
    if not name:
        raise DomainError(_("a customer needs a name"))
    if len(name) > MAX_NAME:
        raise DomainError(
            _("the name is longer than {MAX_NAME} characters").format(MAX_NAME=MAX_NAME)
        )
    for what in ("industry", "size"):
        if len(fields[what]) > MAX_FIELD:
            raise DomainError(
                _("the {what} is longer than {MAX_FIELD} characters").format(
                    what=what, MAX_FIELD=MAX_FIELD
                )
            )
    actor, people = actor_row(session, actor_login)
    owner = assignee(people, actor, owner_login or actor.login, "customers")
    region_id = _region(session, region, owner)
    chosen = choose("customers", "channel", channel) if str(channel).strip() else "direct"
    if chosen is None:
        raise DomainError(
            _("the channel is {value}, not {channel}").format(
                value=", ".join(CHANNELS), channel=repr(channel)
            )
        )
    if not even_if_alike:
        _refuse_alike(session, name, actor, people)
    customer = Customer(
        name=name,
        industry=" ".join(industry.split()),
        region_id=region_id,
        channel=chosen,
        size=" ".join(size.split()),
        owner_id=owner.id,
        created_at=now,
    )
    session.add(customer)
    session.flush()
    record(
        session,
        actor=actor.login,
        table="customer",
        row_id=customer.id,
        changes={
            "*created*": (None, name),
            "owner_id": (None, owner.id),
            "region_id": (None, region_id),
            "channel": (None, chosen),
        },  # fmt: skip
        batch=batch or new_batch(),
        at=now,
    )
    if commit:
        session.commit()
    said = _("created customer “{name}” for {owner}").format(name=name, owner=owner.display_name)
    return CustomerMade(customer.id, name, said)


@dataclass(frozen=True)
class CustomerEdited:
    customer_id: int
    version: int  # the customer's version now
    changed: tuple[str, ...]  # the fields that changed
    message: str


EDITABLE = ("name", "industry", "region", "channel", "size")
# a field as a message names it, shown with _()
FIELD_WORDS = {
    "name": N_("company name"),
    "industry": N_("industry"),
    "region": N_("region"),
    "channel": N_("channel"),
    "size": N_("size"),
}


def edit_customer(
    session: Session,
    actor_login: str,
    customer_id: int,
    version: int,
    changes: dict[str, str],
    *,
    even_if_alike: bool = False,
    now: datetime | None = None,
) -> CustomerEdited:
    """Change a customer's name, industry, region, channel or size (``changes``: only those
    given), by the rules of a new one: whoever may change the customer (its owner, anyone above
    them, an administrator), at the version read, a new name not likely another customer's
    unless ``even_if_alike``. The owner changes by reassigning (open deals go along). Raises
    DomainError having written nothing."""
    from salestui.services.contacts import changeable_customer
    from salestui.services.rules import stale, update_at_version

    now = now or utc_now()
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError(
            _("a customer's {value} cannot be changed here").format(value=", ".join(unknown))
        )
    refuse_control_characters({k: v for k, v in changes.items()})
    actor, people = actor_row(session, actor_login)
    customer = changeable_customer(session, actor, people, customer_id)
    if customer.version != version:
        raise stale(session, "customer", customer.id, customer.name)
    new: dict[str, object] = {}
    if "name" in changes:
        name = " ".join(str(changes["name"] or "").split())
        if not name:
            raise DomainError(_("a customer needs a name"))
        if len(name) > MAX_NAME:
            raise DomainError(
                _("the name is longer than {MAX_NAME} characters").format(MAX_NAME=MAX_NAME)
            )
        if name != customer.name:
            new["name"] = name
    for what in ("industry", "size"):
        if what in changes:
            text = " ".join(str(changes[what] or "").split())
            if len(text) > MAX_FIELD:
                raise DomainError(
                    _("the {what} is longer than {MAX_FIELD} characters").format(
                        what=what, MAX_FIELD=MAX_FIELD
                    )
                )
            new[what] = text
    if "region" in changes:
        owner = next((p for p in people if p.id == customer.owner_id), actor)
        new["region_id"] = _region(session, changes["region"], owner)
    if "channel" in changes:
        chosen = choose("customers", "channel", changes["channel"]) or None
        if not str(changes["channel"]).strip() or chosen is None:
            raise DomainError(
                _("the channel is {value}, not {changes}").format(
                    value=", ".join(CHANNELS), changes=repr(changes["channel"])
                )
            )
        new["channel"] = chosen
    new = {k: v for k, v in new.items() if getattr(customer, k) != v}
    if not new:
        said = _("“{name}”: nothing changed").format(name=customer.name)
        return CustomerEdited(customer.id, version, (), said)
    if "name" in new and not even_if_alike:
        _refuse_alike(session, str(new["name"]), actor, people, besides=customer.id)
    old = {k: getattr(customer, k) for k in new}
    if not update_at_version(session, Customer, customer.id, version, new):
        raise stale(session, "customer", customer_id, customer.name)
    audit = {k: (old[k], v) for k, v in new.items()} | {"version": (version, version + 1)}
    record(session, actor=actor.login, table="customer", row_id=customer_id, changes=audit,
           batch=new_batch(), at=now)  # fmt: skip
    session.commit()
    name = str(new.get("name", customer.name))
    said = tuple("region" if k == "region_id" else k for k in new)
    fields = _(", ").join(_(FIELD_WORDS.get(k, k)) for k in said)
    message = _("changed “{name}”: {fields}").format(name=name, fields=fields)
    return CustomerEdited(customer_id, version + 1, said, message)


def _region(session: Session, region: str, owner) -> int | None:
    """The region named — found as an import finds it (``imports.refs``: its name, any case) —
    else the owner's."""
    text = " ".join(str(region or "").split())
    if not text:
        return owner.region_id
    found = load_index(session.connection(), "region").find(text, WAYS["region"])
    if found is None or found == AMBIGUOUS:
        known = ", ".join(r.name for r in all_regions(session))
        raise DomainError(
            _("no region named {text} (regions: {known})").format(text=repr(text), known=known)
        )
    return found


def _refuse_alike(session: Session, name: str, actor, people, besides: int | None = None) -> None:
    """``besides``: the customer being renamed, which is not its own duplicate."""
    rows = customer_rows(session, utc_now().date()).named()
    alike = likely_pair_among(
        name, [(r.customer_id, r.name) for r in rows if r.customer_id != besides]
    )
    if not alike:
        return
    seen = None if getattr(actor, "admin", False) else subtree_ids(people, actor.id) | {actor.id}
    owner_of = {r.customer_id: r for r in rows}
    visible = [(cid, why) for cid, why in alike if seen is None or owner_of[cid].owner_id in seen]
    named = [f"“{owner_of[cid].name}” (#{cid}, {_(why)})" for cid, why in visible]
    hidden = len(alike) - len(named)
    parts = named[:SHOWN]
    if len(named) > SHOWN:
        parts.append(_("{n} more").format(n=len(named) - SHOWN))
    if hidden:
        parts.append(_("{n} of another team's").format(n=hidden))
    raise AlikeCustomers(
        _(
            "“{name}” is likely the same as {alike}; if it is another company, make it anyway "
            "(--even-if-alike; in the form, tick “Another company”)"
        ).format(name=name, alike=_(", ").join(parts)),
        [(cid, owner_of[cid].name) for cid, _ in visible],
    )


class AlikeCustomers(DomainError):
    """A name refused as likely another customer's; ``alike`` (id, name): those the person may
    see, for a form to offer instead (the new-deal form's missing customer)."""

    def __init__(self, message: str, alike: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.alike = alike
