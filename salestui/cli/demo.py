"""`salestui demo`: make the demo organisation (with a progress bar) and open it."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Annotated

import typer

from salestui.cli.database import open_db, run_app, shown, sqlite_file, unfinished_demo
from salestui.cli.options import (
    ClickException,
    DbOption,
    UserMistake,
    UserOption,
    acting,
    db_of,
    remember,
    requested_user,
)
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _

MAX_DEMO_DEALS = 5_000_000


def demo(
    ctx: typer.Context,
    db: DbOption = None,
    deals: Annotated[
        int, typer.Option("--deals", metavar="N", help=N_("How many deals to generate."))
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", metavar="S", help=N_("Random seed."))] = 7,
    no_open: Annotated[
        bool, typer.Option("--no-open", help=N_("Make the database, do not open the app."))
    ] = False,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    if not 1 <= deals <= MAX_DEMO_DEALS:
        raise UserMistake(
            _("--deals must be between 1 and {most}, not {given}").format(
                most=f"{MAX_DEMO_DEALS:,}", given=f"{deals:,}"
            )
        )
    where = db_of(ctx, demo=True)
    requested = requested_user(ctx)
    path = sqlite_file(where)
    if path is not None and not path.exists():
        login = requested or _os_account()
        requested = _build_demo_file(path, where, deals=deals, seed=seed, login=login)
        engine = open_db(where)
    else:
        engine = open_db(where, must_exist=False)
        if _has_people(engine):
            typer.echo(
                _("{where} already holds a salestui database; opening it as it is").format(
                    where=shown(where)
                )
            )
            requested = _known_login(engine, requested)
        else:
            requested = _build_demo(
                engine, where, deals=deals, seed=seed, login=requested or _os_account()
            )
    try:
        login = acting(ctx, engine) if requested is None else _acting_as(ctx, engine, requested)
    except DomainError as exc:
        if requested is None:
            raise
        raise DomainError(f"{exc}{_top_manager_clue(engine)}") from None
    if not no_open:
        run_app(engine, login)


def _os_account() -> str:
    from salestui.identity import os_account

    return os_account()


def _acting_as(ctx: typer.Context, engine, login: str) -> str:
    """The demo's logins are lower case: ``--user Ann`` is ``ann`` there."""
    remember(ctx, None, login)
    return acting(ctx, engine)


def _has_people(engine) -> bool:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM person LIMIT 1")).first() is not None


def _known_login(engine, login: str | None) -> str | None:
    if login is None:
        return None
    from salestui.db.queries.people import all_people

    with engine.connect() as conn:
        logins = {p.login for p in all_people(conn)}
    return login.lower() if login not in logins and login.lower() in logins else login


def _top_manager_clue(engine) -> str:
    from salestui.db.queries.people import all_people

    with engine.connect() as conn:
        tops = [p for p in all_people(conn) if p.manager_id is None and p.active]
    if not tops:
        return ""
    return _(" (the top manager here is {login})").format(login=min(tops, key=lambda p: p.id).login)


