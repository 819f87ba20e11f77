"""`report weekly` from README "Weekly review" (and the board, tiers and team it borrows from)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from tests.oracle.customers import customer_table
from tests.oracle.frames import (
    Clock,
    between,
    half_up,
    last_12_months,
    major,
    quarter_of,
    setting_int,
)
from tests.oracle.pipeline import OPEN, stalled

FUNNEL = (*OPEN, "Won")
PROBABILITY = {"Prospect": 10, "Qualified": 25, "Proposal": 50, "Negotiation": 75}
SLA_HOURS = {"A": 2, "B": 24, "C": 120}
BIG_DEAL = 500_000_00


def _pct(num, den):
    return None if not den else num * 100 / den


def people_targets(frames, q0: date, metric: str = "revenue") -> dict[int, int]:
    """The people's own targets for the quarter (README "Weekly review": as the milestones)."""
    tg = frames["target"]
    tg = tg[
        (tg["scope_type"] == "person")
        & (tg["period_type"] == "quarter")
        & (tg["period_start"] == q0)
        & (tg["metric"] == metric)
    ]
    return dict(zip(tg["scope_id"].astype(int), tg["value"].astype(int), strict=True))


def team_targets(frames, clock: Clock, q0: date) -> tuple[int | None, int | None, dict]:
    """README "Weekly review": the quarter's targets are the team screen's for the same viewer —
    its top line's revenue and new-customer targets, each region line's revenue target."""
    from decimal import Decimal

    from tests.oracle.team import team

    board = team(frames, clock, f"{q0.year}-Q{(q0.month - 1) // 3 + 1}")

    def minor(v):
        return None if v is None else int(Decimal(str(v)) * 100)

    rows = board["rows"]  # keyed "level / region / name"
    top = next(r for k, r in rows.items() if k.startswith("root / "))
    regions = {r["name"]: minor(r["target"]) for k, r in rows.items() if k.startswith("region / ")}
    return minor(top["target"]), top["new_customers_target"], regions


