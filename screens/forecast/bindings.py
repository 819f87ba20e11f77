"""The forecast screen's keys, in the order `?` shows them: the footer and `?` read this table,
the actions it names are ``ForecastScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_

FORECAST_KEYS = [
    Binding("c", "call", N_("Call"), id="forecast.call",
            tooltip=N_("Submit your call for your scope's quarter (amount, note)")),
    Binding("p", "switch_quarter", N_("Quarter"), id="forecast.quarter",
            tooltip=N_("Show this quarter or the next (on/off)")),
    Binding("a", "accuracy", N_("Accuracy"), id="forecast.accuracy",
            tooltip=N_("How right past quarters' calls were: error, bias, the closest method")),
    Binding("r", "reload", N_("Reload"), show=False, id="forecast.reload",
            tooltip=N_("Read the forecast again")),
]  # fmt: skip
