"""What a write command says when it is done, in Chinese: every word translated but the team's
own data (names, titles) and the commands a person types as written."""

from __future__ import annotations

import re

import pytest

from tests import fixtures
from tests.leads.fixtures import add_leads
from tests.screens.untranslated import english_words

# A command quoted in a message (`salestui customer merge --undo …`) is typed as written.
_COMMAND = re.compile(r"salestui(?: [\w-]+)+")

# In order: each works on what the ones before it left (tests/fixtures.py, tests/leads/fixtures.py).
WRITES = [
    ("deal", "move", "1", "--to", "Qualified"),
    ("deal", "edit", "1", "--amount", "130000"),
    ("deal", "category", "1", "commit"),
    ("deal", "category", "1", "default"),
    ("deal", "lose", "8", "--reason", "Price"),
    ("deal", "move", "2", "--to", "Negotiation"),
    ("customer", "add", "Hoffman Logistics", "--industry", "logistics"),
    ("customer", "edit", "3", "--industry", "machinery", "--size", "large"),
    ("customer", "reassign", "3", "rep_li"),
    ("contact", "add", "Zhang", "--customer", "1", "--title", "Buyer"),
    ("contact", "edit", "1", "--phone", "+86 138 0013 8000"),
    ("contact", "edit", "1"),
    ("contact", "link", "1", "--deal", "1"),
    ("contact", "unlink", "1", "--deal", "1"),
    ("contact", "link", "1", "--deal", "1"),
    ("contact", "remove", "1"),
    ("activity", "add", "--deal", "1", "--type", "visit"),
    ("approval", "approve", "2", "--comment", "ok"),
    ("approval", "approve", "1"),
    ("approval", "reject", "3", "--comment", "no"),
    ("forecast", "call", "1000000", "--note", "solid"),
    ("lead", "contact", "1", "--type", "call"),
    ("lead", "qualify", "1"),
    ("lead", "disqualify", "2", "--reason", "no budget"),
    ("lead", "convert", "1"),
    ("people", "set", "newbie", "--title", "Rep"),
    ("people", "add", "kim", "--name", "Kim Kay"),
    ("people", "bind", "kim", "kim_os"),
    ("people", "unbind", "kim"),
    ("customer", "merge", "2", "1"),
]


@pytest.fixture
def db(tmp_path) -> str:
    return add_leads(fixtures.bind_the_top(fixtures.build(str(tmp_path / "m.db")), admin=True))


def run_all(cli, db, *lang: str) -> dict[tuple, str]:
    said = {}
    for args in WRITES:
        r = cli(*lang, *args, "--db", db, "--user", "boss")
        assert r.code == 0, (args, r.err)
        said[args] = r.out
    return said


def test_what_write_commands_say_in_chinese(cli, db):
    said = run_all(cli, db, "--lang", "zh")
    left = {
        a: words for a, out in said.items() if (words := english_words(_COMMAND.sub(" ", out), db))
    }
    assert left == {}
    # worked out by hand: Acme expansion (600,000) needs finance, legal and vp; boss holds all
    assert said[("approval", "approve", "2", "--comment", "ok")] == (
        "已批准“Acme expansion”的财务审批；仍在等待 法务，副总裁\n"
    )
    # Acme Corp (rep_wang) has the open Acme renewal and Acme expansion; Acme training is lost
    assert said[("customer", "reassign", "3", "rep_li")] == (
        "Acme Corp 现在归 李伟 负责；2 个未结商机随之转移\n"
    )
    assert said[("forecast", "call", "1000000", "--note", "solid")] == (
        "已提交 2026-Q4 的预测 1,000,000（2026-11-16 当周）\n"
    )


def test_the_same_messages_in_english(cli, db):
    said = run_all(cli, db)
    assert said[("approval", "approve", "2", "--comment", "ok")] == (
        "approved the finance sign-off of “Acme expansion”; still waiting for legal, vp\n"
    )
    assert said[("customer", "reassign", "3", "rep_li")] == (
        "Acme Corp now belongs to 李伟; 2 open deals went along\n"
    )
    assert said[("contact", "remove", "1")] == "removed Zhang and its 1 deal link\n"
    assert said[("people", "bind", "kim", "kim_os")] == "changed kim: os_user (none) → kim_os\n"


