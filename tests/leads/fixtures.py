"""Leads added to the hand-written org of tests/fixtures.py (NOW 2026-11-20 10:00 UTC; SLA A 2 h,
B 24 h, C 120 h; boss #1 → mgr_east #2 → rep_li #3, rep_wang #4; boss → rep_south #5; 华东 #1):

  #1 张三 · 星河科技有限公司  A  rep_li    in 3 h ago, never contacted → overdue 1h
  #2 Jane Roe · Roe Widgets   B  rep_wang  in 4 h ago                  → 20h left
  #3 Li Hua · 华信            C  nobody    in 24 h ago (华东)           → 4d left
  #4 Sam Lee · South Co       A  rep_south in 40 min ago               → 1h 20m left
  #5 Old Friend · Late Ltd    B  rep_li    in 30 h ago, contacted 2 h ago (deadline 6 h ago) → late 4h
  #6 Gone Guy · Spam Inc      C  rep_li    disqualified ("no budget")
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from tests.fixtures import NOW

LEADS = [
    # name, company, grade, owner, hours ago, contacted hours ago, status, reason, email, phone
    (
        "张三",
        "星河科技有限公司",
        "A",
        3,
        3,
        None,
        "new",
        "",
        "zhang@xinghe.cn",
        "+86 138 0013 8000",
    ),
    ("Jane Roe", "Roe Widgets", "B", 4, 4, None, "new", "", "jane@roe.example", ""),
    ("Li Hua", "华信", "C", None, 24, None, "new", "", "", ""),
    ("Sam Lee", "South Co", "A", 5, 40 / 60, None, "new", "", "", ""),
    ("Old Friend", "Late Ltd", "B", 3, 30, 2, "contacted", "", "", ""),
    ("Gone Guy", "Spam Inc", "C", 3, 50, None, "disqualified", "no budget", "", ""),
]


def stamp(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M:%S.%f")


def add_leads(path: str) -> str:
    con = sqlite3.connect(path)
    with con:
        for name, company, grade, owner, ago, met, status, reason, email, phone in LEADS:
            con.execute(
                "INSERT INTO lead (name, company, source, industry, region_id, grade, created_at, "
                "first_contact_at, owner_id, status, status_reason, email, phone, version, "
                "need_fit, decision_authority, budget_timeline, engagement_history) "
                "VALUES (?, ?, 'online', 'manufacturing', 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0, 0)",
                (name, company, grade, stamp(ago), None if met is None else stamp(met), owner,
                 status, reason, email, phone),
            )  # fmt: skip
    con.close()
    return path
