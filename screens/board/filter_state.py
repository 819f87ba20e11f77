"""What the board shows: whose deals, which region, which close month, what text. The board holds
one, the filter form (`/`) edits a copy, and the workers turn it into the query's filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salestui.board.load import Viewer
from salestui.db.queries.board import BoardFilter


@dataclass(frozen=True)
class FilterState:
    scope: str = "team"
    person_id: int | None = None  # one person's deals only (from the palette or team screen)
    region_id: int | None = None
    close_month: str = ""  # YYYY-MM
    text: str = ""

    @classmethod
    def focused(cls, kind: str, row_id: int, label: str) -> FilterState:
        """Everyone's deals of one person or one region, or of the customer named ``label``."""
        if kind == "person":
            return cls(scope="everyone", person_id=row_id)
        if kind == "region":
            return cls(scope="everyone", region_id=row_id)
        return cls(scope="everyone", text=label)

    def query(self, viewer: Viewer | None) -> BoardFilter:
        """The filter as the board's queries take it: the scope becomes the owners ``viewer`` may
        see (one person's deals when ``person_id`` is set and they are in view; a scope the
        viewer is not offered, their default), the month its first day."""
        month = None
        if self.close_month:
            y, m = self.close_month.split("-")
            month = date(int(y), int(m), 1)
        if viewer is None:
            return BoardFilter((), self.region_id, month, self.text)  # nobody known: nothing
        scope = self.scope if self.scope in viewer.scopes() else viewer.default_scope()
        owners = viewer.owner_ids(scope)
        if self.person_id is not None:
            owners = (self.person_id,) if viewer.may_see(self.person_id) else ()
        return BoardFilter(owners, self.region_id, month, self.text)
