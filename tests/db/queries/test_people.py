"""The org's history is the audit log: every door that moves a person — people set (the CLI and
the people form go through the same service), people add, the people import and its undo — leaves
the change where :func:`org_changes_since` reads it, and the org undone from it is the org as it
stood. On the hand-written org of tests/services/people_org.py (rex reports to leo, in North)."""

from __future__ import annotations

from datetime import UTC, datetime

from salestui.db.queries.people import all_people, org_changes_since
from salestui.kernel.org_history import org_as_of
from salestui.services.imports.run import ImportOptions, import_file, undo_import
from salestui.services.people import add_person, change_person
from tests.services import people_org as org

T0 = datetime(2026, 1, 1, tzinfo=UTC)
OCT, NOV, DEC = (datetime(2026, m, 15, 9, 0, tzinfo=UTC) for m in (10, 11, 12))


def ids(path: str) -> dict[str, int]:
    return {login: org.person(path, login)["id"] for login in org.ORG}


def moves(session, since=T0) -> list[tuple]:
    return [(c.person_id, c.field, c.old, c.new) for c in org_changes_since(session, since)]


def rex_then(session, moment) -> tuple[int | None, int | None]:
    people = all_people(session)
    rex = next(p.id for p in people if p.login == "rex")
    return org_as_of(people, org_changes_since(session, moment))[rex]


def region_ids(session) -> dict[str, int]:
    from salestui.db.queries.people import all_regions

    return {r.name: r.id for r in all_regions(session)}


def test_people_set_records_manager_and_region_moves(tmp_path, session_for):
    path = org.build(str(tmp_path / "org.db"))
    s = session_for(path)
    who, region = ids(path), region_ids(s)
    change_person(s, "ada", "rex", {"manager": "sol"}, now=OCT)
    change_person(s, "ada", "rex", {"region": "South", "title": "Field rep"}, now=NOV)
    rex = who["rex"]
    assert moves(s) == [
        (rex, "region_id", str(region["North"]), str(region["South"])),
        (rex, "manager_id", str(who["leo"]), str(who["sol"])),
    ]
    assert moves(s, NOV) == [(rex, "region_id", str(region["North"]), str(region["South"]))]
    assert rex_then(s, T0) == (who["leo"], region["North"])
    assert rex_then(s, datetime(2026, 11, 1, tzinfo=UTC)) == (who["sol"], region["North"])
    assert rex_then(s, DEC) == (who["sol"], region["South"])


def test_people_add_is_a_creation_not_a_move(tmp_path, session_for):
    path = org.build(str(tmp_path / "org.db"))
    s = session_for(path)
    who, region = ids(path), region_ids(s)
    add_person(s, "ada", "kim", "Kim New", manager="sol", now=NOV)
    kim = org.person(path, "kim")["id"]
    assert sorted(moves(s)) == [
        (kim, "*created*", None, "kim"),
        (kim, "manager_id", None, str(who["sol"])),
        (kim, "region_id", None, str(region["South"])),
    ]
    people = all_people(s)
    then = org_as_of(people, org_changes_since(s, OCT))
    assert then[kim] == (who["sol"], region["South"])  # not at the top of the org before she came


def test_the_people_import_and_its_undo_record_the_moves(tmp_path, session_for):
    path = org.build(str(tmp_path / "org.db"))
    s = session_for(path)
    who, region = ids(path), region_ids(s)
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("login,manager,region\nrex,sol,South\n", encoding="utf-8")
    summary = import_file(s, csv_file, ImportOptions(kind="people"), actor="ada", now=OCT,
                          report_dir=tmp_path)  # fmt: skip
    assert summary.updated == 1
    rex = who["rex"]
    north, south = str(region["North"]), str(region["South"])
    assert sorted(moves(s)) == [
        (rex, "manager_id", str(who["leo"]), str(who["sol"])),
        (rex, "region_id", north, south),
    ]
    assert rex_then(s, datetime(2026, 9, 30, tzinfo=UTC)) == (who["leo"], region["North"])
    undo_import(s, summary.batch, actor="ada", now=NOV)
    assert sorted(moves(s, NOV)) == [
        (rex, "manager_id", str(who["sol"]), str(who["leo"])),
        (rex, "region_id", south, north),
    ]
    # between the import and its undo rex was sol's, in South
    assert rex_then(s, datetime(2026, 11, 1, tzinfo=UTC)) == (who["sol"], region["South"])
    assert rex_then(s, DEC) == (who["leo"], region["North"])
