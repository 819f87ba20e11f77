"""The one rule for the text a person gives any write, whatever its door (a form, the command
line, an import's cells through the same kernel words): nothing a terminal acts on.

Every service checks the text it was given with :func:`refuse_control_characters` before it
reads or writes anything, so a refusal names the field and leaves the database as it was.
"""

from __future__ import annotations

from salestui.kernel.errors import DomainError
from salestui.kernel.format import control_character_refusal
from salestui.kernel.i18n import _


def refuse_control_characters(fields: dict[str, object]) -> None:
    """``fields``: the field's name as a person reads it → what was given. The first text holding
    a control character (ESC, NUL, C1 …; tab and newline pass) is refused, naming its field."""
    for field, value in fields.items():
        if isinstance(value, str) and (why := control_character_refusal(value)) is not None:
            raise DomainError(_("the {field} {why}").format(field=field, why=why))
