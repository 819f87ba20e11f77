"""What a query function runs on: an ORM ``Session`` or a Core ``Connection`` — both execute SQL.

Query functions only call ``.execute(statement, params)``, so the app reads through a light Core
connection while services and tests may pass their ORM session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.engine import Result


class Session(Protocol):
    def execute(self, statement: Any, parameters: Any = None, /, **kw: Any) -> Result: ...
