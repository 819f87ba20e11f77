"""`salestui export approvals`: every sign-off of the deals the person may see, CSV or JSON
(the hand-written org of tests/fixtures.py: #4 rep_li's waits for the director, #5 rep_wang's
for finance, legal and the VP)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests import fixtures


@pytest.fixture
def db(tmp_path) -> str:
    return fixtures.bind_the_top(fixtures.build(str(tmp_path / "ap.db")), admin=True)


@pytest.mark.parametrize(
    ("user", "seen"),
    [
        ("boss", [(4, "director"), (5, "finance"), (5, "legal"), (5, "vp")]),
        ("mgr_east", [(4, "director"), (5, "finance"), (5, "legal"), (5, "vp")]),  # both below
        ("rep_li", [(4, "director")]),  # only their own deal's
        ("rep_south", []),  # neither deal is theirs
    ],
)
def test_export_approvals_as_the_person_may_see(cli, db, user, seen):
    r = cli("export", "approvals", "--db", db, "--user", user)
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(int(x["deal"]), x["role"]) for x in rows] == seen
    if rows:
        assert list(rows[0]) == ["deal", "deal_external_id", "role", "status", "requested_at",
                                 "decided_by", "decided_at", "comment"]  # fmt: skip
        assert {x["status"] for x in rows} == {"pending"}


def test_export_approvals_json_shows_a_decision(cli, db):
    r = cli("approval", "approve", "1", "--comment", "fine", "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    r = cli("export", "approvals", "--format", "json", "--db", db, "--user", "rep_li")
    assert r.code == 0, r.err
    (row,) = json.loads(r.out)
    assert (row["deal"], row["role"], row["status"], row["decided_by"], row["comment"]) == (
        4, "director", "approved", "mgr_east", "fine",
    )  # fmt: skip
    assert row["decided_at"] == "2026-11-20T10:00:00+00:00"  # the pinned clock, UTC
