"""The manager-changeable thresholds: defaults, overrides, junk."""

from __future__ import annotations

from salestui.kernel.settings import rules_from

# ---------------------------------------------------------------- settings


def test_rules_defaults_are_domain_md():
    rules = rules_from({})
    assert rules.stall_days == {"Prospect": 14, "Qualified": 21, "Proposal": 30, "Negotiation": 30}
    assert rules.probability == {
        "Prospect": 10,
        "Qualified": 25,
        "Proposal": 50,
        "Negotiation": 75,
        "Won": 100,
        "Lost": 0,
    }
    assert rules.recent_close_days == 30


def test_rules_overrides_from_settings():
    rules = rules_from(
        {
            "stall_days.Proposal": "45",
            "stall_days.Prospect": " 7 ",
            "probability.Qualified": "30",
            "recent_close_days": "14",
            "unrelated.key": "whatever",
        }
    )
    assert rules.stall_days == {"Prospect": 7, "Qualified": 21, "Proposal": 45, "Negotiation": 30}
    assert rules.probability["Qualified"] == 30
    assert rules.probability["Negotiation"] == 75  # untouched
    assert rules.recent_close_days == 14


def test_rules_ignore_or_clamp_junk():
    rules = rules_from(
        {
            "stall_days.Prospect": "abc",  # junk → default 14
            "stall_days.Qualified": "0",  # at least one day
            "stall_days.Proposal": "-5",  # at least one day
            "stall_days.Negotiation": "2.5",  # not a whole number → default 30
            "probability.Prospect": "150",  # clamped to 100
            "probability.Qualified": "-5",  # clamped to 0
            "probability.Proposal": "",  # junk → default 50
            "recent_close_days": "0",  # at least one day
        }
    )
    assert rules.stall_days == {"Prospect": 14, "Qualified": 1, "Proposal": 1, "Negotiation": 30}
    assert rules.probability["Prospect"] == 100
    assert rules.probability["Qualified"] == 0
    assert rules.probability["Proposal"] == 50
    assert rules.recent_close_days == 1
