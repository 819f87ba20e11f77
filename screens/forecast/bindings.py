"""The forecast screen's keys, in the order `?` shows them: the footer and `?` read this table,
the actions it names are ``ForecastScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

FORECAST_KEYS = [
    Binding("c", "call", "Call", id="forecast.call",
            tooltip="Submit your call for your scope's quarter (amount, note)"),
    Binding("p", "switch_quarter", "Quarter", id="forecast.quarter",
            tooltip="Show this quarter or the next (on/off)"),
    Binding("a", "accuracy", "Accuracy", id="forecast.accuracy",
            tooltip="How right past quarters' calls were: error, bias, the closest method"),
    Binding("r", "reload", "Reload", show=False, id="forecast.reload",
            tooltip="Read the forecast again"),
]  # fmt: skip
