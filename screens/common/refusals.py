"""How a screen words a worker that failed: a rule broken (``DomainError``) speaks for itself,
anything else is named for what was being done. Screens say it on their ``#status`` line
(``BaseScreen``), forms on their ``#error`` line (``FormScreen``)."""

from __future__ import annotations

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _


def refusal_text(error: BaseException | None, doing: str) -> str:
    """``doing`` is a marked (``N_``) phrase such as a screen's ``FAILED``: translated here."""
    if isinstance(error, DomainError):
        return str(error)
    return _("{doing}: {error}").format(doing=_(doing), error=error)