def test_the_sign_off_roles_in_chinese_where_people_read_them(cli, db):
    # 腾达 smart factory (600,000, Proposal) needs finance, legal and vp; boss holds them all
    r = cli("--lang", "zh", "deal", "win", "3", "--db", db, "--user", "boss")
    assert r.code == 1
    assert r.err == (
        "salestui: “腾达 smart factory”赢单前需要审批（财务：Bo Boss；法务：Bo Boss；"
        "副总裁：Bo Boss）：请将其推进到商务谈判以发起审批\n"
    )
    # a rep holds no sign-off: the refusal names the role in Chinese and who holds it
    r = cli("--lang", "zh", "approval", "approve", "2", "--db", db, "--user", "rep_li")
    assert r.code == 1 and "财务" in r.err and "finance" not in r.err, r.err
    # the machine answer keeps the English role
    r = cli("--lang", "zh", "approval", "list", "--format", "json", "--db", db, "--user", "boss")
    assert '"role": "finance"' in r.out


def test_the_importers_value_map_row_errors_in_chinese(cli, db, tmp_path):
    deals = tmp_path / "deals.csv"
    deals.write_text(
        "title,customer,owner,amount,expected_close,stage\n"
        "New thing,Acme Corp,rep_li,1000,2026-12-20,Closed Fancy\n"
        "Other,Acme Corp,rep_li,1000,2026-12-20,Lost\n",
        encoding="utf-8",
    )
    r = cli("--lang", "zh", "import", "deals", str(deals), "--db", db, "--user", "boss")
    assert r.code != 0
    lines = r.err.splitlines()
    assert lines[1] == (
        "  第 2 行，stage 'Closed Fancy'：不是已知的 stage（请使用 Prospect, Qualified, Proposal, "
        "Negotiation, Won, Lost 之一，或映射它：--value-map 'stage:Closed Fancy=Prospect'）"
    )
    assert lines[2] == (
        "  第 3 行，stage 'Lost'：输单商机需要输单原因（price, competitor, no budget, no decision, "
        "timing, other）：请把一列映射到 lost_reason，或为所有空值指定一个："
        "--value-map 'lost_reason:=other'"
    )


def test_a_period_mistake_in_chinese(cli, db):
    r = cli("--lang", "zh", "report", "team", "--period", "2026-13", "--db", db, "--user", "boss")
    assert r.code != 0
    assert r.err == "salestui: 2026 年没有 13 月（01–12）\n"


def test_a_likely_duplicate_customer_is_refused_in_chinese(cli, db):
    r = cli("--lang", "zh", "customer", "add", "华信", "--db", db, "--user", "boss")
    assert r.code != 0
    assert r.err.startswith("salestui: “华信”很可能与 “上海华信科技有限公司” (#1, ")
    assert "如果确是另一家公司，仍可创建（--even-if-alike；" in r.err
    assert english_words(r.err.replace("--even-if-alike", " "), db) == [], r.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("customer", "merge", "4", "1", "--yes"),
            "没有这个选项：--yes（见 salestui customer merge --help）",
        ),
        (
            ("customer", "mrge"),
            "没有这个命令：mrge；你是不是要用 merge？（见 salestui customer --help）",
        ),
        (
            ("deal", "move", "1", "2", "--to", "Won"),
            "多余的参数：2（见 salestui deal move --help）",
        ),
        (("log", "--limit", "abc"), "'--limit' 必须是整数（见 salestui log --help）"),
        (("contact", "add"), "缺少参数 NAME（见 salestui contact add --help）"),
    ],
)
def test_a_usage_mistake_said_in_chinese(cli, db, args, said):
    r = cli("--lang", "zh", *args, "--db", db)
    assert r.code == 2
    assert r.err == f"salestui: {said}\n"
