"""People changed and added through the service, on the hand-written org of
tests/services/people_org.py: what each rule allows, and every refusal leaving every table as it
was."""

from __future__ import annotations

import pytest
from sqlmodel import select

from salestui.db.tables import AuditLog
from salestui.kernel.errors import DomainError
from salestui.services.people import add_person, change_person
from tests.services import people_org as org

NOW = org.NOW


@pytest.fixture
def org_db(tmp_path) -> str:
    return org.build(str(tmp_path / "org.db"))


def assert_refused(session, path: str, call, match: str) -> DomainError:
    """``call`` raises DomainError and no table changes, even after a later commit."""
    before = org.dump(path)
    with pytest.raises(DomainError, match=match) as info:
        call()
    session.commit()
    assert org.dump(path) == before
    assert "\n" not in str(info.value)
    return info.value


# --- changes allowed -----------------------------------------------------------------------------


def test_a_manager_moves_someone_below_them_audited_and_versioned(org_db, session_for):
    s = session_for(org_db)
    done = change_person(s, "mia", "rex", {"manager": "mia"}, version=1, now=NOW)
    assert (done.login, done.version, done.changes) == ("rex", 2, {"manager": ("leo", "mia")})
    rex = org.person(org_db, "rex")
    assert org.login_of(org_db, rex["manager_id"]) == "mia" and rex["version"] == 2
    audit = s.exec(select(AuditLog).where(AuditLog.table_name == "person")).all()
    leo, mia = org.person(org_db, "leo")["id"], org.person(org_db, "mia")["id"]
    assert [(a.by_login, a.row_id, a.field, a.old, a.new) for a in audit] == [
        ("mia", rex["id"], "manager_id", str(leo), str(mia)),
        ("mia", rex["id"], "version", "1", "2"),
    ]
    # the version read before that change is stale now: refused, naming who changed it
    error = assert_refused(
        s, org_db, lambda: change_person(s, "ada", "rex", {"title": "x"}, version=1), "changed by"
    )
    assert "changed by mia" in str(error)


def test_every_field_changed_at_once_by_an_administrator(org_db, session_for):
    s = session_for(org_db)
    done = change_person(
        s,
        "ada",
        "rae",
        {
            "display_name": "  Rae  Lead ",
            "title": "team lead",
            "manager": "sol",
            "region": "South",
            "role": "Manager",
            "admin": True,
            "os_user": "rae_os",
        },
        now=NOW,
    )
    assert done.changes == {
        "display_name": ("Rae Rep", "Rae Lead"),
        "title": ("", "team lead"),
        "manager": ("mia", "sol"),
        "region": ("North", "South"),
        "role": ("rep", "manager"),
        "admin": (False, True),
        "os_user": (None, "rae_os"),
    }
    rae = org.person(org_db, "rae")
    assert (rae["display_name"], rae["role"], rae["admin"], rae["os_user"]) == (
        "Rae Lead",
        "manager",
        1,
        "rae_os",
    )
    fields = [a.field for a in s.exec(select(AuditLog).where(AuditLog.table_name == "person"))]
    assert sorted(fields) == sorted(
        ["display_name", "title", "manager_id", "region_id", "role", "admin", "os_user", "version"]
    )


def test_bind_unbind_deactivate_and_what_is_left_alone(org_db, session_for):
    s = session_for(org_db)
    assert change_person(s, "sol", "sam", {"os_user": None}, now=NOW).changes == {
        "os_user": ("sam_os", None)
    }
    assert change_person(s, "ada", "rex", {"os_user": "sam_os"}, now=NOW).version == 2
    assert org.person(org_db, "rex")["os_user"] == "sam_os"
    assert change_person(s, "sol", "sam", {"active": False}, now=NOW).changes == {
        "active": (True, False)
    }
    # values equal to what is stored change nothing, write nothing and need no right
    before = org.dump(org_db)
    same = change_person(s, "rae", "rex", {"title": "", "manager": "leo", "role": "rep"})
    assert same.changes == {} and same.version == 2 and "nothing to change" in same.words()
    assert org.dump(org_db) == before


def test_people_correct_their_own_name_and_title(org_db, session_for):
    s = session_for(org_db)
    done = change_person(s, "rex", "rex", {"display_name": "Rex R.", "title": "rep, North"})
    assert done.words() == "changed rex: display_name Rex Rep → Rex R., title (none) → rep, North"


