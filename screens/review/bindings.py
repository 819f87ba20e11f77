"""The review's keys, in the order `?` shows them (the actions are ``ReviewScreen``'s)."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_

REVIEW_KEYS = [
    Binding(
        "d",
        "done",
        N_("Review done"),
        id="review.done",
        tooltip=N_("Mark the review done: its snapshot is what the next review compares against"),
    ),
    Binding(
        "p",
        "period",
        N_("Period"),
        id="review.period",
        tooltip=N_("Funnel period: last 12 months, this quarter, all deals"),
    ),
    Binding(
        "f",
        "funnel_mode",
        N_("Strict/any"),
        id="review.funnel",
        tooltip=N_("Funnel conversion: strict (stage k → k+1) or any-stage (skips count)"),
    ),
    Binding("down,j", "scroll(1)", "↓", show=False, id="review.down", tooltip=N_("Scroll down")),
    Binding("up,k", "scroll(-1)", "↑", show=False, id="review.up", tooltip=N_("Scroll up")),
    Binding(
        "pagedown,space",
        "scroll(10)",
        "PgDn",
        show=False,
        id="review.pagedown",
        tooltip=N_("Next screenful"),
    ),
    Binding(
        "pageup",
        "scroll(-10)",
        "PgUp",
        show=False,
        id="review.pageup",
        tooltip=N_("Previous screenful"),
    ),
    Binding(
        "r",
        "reload",
        N_("Reload"),
        show=False,
        id="review.reload",
        tooltip=N_("Reload from the database"),
    ),
]
