"""What the customer tiers screen and report need from the database, gathered in calls a worker
(or a command) can make. The whole-company table is computed once per data version and day and
then sorted, filtered and paged in memory: the list shows only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from salestui.context import AppContext
from salestui.runtime.reads import LatestOnly, ReadSet, scans_in_processes

if TYPE_CHECKING:
    import pandas as pd

    from salestui.customers.detail import (
        ComplaintLine,
        CrossSell,
        CustomerWarning,
        InvoiceLine,
        MonthOrders,
    )
    from salestui.customers.health import CustomerRules
    from salestui.db.queries.customer_detail import CustomerDetail
    from salestui.db.queries.customers import CustomerInputs, TierInputs
    from salestui.kernel.viewer import Viewer

_tables: LatestOnly[pd.DataFrame] = LatestOnly()
# The newest table this process made, with the key it was made for (any change number): the
# next change is brought up to date from it — the customers touched since *its* number, a few
# after a teammate's move — instead of from the database's kept one, read whole (1 MB at
# 100,000 deals, 9 MB at 1,000,000) with up to ``kept.REWRITE_AFTER`` customers touched since
# (twenty people's screens each read the same hundreds again every few seconds: stop 37's
# profile of the team load). 0.02-0.1 s less a reload (``tests/benchmarks/bench_reload.py``);
# the team load itself did not move (README: "Stop 38").
_newest: LatestOnly[tuple[dict, pd.DataFrame]] = LatestOnly()


def forget_tables() -> None:
    """Drop the table this process holds (tests: a fresh process's view)."""
    _tables.clear()
    _newest.clear()


def customer_rules(ctx: AppContext) -> CustomerRules:
    from salestui.customers.health import customer_rules_from
    from salestui.db.queries.settings import settings_map

    return customer_rules_from(ctx.read(settings_map))


class PendingTable:
    """The customer table as of ``now``: the one computed for this data version today, or its
    reads started at once (side by side, see :class:`InputsReading`) for :meth:`result` to
    finish — so a screen can start them first and do its other work meanwhile."""

    def __init__(self, ctx: AppContext, rules: CustomerRules, now: datetime | None = None) -> None:
        from salestui.customers.kept import KEPT_FORMAT
        from salestui.db.queries.touches import change_number
        from salestui.kernel.clock import zone_name
        from salestui.kernel.i18n import language

        self.ctx = ctx
        self.now = now or ctx.now()
        self.rules = rules
        # every input of the table is stamped: orders, deals, activities, NPS, complaints
        # (migration 0010), the customers' own rows and their owners' and regions' names (0011)
        changes = (ctx.read_light(change_number),)
        self.key = (str(ctx.database), self.now.date(), changes, rules, language())
        self.kept_key = {
            "format": KEPT_FORMAT,
            "day": self.now.date().isoformat(),
            "zone": zone_name(),
            "changes": list(changes),
            "rules": repr(rules),
            # the churn and behaviour words are in the reader's language
            "language": language(),
        }
        # what a table of another change number must share with this one to be brought up to
        # date to it (``kept.brought_up_to_date`` checks the rest of the key)
        self.newest_key = (str(ctx.database), self.now.date(), rules, language())
        self._table = self._kept()
        self.reading = None if self._table is not None else InputsReading(ctx, self.now.date())

    def _kept(self) -> pd.DataFrame | None:
        """The table computed for this key already: this process's, else its newest brought up
        to date (when the database keeps none newer), else the one kept in the database
        (``figure_store``) — when it still holds at this moment."""
        from salestui.customers.health import holds_at
        from salestui.customers.kept import (
            brought_up_to_date,
            decoded,
            stored_number,
            stored_table,
        )

        table = _tables.get(self.key)
        if table is not None and holds_at(table, self.now):
            return table
        newest = _newest.get(self.newest_key)
        if newest is not None:
            at = stored_number(self.ctx)
            if at is None or at <= newest[0]["changes"][-1]:
                # a copy: the held one may be on a screen (bringing up to date writes in place)
                table = brought_up_to_date(
                    self.ctx, self.kept_key, newest[0], b"", self.now, self.rules,
                    kept=newest[1].copy(), stored_at=at,
                )  # fmt: skip
                if table is not None:
                    return self._hold(table)
        stored = stored_table(self.ctx)
        if stored is None:
            return None
        table = decoded(stored[1]) if stored[0] == self.kept_key else None
        if table is None or not holds_at(table, self.now):  # (the one decoded, not a second)
            table = brought_up_to_date(
                self.ctx, self.kept_key, *stored, self.now, self.rules, kept=table
            )
        return None if table is None else self._hold(table)

    def _hold(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` as this process's for this key, and its newest."""
        _tables.put(self.key, table)
        _newest.put(self.newest_key, (self.kept_key, table))
        return table

    def tiers(self) -> pd.DataFrame:
        """The tiers alone (the other figures missing, ``attrs['partial']``), from the first
        reads; the whole table when it was cached."""
        from salestui.customers.table import tier_table

        if self.reading is None:
            return self.result()
        return tier_table(self.reading.tiers(), self.now, self.rules)

    def result(self) -> pd.DataFrame:
        if self._table is None:
            from salestui.customers.table import customer_table

            table = customer_table(self.reading.inputs(), self.now, self.rules)
            self._table = self._hold(table)
            from salestui.customers.kept import keep_table

            keep_table(self.ctx, self.kept_key, self.now.date(), self.key[2][-1], table)
        return self._table


def table_from(conn, now: datetime, rules: CustomerRules) -> pd.DataFrame:
    """The customer table for a caller that holds only a connection (a section of a report, a
    command): the kept one, through a context on the same database, when that database can be
    opened again (a file, a server); computed on ``conn`` otherwise (a database in memory)."""
    from salestui.context import reopened

    ctx = reopened(conn)
    if ctx is not None:
        return PendingTable(ctx, rules, now).result()
    from salestui.customers.table import customer_table
    from salestui.db.queries.customers import customer_inputs

    return customer_table(customer_inputs(conn, now.date()), now, rules)


def load_table(ctx: AppContext, rules: CustomerRules, now: datetime | None = None) -> pd.DataFrame:
    """Every customer's figures as of ``now`` (the clock by default), cached per data version."""
    return PendingTable(ctx, rules, now).result()


def load_tables(
    ctx: AppContext, rules: CustomerRules, now: datetime | None = None
) -> Iterator[pd.DataFrame]:
    """The customer table in two steps: first the tiers alone (a fraction of the reading, the
    other figures missing, ``attrs['partial']``), then every figure — or at once the whole
    table when this data version was computed today already."""
    pending = PendingTable(ctx, rules, now)
    if pending.reading is not None and not pending.reading.kept:
        yield pending.tiers()
    yield pending.result()


class InputsReading:
    """The per-customer reads: the customers themselves, and their aggregates kept up to date
    between processes (:mod:`salestui.runtime.maintained`) — read again only for the customers
    changed since; when every customer has to be read, the reads start side by side (in worker
    processes on a large database, ``salestui.runtime.reads``), the tiers' two first, and the
    result is kept for the next reader."""

    def __init__(self, ctx, today) -> None:
        from salestui.db.queries.customers import INPUT_PARTS, TIER_PARTS, customer_rows
        from salestui.runtime.maintained import MaintainedRead

        self.today = today
        kept = [p for p in INPUT_PARTS if p is not customer_rows]
        self.maintained = MaintainedRead(ctx, "customer_inputs", kept, today)
        if self.maintained.tables is not None:
            self._parts = dict(zip(kept, self.maintained.tables, strict=True))
            self.reads = ReadSet(ctx, [customer_rows], today, processes=False, light=True)
            return
        self._parts = None
        rest = [p for p in INPUT_PARTS if p not in TIER_PARTS]
        rest.sort(key=lambda p: p.__name__ != "activity_aggregates")  # the longest scan first
        self.reads = ReadSet(
            ctx, [*TIER_PARTS, *rest], today, processes=scans_in_processes(ctx), light=True
        )

    @property
    def kept(self) -> bool:
        """Whether the aggregates came kept (only the customers' own rows are read): the whole
        table is then as quick as the tiers alone."""
        return self._parts is not None

    def _results(self, parts) -> list:
        from salestui.db.queries.customers import INPUT_PARTS, customer_rows

        if self._parts is None:
            results = self.reads.results(parts)
            if all(p in parts for p in INPUT_PARTS):
                kept = dict(zip(parts, results, strict=True))
                self.maintained.keep([kept[p] for p in INPUT_PARTS if p is not customer_rows])
            return results
        return [self.reads.results([p])[0] if p is customer_rows else self._parts[p] for p in parts]

    def tiers(self) -> TierInputs:
        from salestui.db.queries.customers import TIER_PARTS, TierInputs

        return TierInputs(self.today, *self._results(TIER_PARTS))

    def inputs(self) -> CustomerInputs:
        from salestui.db.queries.customers import INPUT_PARTS, CustomerInputs

        return CustomerInputs(self.today, *self._results(INPUT_PARTS))


def visible_owner_ids(viewer: Viewer) -> frozenset[int] | None:
    """Whose customers the list shows (``salestui.kernel.viewer``); None: everyone's."""
    owners = viewer.seen_owner_ids()
    return None if owners is None else frozenset(owners)


def owners_now(
    shown: frozenset[int] | None, seen_before: frozenset[int] | None, viewer: Viewer
) -> frozenset[int] | None:
    """The owners the tiers show once the org is read again: all the person may see now when
    the list showed all they could see before (or this is the first read); else their own
    choice, less anyone they may no longer see (moved to another team since)."""
    seen = visible_owner_ids(viewer)
    if shown == seen_before or shown is None:
        return seen
    return shown if seen is None else shown & seen


@dataclass(frozen=True)
class DetailData:
    detail: CustomerDetail
    row: pd.Series  # the customer's line of the table, with the health inputs
    months: list[MonthOrders]
    behaviour_from: datetime
    invoices: list[InvoiceLine]
    collection_rate: float | None
    complaints: list[ComplaintLine]
    nps: float | None
    nps_answers: int  # the answers the NPS is taken over
    cross_sell: list[CrossSell]
    similar: int
    warnings: list[CustomerWarning]
    reasons: dict[str, str]


def load_detail(
    ctx: AppContext, customer_id: int, table: pd.DataFrame, rules: CustomerRules
) -> DetailData | None:
    from salestui.customers.detail import (
        behaviour_window_start,
        complaint_lines,
        cross_sell,
        customer_warnings,
        invoice_collection_rate,
        invoice_lines,
        monthly_orders,
    )
    from salestui.customers.health import health_reasons, nps
    from salestui.db.queries.customer_detail import cross_sell_evidence, customer_detail

    now = ctx.now()
    today = now.date()

    def _read(session):
        return customer_detail(session, customer_id, today), cross_sell_evidence(
            session, customer_id
        )

    detail, evidence = ctx.read(_read)
    if detail is None or customer_id not in table.index:
        return None
    row = table.loc[customer_id]
    invoices = invoice_lines(detail.invoices, today)
    complaints = complaint_lines(detail.complaints, now)
    return DetailData(
        detail=detail,
        row=row,
        months=monthly_orders(detail.orders, today),
        behaviour_from=behaviour_window_start(today),
        invoices=invoices,
        collection_rate=invoice_collection_rate(invoices, today),
        complaints=complaints,
        # the health part's NPS (its window, its answers): one figure on the screen
        nps=nps(int(row["promoters"]), int(row["detractors"]), int(row["nps_answers"])),
        nps_answers=int(row["nps_answers"]),
        cross_sell=cross_sell(evidence.similar, evidence.products),
        similar=evidence.similar,
        warnings=customer_warnings(
            detail.name,
            int(row["health"]),
            rules.health_warning_below,
            bool(row["health_warning"]),
            str(row["churn_reason"]),
            invoices,
            complaints,
        ),
        reasons=health_reasons(row),
    )
