"""The person's clock: zones by name, the system's, and where a zone's offset changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salestui.kernel import clock
from salestui.kernel.errors import DomainError


def test_a_zone_by_its_iana_name_and_a_clear_refusal_for_anything_else():
    assert clock.zone_name(clock.zone_named(" Asia/Shanghai ")) == "Asia/Shanghai"
    for junk in ("Mars/Olympus", "", "../etc/passwd", "/etc/localtime"):
        with pytest.raises(DomainError, match="no time zone named"):
            clock.zone_named(junk)
    with pytest.raises(DomainError, match="did you mean .*Asia/Shanghai"):
        clock.zone_named("shanghai")


def test_no_zone_of_their_own_is_the_system_s(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    with clock.zone_of(clock.system_zone()):
        assert clock.zone_name() == "Europe/Berlin"
    monkeypatch.setenv("TZ", ":America/Los_Angeles")  # the C library's spelling
    assert clock.zone_name(clock.system_zone()) == "America/Los_Angeles"
    with clock.zone_of("Asia/Shanghai"):
        assert clock.zone_name(clock.use_zone("")) == "America/Los_Angeles"
    assert clock.zone_name() == "UTC"  # zone_of gives back the clock it found


def test_today_and_a_day_s_first_moment():
    moment = datetime(2026, 9, 30, 20, 30, tzinfo=UTC)
    with clock.zone_of("Asia/Shanghai"):
        assert clock.local_now(moment).date() == date(2026, 10, 1)
        assert clock.day_start(date(2026, 10, 1)) == datetime(2026, 9, 30, 16, 0, tzinfo=UTC)
    with clock.zone_of("America/Los_Angeles"):
        assert clock.local_day(moment) == date(2026, 9, 30)
        assert clock.local_day(datetime(2026, 10, 1, 6, 59)) == date(2026, 9, 30)  # naive: UTC
        assert clock.local_day(datetime(2026, 10, 1, 7, 0)) == date(2026, 10, 1)


def test_the_offsets_over_a_span_list_each_summer_time_change_to_the_second():
    span = (datetime(2026, 1, 10, tzinfo=UTC), datetime(2026, 12, 20, tzinfo=UTC))
    with clock.zone_of("America/Los_Angeles"):
        assert clock.offsets(*span) == (
            (None, -480),
            (datetime(2026, 3, 8, 10, 0, tzinfo=UTC), -420),  # 02:00 PST → 03:00 PDT
            (datetime(2026, 11, 1, 9, 0, tzinfo=UTC), -480),  # 02:00 PDT → 01:00 PST
        )
    with clock.zone_of("Asia/Kolkata"):
        assert clock.offsets(*span) == ((None, 330),)
    assert clock.offsets(*span) == ((None, 0),)
