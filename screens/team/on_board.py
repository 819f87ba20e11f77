"""`p` on the team screens: the pipeline board, showing one person's deals."""

from __future__ import annotations


def show_on_board(app, person_id: int, label: str) -> None:
    """Close what was opened over the team screen (it stays the team mode's only screen), then
    jump to the board as the command palette does (``SalestuiApp.jump_to``)."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    app.jump_to("person", person_id, label)
