"""The command palette (ctrl+p): jump to any deal, customer or person by name."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from salestui.kernel.i18n import N_, _

KINDS = (N_("deal"), N_("customer"), N_("person"), N_("region"))


class JumpProvider(Provider):
    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        from salestui.db.queries.search import search_as

        app = self.app
        hits = await asyncio.to_thread(app.ctx.read, search_as, app.ctx.user, query)
        matcher = self.matcher(query)
        for hit in hits:
            label = f"{_(hit.kind)}: {hit.label}"
            yield Hit(
                max(matcher.match(label), 0.1),
                matcher.highlight(label),
                partial(app.jump_to, hit.kind, hit.id, hit.label),
                help=hit.detail,
            )
