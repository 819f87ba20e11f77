"""The settings table as a plain dict; the core turns it into rules with defaults."""

from __future__ import annotations

from salestui.db.queries.executor import Session, rows


def settings_map(session: Session) -> dict[str, str]:
    found = rows(session, "SELECT key AS key, value AS value FROM setting")
    return {r.key: r.value for r in found}