def kpis(frames, clock: Clock) -> list[dict]:
    today = clock.today
    q0, q1 = quarter_of(today)
    then = clock.local_now - timedelta(days=7)
    then_day = then.date()
    target, nc_target, _ = team_targets(frames, clock, q0)
    target = target or None
    opp = frames["opportunity"]
    in_q = between(opp["closed_at"], q0, today)
    by_then = opp["closed_at"] <= then

    def won_rev(mask):
        return int(opp.loc[mask & in_q & (opp["stage"] == "Won"), "amount_minor"].sum())

    def win_rate(mask):
        won = int((mask & in_q & (opp["stage"] == "Won")).sum())
        lost = int((mask & in_q & (opp["stage"] == "Lost")).sum())
        return _pct(won, won + lost)

    everything = opp["id"].notna()
    rev_now, rev_then = won_rev(everything), won_rev(by_then)
    gone = ((today - q0).days + 1) / ((q1 - q0).days + 1)

    # the pipeline now (stored probabilities) and as it stood a week ago (the stage's setting)
    open_now = opp[opp["stage"].isin(OPEN)]
    probability = {s: setting_int(frames, f"probability.{s}", p) for s, p in PROBABILITY.items()}
    sc = frames["stage_change"]
    sc = sc[sc["changed_at"] <= then].sort_values(["changed_at", "id"])
    stage_then = sc.groupby("opportunity_id")["to_stage"].last()
    alive = opp[(opp["created_at"] <= then) & ~(opp["closed_at"] <= then)].copy()
    alive["stage_then"] = alive["id"].map(stage_then)
    alive = alive[alive["stage_then"].isin(OPEN)]
    open_then = int(alive["amount_minor"].sum())
    weighted_then = half_up(
        int((alive["amount_minor"] * alive["stage_then"].map(probability)).sum()), 100
    )
    weighted_now = half_up(int((open_now["amount_minor"] * open_now["probability"]).sum()), 100)
    to_win = max((target or 0) - rev_now, 0)
    coverage = setting_int(frames, "plan.coverage", 3)

    cust = frames["customer"]
    new_now = int(between(cust["created_at"], q0, today).sum())
    new_then = int((between(cust["created_at"], q0, today) & (cust["created_at"] <= then)).sum())
    nc_targets = [nc_target] if nc_target else []

    orders = frames["sales_order"]
    inv = orders[orders["amount_minor"] > 0]

    def collection(upto: date, paid_by: date | None):
        due = inv[between(inv["due_date"], q0, upto)]
        paid = (
            due["paid_minor"]
            if paid_by is None
            else due["paid_minor"].where(
                due["paid_date"].map(lambda d: d is None or pd.isna(d) or d <= paid_by), 0
            )
        )
        return _pct(int(paid.sum()), int(due["amount_minor"].sum()))

    def overdue(day: date, paid_by: date | None):
        due = inv[inv["due_date"] < day]
        paid = (
            due["paid_minor"]
            if paid_by is None
            else due["paid_minor"].where(
                due["paid_date"].map(lambda d: d is None or pd.isna(d) or d <= paid_by), 0
            )
        )
        return int((due["amount_minor"] - paid).clip(lower=0).sum())

    rows = [
        (
            "attainment",
            "pct",
            _pct(rev_now, target),
            _pct(rev_then, target),
            gone * 100 if target else None,
        ),
        (
            "open",
            "money",
            int(open_now["amount_minor"].sum()),
            open_then,
            coverage * to_win if target else None,
        ),
        ("weighted", "money", weighted_now, weighted_then, to_win if target else None),
        (
            "win_rate",
            "pct",
            win_rate(everything),
            win_rate(by_then),
            setting_int(frames, "plan.win_rate", 30),
        ),
        (
            "new_customers",
            "count",
            new_now,
            new_then,
            sum(nc_targets) * gone if nc_targets else None,
        ),
        (
            "collection",
            "pct",
            collection(today, None),
            collection(then_day, then_day),
            setting_int(frames, "plan.collection_rate", 95),
        ),
        ("overdue", "money", overdue(today, None), overdue(then_day, then_day), 0),
    ]
    out = []
    for key, unit, value, last, plan in rows:
        vs_week = None if value is None or last is None else value - last
        vs_plan = None if value is None or plan is None else value - plan
        if unit == "money":
            value, last, plan, vs_week, vs_plan = (
                None if v is None else major(int(v)) for v in (value, last, plan, vs_week, vs_plan)
            )
        row = {"key": key, "unit": unit, "value": value, "last_week": last, "plan": plan}
        row |= {"vs_week": vs_week, "vs_plan": vs_plan}
        out.append(row)
    return out


def funnel(frames, clock: Clock, period: str) -> dict:
    opp = frames["opportunity"]
    today = clock.today
    if period == "year":
        w0, w1 = last_12_months(today)
        cohort = opp[between(opp["created_at"], w0, w1)]
    elif period == "quarter":
        q0, _ = quarter_of(today)
        cohort = opp[between(opp["created_at"], q0, today)]
    else:
        cohort = opp
    sc = frames["stage_change"]
    sc = sc[sc["opportunity_id"].isin(cohort["id"])]
    entered = {s: set(sc.loc[sc["to_stage"] == s, "opportunity_id"]) for s in FUNNEL}
    rank = {s: i for i, s in enumerate(FUNNEL)}
    furthest = (
        sc[sc["to_stage"].isin(FUNNEL)]
        .groupby("opportunity_id")["to_stage"]
        .agg(lambda st: max(rank[s] for s in st))
    )
    reached = {s: set(furthest[furthest >= rank[s]].index) for s in FUNNEL}

    def steps(sets, strict):
        out = []
        for a, b in zip(FUNNEL, FUNNEL[1:], strict=False):
            n = len(sets[a])
            adv = len(sets[a] & sets[b]) if strict else len(sets[b])
            out.append(
                {
                    "from": a,
                    "to": b,
                    "entered": n,
                    "advanced": adv,
                    "conversion": adv / n if n else None,
                    "drop_off": n - adv,
                }
            )
        return out

    return {
        "period": period,
        "deals": len(cohort),
        "strict": steps(entered, True),
        "any_stage": steps(reached, False),
    }


