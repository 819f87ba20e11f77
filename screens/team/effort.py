"""The team screen's effort line: the share of activities and of visits on the top 20 % of
customers, for the viewer's team and who falls short — the review's figure
(``salestui.review.stage_effort``), read after the leaderboard is drawn."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static

from salestui.kernel.i18n import _


class EffortLine(Static):
    DEFAULT_CSS = """
    EffortLine {
        height: auto;
        max-height: 3;
        padding: 0 1;
    }
    """

    class Read(Message):
        """The effort figures (``salestui.review.stage_effort``), read in a worker."""

        def __init__(self, effort) -> None:
            super().__init__()
            self.effort = effort

    def __init__(self, **kwargs) -> None:
        super().__init__(
            Text(_("effort on the top 20 % of customers: reading…"), style="dim"), **kwargs
        )

    def on_mount(self) -> None:
        self.call_after_refresh(self._read)

    @work(thread=True, exclusive=True, group="team-effort", exit_on_error=False)
    def _read(self) -> None:
        from salestui.customers.load import PendingTable, customer_rules
        from salestui.review.stage_effort import load_review_effort, load_review_effort_counts
        from salestui.runtime.reads import scans_in_processes
        from salestui.scope import load_scope

        ctx = self.app.ctx
        now = ctx.now()
        scope = ctx.read(load_scope, ctx.user)
        # the activity counts in a worker process on a large file, beside the team's own scans
        # (threads of one process scan in turn) and the customer table read here meanwhile
        (counts,) = ctx.submit_reads(
            [load_review_effort_counts], scope, now, processes=scans_in_processes(ctx)
        )
        table = PendingTable(ctx, customer_rules(ctx), now).tiers()  # the ranking: RFM "m"
        effort = ctx.read(load_review_effort, scope, now, table, counts.result())
        self.post_message(self.Read(effort))

    def on_effort_line_read(self, event: Read) -> None:
        event.stop()
        self.update(effort_text(event.effort))


def effort_text(e) -> Text:
    from salestui.review.stage_effort import window_words
    from salestui.team.effort import share_text

    text = Text(no_wrap=False)
    text.append(_("Effort on the top 20 % of customers"), style="bold")
    text.append(
        _(" ({window}, target {target} %): ").format(window=window_words(e), target=e.target)
    )
    short = e.team.short_of(e.target)
    text.append(
        _("activities {a} · visits {v}").format(
            a=share_text(e.team.activity_share), v=share_text(e.team.visit_share)
        ),
        style="yellow" if short else "green",
    )
    if e.short:
        text.append(_(" · short: "))
        text.append(
            ", ".join(
                f"{p.name} {share_text(p.activity_share)}/{share_text(p.visit_share)}"
                for p in e.short
            ),
            style="yellow",
        )
    return text
