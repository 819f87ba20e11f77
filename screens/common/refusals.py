"""How a screen words a worker that failed: a rule broken (``DomainError``) speaks for itself,
anything else is named for what was being done. Screens say it on their ``#status`` line
(``BaseScreen``), forms on their ``#error`` line (``FormScreen``)."""

from __future__ import annotations

from salestui.kernel.errors import DomainError


def refusal_text(error: BaseException | None, doing: str) -> str:
    return str(error) if isinstance(error, DomainError) else f"{doing}: {error}"