def _month(d: date, back: int) -> str:
    m = d.year * 12 + d.month - 1 - back
    return f"{m // 12}-{m % 12 + 1:02d}"


def monthly_won(frames) -> pd.Series:
    opp = frames["opportunity"]
    won = opp[opp["stage"] == "Won"]
    return won.groupby(won["closed_at"].dt.strftime("%Y-%m"))["amount_minor"].sum()


def trend(frames, clock: Clock) -> list[dict]:
    by_month = monthly_won(frames)
    months = [_month(clock.today, back) for back in range(35, -1, -1)]
    rev = {m: int(by_month.get(m, 0)) for m in months}
    first = min(by_month.index) if len(by_month) else "9999-99"
    known = {m: m >= first for m in months}
    out = []
    for i, m in enumerate(months):
        prev = rev[months[i - 1]] if i >= 1 and known[months[i - 1]] else None
        last_year = rev[months[i - 12]] if i >= 12 and known[months[i - 12]] else None
        out.append(
            {
                "month": m,
                "revenue": major(rev[m]),
                "mom": rev[m] / prev - 1 if prev else None,
                "yoy": rev[m] / last_year - 1 if last_year else None,
                "same_month_last_year": None if last_year is None else major(last_year),
            }
        )
    return out


def forecast(frames, clock: Clock) -> dict:
    """Next quarter: the same quarter last year × the 12-month growth when two years are known,
    else the mean of the last 3 months."""
    today = clock.today
    q0, q1 = quarter_of(today)
    n0 = q1 + timedelta(days=1)
    nxt = [_month(n0, -i) for i in range(3)]
    by_month = monthly_won(frames)
    this_year = sum(by_month.get(_month(today, b), 0) for b in range(1, 13))
    year_before = sum(by_month.get(_month(today, b), 0) for b in range(13, 25))
    if year_before > 0:
        growth = this_year / year_before
        months = {
            m: by_month.get(_month(date(int(m[:4]) - 1, int(m[5:]), 1), 0), 0) * growth for m in nxt
        }
    else:
        last3 = [by_month.get(_month(today, b), 0) for b in (1, 2, 3)]
        months = {m: sum(last3) / 3 for m in nxt}
    cents = {m: half_up(round(v * 1000), 1000) for m, v in months.items()}
    return {"total": major(sum(cents.values())), "months": {m: major(c) for m, c in cents.items()}}


def problems(frames, clock: Clock) -> dict:
    opp = frames["opportunity"]
    open_deals = opp[opp["stage"].isin(OPEN)]
    leads = frames["lead"]
    sla = leads["grade"].map(SLA_HOURS).fillna(120)
    waiting = leads[
        leads["first_contact_at"].isna()
        & leads["status"].eq("new")
        & (clock.local_now - leads["created_at"] > pd.to_timedelta(sla, unit="h"))
    ]
    inv = frames["sales_order"]
    inv = inv[
        (inv["amount_minor"] > 0)
        & (inv["due_date"] < clock.today)
        & (inv["paid_minor"] < inv["amount_minor"])
    ]
    comp = frames["complaint"]
    unanswered = comp[
        comp["first_response_at"].isna()
        & (clock.local_now - comp["opened_at"] > timedelta(hours=48))
    ]
    t = customer_table(frames, clock)
    return {
        "stalled_deals": int(stalled(frames, clock, open_deals).sum()),
        "sla_breaches": len(waiting),
        "overdue_invoices": len(inv),
        "unanswered_complaints": len(unanswered),
        "health_warnings": int((t["health"] < 80).sum()),
        "churn_warnings": int((t["churn_warning"] != "").sum()),
        "region_gaps": region_gaps(frames, clock),
    }


