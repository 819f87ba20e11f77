"""Which language is chosen, and what ``_`` gives in each."""

from __future__ import annotations

import pytest

from salestui.kernel import i18n, money
from salestui.kernel.i18n import _, language_from, ngettext, read_language, set_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zh", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("zh-Hans", "zh"),
        ("ZH_TW", "zh"),
        ("en_US.UTF-8", "en"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_read_language(text, expected):
    assert read_language(text) == expected


def test_the_order_of_choice():
    locale_zh = {"LANG": "zh_CN.UTF-8"}
    assert language_from(None, None, locale_zh) == "zh"
    assert language_from("en", None, locale_zh) == "en"  # --lang first
    assert language_from(None, "en", locale_zh) == "en"  # the team's setting over the locale
    assert language_from(None, "en", {**locale_zh, "SALESTUI_LANG": "zh"}) == "zh"
    assert language_from("en", None, {"SALESTUI_LANG": "zh"}) == "en"
    # LC_ALL decides over LANG; a C locale is English
    assert language_from(None, None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert language_from(None, None, {"LC_MESSAGES": "zh_CN", "LANG": "en_US"}) == "zh"
    assert language_from(None, None, {}) == "en"
    assert language_from("nonsense", None, {"LANG": "zh_CN.UTF-8"}) == "zh"


def test_stage_names_in_chinese():
    set_language("zh")
    assert [_(s) for s in ("Prospect", "Qualified", "Proposal", "Negotiation", "Won", "Lost")] == [
        "初步接触",
        "需求确认",
        "方案报价",
        "商务谈判",
        "赢单",
        "输单",
    ]
    set_language("en")
    assert _("Negotiation") == "Negotiation"


def test_an_unknown_string_and_the_empty_string_stay_as_they_are():
    set_language("zh")
    assert _("no such message anywhere") == "no such message anywhere"
    assert _("") == ""  # never the catalogue's header
    assert not i18n.translated("no such message anywhere")


def test_plural_in_english():
    assert ngettext("{n} deal", "{n} deals", 1).format(n=1) == "1 deal"
    assert ngettext("{n} deal", "{n} deals", 2).format(n=2) == "2 deals"
    assert ngettext("{n} deal", "{n} deals", 0).format(n=0) == "0 deals"


def test_amounts_in_wan_and_yi():
    # worked by hand: 1,234,567.00 = 123.4567万 → 123.46万; 5,000,000,000 = 50亿
    set_language("zh")
    assert money.format_compact(123_456_700) == "123.46万"
    assert money.format_compact(500_000_000_000) == "50.00亿"
    assert money.format_compact(950_00) == "950"
    assert money.format_amount(123_456_700) == "1,234,567"  # the option is off
    money.use_large_units(True)
    assert money.format_amount(123_456_700) == "123.46万"
    assert money.format_amount(999_900) == "9,999"  # below 万 as it was
    assert money.format_amount(-1_000_000) == "-1.00万"
    set_language("en")
    assert money.format_amount(123_456_700) == "1,234,567"  # English never
    assert money.format_compact(123_456_700) == "1.23M"
