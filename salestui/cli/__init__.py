"""The command line: open the app, make the demo, print reports and the audit log, import and
export (the commands: :mod:`salestui.cli.root`).

``salestui`` with nothing but ``--db``, ``--user`` and ``--lang`` opens the app straight away
(:mod:`salestui.cli.quick`) without loading the command line — Typer and the twenty command
groups took 0.15 s of every start before the first frame. Anything else, or anything wrong with
those three, goes through the whole command line, which says what is wrong its own way.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """``salestui``: open the app, or run a command (:func:`salestui.cli.root.main`)."""
    from salestui.cli.quick import open_app_at_once

    if open_app_at_once(list(sys.argv[1:] if argv is None else argv)):
        return
    from salestui.cli.root import main as run_command_line

    run_command_line(argv)
