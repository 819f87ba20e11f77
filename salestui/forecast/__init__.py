"""Forecasting: how a team calls its quarter (DOMAIN.md "Forecasting")."""
