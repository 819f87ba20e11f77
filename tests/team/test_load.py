"""A closed quarter keeps the org it closed with: the issue's re-org in small, worked by hand.

On the org of tests/services/people_org.py (leo manages rex in North; sol manages sam in South;
ada, an administrator, is the top): in Q3 2026 rex wins 150,000 and sam 40,000. Q3 targets:
leo's team 100,000, sol's team 80,000; rex's own 120,000, sam's 80,000. On 2026-10-15 (Q4) rex
moves — to sol's team, or to the South region. Today is 2026-11-20; in Q4 rex wins 10,000.

Q3 as it stood (org as of 2026-09-30):
  leo's team  150,000 / 100,000 = 150 % → bonus pool 15 % × 50,000 = 7,500
  sol's team   40,000 /  80,000 =  50 % → no pool
  North (rex)  150,000 / 120,000 = 125 % · South (sam) 40,000 / 80,000 = 50 %
Q3 with today's org (org.history = now, the attribution before this change):
  leo alone         0, shown as his own line (no person target) → no pool
  sol's team  190,000 /  80,000 = 237.5 % → pool 15 % × 110,000 = 16,500
  South (rex + sam) 190,000 / 200,000 = 95 %; North has no target and no revenue
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from salestui.db.engine import open_database
from salestui.db.tables import Customer, Opportunity, Person, Region, Setting, Target
from salestui.kernel.periods import Period
from salestui.services.people import change_person
from salestui.team.load import load_person, load_team
from salestui.team.metrics import bonus_pool
from salestui.team.report import team_report
from tests.services import people_org as org

TODAY = date(2026, 11, 20)
Q3 = Period.containing("quarter", date(2026, 8, 1))
Q4 = Period.containing("quarter", TODAY)
MOVED = datetime(2026, 10, 15, 9, 0, tzinfo=UTC)


def won(s: Session, owner: Person, customer: Customer, amount: int, closed: datetime) -> None:
    s.add(
        Opportunity(
            customer_id=customer.id,
            owner_id=owner.id,
            title=f"{owner.login} {closed:%Y-%m-%d}",
            amount_minor=amount * 100,
            expected_close=closed.date(),
            stage="Won",
            probability=100,
            created_at=datetime(2026, 6, 1, tzinfo=UTC),
            stage_entered_at=closed,
            closed_at=closed,
        )
    )


@pytest.fixture
def q3_db(tmp_path) -> str:
    return build_q3(str(tmp_path / "org.db"))


def build_q3(path: str) -> str:
    """The org of tests/services/people_org.py with the closes and targets above."""
    org.build(path)
    engine = open_database(path)
    with Session(engine) as s:
        people = {p.login: p for p in s.exec(select(Person)).all()}
        north = s.exec(select(Region).where(Region.name == "North")).one()
        customer = Customer(
            name="Pumps Ltd", region_id=north.id, created_at=datetime(2025, 1, 1, tzinfo=UTC)
        )
        s.add(customer)
        s.flush()
        won(s, people["rex"], customer, 150_000, datetime(2026, 8, 15, 10, tzinfo=UTC))
        won(s, people["sam"], customer, 40_000, datetime(2026, 9, 30, 23, tzinfo=UTC))
        won(s, people["rex"], customer, 10_000, datetime(2026, 11, 2, 10, tzinfo=UTC))
        for scope, login, value in [
            ("team", "leo", 100_000),
            ("team", "sol", 80_000),
            ("person", "rex", 120_000),
            ("person", "sam", 80_000),
        ]:
            s.add(Target(scope_type=scope, scope_id=people[login].id, period_type="quarter",
                         period_start=Q3.start, metric="revenue", value=value * 100))  # fmt: skip
        s.commit()
    engine.dispose()
    return path


def move_rex(path: str, session_for, **changes) -> None:
    change_person(session_for(path), "ada", "rex", changes, now=MOVED)


def team(path: str, login: str, period: Period):
    engine = open_database(path)
    with engine.connect() as conn:
        data = load_team(conn, login, period, TODAY)
    engine.dispose()
    return data


def root(data) -> tuple[int, int | None, int]:
    """The top line's revenue and target (major units) and the bonus pool (minor units)."""
    f = data.board.lines(set())[0].figures
    pool = bonus_pool(f.revenue, f.target, data.board.rules)
    return f.revenue // 100, None if f.target is None else f.target // 100, pool


