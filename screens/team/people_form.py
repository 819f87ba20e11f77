"""`P` on the leaderboard: the highlighted person's form (name, title, manager, region, role, OS
account, time zone, administrator, active); `N`: a new person below the highlighted manager.

Whether the viewer may change the person is decided before the form opens, by the org's rules
(``salestui.kernel.org``): a refusal is said on the leaderboard's status line and no form opens;
fields the viewer may not touch (their own manager, role, flag) are shown but locked. The save
goes through ``salestui.services.people``, which asks the same rules again against the version
read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from salestui.db.queries.people import PersonRow, RegionRow
from salestui.kernel.domain import ROLES
from salestui.kernel.i18n import _
from salestui.kernel.org import (
    OWN_PLACE_FIELDS,
    PLACE_FIELDS,
    add_person_problem,
    may_change_person,
    person_change_problem,
)
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain_options

EVERY_FIELD = frozenset({"display_name", "title", "timezone"}) | PLACE_FIELDS


@dataclass(frozen=True)
class PeopleFormData:
    """What the form shows: the person (None when adding) at ``version``, the manager a new
    person goes below, everyone (the manager choices), the regions, and what may be changed."""

    person: PersonRow | None
    manager: PersonRow | None
    version: int
    people: tuple[PersonRow, ...]
    regions: tuple[RegionRow, ...]
    editable: frozenset[str]
    note: str = ""


class PeopleFormOpening(Message):
    """The form's data, or why the viewer may not open it (posted by the leaderboard's worker)."""

    def __init__(self, data: PeopleFormData | None, refusal: str | None) -> None:
        super().__init__()
        self.data, self.refusal = data, refusal


def read_people_form(ctx, person_id: int, adding: bool) -> PeopleFormOpening:
    """Read the org and decide, by the rules the save will meet, what the viewer may do."""
    from salestui.db.queries.people import all_people, all_regions, person_version

    people = tuple(ctx.read(all_people))
    regions = tuple(ctx.read(all_regions))
    me = next((p for p in people if p.login == ctx.user), None)
    person = next((p for p in people if p.id == person_id), None)
    if me is None or person is None:
        return PeopleFormOpening(
            None, _("no person with login {login!r} in this database").format(login=ctx.user)
        )
    if adding:
        problem = add_person_problem(people, me.id, person.id)
        if problem:
            return PeopleFormOpening(None, problem)
        fields = frozenset({"login", "display_name", "title", "role", "region"})
        return PeopleFormOpening(PeopleFormData(None, person, 0, people, regions, fields), None)
    if person.id != me.id and not may_change_person(people, me.id, person.id):
        return PeopleFormOpening(
            None, person_change_problem(people, me.id, person.id, {"title": None})
        )
    editable, note = EVERY_FIELD, ""
    if person.id == me.id:
        editable = EVERY_FIELD - (OWN_PLACE_FIELDS if me.admin else PLACE_FIELDS)
        note = person_change_problem(people, me.id, me.id, dict.fromkeys(PLACE_FIELDS - editable))
    if not me.admin and not person.admin:
        editable = editable - {"admin"}
    version = ctx.read(person_version, person.id)
    return PeopleFormOpening(
        PeopleFormData(person, None, version, people, regions, editable, note or ""), None
    )


class PeopleForm(FormScreen[str | None]):
    DEFAULT_CSS = """
    PeopleForm Select { width: 100%; }
    PeopleForm .pair { height: auto; align-horizontal: left; }
    PeopleForm .pair > Vertical { width: 1fr; height: auto; }
    PeopleForm #note { color: $text-muted; height: auto; }
    """

    def __init__(self, data: PeopleFormData) -> None:
        super().__init__()
        self.data = data

    # ---- layout -----------------------------------------------------------------------------
    def _pair(self, *fields: tuple[str, object]) -> Horizontal:
        return Horizontal(
            *(Vertical(Label(label, markup=False), widget) for label, widget in fields),
            classes="pair",
        )

    def _input(self, name: str, value: str) -> Input:
        return Input(value, id=name, disabled=name not in self.data.editable)

    def compose(self) -> ComposeResult:
        data, person = self.data, self.data.person
        regions = [(r.name, r.name) for r in data.regions]
        region_of = {r.id: r.name for r in data.regions}
        with VerticalScroll():
            if person is None:
                boss = data.manager
                yield Static(
                    Content.from_markup(
                        "[b]$words[/b]",
                        words=_("Add a person below {name} ({login})").format(
                            name=boss.display_name, login=boss.login
                        ),
                    )
                )
                yield self._pair(
                    (_("Login"), self._input("login", "")),
                    (_("Name"), self._input("display_name", "")),
                )
                yield self._pair(
                    (_("Title"), self._input("title", "")),
                    (
                        _("Role"),
                        self._select("role", [(_(r), r) for r in ROLES], "rep", blank=False),
                    ),
                )
                yield self._pair(
                    (_("Region"), self._select("region", regions, region_of.get(boss.region_id)))
                )
            else:
                yield Static(
                    Content.from_markup(
                        "[b]$words[/b]",
                        words=_("Change {name} ({login})").format(
                            name=person.display_name, login=person.login
                        ),
                    )
                )
                yield self._pair(
                    (_("Name"), self._input("display_name", person.display_name)),
                    (_("Title"), self._input("title", person.title)),
                )
                login_of = {p.id: p.login for p in data.people}
                managers = [
                    (f"{p.display_name} ({p.login})", p.login)
                    for p in data.people
                    if (p.active or p.id == person.manager_id) and p.id != person.id
                ]
                yield self._pair(
                    (
                        _("Manager"),
                        self._select("manager", managers, login_of.get(person.manager_id)),
                    ),
                    (_("Region"), self._select("region", regions, region_of.get(person.region_id))),
                )
                yield self._pair(
                    (
                        _("Role"),
                        self._select("role", [(_(r), r) for r in ROLES], person.role, blank=False),
                    ),
                    (_("OS account"), self._input("os_user", person.os_user or "")),
                )
                yield self._pair(
                    (_("Time zone (e.g. Asia/Shanghai; empty: the system's)"),
                     self._input("timezone", person.timezone)),
                )  # fmt: skip
                with Horizontal(classes="pair"):
                    yield Checkbox(
                        _("Administrator"),
                        person.admin,
                        id="admin",
                        disabled="admin" not in data.editable,
                    )
                    yield Checkbox(
                        _("Active"),
                        person.active,
                        id="active",
                        disabled="active" not in data.editable,
                    )
            yield Static(data.note, id="note", markup=False)
            yield self.error_line()
            yield self.buttons(_("Add") if person is None else _("Save"))

    def _select(self, name: str, options, value, *, blank: bool = True) -> Select:
        return Select(
            plain_options(options),
            value=value if value is not None else Select.NULL,
            allow_blank=blank,
            prompt=_("(none)"),
            id=name,
            disabled=name not in self.data.editable,
        )

    def on_mount(self) -> None:
        first = "login" if self.data.person is None else "display_name"
        if first not in self.data.editable:
            first = "title"
        self.query_one(f"#{first}", Input).focus()

    # ---- saving -----------------------------------------------------------------------------
    def _value(self, name: str):
        widget = self.query_one(f"#{name}")
        if isinstance(widget, Select):
            return None if widget.value in (Select.NULL, Select.BLANK) else str(widget.value)
        return widget.value

    def save(self) -> None:
        if self.data.person is None:
            self._add(
                self._value("login"),
                self._value("display_name"),
                self._value("title"),
                self._value("role"),
                self._value("region"),
            )
            return
        fields = (
            "display_name",
            "title",
            "manager",
            "region",
            "role",
            "os_user",
            "timezone",
            "admin",
            "active",
        )
        changes = {f: self._value(f) for f in fields if f in self.data.editable}
        self._change(changes)

    @work(thread=True, exclusive=True, group="people-save", exit_on_error=False)
    def _change(self, changes: dict) -> None:
        from salestui.services.people import change_person

        ctx = self.ctx
        done = ctx.write(
            change_person,
            ctx.user,
            self.data.person.login,
            changes,
            version=self.data.version,
            now=ctx.now(),
        )
        if self.data.person.login == ctx.user and "timezone" in done.changes:
            from salestui.kernel.clock import use_zone

            use_zone(done.changes["timezone"][1] or None)  # the app's days are theirs from now on
        self.post_message(self.Saved(done.words()))

    @work(thread=True, exclusive=True, group="people-save", exit_on_error=False)
    def _add(self, login, name, title, role, region) -> None:
        from salestui.services.people import add_person

        ctx = self.ctx
        done = ctx.write(
            add_person,
            ctx.user,
            login,
            name,
            manager=self.data.manager.login,
            role=role or "rep",
            title=title,
            region=region,
            now=ctx.now(),
        )
        self.post_message(self.Saved(done.words()))
