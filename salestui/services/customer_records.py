"""A customer entered or corrected by hand: the same fields and words as a customers import
(its region found the way the import finds one), the owner by the deal rule (oneself or someone
below), and never a silent duplicate — a name likely the same as another customer is refused
with it named, until the person says it is another company (``even_if_alike``)."""

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
from salestui.kernel.org import assignee, subtree_ids
from salestui.services.audit import new_batch, record
from salestui.services.contacts import changeable_customer
from salestui.services.imports.refs import AMBIGUOUS, load_index
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.text import refuse_control_characters
from salestui.transfer.choices import choose

MAX_NAME = 200
MAX_FIELD = 100
SHOWN = 3


class AlikeCustomers(DomainError):
    """A name refused as likely another customer's; ``alike`` (id, name): those the person may
    see, for a form to offer instead."""

    def __init__(self, message: str, alike: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.alike = alike


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
) -> CustomerMade:
    """Make a customer; raises DomainError having written nothing."""
    now = now or utc_now()
    fields = {"name": name, "industry": industry, "region": region, "channel": channel,
              "size": size, "owner": owner_login or ""}  # fmt: skip
    refuse_control_characters(fields)
    name = " ".join(str(name or "").split())
    if not name:
        raise DomainError("a customer needs a name")
    if len(name) > MAX_NAME:
        raise DomainError(f"the name is longer than {MAX_NAME} characters")
    for what in ("industry", "size"):
        if len(fields[what]) > MAX_FIELD:
            raise DomainError(f"the {what} is longer than {MAX_FIELD} characters")
    actor, people = actor_row(session, actor_login)
    owner = assignee(people, actor, owner_login or actor.login, "customers")
    region_id = _region(session, region, owner.region_id)
    chosen = choose("customers", "channel", channel) if str(channel).strip() else "direct"
    if chosen is None:
        raise DomainError(f"the channel is {', '.join(CHANNELS)}, not {channel!r}")
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
        batch=new_batch(),
        at=now,
    )
    session.commit()
    return CustomerMade(customer.id, name, f"created customer “{name}” for {owner.display_name}")


@dataclass(frozen=True)
class CustomerEdited:
    customer_id: int
    version: int  # the customer's version now
    name: str
    changed: tuple[str, ...]  # the fields that changed
    message: str


EDITED = ("name", "industry", "region", "channel", "size")


def edit_customer(
    session: Session,
    actor_login: str,
    customer_id: int,
    version: int,
    *,
    name: str | None = None,
    industry: str | None = None,
    region: str | None = None,
    channel: str | None = None,
    size: str | None = None,
    even_if_alike: bool = False,
    now: datetime | None = None,
) -> CustomerEdited:
    """Correct a customer's fields (None: left as it is) by whoever may change it, from the
    version they read; a rename likely the same as another customer is refused as a new
    customer is. Raises DomainError having written nothing."""
    now = now or utc_now()
    given = {"name": name, "industry": industry, "region": region, "channel": channel,
             "size": size}  # fmt: skip
    refuse_control_characters({k: v for k, v in given.items() if v is not None})
    actor, people = actor_row(session, actor_login)
    customer = changeable_customer(session, actor, people, customer_id)
    values: dict[str, object] = {}
    if name is not None:
        values["name"] = " ".join(name.split())
        if not values["name"]:
            raise DomainError("a customer needs a name")
        if len(values["name"]) > MAX_NAME:
            raise DomainError(f"the name is longer than {MAX_NAME} characters")
    for what, text in (("industry", industry), ("size", size)):
        if text is not None:
            values[what] = " ".join(text.split())
            if len(values[what]) > MAX_FIELD:
                raise DomainError(f"the {what} is longer than {MAX_FIELD} characters")
    if region is not None:
        owner = next((p for p in people if p.id == customer.owner_id), None)
        values["region_id"] = _region(session, region, owner.region_id if owner else None)
    if channel is not None:
        values["channel"] = choose("customers", "channel", channel) if channel.strip() else "direct"
        if values["channel"] is None:
            raise DomainError(f"the channel is {', '.join(CHANNELS)}, not {channel!r}")
    if customer.version != version:
        raise stale(session, "customer", customer_id, customer.name)
    diff = {k: (getattr(customer, k), v) for k, v in values.items() if getattr(customer, k) != v}
    was = customer.name
    if not diff:
        return CustomerEdited(
            customer_id, version, was, (), f"“{was}” is as it was: nothing to save"
        )
    if "name" in diff and diff["name"][1].casefold() != was.casefold() and not even_if_alike:
        _refuse_alike(session, diff["name"][1], actor, people, customer_id, "rename")
    if not update_at_version(
        session, Customer, customer_id, version, {k: v for k, (_, v) in diff.items()}
    ):
        raise stale(session, "customer", customer_id, was)
    record(
        session,
        actor=actor.login,
        table="customer",
        row_id=customer_id,
        changes={**diff, "version": (version, version + 1)},
        batch=new_batch(),
        at=now,
    )
    session.commit()
    changed = tuple(k.removesuffix("_id") for k in diff)
    named = values.get("name", was)
    renamed = f"renamed “{was}” to “{named}”" if "name" in diff else f"saved “{was}”"
    rest = [c for c in changed if c != "name"]
    message = renamed + (f": {', '.join(rest)} changed" if rest else "")
    return CustomerEdited(customer_id, version + 1, str(named), changed, message)


def _region(session: Session, region: str, owners: int | None) -> int | None:
    """The region named (as an import finds it: its name, any case), else the owner's."""
    text = " ".join(str(region or "").split())
    if not text:
        return owners
    found = load_index(session.connection(), "region").find(text, ("name",))
    if found is None or found == AMBIGUOUS:
        known = ", ".join(r.name for r in all_regions(session))
        raise DomainError(f"no region named {text!r} (regions: {known})")
    return found


def _refuse_alike(
    session: Session, name: str, actor, people, besides: int | None = None, verb: str = "make"
) -> None:
    """Refuse ``name`` when it is likely the same as a customer's other than ``besides``."""
    rows = customer_rows(session, utc_now().date()).named()
    alike = likely_pair_among(
        name, [(r.customer_id, r.name) for r in rows if r.customer_id != besides]
    )
    if not alike:
        return
    seen = None if getattr(actor, "admin", False) else subtree_ids(people, actor.id) | {actor.id}
    owner_of = {r.customer_id: r for r in rows}
    visible = [(cid, why) for cid, why in alike if seen is None or owner_of[cid].owner_id in seen]
    named = [f"“{owner_of[cid].name}” (#{cid}, {why})" for cid, why in visible]
    hidden = len(alike) - len(named)
    parts = named[:SHOWN]
    if len(named) > SHOWN:
        parts.append(f"{len(named) - SHOWN} more")
    if hidden:
        parts.append(f"{hidden} of another team's")
    raise AlikeCustomers(
        f"“{name}” is likely the same as {', '.join(parts)}; if it is another company, "
        f"{verb} it anyway (--even-if-alike; in the form, tick “Another company”)",
        [(cid, owner_of[cid].name) for cid, _ in visible],
    )
