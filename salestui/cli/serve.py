"""`salestui serve`: the app in a browser, for a meeting on a shared screen.

Each browser that connects gets its own ``salestui`` app process, started by this process as the
same OS account, on the same database and with the same ``--user``: the app shows exactly what
the person who started the server would see in their terminal, no more. Nobody else gets in: the
server listens on localhost unless told otherwise, and every request needs a token made for this
run and printed only on the starting person's terminal (as Jupyter does).
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys
from typing import Annotated

import typer

from salestui.cli.options import (
    ClickException,
    DbOption,
    UserMistake,
    UserOption,
    acting,
    db_of,
    remember,
    requested_language,
    requested_user,
)
from salestui.context import ENV_DB
from salestui.kernel.i18n import _

HostOption = Annotated[
    str,
    typer.Option(
        "--host",
        metavar="HOST",
        help="Address to listen on (the default lets only this machine in).",
    ),
]
PortOption = Annotated[
    int, typer.Option("--port", metavar="PORT", help="Port to listen on (0: any free port).")
]


def app_command(user: str | None, lang: str | None = None) -> str:
    """The shell command textual-serve starts for each browser: this Python, this package, the
    same ``--user`` and ``--lang``. The database goes through SALESTUI_DB in the environment
    instead, as a PostgreSQL URL may hold a password that every account on the machine could
    read in ``ps``."""
    argv = [sys.executable, "-m", "salestui"]
    if user is not None:
        argv += ["--user", user]
    if lang is not None:
        argv += ["--lang", lang]
    return shlex.join(argv)


def is_local(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int, token: str) -> str:
    """The address to open; an address that means 'every interface' is named by this machine's
    name, which the others on the network can reach."""
    import socket

    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::", ""):
        shown = socket.gethostname()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def serve(
    ctx: typer.Context,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Serve the app in a web browser, as you, at a secret address printed here.

    Only this machine can connect unless --host says otherwise; reach it from elsewhere through
    SSH port forwarding (see the README). Ctrl+C stops it.
    """
    remember(ctx, db, user)
    from salestui.cli.database import open_db

    where = db_of(ctx)
    login = acting(ctx, open_db(where, light=True))  # a bad database or login is said now
    if not 0 <= port <= 65535:
        raise UserMistake(_("--port must be between 0 and 65535, not {port}").format(port=port))
    import secrets

    from salestui.cli.web import TokenServer, bind

    try:
        sock = bind(host, port)
    except OSError as exc:
        said = _("cannot listen on {host} port {port}: {reason}")
        raise ClickException(
            said.format(host=host, port=port, reason=exc.strerror or exc)
        ) from None
    port = sock.getsockname()[1]
    if "://" not in where:
        where = os.path.abspath(os.path.expanduser(where))
    os.environ[ENV_DB] = where
    token = secrets.token_urlsafe(32)
    server = TokenServer(app_command(requested_user(ctx), requested_language(ctx)), token)
    if not is_local(host):
        warning = _("warning: anyone on the network of {host} who has the URL can act as {login}")
        print("salestui: " + warning.format(host=host, login=login), file=sys.stderr)
    said = _("Serving salestui as {login}. Open this address in a browser (keep it secret):")
    print(said.format(login=login))
    print(f"    {url_of(host, port, token)}")
    print(_("Press Ctrl+C to stop."), flush=True)
    try:
        server.run(sock)
    finally:
        sock.close()


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command()(serve)