def _build_demo_file(path: Path, where: str, *, deals: int, seed: int, login: str) -> str:
    """Build the demo in a file beside ``path`` and move it into place only when whole.

    A build killed part way (``kill -9``, a full disk) so never leaves a file at ``path`` that
    opens as an empty or half-filled organisation; the file it leaves beside it makes every door
    say the demo was not finished (``refuse_unfinished_demo``), and this removes it."""
    part = unfinished_demo(path)
    for leftover in (part, *(part.with_name(part.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    engine = open_db(str(part), must_exist=False)
    try:
        login = _build_demo(engine, where, deals=deals, seed=seed, login=login)
    finally:
        engine.dispose()
    # One self-contained file (no -wal beside it holding rows) is what moves into place.
    con = sqlite3.connect(part)
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        con.close()
    if mode != "delete":
        raise ClickException(
            _("cannot finish the demo database {path}: {part} is still in use").format(
                path=path, part=part
            )
        )
    try:
        os.link(part, path)  # never over a file someone made there meanwhile
    except FileExistsError:
        raise ClickException(
            _("{path} appeared while the demo was being made; the demo is left in {part}").format(
                path=path, part=part
            )
        ) from None
    except FileNotFoundError:  # another `salestui demo` on the same path started over
        raise ClickException(
            _(
                "another `salestui demo` removed {part} while this one built it; "
                "run `salestui demo --db {path}` again"
            ).format(part=part, path=path)
        ) from None
    except OSError:  # a file system without hard links
        os.replace(part, path)
    else:
        part.unlink()
    return login


def _build_demo(engine, where: str, *, deals: int, seed: int, login: str) -> str:
    """Fill the empty database with a progress bar per step; the top manager's login back.

    The top manager is an administrator bound to the account running this (on PostgreSQL the
    database role), so the demo opens for whoever made it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from salestui.db.demo.build import build_demo
    from salestui.identity import database_account

    with engine.connect() as conn:
        account = database_account(conn)
    tasks: dict[str, int] = {}
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as bar:

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=max(total, 1))
            bar.update(tasks[step], completed=done, total=max(total, 1))

        try:
            summary = build_demo(
                engine, deals=deals, seed=seed, top_login=login, os_user=account, progress=progress
            )
        except ValueError as exc:  # build_demo's refusals: a login it cannot use, a non-empty db
            raise ClickException(
                _("cannot make the demo in {where}: {problem}").format(
                    where=shown(where), problem=exc
                )
            ) from None
        except KeyboardInterrupt:
            raise ClickException(
                _(
                    "interrupted before the demo database {where} was complete; "
                    "run `salestui demo` again"
                ).format(where=shown(where))
            ) from None
        for task in bar.tasks:
            bar.update(task.id, completed=task.total)
    seconds = time.perf_counter() - started
    typer.echo(
        _("made the demo database {where} in {seconds}s: {what}").format(
            where=shown(where), seconds=f"{seconds:.1f}", what=_describe(summary)
        )
    )
    return getattr(summary, "top_login", None) or login


def _describe(summary) -> str:
    """A one-line account of what the demo holds, whatever shape its summary takes."""
    import dataclasses

    if type(summary).__str__ is not object.__str__:
        return str(summary)
    if dataclasses.is_dataclass(summary):
        parts = []
        for f in dataclasses.fields(summary):
            value = getattr(summary, f.name)
            name = f.name.replace("_", " ")
            if f.name == "top_login":
                parts.insert(0, _("you are its top manager ({login})").format(login=value))
            elif isinstance(value, int) and not isinstance(value, bool):
                said = _(_DEMO_COUNTS[f.name]) if f.name in _DEMO_COUNTS else f"{{n}} {name}"
                parts.append(said.format(n=f"{value:,}"))
            elif isinstance(value, float):
                continue
            else:
                parts.append(f"{name} {value}")
        return _(", ").join(parts)
    return str(summary)


# What the demo holds, as its summary line counts it (shown with _()).
_DEMO_COUNTS = {
    "regions": N_("{n} regions"),
    "people": N_("{n} people"),
    "customers": N_("{n} customers"),
    "products": N_("{n} products"),
    "opportunities": N_("{n} opportunities"),
    "stage_changes": N_("{n} stage changes"),
    "approvals": N_("{n} approvals"),
    "orders": N_("{n} orders"),
    "order_lines": N_("{n} order lines"),
    "activities": N_("{n} activities"),
    "leads": N_("{n} leads"),
    "targets": N_("{n} targets"),
    "complaints": N_("{n} complaints"),
    "nps_answers": N_("{n} nps answers"),
    "action_items": N_("{n} action items"),
    "contacts": N_("{n} contacts"),
    "deal_contacts": N_("{n} deal contacts"),
    "deal_lines": N_("{n} deal lines"),
    "forecast_calls": N_("{n} forecast calls"),
}


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Make the demo database if it is missing (you are its top manager and an administrator, "
            "bound to your OS account), then open it.\n"
            "\n"
            "The default file is demo.db next to the default database, so the demo never mixes with real "
            "data; --db or $SALESTUI_DB choose another."
        )
    )(demo)
