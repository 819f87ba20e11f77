"""`salestui report weekly` carries the waterfall (the week of test_movement.py's table): the
same figures in Markdown and JSON, stable keys, only what the --user may see."""

from __future__ import annotations

import json


def _weekly(cli, db, fmt, user="boss"):
    r = cli("report", "weekly", "--format", fmt, "--db", db, "--user", user)
    assert r.code == 0, r.err
    return r.out


def test_json_has_every_step_with_stable_keys(cli, week_db):
    body = json.loads(_weekly(cli, week_db, "json"))["pipeline_movement"]
    assert body["week_start"] == "2026-11-16" and body["due_before"] == "2027-01-01"
    total = body["total"]
    assert list(total) == [
        "start", "new", "pulled_in", "pushed_out", "increased", "decreased", "won", "lost", "end",
    ]  # fmt: skip
    assert {k: v["amount"] for k, v in total.items()} == {
        "start": "2150000.00",
        "new": "15000.00",
        "pulled_in": "70000.00",
        "pushed_out": "-450000.00",
        "increased": "50000.00",
        "decreased": "-10000.00",
        "won": "-80000.00",
        "lost": "0.00",
        "end": "1745000.00",
    }
    assert total["lost"]["deals"] == 1 and total["end"]["deals"] == 5
    li = next(ln for ln in body["lines"] if ln["who"] == "李伟")
    assert (li["start"]["amount"], li["end"]["amount"]) == ("570000.00", "180000.00")


def test_a_rep_gets_only_their_own_waterfall(cli, week_db):
    body = json.loads(_weekly(cli, week_db, "json", "rep_li"))["pipeline_movement"]
    assert body["total"]["start"]["amount"] == "570000.00"
    assert [ln["who"] for ln in body["lines"]] == ["李伟"]


def test_markdown_has_the_table_the_chart_and_the_lines(cli, week_db):
    md = _weekly(cli, week_db, "md")
    part = md[md.index("## 7. Pipeline movement this week") :]
    assert "| Pushed out | 1 | −450,000 |" in part
    assert "| End | 5 | 1,745,000 |" in part
    assert "Pipeline 2,150,000 → 1,745,000 (−405,000) this week" in part
    assert "Mei East · team | 1,550,000 |" in part
