"""The team leaderboard (key 3): who is winning, who needs help, and where, for one period."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Static

from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount
from salestui.kernel.periods import KINDS, Period
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainDataTable
from salestui.screens.team.bindings import TEAM_KEYS
from salestui.screens.team.effort import EffortLine
from salestui.screens.team.on_board import show_on_board
from salestui.screens.team.table import COLUMNS, NAME_LEAST, SORT_WORDS, cells, fit_names
from salestui.team.leaderboard import SORT_KEYS, Line


def org_words(basis: str) -> str:
    """``salestui.team.load.attributed_people``'s basis (English: the report keeps it) in the
    person's language."""
    if basis == "org as it is now":
        return _("org as it is now")
    return _("org as of {day}").format(day=basis.rsplit(" ", 1)[-1])


class TeamScreen(FollowsChanges, BaseScreen):
    """The leaderboard per period, as the org tree (folded from the keyboard) or as a ranking."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"team-load"})

    TITLE = N_("Team")
    CSS_PATH = "screen.tcss"
    BINDINGS = TEAM_KEYS

    class Loaded(Message):
        """The team's figures for one period (``salestui.team.load.TeamData``)."""

        def __init__(self, data) -> None:
            super().__init__()
            self.data = data

    period: var[Period | None] = var(None, init=False)
    """The period counted; this quarter once mounted."""
    folded: var[set[str] | None] = var(None, init=False)
    """Keys of the folded lines of the tree; None until the first load folds the teams."""
    sort_key: var[str] = var("revenue")
    """The figure the lines are sorted by, one of ``SORT_KEYS``."""
    descending: var[bool] = var(True)
    """Largest first (names: Z first)."""
    ranking: var[bool] = var(False)
    """A ranking of people rather than the org tree."""

    def __init__(self) -> None:
        super().__init__()
        self.data = None  # salestui.team.load.TeamData
        self.lines: list[Line] = []  # as shown, top to bottom
        self._described: str | None = None
        self._names: list[Text] = []  # the name cells shown, to fit the column to

    def compose(self) -> ComposeResult:
        yield HeadLine(_("Team"), id="summary")
        table = PlainDataTable(
            id="leaderboard", cursor_type="row", zebra_stripes=True, fixed_columns=1
        )
        for key, title in COLUMNS:
            table.add_column(_(title), key=key, width=NAME_LEAST if key == "name" else None)
        yield table
        yield EffortLine(id="effort")
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.period = Period.containing("quarter", self.ctx.now().date())
        self.load()
        self.follow_changes()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        head = _("Team · {period}").format(period=self.period.label)
        self.query_one("#summary", Static).update(Content(head))
        self._load(self.period)

    @work(thread=True, exclusive=True, group="team-load", exit_on_error=False)
    def _load(self, period: Period) -> None:
        self.remember_version()
        from salestui.team.load import load_team

        data = self.ctx.read(load_team, self.ctx.user, period, self.ctx.now().date())
        self.post_message(self.Loaded(data))

    def on_team_screen_loaded(self, event: Loaded) -> None:
        if event.data.period != self.period:
            return  # an older period's answer arriving after a newer request
        self.data = event.data
        if self.folded is None:  # first load: regions open, teams folded below them
            self.folded = {
                f"person:{p.id}" for p in event.data.board.people if p.id != event.data.viewer_id
            }
        self.redraw()

    # ---- drawing ----------------------------------------------------------------------------
    def redraw(self) -> None:
        if self.data is None:
            return
        board = self.data.board
        table = self.query_one(PlainDataTable)
        keep = self.selected.key if self.selected else None
        if self.ranking:
            self.lines = board.ranking(self.sort_key, self.descending)
        else:
            self.lines = board.lines(self.folded or set(), self.sort_key, self.descending)
        names = []
        with table.drawing():  # a reload that changed no line leaves the table as drawn
            table.clear()
            for i, line in enumerate(self.lines):
                row = cells(line, i + 1 if self.ranking else None)
                names.append(row[0])
                table.add_row(*row, key=line.key)
        for key, title in COLUMNS:
            arrow = (" ↓" if self.descending else " ↑") if key == self.sort_key else ""
            table.columns[key].label = Text(_(title) + arrow)
        self._names = names
        fit_names(table, names)
        keys = [ln.key for ln in self.lines]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        self._show_summary()

    def _show_summary(self) -> None:
        from salestui.team.metrics import bonus_pool

        root = self.lines[0] if self.lines and not self.ranking else None
        board = self.data.board
        if root is None:
            root_fig = board.lines({"root"})[0].figures
        else:
            root_fig = root.figures
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{board.root_label} · {self.period.label} ", style="bold")
        org = f", {org_words(self.data.org_basis)}" if self.data.org_basis else ""  # people moved
        revenue = _("revenue {amount}").format(amount=format_amount(root_fig.revenue))
        text.append(f"({_(self.period.kind)}{org}) · {revenue}")
        if root_fig.target:
            text.append(
                _(" of {target} · {att}").format(
                    target=format_amount(root_fig.target), att=percent(root_fig.attainment)
                )
            )
        if self.period.kind == "quarter":
            pool = bonus_pool(root_fig.revenue, root_fig.target, board.rules)
            if pool:
                words = _(" · bonus pool {amount}").format(amount=format_amount(pool))
                text.append(words, style="bold green")
        if self.data.collection_basis.endswith("to date"):  # the period runs: say so
            text.append(_(" · Coll% due to date"))
        view = _("ranking") if self.ranking else _("tree")
        order = "↓" if self.descending else "↑"
        by = _("by {key}").format(key=_(SORT_WORDS[self.sort_key]))
        text.append(f"   [{view} · {by} {order}]", style="dim")
        self.query_one("#summary", Static).update(text)

    @property
    def selected(self) -> Line | None:
        table = self.query_one(DataTable)
        if not self.lines or table.cursor_row is None or table.cursor_row >= len(self.lines):
            return None
        return self.lines[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(self.selected)

    def _describe(self, line: Line | None) -> None:
        """Say what the cursor's line covers — once per line, so a reload keeps a message."""
        if line is None or line.key == self._described:
            return
        self._described = line.key
        words = {
            "root": _("everyone shown"),
            "region": _("people in the region"),
            "team": _("the team"),
        }
        who = words.get(line.kind, _("own figures"))
        keys = _("enter opens, t sets a target")
        note = self.data.board.target_note() if line.key == "root" and self.data else None
        if note:  # before the keys: at 80 columns the end of the line is cut
            self.say(f"{line.label}: {note} · {keys}")
            return
        size = ngettext("{n} person", "{n} people", line.size).format(n=f"{line.size:,}")
        self.say(f"{line.label}: {who} ({size}) · {keys}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_person()  # enter on the table

    # ---- keys -------------------------------------------------------------------------------
    def action_period(self, step: int) -> None:
        nxt = self.period.step(step)
        if nxt.start > self.ctx.now().date():
            self.say(_("{period} has not started yet").format(period=nxt.label), error=True)
            return
        self._show_period(nxt)

    def action_kind(self) -> None:
        kind = KINDS[(KINDS.index(self.period.kind) + 1) % len(KINDS)]
        self._show_period(Period.containing(kind, self.ctx.now().date()))

    def _show_period(self, period: Period) -> None:
        self.period = period
        self._described = None  # the line under the cursor is described anew: its figures moved
        self.load()

    def action_sort(self, step: int) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + step) % len(SORT_KEYS)]
        self.descending = self.sort_key != "name"
        self.redraw()

    def action_order(self) -> None:
        self.descending = not self.descending
        self.redraw()

    def action_fold(self) -> None:
        line = self.selected
        if line is None or self.ranking or not line.has_children:
            return
        self.folded = self.folded ^ {line.key}
        self.redraw()

    def action_fold_to(self, fold: bool) -> None:
        line = self.selected
        if line is None or self.ranking:
            return
        if line.has_children and line.folded != fold:
            self.folded = self.folded ^ {line.key}
            self.redraw()
        elif fold and line.depth > 0:  # already folded: up to the parent line
            i = self.lines.index(line)
            parent = next(ln for ln in reversed(self.lines[:i]) if ln.depth < line.depth)
            self.query_one(DataTable).move_cursor(row=self.lines.index(parent))

    def action_fold_all(self, fold: bool) -> None:
        if self.data is None or self.ranking:
            return
        board = self.data.board
        if fold:
            self.folded = {f"region:{p.region_id}" for p in board.people} | {
                f"person:{p.id}" for p in board.people
            }
        else:
            self.folded = set()
        self.redraw()

    def action_view(self) -> None:
        self.ranking = not self.ranking
        self.redraw()

    def _person_or_say(self) -> Line | None:
        line = self.selected
        if line is None or line.person_id is None:
            self.say(_("choose a person (not a region)"), error=True)
            return None
        return line

    def action_person(self) -> None:
        line = self._person_or_say()
        if line is None:
            return
        from salestui.screens.team.person import PersonScreen

        self.app.push_screen(PersonScreen(line.person_id, line.label, self.period))

    def action_board(self) -> None:
        line = self._person_or_say()
        if line is not None:
            show_on_board(self.app, line.person_id, line.label)

    def action_target(self) -> None:
        if self.data is None:
            return
        from salestui.screens.team.target_form import TargetScreen

        screen = TargetScreen(self.data, self.period, self.selected)

        def done(message: str | None) -> None:
            if message:
                self.say(message)
                self.load()

        self.app.push_screen(screen, done)

    def action_edit_person(self) -> None:
        line = self._person_or_say()
        if line is not None:
            self._people_form(line.person_id, adding=False)

    def action_add_person(self) -> None:
        line = self._person_or_say()
        if line is not None:
            self._people_form(line.person_id, adding=True)

    @work(thread=True, exclusive=True, group="people-form", exit_on_error=False)
    def _people_form(self, person_id: int, adding: bool) -> None:
        from salestui.screens.team.people_form import read_people_form

        self.post_message(read_people_form(self.ctx, person_id, adding))

    def on_people_form_opening(self, event) -> None:
        """The people form's data read, or why the viewer may not change the person."""
        if event.refusal:
            self.say(event.refusal, error=True)
            return
        from salestui.screens.team.people_form import PeopleForm

        def done(message: str | None) -> None:
            if message:
                self.say(message)
                self.load()

        self.app.push_screen(PeopleForm(event.data), done)

    def action_charts(self) -> None:
        if self.data is None:
            return
        from salestui.screens.team.charts import ChartsScreen

        self.app.push_screen(ChartsScreen(self.data))

    def action_scroll(self, columns: int) -> None:
        self.query_one(DataTable).scroll_relative(x=columns, animate=False)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def on_resize(self) -> None:
        if self.lines:
            self.call_after_refresh(fit_names, self.query_one(DataTable), self._names)

    def action_reload(self) -> None:
        self.load()