def test_add_a_person_below_oneself_or_anywhere_as_administrator(org_db, session_for):
    s = session_for(org_db)
    added = add_person(s, "leo", "neo", "Neo New", now=NOW)
    assert added.created and added.words() == "added neo"
    neo = org.person(org_db, "neo")
    assert org.login_of(org_db, neo["manager_id"]) == "leo"
    assert (neo["role"], neo["admin"], neo["os_user"], neo["active"]) == ("rep", 0, None, 1)
    assert (
        neo["hire_date"] == "2026-11-20"
        and neo["region_id"] == org.person(org_db, "leo")["region_id"]
    )
    audit = s.exec(select(AuditLog).where(AuditLog.row_id == neo["id"])).all()
    assert ("*created*", "neo", "leo") in [(a.field, a.new, a.by_login) for a in audit]
    # a manager below leo's manager, in another region, by an administrator
    add_person(s, "ada", "kim", "Kim K", manager="rex", role="manager", region="South", now=NOW)
    kim = org.person(org_db, "kim")
    assert org.login_of(org_db, kim["manager_id"]) == "rex" and kim["role"] == "manager"
    add_person(s, "ada", "two", "Second Top", manager="", now=NOW)
    assert org.person(org_db, "two")["manager_id"] is None


# --- refusals: one line, nothing written ---------------------------------------------------------

CHANGE_REFUSALS = [
    # (actor, person, changes, what the line says)
    ("ada", "mia", {"manager": "mia"}, "mia cannot be their own manager"),
    # a circle through three people: rex → leo → mia
    ("ada", "mia", {"manager": "rex"}, r"mia cannot report to rex: .*\(rex → leo → mia\)"),
    ("rae", "rex", {"title": "boss"}, "rex does not report to you: you may change only your own"),
    ("rae", "rex", {"manager": "rae"}, "rex does not report to you: only a manager above them"),
    ("mia", "mia", {"manager": "sol"}, "you cannot change your own manager"),
    ("ada", "ada", {"manager": "mia"}, "you cannot change your own manager"),
    ("mia", "mia", {"role": "rep"}, "you cannot change your own role"),
    ("rex", "rex", {"os_user": "rex_os"}, "you cannot change your own OS account"),
    ("ada", "rex", {"os_user": "sam_os"}, "'sam_os' is already bound to sam"),
    ("ada", "rex", {"os_user": "rex os"}, "an OS account has no spaces"),
    ("ada", "ada", {"active": False}, "ada is the last active administrator and cannot be deact"),
    ("mia", "rex", {"admin": True}, "only an administrator makes rex an administrator"),
    ("mia", "rex", {"manager": "sol"}, "you may put people only below yourself .* not below sol"),
    ("mia", "rex", {"manager": None}, "only an administrator puts someone at the top"),
    ("ada", "rex", {"manager": "old"}, "old is no longer active"),
    ("ada", "leo", {"active": False}, r"leo still has people reporting to them \(rex\)"),
    ("sol", "mia", {"title": "x"}, "mia does not report to you"),
    ("ada", "rex", {"role": "boss"}, "a role is rep or manager, not 'boss'"),
    ("ada", "rex", {"region": "Mars"}, "there is no region named 'Mars'"),
    ("ada", "rex", {"display_name": "  "}, "a person's name cannot be empty"),
    ("ada", "rex", {"salary": 1}, "a person has no field 'salary'"),
    ("ada", "ghost", {"title": "x"}, "no person with login 'ghost'"),
    ("ghost", "rex", {"title": "x"}, "no person with login 'ghost'"),
    ("ada", "rex", {"manager": "nobody"}, "no manager with login 'nobody'"),
]


@pytest.mark.parametrize("actor, login, changes, message", CHANGE_REFUSALS)
def test_change_refusals_write_nothing(org_db, session_for, actor, login, changes, message):
    s = session_for(org_db)
    assert_refused(s, org_db, lambda: change_person(s, actor, login, changes, now=NOW), message)


def test_the_last_administrator_keeps_the_flag(org_db, session_for):
    s = session_for(org_db)
    change_person(s, "ada", "leo", {"admin": True}, now=NOW)
    change_person(s, "leo", "ada", {"admin": False}, now=NOW)  # leo is an administrator still
    # leo is now the only administrator; mia, above leo, may change leo but not take the flag
    assert_refused(
        s,
        org_db,
        lambda: change_person(s, "mia", "leo", {"admin": False}, now=NOW),
        "leo is the last active administrator and cannot lose the administrator flag",
    )


ADD_REFUSALS = [
    ("rae", "neo", {}, "only a manager or an administrator adds people"),
    ("leo", "neo", {"manager": "sol"}, "only below yourself .* not below sol"),
    ("mia", "neo", {"manager": ""}, "only an administrator puts someone at the top"),
    ("ada", "rex", {}, "there is already a person with login 'rex'"),
    ("ada", "two words", {}, "a login is one word"),
    ("ada", "neo", {"role": "admin"}, "a role is rep or manager"),
    ("ada", "neo", {"manager": "old"}, "old is no longer active"),
]


@pytest.mark.parametrize("actor, login, options, message", ADD_REFUSALS)
def test_add_refusals_write_nothing(org_db, session_for, actor, login, options, message):
    s = session_for(org_db)
    assert_refused(
        s, org_db, lambda: add_person(s, actor, login, "Neo New", now=NOW, **options), message
    )
