"""What every screen and command shares: the open database, the person acting, and the clock."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine

T = TypeVar("T")

ENV_DB = "SALESTUI_DB"


def default_database() -> str:
    """``--db``, else ``SALESTUI_DB``, else a file in the user data folder."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("salestui", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "salestui.db")


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in a bare container
        return os.environ.get("USER", "admin")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    engine: Engine
    user: str
    clock: Callable[[], datetime] = field(default=_utc_now)

    def now(self) -> datetime:
        return self.clock()

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a read-only query function of ``salestui.db.queries`` on a fresh connection.

        A Core connection, not an ORM session: reads need no ORM, and the first frame should not
        wait for it to import.
        """
        with self.engine.connect() as connection:
            return query(connection, *args, **kwargs)

    def write(self, service: Callable[..., T], *args, **kwargs) -> T:
        """Run a service (it commits or raises DomainError having written nothing)."""
        from sqlmodel import Session

        with Session(self.engine) as session:
            try:
                return service(session, *args, **kwargs)
            except BaseException:
                session.rollback()
                raise
