"""Section 7 of `report weekly` on the review fixture, worked by hand.

Every deal of tests/fixtures.py steps a stage every 10 days, so every stint is 10 days. Left in
the last 90 days (NOW − n days): #2 Prospect (5); #3 Prospect (20), Qualified (10); #4 Prospect
(60), Qualified (50), Proposal (40); #5 Prospect (23), Qualified (13), Proposal (3); #6 Prospect
(35), Qualified (25), Proposal (15), Negotiation (5); #7 Prospect (17), Qualified (7) →
Prospect 6, Qualified 5, Proposal 3, Negotiation 1, each 10 d on average and median.

Effort: only 深圳腾达电子 ordered in the last 12 months, so it alone is the top 20 %; the one
activity (rep_li's visit to 华信, 18 days ago) is not on it → 0 % of 1 activity and 1 visit:
李伟 and the team fall short of 70 %.
"""

from __future__ import annotations

import json

from salestui.db.engine import open_database
from salestui.review.report import load_weekly, render_json, render_md
from tests.fixtures import NOW


def weekly(path: str):
    engine = open_database(path)
    with engine.connect() as conn:
        return load_weekly(conn, "boss", NOW)


def test_the_markdown_section_and_the_problem(review_db):
    md = render_md(weekly(review_db))
    assert "| Prospect | 6 | 10d | 10d | 14d |" in md
    assert "| Qualified | 5 | 10d | 10d | 21d |" in md
    assert "| Proposal | 3 | 10d | 10d | 30d |" in md
    assert "| Negotiation | 1 | 10d | 10d | 30d |" in md
    assert "Nobody's median is over 1.5 × the team's." in md
    assert "| 李伟 | 1 | 0% | 1 | 0% |" in md
    problems = md[md.index("## 4.") : md.index("## 5.")]
    assert "below 70 % — team activities 0%, visits 0%; 1 person short: 李伟" in problems


def test_the_json_says_the_same(review_db):
    body = json.loads(render_json(weekly(review_db)))
    stages = body["stage_durations"]["stages"]
    assert [(s["stage"], s["stints"], s["median_days"]) for s in stages] == [
        ("Prospect", 6, 10),
        ("Qualified", 5, 10),
        ("Proposal", 3, 10),
        ("Negotiation", 1, 10),
    ]
    assert body["stage_durations"]["from"] == "2026-08-23"
    effort = body["effort"]
    assert (effort["team"]["activities"], effort["team"]["activity_share_pct"]) == (1, 0)
    assert [(p["name"], p["short"]) for p in effort["people"]] == [("李伟", True)]
