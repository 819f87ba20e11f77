"""`L`, the one key that logs an activity, the same on every screen that offers it. Apart from
the activity form itself, so a screen's key table does not import the form's widgets (13 ms on
the board's way to its first frame)."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_

# what `L` logs on, as its help says it (N_: translated where shown)
_LOG_TIPS = {
    "the deal": N_("Log a call, visit, meeting… on the deal"),
    "the customer": N_("Log a call, visit, meeting… on the customer"),
}


def log_binding(screen_id: str, what: str) -> Binding:
    """``what`` is "the deal" or "the customer"."""
    return Binding("L", "log", N_("Log"), id=f"{screen_id}.log", tooltip=_LOG_TIPS[what])
