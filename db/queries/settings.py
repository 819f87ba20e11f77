"""The settings table as a plain dict; the core turns it into rules with defaults."""

from __future__ import annotations

from salestui.db.queries.executor import Session, first, rows


def settings_map(session: Session) -> dict[str, str]:
    found = rows(session, "SELECT key AS key, value AS value FROM setting")
    return {r.key: r.value for r in found}


def setting_value(session: Session, key: str) -> str | None:
    """One setting's stored value (None: not set): the start-up reads one, not the table."""
    found = first(session, "SELECT value AS value FROM setting WHERE key = :key", {"key": key})
    return None if found is None else found.value
