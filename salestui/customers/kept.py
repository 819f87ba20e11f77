"""The customer table kept in the database (``figure_store``, one per language and clock zone)
under the key it was computed for, and brought up to date from the customers touched since
(``salestui.customers.load.PendingTable`` decides which)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from salestui.context import AppContext
    from salestui.customers.health import CustomerRules

# Bump when a figure of the customer table is computed differently: tables kept by earlier code
# are then computed again instead of read.
KEPT_FORMAT = 2

# A table brought up to date is written back only once this many customers have been read
# again since the kept one: reading a few hundred again costs each reader less than a few
# hundredths of a second, writing the whole table back (125,000 customers: 8.7 MB, 0.37 s of
# encoding) costs the reader who does it far more — and competes with its screen. Well below
# ``MOST_TOUCHED``, past which every reader would compute the whole table again.
REWRITE_AFTER = 500


def kept_name() -> str:
    """One kept table per clock zone and language: a team in two languages keeps both."""
    from salestui.kernel.clock import zone_name
    from salestui.kernel.i18n import language
    from salestui.runtime.maintained import store_name

    return store_name(f"customer_table|{language()}", zone_name())


def stored_table(ctx: AppContext) -> tuple[dict, bytes] | None:
    """The customer table kept in the database: the key it was computed for, and its content;
    None when there is none (or it is damaged)."""
    from salestui.db.queries.touches import stored_figures
    from salestui.runtime.frames import frame_key

    try:
        found = ctx.read_light(stored_figures, kept_name())
    except Exception:  # noqa: BLE001 — an older file without the table: nothing is kept
        return None
    key = frame_key(found[2]) if found is not None else None
    return None if key is None else (key, found[2])


def stored_number(ctx: AppContext) -> int | None:
    """The change number of the customer table kept in the database (not its content); None
    when none is kept."""
    from salestui.db.queries.touches import stored_number as number_of

    try:
        return ctx.read_light(number_of, kept_name())
    except Exception:  # noqa: BLE001 — an older file without the table: nothing is kept
        return None


def decoded(payload: bytes) -> pd.DataFrame | None:
    from salestui.runtime.frames import NotKept, decode_frame

    try:
        return decode_frame(payload)
    except NotKept:
        return None


def keep_table(ctx: AppContext, key: dict, day, number: int, table: pd.DataFrame) -> None:
    """Keep ``table`` (computed for ``key``) for everyone's next read, written meanwhile."""
    from salestui.runtime.frames import encode_frame
    from salestui.runtime.maintained import in_background, store

    in_background(store, ctx, kept_name(), day, number, lambda: encode_frame(table, key))


def brought_up_to_date(
    ctx: AppContext,
    want: dict,
    key: dict,
    payload: bytes,
    now: datetime,
    rules: CustomerRules,
    kept: pd.DataFrame | None = None,
    stored_at: int | None | bool = False,
) -> pd.DataFrame | None:
    """The table kept under ``key`` (``payload``) at an earlier change, made the one ``want``
    names: the customers touched since (migrations 0010 and 0011 stamp every input) computed
    again from their own rows, and the whole company ranked again (``COMPANY_WIDE``) — instead
    of every customer's history read and scored; a customer whose unanswered complaint turned
    late since is computed again too. None when it cannot be: kept for another day, clock,
    language or rules, or too many touched. Kept again for everyone once :data:`REWRITE_AFTER`
    customers were read again. ``kept``: ``payload`` decoded already, when the caller has it.
    ``stored_at``: when ``key`` is not the database's kept table but a newer one of this
    process's, the change number the database keeps (None: none) — the table is then kept
    again once :data:`REWRITE_AFTER` customers were touched since that number."""
    from salestui.customers.health import customer_frame, lateness_window, turned
    from salestui.customers.table import COMPANY_WIDE, company_wide, per_customer, same_inputs
    from salestui.db.queries.customers import (
        INPUT_PARTS,
        CustomerInputs,
        complaint_rows,
        customer_rows,
    )
    from salestui.db.queries.moments import aware
    from salestui.db.queries.touches import customers_touched_since
    from salestui.runtime.maintained import MOST_TOUCHED

    same = ("format", "day", "zone", "rules", "language")
    if any(key.get(k) != want[k] for k in same):
        return None
    changes = key.get("changes")
    number = changes[-1] if isinstance(changes, list) and changes else None
    if not isinstance(number, int) or number > want["changes"][-1]:
        return None  # a counter reset (a restored backup): trust nothing kept
    touched = ctx.read_light(customers_touched_since, number, MOST_TOUCHED)
    if touched is None:
        return None
    import pandas as pd

    today = now.date()
    kept = decoded(payload) if kept is None else kept
    since = kept.attrs.get("computed_at") if kept is not None else None
    if not isinstance(since, datetime):
        return None
    complaints = ctx.read_light(complaint_rows, today, unanswered=True).named()
    # the customers touched since (new and removed ones too), and those with an unanswered
    # complaint turned late since
    redo = set(touched) | turned(complaints, since, now)
    columns = [c for c in kept.columns if c not in COMPANY_WIDE]
    ids = tuple(sorted(int(i) for i in redo))
    mine = ctx.read_light(customer_rows, today, ids) if ids else None
    there = tuple(r[0] for r in mine.rows) if mine is not None else ()  # the ones still there
    table = kept
    still = set(there)
    gone = [i for i in ids if i in table.index and i not in still]
    ranks_hold = not gone  # the company ranks kept hold unless what they rank by changed
    if gone:  # removed since
        table = table.drop(index=gone)
    if there:
        reads = [ctx.read_light(p, today, there) for p in INPUT_PARTS[1:]]
        frame = customer_frame(CustomerInputs(today, mine, *reads), now)
        fresh = per_customer(frame, rules)[columns]
        known = fresh.index.isin(table.index)
        ranks_hold = ranks_hold and known.all() and same_inputs(table, fresh)
        # in place, every column in one setting: a few rows of a 125,000-row table (a setting
        # per column cost 0.04 s for five customers at 100,000 deals, one 0.02 s)
        table.loc[fresh.index[known], columns] = fresh.loc[known]
        if not known.all():  # added since
            added = fresh.loc[~known]
            kinds = {c: kept.dtypes[c] for c in columns}  # the ranks are set again below
            table = pd.concat([table[columns], added]).astype(kinds).sort_index()
    after, until = lateness_window(complaints, now)
    table.attrs.update(today=today, late_after=after, late_until=until, computed_at=aware(now))
    if not ranks_hold:  # (a deal moved, an activity, a complaint turned late: they hold)
        table = company_wide(table, rules)
    if stored_at is False:  # brought up to date from the database's own
        behind = len(redo) >= REWRITE_AFTER
    else:  # from this process's newer one: how far behind the database's is
        behind = stored_at is None or (
            ctx.read_light(customers_touched_since, stored_at, REWRITE_AFTER - 1) is None
        )
    if behind:
        keep_table(ctx, want, today, want["changes"][-1], table)
    return table
