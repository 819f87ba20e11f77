"""A deal's products in Chinese (the detail's section and the lines editor, key ``p``): no English
word left but the team's data (product names, SKUs) and key names, after each thing the editor
says; and its pictures at 80×24, 120×40 and 200×50. The org of tests/fixtures.py with deal #1
(华信 ERP rollout, the board's first) made of two lines (``with_lines``)."""

from __future__ import annotations

import re

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.board.test_snapshots_deal_lines import with_lines
from tests.screens.pilot import ALL_SIZES, make_app, pressing
from tests.screens.untranslated import assert_no_english_after, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")

_BOX = re.compile(r"[│╭╮╰╯]")


def in_the_boxes(app) -> str:
    """The screen's text, each line that crosses a box (the detail, the editor) only from its
    first box edge to its last: the board's cards behind them, cut to ``ata`` and ``orp`` by the
    edges, are not the dialog's words."""
    out = []
    for line in screen_text(app).splitlines():
        edges = [m.start() for m in _BOX.finditer(line)]
        out.append(line[edges[0] : edges[-1] + 1] if edges else line)
    return "\n".join(out)


# Pressed on the board; each leaves the detail or the editor open, having said something.
SCREENS = {
    "detail": ("enter",),
    "editor": ("enter", "p"),
    "new_line": ("enter", "p", "a"),
    "changing_line": ("enter", "p", "e"),
    "line_removed": ("enter", "p", "x"),
}
# (the Chinese the test expects to see, each worked out from the catalogue by hand)
SAID = {
    "detail": "产品（金额为各行之和）",
    "editor": "2 行 · 金额 120,000.00",
    "new_line": "新行",
    "changing_line": "第 1 行",
    "line_removed": "的金额现为 32,500.00",
}


@pytest.mark.parametrize("screen", SCREENS)
async def test_deal_lines_in_chinese_have_no_english(seeded_db, screen):
    text = await assert_no_english_after(
        with_lines(seeded_db), SCREENS[screen], size=(120, 40), text_of=in_the_boxes
    )
    assert SAID[screen] in text


async def test_no_lines_and_no_line_chosen_in_chinese(seeded_db):
    # deal #1 without lines: the editor says how its amount is kept; e has no line to change
    text = await assert_no_english_after(
        seeded_db, ("enter", "p", "e"), size=(120, 40), text_of=in_the_boxes
    )
    assert "尚无产品行：添加之前，金额在商机上直接填写。" in text
    assert "未选中任何行：先在表格中按 ↑↓ 选择" in text


@pytest.mark.parametrize("size", ALL_SIZES)
def test_deal_lines_editor_in_chinese_snapshot(snap_compare, seeded_db, size):
    set_language("zh")
    app = make_app(with_lines(seeded_db))
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing("enter", "p"))
