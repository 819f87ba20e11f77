"""The settings table as a plain dict; the core turns it into rules with defaults."""

from __future__ import annotations

from salestui.db.queries.executor import Session, rows


def settings_map(session: Session) -> dict[str, str]:
    return {r[0]: r[1] for r in rows(session, "SELECT key, value FROM setting")}
