"""What the root options gave (``--db``, ``--user``, ``--lang``) and who acts: kept on the
command's context (its ``meta``), read back by every command. Nothing here imports Typer, so
opening the app (``salestui.cli.quick``) resolves the same way without loading the command line;
a mistake is raised as the command line's own ``UserMistake`` (imported then).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Protocol

from salestui.context import ENV_DB
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _

_META_DB = "salestui.db"
_META_USER = "salestui.user"
_META_ACTING = "salestui.acting"
_META_LANG = "salestui.lang"

# Set while this command writes csv / json (see report_format): the team's language is not used.
_machine: list[str | None] = [None]  # the person's own language, while it is set aside


class Given(Protocol):
    """Typer's context, or anything with its ``meta`` dict."""

    meta: dict[str, Any]


def use_clock_of(person) -> None:
    """The person's zone for every day and period this command works out; one that this
    machine does not know (written by hand into the database) is said, and the system's used."""
    from salestui.kernel.clock import use_zone

    try:
        use_zone(person.timezone or None)
    except DomainError as exc:
        use_zone(None)
        print(
            "salestui: "
            + _("{problem}; {login}'s days follow this machine's clock").format(
                problem=exc, login=person.login
            ),
            file=sys.stderr,
        )


def remember(ctx: Given, db: str | None, user: str | None, lang: str | None = None) -> None:
    """``--db`` / ``--user`` / ``--lang`` given before or after the sub-command; the later one
    wins. The language is set at once, so even a mistake in what follows is said in it."""
    _machine[0] = None
    if db is not None:
        ctx.meta[_META_DB] = db
    if user is not None:
        ctx.meta[_META_USER] = user
    if lang is not None:
        from salestui.kernel.i18n import refusal

        if (why := refusal(lang)) is not None:
            from salestui.cli.said import UserMistake

            raise UserMistake("--lang: " + why)
        ctx.meta[_META_LANG] = lang
    from salestui.kernel.i18n import language_from, set_language

    set_language(language_from(ctx.meta.get(_META_LANG)))


def use_team_language(ctx: Given, database) -> None:
    """The team's setting ``ui.language`` where neither ``--lang`` nor ``$SALESTUI_LANG`` chose,
    and its ``ui.wan`` (Chinese amounts in 万 / 亿)."""
    from salestui.context import AppContext
    from salestui.db.queries.settings import setting_value
    from salestui.kernel.i18n import ENV_LANG, SETTING, language_from, set_language
    from salestui.kernel.money import WAN_SETTING, use_large_units

    context = AppContext(database, "")
    use_large_units((context.read(setting_value, WAN_SETTING) or "").strip().lower() == "on")
    if _machine[0] or ctx.meta.get(_META_LANG) or os.environ.get(ENV_LANG, "").strip():
        return
    chosen = context.read(setting_value, SETTING)
    if chosen:
        set_language(language_from(None, chosen))


def db_of(ctx: Given, *, demo: bool = False) -> str:
    given = ctx.meta.get(_META_DB)
    if given:
        return given
    if os.environ.get(ENV_DB, "").strip():
        return os.environ[ENV_DB].strip()
    from salestui.context import default_database
    from salestui.db.engine import DatabaseProblem

    try:
        default = default_database()
    except OSError as exc:
        raise DatabaseProblem(
            _("cannot make the user data folder: {problem}; give --db PATH").format(problem=exc)
        ) from None
    return str(Path(default).parent / "demo.db") if demo else default


def requested_user(ctx: Given) -> str | None:
    """What ``--user`` said (None: not given)."""
    user = ctx.meta.get(_META_USER)
    if user is not None and not user.strip():
        from salestui.cli.said import UserMistake

        raise UserMistake(_("--user needs a login name"))
    return None if user is None else user.strip()


def requested_language(ctx: Given) -> str | None:
    """What ``--lang`` said (None: not given)."""
    return ctx.meta.get(_META_LANG)


def acting(ctx: Given, database) -> str:
    """The login this command acts as on ``database`` (an engine or a checked path), resolved
    once by :mod:`salestui.identity` before anything is read or written."""
    login = ctx.meta.get(_META_ACTING)
    if login is None:
        from salestui.context import AppContext
        from salestui.identity import acting_person

        requested = requested_user(ctx)
        person = AppContext(database, requested or "").read(acting_person, requested)
        use_clock_of(person)
        use_team_language(ctx, database)
        login = person.login
        ctx.meta[_META_ACTING] = login
    return login


def user_of(ctx: Given) -> str:
    """The person the command acts as (see :func:`acting`); resolved on the command's database
    if the command has not done so yet."""
    login = ctx.meta.get(_META_ACTING)
    if login is not None:
        return login
    from salestui.cli.database import open_db

    return acting(ctx, open_db(db_of(ctx), light=True))