def names(data) -> set[str]:
    return {ln.label for ln in data.board.lines(set())[1:] if ln.kind != "region"}


def set_org_history(path: str, value: str) -> None:
    engine = open_database(path)
    with Session(engine) as s:
        s.add(Setting(key="org.history", value=value))
        s.commit()
    engine.dispose()


def test_a_closed_quarter_keeps_the_team_it_closed_with(q3_db, session_for):
    before_leo, before_sol = team(q3_db, "leo", Q3), team(q3_db, "sol", Q3)
    assert root(before_leo) == (150_000, 100_000, 750_000)
    assert root(before_sol) == (40_000, 80_000, 0)
    move_rex(q3_db, session_for, manager="sol")
    leo, sol = team(q3_db, "leo", Q3), team(q3_db, "sol", Q3)
    assert root(leo) == (150_000, 100_000, 750_000)  # 150 %, the pool as before the move
    assert "Rex Rep" in names(leo)  # leo sees the Q3 of the rep he managed in Q3
    assert root(sol) == (40_000, 80_000, 0)  # 50 %, without rex
    assert "Rex Rep" not in names(sol)
    assert (leo.org_basis, sol.org_basis) == ("org as of 2026-09-30", "org as of 2026-09-30")
    # the quarter still running is attributed with the org as it is now: rex is sol's
    leo_q4, sol_q4 = team(q3_db, "leo", Q4), team(q3_db, "sol", Q4)
    assert "Rex Rep" in names(sol_q4) and "Rex Rep" not in names(leo_q4)
    assert root(sol_q4)[0] == 10_000 and root(leo_q4)[0] == 0
    assert (leo_q4.org_basis, sol_q4.org_basis) == ("", "")


def test_org_history_now_is_the_re_org_view_and_says_so(q3_db, session_for):
    move_rex(q3_db, session_for, manager="sol")
    set_org_history(q3_db, "now")
    leo, sol = team(q3_db, "leo", Q3), team(q3_db, "sol", Q3)
    assert root(leo) == (0, None, 0)  # leo alone now: his own line, no person target of his
    assert root(sol) == (190_000, 80_000, 1_650_000)  # 237.5 %: 15 % of 110,000
    assert "Rex Rep" in names(sol) and "Rex Rep" not in names(leo)
    assert sol.org_basis == "org as it is now"


