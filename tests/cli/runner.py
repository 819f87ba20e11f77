"""Running the command line inside the test process: ``salestui ARGS`` through its ``main``, and
the import/export commands on a Typer app of their own."""

from __future__ import annotations

from dataclasses import dataclass

import typer


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_main(capsys, *args: str) -> Result:
    """``salestui ARGS``: the exit code (0 when it returns), what it printed and what it said."""
    import salestui.cli

    code = 0
    try:
        salestui.cli.main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return Result(code, out, err)


def transfer_cli() -> typer.Typer:
    """The import and export commands alone, for Typer's ``CliRunner``."""
    from salestui.cli.transfer import register

    app = typer.Typer()
    register(app)
    return app
