"""The review's stage durations and effort allocation, for the screen and `report weekly` alike:
loaded for the review's scope, written as Markdown and JSON here so both doors say the same.
"""

from __future__ import annotations

from datetime import datetime

from salestui.board.durations import Durations, days_text, load_durations
from salestui.kernel.dates import shown_date
from salestui.kernel.format import number
from salestui.kernel.i18n import N_, _, ngettext
from salestui.scope import Scope
from salestui.team.effort import (
    Effort,
    EffortShare,
    effort_counts_in,
    load_effort,
    share_text,
)


def names_of(scope: Scope) -> dict[int, str]:
    return {p.id: p.display_name for p in scope.people}


def load_review_durations(conn, scope: Scope, now: datetime) -> Durations:
    return load_durations(
        conn, scope.owners, names_of(scope), scope.settings, scope.rules.stall_days, now.date()
    )


def load_review_effort_counts(conn, scope: Scope, now: datetime) -> list:
    """The effort's reads (``salestui.team.effort.effort_counts_in``) for the review's scope:
    they need no customer table, so a caller starts them with the other big reads."""
    return effort_counts_in(conn, scope.owners, now.date(), scope.settings)


def load_review_effort(conn, scope: Scope, now: datetime, table, counts=None) -> Effort:
    """``table``: the whole company's customer table (its RFM ``m`` gives the top 20 %), when
    the caller has it; the kept one otherwise (``salestui.customers.load.table_from``).
    ``counts``: :func:`load_review_effort_counts`, when read already."""
    if table is None:
        from salestui.customers.health import customer_rules_from
        from salestui.customers.load import table_from

        table = table_from(conn, now, customer_rules_from(scope.settings))
    return load_effort(
        conn,
        scope.owners,
        names_of(scope),
        scope.settings,
        now.date(),
        table,
        scope.label,
        counts,
    )


def window_words(d: Durations | Effort) -> str:
    w = d.window
    return f"{shown_date(w.start)} – {shown_date(w.last)}"


def effort_problem(e: Effort) -> str | None:
    """The problems' line when the team or anyone falls short of the target, else None."""
    if not e.short and not e.team.short_of(e.target):
        return None
    n = len(e.short)
    who = ngettext("{n} person short", "{n} people short", n).format(n=f"{n:,}") + (
        ": " + ", ".join(p.name for p in e.short) if n else ""
    )
    return _(
        "effort on the top 20 % of customers below {target} % — team activities "
        "{activities}, visits {visits}; {who}"
    ).format(
        target=e.target,
        activities=share_text(e.team.activity_share),
        visits=share_text(e.team.visit_share),
        who=who,
    )


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _effort_row(s: EffortShare) -> list[str]:
    return [
        s.name,
        f"{s.activities:,}",
        share_text(s.activity_share),
        f"{s.visits:,}",
        share_text(s.visit_share),
    ]


def render_md(d: Durations | None, e: Effort | None) -> str:
    out = ["\n## " + _("8. Stage durations and effort allocation") + "\n"]
    if d is not None:
        out.append(
            _(
                "Days in each stage of the stints that left it {window}, against the stage's "
                "stall limit."
            ).format(window=window_words(d))
            + "\n"
        )
        rows = [
            [_(t.stage), f"{t.stints:,}", days_text(t.average), days_text(t.median), f"{t.limit}d"]
            for t in d.team
        ]
        head = [N_("Stage"), N_("Left"), N_("Average"), N_("Median"), N_("Limit")]
        out.append(_md_table(head, rows))
        factor = number(d.rules.much_longer, decimals=1)
        if d.flagged:
            out.append("\n" + _("Median over {factor} × the team's:").format(factor=factor) + "\n")
            out.append(
                _md_table(
                    [N_("Person"), N_("Stage"), N_("Left"), N_("Median"), N_("Team median")],
                    [
                        [
                            p.name,
                            _(p.time.stage),
                            f"{p.time.stints:,}",
                            days_text(p.time.median),
                            days_text(p.team_median),
                        ]
                        for p in d.flagged
                    ],
                )
            )
        else:
            out.append(
                "\n"
                + _("Nobody's median is over {factor} × the team's.").format(factor=factor)
                + "\n"
            )
    if e is not None:
        out.append(
            "\n"
            + _(
                "Effort on the top 20 % of customers by 12-month revenue, {window} "
                "(target {target} %):"
            ).format(window=window_words(e), target=e.target)
            + "\n"
        )
        head = [N_("Who"), N_("Activities"), N_("On top 20 %"), N_("Visits"), N_("On top 20 %")]
        out.append(_md_table(head, [_effort_row(e.team)] + [_effort_row(p) for p in e.people]))
    return "\n".join(out)


def render_json(d: Durations | None, e: Effort | None) -> dict:
    body: dict = {}
    if d is not None:
        body["stage_durations"] = {
            "from": d.window.start.isoformat(),
            "to": d.window.last.isoformat(),
            "much_longer": d.rules.much_longer,
            "stages": [
                {
                    "stage": t.stage,
                    "stints": t.stints,
                    "average_days": t.average,
                    "median_days": t.median,
                    "limit_days": t.limit,
                }
                for t in d.team
            ],
            "much_longer_people": [
                {
                    "person": p.name,
                    "stage": p.time.stage,
                    "stints": p.time.stints,
                    "median_days": p.time.median,
                    "team_median_days": p.team_median,
                }
                for p in d.flagged
            ],
        }
    if e is not None:

        def share(s: EffortShare) -> dict:
            return {
                "name": s.name,
                "activities": s.activities,
                "top_activities": s.top_activities,
                "activity_share_pct": s.activity_share,
                "visits": s.visits,
                "top_visits": s.top_visits,
                "visit_share_pct": s.visit_share,
                "short": s.short_of(e.target),
            }

        body["effort"] = {
            "from": e.window.start.isoformat(),
            "to": e.window.last.isoformat(),
            "target_pct": e.target,
            "team": share(e.team),
            "people": [share(p) for p in e.people],
        }
    return body