def region_gaps(frames, clock: Clock) -> list[dict]:
    """Per region of the people: won this quarter against the region line's quarter target (the
    team screen's), behind the share of the quarter gone by."""
    today = clock.today
    q0, q1 = quarter_of(today)
    gone = ((today - q0).days + 1) / ((q1 - q0).days + 1) * 100
    region_of = frames["person"].set_index("id")["region_id"]
    names = frames["region"].set_index("id")["name"]
    by_name = team_targets(frames, clock, q0)[2]
    targets = {rid: by_name.get(name) or 0 for rid, name in names.items() if name in by_name}
    opp = frames["opportunity"]
    won = opp[(opp["stage"] == "Won") & between(opp["closed_at"], q0, today)]
    won_by = won.groupby(won["owner_id"].map(region_of))["amount_minor"].sum()
    out = []
    for rid, target in targets.items():
        if rid is None or pd.isna(rid) or target <= 0:
            continue
        w = int(won_by.get(rid, 0))
        gap = gone - w * 100 / target
        if gap > 0:
            out.append(
                {"region": names[rid], "won": major(w), "target": major(target), "gap_pts": gap}
            )
    return sorted(out, key=lambda g: (-g["gap_pts"], g["region"]))


def since_last_review(frames, clock: Clock) -> dict:
    since = clock.local_now - timedelta(days=7)
    # net: the stage a deal stood in at the review (its history up to then; none: created
    # since, so new, not moved) against the stage it is in now, both open
    sc = frames["stage_change"]
    sc = sc[sc["changed_at"] <= since].sort_values(["changed_at", "id"])
    then = sc.groupby("opportunity_id")["to_stage"].last()
    opp = frames["opportunity"]
    now = opp.set_index("id")["stage"].reindex(then.index)
    rank = {s: i for i, s in enumerate(OPEN)}
    both = then.isin(OPEN) & now.isin(OPEN)
    step = now[both].map(rank) - then[both].map(rank)
    closed = opp[opp["closed_at"] >= since]
    audit = frames["audit_log"]
    moved = audit[(audit["at"] >= since) & (audit["field"] == "expected_close")]
    slipped = moved[moved["new"].fillna("") > moved["old"].fillna("")]
    big = opp[(opp["created_at"] >= since) & (opp["amount_minor"] >= BIG_DEAL)]
    return {
        "first_review": True,
        "moved_forward": int((step > 0).sum()),
        "moved_backwards": int((step < 0).sum()),
        "won": int((closed["stage"] == "Won").sum()),
        "lost": int((closed["stage"] == "Lost").sum()),
        "slipped": int(slipped["row_id"].nunique()),
        "new_big_deals": len(big),
    }


def action_items(frames, clock: Clock) -> list[dict]:
    today = clock.today
    week_end = today + timedelta(days=7 - today.weekday())  # the Monday after
    items = frames["action_item"]
    items = items[items["status"].isin(["open", "doing"]) & (items["due"] < week_end)]
    logins = frames["person"].set_index("id")["login"]
    items = items.sort_values(["due", "id"])
    return [
        {
            "id": int(i.id),
            "due": i.due.isoformat(),
            "title": i.title,
            "owner": logins[i.owner_id],
            "priority": i.priority,
            "status": i.status,
        }
        for i in items.itertuples()
    ]


def weekly(frames, clock: Clock, period: str = "year") -> dict:
    return {
        "kpis": kpis(frames, clock),
        "funnel": funnel(frames, clock, period),
        "trend": trend(frames, clock),
        "forecast": forecast(frames, clock),
        "problems": problems(frames, clock),
        "since_last_review": since_last_review(frames, clock),
        "action_items": action_items(frames, clock),
    }
