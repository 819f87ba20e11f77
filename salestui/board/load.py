"""What the board needs from the database, gathered in one call a worker can make.

The screen asks for a filter's data and gets plain figures and cards back; it never computes a
business figure itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from salestui.board.metrics import PipelineTotal, days_in_stage, pipeline_total, stall_reasons
from salestui.context import AppContext
from salestui.db.queries.board import (
    BoardFilter,
    DealCard,
    StageTotals,
    data_version,
    recent_closes,
    stage_page,
    stage_totals,
    with_credit_risk,
)
from salestui.db.queries.people import RegionRow, all_people, all_regions
from salestui.db.queries.settings import settings_map
from salestui.kernel import viewer
from salestui.kernel.clock import local_day
from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.forecast import CategoryRules, category_rules_from
from salestui.kernel.settings import Rules, rules_from
from salestui.kernel.viewer import OWNER_SCOPES as OWNER_SCOPES  # the board's filter offers them


@dataclass(frozen=True)
class Viewer(viewer.Viewer):
    """The person at the keyboard and the org they see into (whose deals each owner scope shows:
    ``salestui.kernel.viewer``), with the regions and the rules in force."""

    regions: tuple[RegionRow, ...]
    rules: Rules
    forecast: CategoryRules = CategoryRules()

    def region_name(self, region_id: int | None) -> str:
        return next((r.name for r in self.regions if r.id == region_id), "")


@dataclass(frozen=True)
class BoardData:
    totals: tuple[StageTotals, ...]
    total: PipelineTotal
    pages: dict[str, list[DealCard]]
    closed: dict[str, tuple[int, int]]
    recent: list[DealCard]
    loaded_at: datetime
    forecast: CategoryRules = CategoryRules()  # a card's default category
    version: tuple[int, int] | None = None  # the data version read with it (``data_version``)

    def draws_the_same(self, later: BoardData) -> bool:
        """Whether ``later`` (the same board read again) draws exactly this: the same totals,
        cards and closes, on the same day, and no card's days in its stage moved between the
        two reads (a teammate's change elsewhere: nothing here to draw again)."""
        shown = (self.totals, self.pages, self.closed, self.recent, self.forecast)
        if shown != (later.totals, later.pages, later.closed, later.recent, later.forecast):
            return False
        if local_day(self.loaded_at) != local_day(later.loaded_at):
            return False
        cards = [c for cards in self.pages.values() for c in cards] + list(self.recent)
        return all(
            days_in_stage(c.stage_entered_at, self.loaded_at)
            == days_in_stage(c.stage_entered_at, later.loaded_at)
            for c in cards
        )


def load_viewer(ctx: AppContext) -> Viewer:
    def _read(session):
        people = all_people(session)
        me = next((p for p in people if p.login == ctx.user), None)
        settings = settings_map(session)
        return Viewer(
            me,
            tuple(people),
            tuple(all_regions(session)),
            rules_from(settings),
            category_rules_from(settings),
        )

    return ctx.read(_read)


def load_board(ctx: AppContext, viewer: Viewer, flt: BoardFilter, page_size: int) -> BoardData:
    now = ctx.now()

    def _read(session):
        version = data_version(session)  # first: the cards include at least this version
        totals = tuple(stage_totals(session, flt, now, viewer.rules.stall_days))
        pages = {s: stage_page(session, s, flt, limit=page_size) for s in OPEN_STAGES}
        since = now - timedelta(days=viewer.rules.recent_close_days)
        closed, recent = recent_closes(session, flt, since, limit=12)
        every = [c for cards in pages.values() for c in cards]
        risky = {c.id for c in with_credit_risk(session, every, now.date()) if c.credit_risk}
        pages = {
            s: [replace(c, credit_risk=True) if c.id in risky else c for c in cards]
            for s, cards in pages.items()
        }
        return BoardData(
            totals, pipeline_total(totals), pages, closed, recent, now, viewer.forecast, version
        )

    return ctx.read(_read)


FIRST_PAGE = 20  # cards per column on opening: more than any terminal shows


def default_filter(viewer: Viewer) -> BoardFilter:
    """What the board shows on opening: the viewer's default owner scope, nothing else."""
    return BoardFilter(viewer.owner_ids(viewer.default_scope()), None, None, "")


def opening_board(ctx: AppContext) -> tuple[Viewer, BoardData]:
    """What the board shows on opening, for the viewer: read before the first frame
    (``salestui.runtime.startup``) and taken by the board screen."""
    viewer = load_viewer(ctx)
    return viewer, load_board(ctx, viewer, default_filter(viewer), FIRST_PAGE)


def load_page(
    ctx: AppContext,
    stage: str,
    flt: BoardFilter,
    *,
    after: DealCard | None = None,
    before: DealCard | None = None,
    limit: int = 50,
) -> list[DealCard]:
    now = ctx.now()

    def _read(session):
        cards = stage_page(
            session,
            stage,
            flt,
            after=(after.stage_entered_at, after.id) if after else None,
            before=(before.stage_entered_at, before.id) if before else None,
            limit=limit,
        )
        return with_credit_risk(session, cards, now.date())

    return ctx.read(_read)


def why_stalled(card: DealCard, now: datetime, rules: Rules) -> list[str]:
    return stall_reasons(
        stage=card.stage,
        stage_entered_at=card.stage_entered_at,
        last_activity_at=card.last_activity_at,
        close_date_pushes=card.close_date_pushes,
        expected_close=card.expected_close,
        now=now,
        limits=rules.stall_days,
    )


@dataclass(frozen=True)
class Window:
    """Cards of one column around a deal: ``base`` is the position of ``cards[0]``."""

    stage: str
    base: int
    cards: list[DealCard]
    deal_id: int | None


def load_window(
    ctx: AppContext, flt: BoardFilter, deal_id: int, half: int = 25
) -> tuple[DealCard | None, Window | None]:
    """The deal and, when ``flt`` shows it on the board, the cards around it; (None, None) when
    it no longer exists, (card, None) when it is closed or filtered out."""
    from salestui.db.queries.board import deal_card, stage_position

    now = ctx.now()

    def _read(session):
        card = deal_card(session, deal_id)
        if card is None or card.stage not in OPEN_STAGES:
            return card, None
        at = stage_position(session, flt, card)
        if at is None:
            return card, None
        key = (card.stage_entered_at, card.id)
        before = stage_page(session, card.stage, flt, before=key, limit=half)
        after = stage_page(session, card.stage, flt, after=key, limit=half)
        cards = with_credit_risk(session, [*before, card, *after], now.date())
        return card, Window(card.stage, at - len(before), cards, card.id)

    return ctx.read(_read)


def load_end(ctx: AppContext, stage: str, flt: BoardFilter, count: int, limit: int) -> Window:
    """The first (``count`` 0) or the last cards of a column, for Home and End."""
    now = ctx.now()

    def _read(session):
        if count == 0:
            cards = stage_page(session, stage, flt, limit=limit)
            return Window(stage, 0, with_credit_risk(session, cards, now.date()), None)
        far = (datetime(9999, 1, 1, tzinfo=UTC), 2**62)
        cards = stage_page(session, stage, flt, before=far, limit=limit)
        cards = with_credit_risk(session, cards, now.date())
        return Window(stage, max(0, count - len(cards)), cards, cards[-1].id if cards else None)

    return ctx.read(_read)


def newest_created(ctx: AppContext) -> int | None:
    from salestui.db.queries.board import newest_created_deal

    return ctx.read(newest_created_deal, ctx.user)
