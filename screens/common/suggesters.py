"""Completion in a form's fields (``→`` accepts): a customer's name, and a person to give
something to — among those the person at the keyboard may give it to (``kernel.org.assignable``,
the rule the services check on save), by login or by display name."""

from __future__ import annotations

import asyncio
import re

from textual.suggester import Suggester

_LOGIN_IN_PARENS = re.compile(r"\(([^()\s]+)\)\s*$")


class CustomerSuggester(Suggester):
    """Completes a customer name from the database as it is typed."""

    def __init__(self, ctx) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.ctx = ctx

    async def get_suggestion(self, value: str) -> str | None:
        if len(value.strip()) < 1:
            return None
        from salestui.db.queries.people import customer_name_starting

        return await asyncio.to_thread(self.ctx.read, customer_name_starting, value)


def assignable_people(session, login: str) -> list:
    """The active people ``login`` may assign to, by login."""
    from salestui.db.queries.people import all_people
    from salestui.kernel.org import assignable

    people = all_people(session)
    actor = next((p for p in people if p.login == login), None)
    return [] if actor is None else sorted(assignable(people, actor), key=lambda p: p.login)


def person_suggestion(people, typed: str) -> str | None:
    """A login starting with ``typed`` (ignoring case), else "display name (login)" for a name
    starting with it: a completion must begin with what was typed."""
    folded = typed.casefold()
    if not folded.strip():
        return None
    for p in people:
        if p.login.casefold().startswith(folded):
            return p.login
    for p in people:
        if p.display_name.casefold().startswith(folded):
            return f"{p.display_name} ({p.login})"
    return None


def login_of(value: str) -> str:
    """The login in an owner field: typed as is, or in the parentheses of an accepted name."""
    found = _LOGIN_IN_PARENS.search(value)
    return found.group(1) if found else value.strip()


class PersonSuggester(Suggester):
    """Completes a login or a display name among the people the user may assign to (read once)."""

    def __init__(self, ctx) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.ctx = ctx
        self._people: list | None = None

    async def get_suggestion(self, value: str) -> str | None:
        if self._people is None:
            ctx = self.ctx
            self._people = await asyncio.to_thread(ctx.read, assignable_people, ctx.user)
        return person_suggestion(self._people, value)
