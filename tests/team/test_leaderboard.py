"""The leaderboard's top line against its regions, on a small org written here; every figure
worked out by hand. Amounts in major units × M."""

from __future__ import annotations

from salestui.team.leaderboard import Board, Person
from salestui.team.metrics import Parts, Targets, TeamRules

M = 100
# Boss (华东) → Mgr (华东) → Li (华东); Boss → South (华南)
PEOPLE = [
    Person(1, "Boss", None, 10, "manager"),
    Person(2, "Mgr", 1, 10, "manager"),
    Person(3, "Li", 2, 10),
    Person(5, "South", 1, 20),
]
PARTS = {3: Parts(revenue=200 * M), 5: Parts(revenue=50 * M)}
REGIONS = {10: "华东", 20: "华南"}
PEOPLES_TARGETS = {("person", 3): 300 * M, ("person", 5): 100 * M}


def board(revenue_targets: dict, root_id: int | None = None, label: str = "Company") -> Board:
    return Board(PEOPLE, PARTS, Targets(revenue_targets, {}), TeamRules(), REGIONS, root_id, label)


def test_a_company_target_of_its_own_is_named_beside_what_its_regions_add_up_to():
    b = board({**PEOPLES_TARGETS, ("company", None): 1_000 * M})
    # the company's own 1,000; 华东 Li's 300 + 华南 South's 100 = 400
    assert b.lines(set())[0].figures.target == 1_000 * M
    assert b.target_note() == "target 1,000 is the company's own; its regions add up to 400"


def test_a_rolled_up_target_with_a_team_target_is_named_too():
    b = board({**PEOPLES_TARGETS, ("team", 2): 700 * M})
    # no company target: Mgr's team target 700 stands for Li's 300; + South 100 = 800,
    # where the regions add up their people's: 300 + 100 = 400
    assert b.lines(set())[0].figures.target == 800 * M
    assert b.target_note() == "target 800 counts team targets; its regions add up to 400"


def test_no_note_when_the_regions_add_up_to_the_top_line():
    # people's targets only: the company 300 + 100 = 400, the regions 300 and 100
    assert board(dict(PEOPLES_TARGETS)).target_note() is None
    # a region's own target counts for the region: 华南 150 → regions 450 against the company's 450
    b = board({**PEOPLES_TARGETS, ("region", 20): 150 * M, ("company", None): 450 * M})
    assert b.target_note() is None
    # a team's view: Mgr's own team target 700 against 华东 (Mgr and Li) 300
    mine = board({**PEOPLES_TARGETS, ("team", 2): 700 * M}, root_id=2, label="Team of Mgr")
    assert mine.target_note() == "target 700 is the team's own; its regions add up to 300"


def test_the_report_says_the_note_above_its_table():
    from datetime import UTC, datetime

    from salestui.team.report import team_report

    b = board({**PEOPLES_TARGETS, ("company", None): 1_000 * M})
    md = team_report(b, "2026-Q4", "quarter", datetime(2026, 11, 20, tzinfo=UTC), "md")
    assert "Target 1,000 is the company's own; its regions add up to 400.\n" in md
    js = team_report(b, "2026-Q4", "quarter", datetime(2026, 11, 20, tzinfo=UTC), "json")
    assert "target 1,000 is the company's own; its regions add up to 400" in js


def test_a_managers_line_in_a_region_is_their_whole_team_there_whoever_is_between():
    """Mei (East) → Li (West) → Wang (East) → Zhao (West). Under East, Wang shows below Mei,
    the nearest manager above him in East, though Li (West) is between: Mei's East line is Mei
    and Wang, revenue 0 + 30 = 30, target 60 (Wang's: the team is not all there), 2 of 4. Under
    West, Zhao shows below Li: 20 + 40 = 60, target 50 + 70 = 120, 2 of 3. Each region adds up
    to the line below it; the top line is Mei's whole team: 90 against her roll-up
    50 + 60 + 70 = 180."""
    people = [
        Person(1, "Mei", None, 10, "manager"),
        Person(2, "Li", 1, 20, "manager"),
        Person(3, "Wang", 2, 10, "manager"),
        Person(4, "Zhao", 3, 20),
    ]
    parts = {2: Parts(revenue=20 * M), 3: Parts(revenue=30 * M), 4: Parts(revenue=40 * M)}
    targets = Targets({("person", 2): 50 * M, ("person", 3): 60 * M, ("person", 4): 70 * M}, {})
    b = Board(people, parts, targets, TeamRules(), {10: "East", 20: "West"}, None, "Company")
    lines = [
        (ln.depth, ln.label, ln.kind, ln.size, ln.team_size, ln.figures.revenue // M,
         ln.figures.target // M)
        for ln in b.lines(set(), "name", False)
    ]  # fmt: skip
    assert lines == [
        (0, "Company", "root", 4, 0, 90, 180),
        (1, "East", "region", 2, 0, 30, 60),
        (2, "Mei", "team", 2, 4, 30, 60),
        (3, "Wang", "person", 1, 0, 30, 60),
        (1, "West", "region", 2, 0, 60, 120),
        (2, "Li", "team", 2, 3, 60, 120),
        (3, "Zhao", "person", 1, 0, 40, 70),
    ]


def test_the_reports_org_line_in_chinese():
    from salestui.kernel.i18n import set_language
    from salestui.team.report import org_line

    said = "people count under the manager and in the region they had when the period closed."
    assert org_line("org as of 2026-09-30") == f"Org as of 2026-09-30: {said}\n\n"
    set_language("zh")
    assert (
        org_line("org as of 2026-09-30") == "按 2026-09-30 的组织：人员计入期末时的上级和区域。\n\n"
    )
