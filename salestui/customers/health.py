"""Customer health and churn warnings, as DOMAIN.md defines them: pure functions over the
per-customer inputs of ``salestui.db.queries.customers.customer_inputs``.

Public entry points (the weekly review uses them too):
- ``customer_frame(inputs, now)``: one row per customer with every input column, zeros filled;
- ``health_scores(frame, rules)``: health 0–100 with its four parts and the warning flag;
- ``churn_warnings(frame, rules)``: customers whose orders or activities fell sharply.
The tiers (RFM, ABC, account tier, lifecycle) live in ``salestui.customers.tiers``.
pandas is imported inside the functions: the app's first frame must not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from salestui.db.queries.moments import aware
from salestui.kernel.domain import COMPLAINT_RESPONSE_HOURS
from salestui.kernel.format import number
from salestui.kernel.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import pandas as pd

    from salestui.db.queries.customers import CustomerInputs, TierInputs


@dataclass(frozen=True)
class CustomerRules:
    """Thresholds a manager may change (settings ``customers.<name>``)."""

    health_warning_below: int = 80
    # seed 003 warns every customer below the threshold; True: only those who ordered in the
    # last 12 months (a prospect or a churned customer has no service to upgrade)
    health_warning_ordered_only: bool = False
    churn_drop: float = 0.5  # recent ≤ this share of the customer's usual rate
    churn_min_history: int = 4  # events in the 360 days before, to call it a habit
    decline_drop: float = 0.3  # revenue down this much year on year
    churned_after_days: int = 180
    behaviour_drop: float = 0.3  # key customers: frequency or order size down this much


_YES, _NO = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def customer_rules_from(settings: dict[str, str]) -> CustomerRules:
    """Settings rows such as ``customers.health_warning_below = 70``; junk keeps the default."""
    base = CustomerRules()
    values = {}
    for name in CustomerRules.__dataclass_fields__:
        raw = settings.get(f"customers.{name}")
        if raw is None:
            continue
        kind = type(getattr(base, name))
        text = str(raw).strip()
        if kind is bool:
            if text.lower() in _YES + _NO:
                values[name] = text.lower() in _YES
            continue
        try:
            value = kind(text)
        except ValueError:
            continue
        if value >= 0:
            values[name] = value
    return CustomerRules(**values)


def complaint_deadline(opened) -> datetime:
    """When a complaint opened at ``opened`` is late without a first response."""
    return aware(opened) + timedelta(hours=COMPLAINT_RESPONSE_HOURS)


def complaint_is_late(opened, first_response, now: datetime) -> bool:
    """First response later than 48 hours after opening, or none yet and 48 hours have gone."""
    limit = complaint_deadline(opened)
    answered = aware(first_response)
    return answered > limit if answered is not None else aware(now) > limit


def lateness_window(complaints, now: datetime) -> tuple[datetime | None, datetime | None]:
    """The moments between which every complaint of ``complaints`` (rows with ``opened_at`` and
    ``first_response_at``) is late or on time as it is at ``now``: (after, until] — None for
    no bound. The unanswered ones are the only ones whose lateness the clock changes."""
    now = aware(now)
    after = until = None
    for c in complaints:
        if c.first_response_at is not None:
            continue
        limit = complaint_deadline(c.opened_at)
        if now > limit:
            after = limit if after is None else max(after, limit)
        else:
            until = limit if until is None else min(until, limit)
    return after, until


def customer_frame(inputs: CustomerInputs | TierInputs, now: datetime) -> pd.DataFrame:
    """One row per customer, indexed by ``customer_id``; missing aggregates are 0. From
    ``TierInputs`` only the customer and tier columns (the complaint counts are 0).

    Adds ``complaints_12m``, ``complaints_late_12m`` and ``complaints_open`` from the complaint
    rows; ``first_order``/``last_order`` are datetime64 (NaT without orders); ``today`` is kept
    in ``frame.attrs['today']``.
    """
    import pandas as pd

    def framed(part) -> pd.DataFrame:
        return pd.DataFrame(part.rows, columns=list(part.columns)).set_index("customer_id")

    frame = framed(inputs.customers)
    for name in ("orders", "more_orders", "deals", "activities", "nps"):
        if not hasattr(inputs, name):  # TierInputs: the tiers' part only
            continue
        frame = frame.join(framed(getattr(inputs, name)), how="left")
    late: dict[int, int] = {}
    count: dict[int, int] = {}
    still_open: dict[int, int] = {}
    complaints = inputs.complaints.named() if hasattr(inputs, "complaints") else ()
    for c in complaints:
        cid = c.customer_id
        count[cid] = count.get(cid, 0) + 1
        if complaint_is_late(c.opened_at, c.first_response_at, now):
            late[cid] = late.get(cid, 0) + 1
        if c.resolved_at is None:
            still_open[cid] = still_open.get(cid, 0) + 1
    frame["complaints_12m"] = pd.Series(count, dtype="int64")
    frame["complaints_late_12m"] = pd.Series(late, dtype="int64")
    frame["complaints_open"] = pd.Series(still_open, dtype="int64")
    dates = ("first_order", "last_order")
    numbers = [c for c in frame.columns if c not in (*inputs.customers.columns, *dates)]
    frame[numbers] = frame[numbers].fillna(0).astype("int64")
    for c in dates:
        frame[c] = pd.to_datetime(frame[c])
    frame.attrs["today"] = inputs.today
    # the clock's moments between which the late counts above hold (kept tables: holds_at)
    frame.attrs["late_after"], frame.attrs["late_until"] = lateness_window(complaints, now)
    frame.attrs["computed_at"] = aware(now)
    return frame


def turned(complaints, since: datetime, now: datetime) -> set[int]:
    """The customers of ``complaints`` with an unanswered one late at one of the two moments
    and not at the other: their late counts changed between them."""
    low, high = sorted((aware(since), aware(now)))
    return {
        int(c.customer_id)
        for c in complaints
        if c.first_response_at is None and low < complaint_deadline(c.opened_at) <= high
    }


def holds_at(frame: pd.DataFrame, now: datetime) -> bool:
    """Whether ``frame`` (of :func:`customer_frame`, or a table made from it) counts the late
    complaints at ``now`` as it did when it was computed (the day is the caller's key)."""
    after, until = frame.attrs.get("late_after"), frame.attrs.get("late_until")
    moment = aware(now)
    return (after is None or moment > after) and (until is None or moment <= until)


def _half_up(values: pd.Series) -> pd.Series:
    import numpy as np

    return np.floor(values + 0.5).astype("int64")


def frequency_part(orders_12m: pd.Series, orders_prev_12m: pd.Series) -> pd.Series:
    """25 × orders this year / orders the year before, capped at 25; new customers with orders
    score 25, customers without orders this year 0."""
    ratio = (orders_12m / orders_prev_12m.where(orders_prev_12m > 0)).clip(upper=1.0)
    ratio = ratio.where(orders_prev_12m > 0, (orders_12m > 0).astype(float))
    return _half_up(25 * ratio.where(orders_12m > 0, 0.0))


def need_part(new_90d: pd.Series, new_180d: pd.Series, new_365d: pd.Series) -> pd.Series:
    """New opportunities recently: 25 within 90 days, 15 within 180, 5 within a year, else 0."""
    import numpy as np

    return pd_series(
        np.select([new_90d > 0, new_180d > 0, new_365d > 0], [25, 15, 5], 0), new_90d.index
    )


def pd_series(values, index) -> pd.Series:
    import pandas as pd

    return pd.Series(values, index=index, dtype="int64")


def nps(promoters, detractors, answers):
    """% promoters (9–10) − % detractors (0–6); None (NaN for series) when nobody answered."""
    if isinstance(answers, int):
        return None if answers == 0 else 100 * (promoters - detractors) / answers
    return 100 * (promoters - detractors) / answers.where(answers > 0)


def satisfaction_part(frame: pd.DataFrame) -> pd.Series:
    """From NPS (25 × (NPS + 100) / 200; 25 when nobody answered) less 5 per complaint in the
    last 12 months and 5 more per complaint answered after 48 hours."""
    score = nps(frame["promoters"], frame["detractors"], frame["nps_answers"])
    base = (25 * (score + 100) / 200).fillna(25.0)
    base = base - 5 * frame["complaints_12m"] - 5 * frame["complaints_late_12m"]
    return _half_up(base.clip(lower=0, upper=25))


def competition_part(frame: pd.DataFrame) -> pd.Series:
    """25 less 15 × the share of the 12 months' closed deals lost to a competitor, less 10 × the
    share of the 12 months' activities naming a competitor: shares, so that a big customer with
    many deals and visits is not punished for its size."""

    def share(part: pd.Series, whole: pd.Series) -> pd.Series:
        return (part / whole.where(whole > 0)).fillna(0).clip(upper=1)

    lost = share(frame["lost_to_competitor_12m"], frame["closed_deals_12m"])
    named = share(frame["competitor_mentions"], frame["activities_12m"])
    return _half_up((25 - 15 * lost - 10 * named).clip(lower=0))


HEALTH_PARTS = ("frequency", "need", "satisfaction", "competition")


def health_scores(frame: pd.DataFrame, rules: CustomerRules | None = None) -> pd.DataFrame:
    """Each customer's health (0–100) = four parts of 0–25 each, and ``warning`` below the
    threshold (a service upgrade warning): for every customer, as seed 003 says, or with
    ``health_warning_ordered_only`` for those who ordered in the last 12 months only."""
    import pandas as pd

    rules = rules or CustomerRules()
    out = pd.DataFrame(index=frame.index)
    out["frequency"] = frequency_part(frame["orders_12m"], frame["orders_prev_12m"])
    out["need"] = need_part(
        frame["new_deals_90d"], frame["new_deals_180d"], frame["new_deals_365d"]
    )
    out["satisfaction"] = satisfaction_part(frame)
    out["competition"] = competition_part(frame)
    out["health"] = out[list(HEALTH_PARTS)].sum(axis=1).astype("int64")
    out["warning"] = out["health"] < rules.health_warning_below
    if rules.health_warning_ordered_only:
        out["warning"] &= frame["orders_12m"] > 0
    return out


def health_reasons(row) -> dict[str, str]:
    """Why each part of one customer's health is what it is (``row``: a frame row)."""
    o12, prev = int(row["orders_12m"]), int(row["orders_prev_12m"])
    if o12 == 0:
        freq = _("no order in the last 12 months")
    elif prev == 0:
        freq = ngettext(
            "{n} order in 12 months, none the year before (new)",
            "{n} orders in 12 months, none the year before (new)",
            o12,
        ).format(n=o12)
    else:
        freq = ngettext(
            "{n} order in 12 months against {prev} the year before",
            "{n} orders in 12 months against {prev} the year before",
            o12,
        ).format(n=o12, prev=prev)
    if row["new_deals_90d"]:
        new = int(row["new_deals_90d"])
        need = ngettext(
            "{n} new opportunity in 90 days", "{n} new opportunities in 90 days", new
        ).format(n=new)
    elif row["new_deals_180d"]:
        need = _("latest new opportunity 90–180 days ago")
    elif row["new_deals_365d"]:
        need = _("latest new opportunity 180–365 days ago")
    else:
        need = _("no new opportunity in a year")
    answers = int(row["nps_answers"])
    score = nps(int(row["promoters"]), int(row["detractors"]), answers)
    sat = (
        ngettext("NPS {score} from {n} answer", "NPS {score} from {n} answers", answers).format(
            score=number(score, signed=True), n=answers
        )
        if answers
        else _("no NPS answers")
    )
    complaints = int(row["complaints_12m"])
    sat += "; " + ngettext(
        "{n} complaint, {late} past {hours} h", "{n} complaints, {late} past {hours} h", complaints
    ).format(n=complaints, late=int(row["complaints_late_12m"]), hours=COMPLAINT_RESPONSE_HOURS)
    comp = _(
        "{lost} of {closed} closed deals lost to competitors; competitor named in "
        "{named} of {activities} activities (12 months)"
    ).format(
        lost=int(row["lost_to_competitor_12m"]),
        closed=int(row["closed_deals_12m"]),
        named=int(row["competitor_mentions"]),
        activities=int(row["activities_12m"]),
    )
    return {"frequency": freq, "need": need, "satisfaction": sat, "competition": comp}


@dataclass(frozen=True)
class ChurnWarning:
    customer_id: int
    reason: str


def churn_warnings(frame: pd.DataFrame, rules: CustomerRules | None = None) -> list[ChurnWarning]:
    """Orders or activities in the last 90 days at or below ``churn_drop`` of the customer's own
    rate over the 360 days before (that count / 4), when that history holds a habit
    (≥ ``churn_min_history`` events). One warning per customer, naming what fell."""
    rules = rules or CustomerRules()
    reasons: dict[int, list[str]] = {}
    for label, recent_col, before_col in (
        (N_("orders {n} in 90 days, usually {usual}"), "orders_90d", "orders_90_450d"),
        (N_("activities {n} in 90 days, usually {usual}"), "activities_90d", "activities_90_450d"),
    ):
        recent, before = frame[recent_col], frame[before_col]
        usual = before / 4
        hit = (before >= rules.churn_min_history) & (recent <= usual * rules.churn_drop)
        for cid, count, rate in zip(
            frame.index[hit].tolist(), recent[hit].tolist(), usual[hit].tolist(), strict=True
        ):
            reasons.setdefault(int(cid), []).append(
                _(label).format(n=int(count), usual=f"{rate:g}")
            )
    return [ChurnWarning(cid, "; ".join(r)) for cid, r in sorted(reasons.items())]