def test_a_closed_quarter_keeps_the_regions_it_closed_with(q3_db, session_for):
    move_rex(q3_db, session_for, region="South")
    data = team(q3_db, "ada", Q3)
    regions = {
        ln.label: (ln.figures.revenue // 100, ln.figures.target // 100)
        for ln in data.board.lines(set())
        if ln.kind == "region"
    }
    assert regions == {"North": (150_000, 120_000), "South": (40_000, 80_000)}  # 125 %, 50 %
    assert data.org_basis == "org as of 2026-09-30"
    set_org_history(q3_db, "now")
    now = team(q3_db, "ada", Q3)
    regions = {
        ln.label: (ln.figures.revenue // 100, ln.figures.target)
        for ln in now.board.lines(set())
        if ln.kind == "region"
    }
    assert regions["South"] == (190_000, 200_000 * 100)  # 95 %
    assert regions["North"] == (0, None)


def test_the_report_names_the_org_a_moved_quarter_is_attributed_with(q3_db, session_for):
    untouched = team(q3_db, "leo", Q3)
    assert untouched.org_basis == ""  # nobody moved: nothing to say
    move_rex(q3_db, session_for, manager="sol")
    data = team(q3_db, "leo", Q3)
    now = datetime(2026, 11, 20, 10, tzinfo=UTC)
    md = team_report(data.board, Q3.label, Q3.kind, now, "md", org_basis=data.org_basis)
    assert "Org as of 2026-09-30: people count under the manager and in the region they had" in md
    js = team_report(data.board, Q3.label, Q3.kind, now, "json", org_basis=data.org_basis)
    assert '"org": "org as of 2026-09-30"' in js


def person_view(path: str, login: str, period: Period):
    engine = open_database(path)
    with engine.connect() as conn:
        detail = load_person(conn, org.person(path, login)["id"], period, TODAY)
    engine.dispose()
    return detail, {f"{m.month:%Y-%m}": m.revenue // 100 for m in detail.months}


def test_a_managers_three_years_give_each_month_the_team_it_ended_with(q3_db, session_for):
    """The person view (enter on a manager): August and September are closed months, rex was
    leo's at their end; November still runs, rex is sol's now."""
    move_rex(q3_db, session_for, manager="sol")
    leo, leo_months = person_view(q3_db, "leo", Q3)
    assert (leo.team_size, leo_months["2026-08"], leo_months["2026-09"]) == (2, 150_000, 0)
    sol, sol_months = person_view(q3_db, "sol", Q3)
    assert (sol_months["2026-08"], sol_months["2026-09"]) == (0, 40_000)
    assert sol.team_size == 3  # sol, sam, old (who left) — not rex in Q3
    leo_q4, leo_months = person_view(q3_db, "leo", Q4)
    sol_q4, sol_months = person_view(q3_db, "sol", Q4)
    assert (leo_q4.team_size, leo_months["2026-08"], leo_months["2026-11"]) == (1, 150_000, 0)
    assert (sol_q4.team_size, sol_months["2026-08"], sol_months["2026-11"]) == (4, 0, 10_000)
    set_org_history(q3_db, "now")
    _, leo_months = person_view(q3_db, "leo", Q3)
    _, sol_months = person_view(q3_db, "sol", Q3)
    assert (leo_months["2026-08"], sol_months["2026-08"]) == (0, 150_000)


def test_a_manager_who_left_since_still_heads_the_team_they_had(q3_db, session_for):
    """leo hands rex to sol in Q4 and leaves: the company's Q3 still has leo's team line, rex
    under it, 150,000 of its own 100,000 target."""
    move_rex(q3_db, session_for, manager="sol")
    change_person(session_for(q3_db), "ada", "leo", {"active": False}, now=MOVED)
    lines = team(q3_db, "ada", Q3).board.lines(set())
    leo = next(ln for ln in lines if ln.label == "Leo Low")
    assert (leo.kind, leo.figures.revenue // 100, leo.figures.target // 100) == (
        "team",
        150_000,
        100_000,
    )
    at = [ln.label for ln in lines].index("Leo Low")
    assert lines[at + 1].label == "Rex Rep" and lines[at + 1].depth == leo.depth + 1
    q4 = [ln.label for ln in team(q3_db, "ada", Q4).board.lines(set())]
    assert "Leo Low" not in q4  # gone now: no line of his own


def test_the_quarter_ends_at_midnight_on_the_persons_clock(q3_db, session_for):
    """rex moves at 2026-09-30 20:00 UTC: in UTC still Q3 (so Q3 is sol's); in Asia/Shanghai
    already 2026-10-01 04:00, in Q4 (so Q3 stays leo's)."""
    from salestui.kernel.clock import zone_of

    late = datetime(2026, 9, 30, 20, 0, tzinfo=UTC)
    change_person(session_for(q3_db), "ada", "rex", {"manager": "sol"}, now=late)
    with zone_of("UTC"):
        assert root(team(q3_db, "leo", Q3))[0] == 0
    with zone_of("Asia/Shanghai"):
        assert root(team(q3_db, "leo", Q3)) == (150_000, 100_000, 750_000)


def test_an_inactive_manager_above_someone_listed_heads_their_line_and_counts(q3_db):
    """leo has left (inactive) with no figure in Q4, but rex, still active under him, won
    10,000 on 2 Nov: leo is listed heading his team — his line Leo + Rex, 2 people, 10,000 — and
    mia's line above it Mia, Leo, Rex, Rae: 4. old (inactive, no figure, nobody under him) is
    not listed: sol's line is Sol and Sam, 2. The company: ada, mia, leo, rex, rae, sol, sam = 7,
    ada's North line 5 of them."""
    engine = open_database(q3_db)
    with Session(engine) as s:
        leo = s.exec(select(Person).where(Person.login == "leo")).one()
        leo.active = False
        s.add(leo)
        s.commit()
    engine.dispose()
    top, *rest = team(q3_db, "ada", Q4).board.lines(set())
    lines = {ln.label: ln for ln in rest}
    leo_line = lines["Leo Low"]
    assert (leo_line.kind, leo_line.size, leo_line.figures.revenue // 100) == ("team", 2, 10_000)
    assert (lines["Mia Mid"].size, lines["Sol South"].size) == (4, 2)
    assert "Old Timer" not in lines
    assert top.size == 7
    assert (lines["Ada Top"].size, lines["Ada Top"].team_size) == (5, 7)  # North: "(5 of 7)"


def test_the_board_without_figures_lists_the_same_people_with_the_same_targets(q3_db):
    """The review's quarter targets come from the board without figures
    (``load_team(figures=False)``): who is listed there must be who is listed on the team
    screen. Four people leave, each with one kind of part in Q4 and nothing else: rex won
    10,000 on 2 Nov (a close), rae logged a visit on 5 Nov (an activity), sam's new customer
    came on 20 Oct (a new customer), and old's customer has an invoice due 10 Nov (a
    collection). Each is listed in Q4; old, with nothing in Q3, is not listed there. Q4 person
    targets: rae 7,000 and old 5,000 — the company's Q4 target rolls up to 12,000."""
    from salestui.db.tables import Activity, SalesOrder

    engine = open_database(q3_db)
    with Session(engine) as s:
        people = {p.login: p for p in s.exec(select(Person)).all()}
        south = s.exec(select(Region).where(Region.name == "South")).one()
        for login in ("rex", "rae", "sam", "old"):
            people[login].active = False
            s.add(people[login])
        s.add(Activity(kind="visit", person_id=people["rae"].id,
                       occurred_at=datetime(2026, 11, 5, 9, tzinfo=UTC)))  # fmt: skip
        s.add(Customer(name="New Co", region_id=south.id, owner_id=people["sam"].id,
                       created_at=datetime(2026, 10, 20, 9, tzinfo=UTC)))  # fmt: skip
        olds = Customer(name="Old Co", region_id=south.id, owner_id=people["old"].id,
                        created_at=datetime(2025, 3, 1, tzinfo=UTC))  # fmt: skip
        s.add(olds)
        s.flush()
        s.add(SalesOrder(customer_id=olds.id, order_date=date(2026, 10, 10),
                         due_date=date(2026, 11, 10), amount_minor=300_000, paid_minor=0))  # fmt: skip
        for login, value in (("rae", 7_000), ("old", 5_000)):
            s.add(Target(scope_type="person", scope_id=people[login].id, period_type="quarter",
                         period_start=Q4.start, metric="revenue", value=value * 100))  # fmt: skip
        s.commit()
    engine.dispose()

    def listed(figures: bool, login: str, period: Period) -> list[tuple]:
        engine = open_database(q3_db)
        with engine.connect() as conn:
            data = load_team(conn, login, period, TODAY, figures=figures)
        engine.dispose()
        return [
            (ln.label, ln.kind, ln.size, ln.figures.target, ln.figures.new_customers_target)
            for ln in data.board.lines(set())
        ]

    for login in ("ada", "sol", "mia"):
        for period in (Q3, Q4):
            assert listed(False, login, period) == listed(True, login, period), (login, period)
    q4 = listed(False, "ada", Q4)
    names_q4 = {label for label, kind, *_ in q4 if kind != "region"}
    assert {"Rex Rep", "Rae Rep", "Sam Rep", "Old Timer"} <= names_q4
    assert q4[0][3] == 12_000 * 100
    names_q3 = {label for label, kind, *_ in listed(False, "ada", Q3) if kind != "region"}
    assert "Old Timer" not in names_q3 and "Rex Rep" in names_q3
