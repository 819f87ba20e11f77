"""The default rules of DOMAIN.md: who approves a deal."""

from __future__ import annotations

from salestui.kernel.domain import approvers_for


def test_approvers_boundary():
    # 500,000.00 major = 50,000,000 minor: director; one cent more: finance, legal, VP.
    assert approvers_for(50_000_000) == ("director",)
    assert approvers_for(50_000_001) == ("finance", "legal", "vp")
    assert approvers_for(0) == ("director",)
