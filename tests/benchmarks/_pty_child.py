"""One app in a real terminal (spawned by bench_pty.py under a pseudo-terminal); it runs until
killed. ``floor``: a bare Textual app showing one line. ``widgets``: the board's widgets with
no data and no database (a header line, 4 columns of 9 four-line cards, a strip, the footer).
``command DB``: ``salestui --db DB`` itself, as a person starts it (the person bound to this OS
account). ``board DB``: the app alone on DB, as that command's last step starts it (no command
line, the demo's top person)."""

from __future__ import annotations

import sys


def floor() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Floor(App):
        def compose(self):
            yield Static("floor-ready")

    Floor().run()


def widgets() -> None:
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Static

    class Widgets(App):
        CSS = """
        .col { width: 1fr; border: round $primary; }
        .card { height: 4; }
        .line { height: 1; }
        """
        BINDINGS = [("q", "quit", "Quit"), ("r", "noop", "Reload"), ("n", "noop", "New")]

        def compose(self):
            yield Static("Pipeline 0 deals · 0 · weighted 0", classes="line")
            with Horizontal():
                for c in range(4):
                    with Vertical(classes="col"):
                        for i in range(9):
                            yield Static(
                                f"Deal {c}·{i} a customer name\nowner · 12d\n¥120,000 · 50%\n"
                                "no next step",
                                classes="card",
                            )
            yield Static("Won 0 · Lost 0 · widgets-ready", classes="line")
            yield Footer()

    Widgets().run()


def board(db: str) -> None:
    from salestui.board.load import opening_board
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.runtime.startup import start_prefetch

    ctx = AppContext(check_database(db), "demo")
    start_prefetch(ctx, opening_board)
    from salestui.app import SalestuiApp

    SalestuiApp(ctx).run()


def command(db: str) -> None:
    from salestui.cli import main

    main(["--db", db])


if __name__ == "__main__":
    modes = {"floor": floor, "widgets": widgets}
    modes.update(board=lambda: board(sys.argv[2]), command=lambda: command(sys.argv[2]))
    modes[sys.argv[1]]()
