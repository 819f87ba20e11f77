"""Chinese and English at the command line: --help in the person's language, reports whose csv
and json are the same bytes in both languages (scripts read keys and values, not words), and
Markdown in Chinese with no English left but the team's own data."""

from __future__ import annotations

import pytest

from tests.screens.untranslated import english_words

# Every `salestui report …` command (salestui/cli/__init__.py registers them) with the formats
# each writes.
REPORTS = {
    "pipeline": ("md", "csv", "json"),
    "customers": ("md", "csv", "json"),
    "team": ("md", "csv", "json"),
    "weekly": ("md", "json"),
    "forecast": ("md", "csv", "json"),
    "forecast-accuracy": ("md", "csv", "json"),
}
# Listings with --format md|csv|json.
LISTINGS = (("people", "list"), ("approval", "list"), ("lead", "list"), ("product", "list"),
            ("customer", "duplicates"))  # fmt: skip


def test_reports_are_all_listed():
    import typer

    import salestui.cli.root as cli_module

    cli_module._register_commands()
    command = typer.main.get_command(cli_module.app)
    assert set(command.commands["report"].commands) == set(REPORTS)


@pytest.mark.parametrize(
    ("report", "fmt"), [(r, f) for r, fs in REPORTS.items() for f in fs if f != "md"]
)
def test_machine_formats_do_not_change_with_the_language(cli, seeded_db, report, fmt):
    english = cli("--lang", "en", "report", report, "--format", fmt, "--db", seeded_db)
    chinese = cli("--lang", "zh", "report", report, "--format", fmt, "--db", seeded_db)
    assert english.code == chinese.code == 0, (english.err, chinese.err)
    assert english.out  # something was written
    assert chinese.out == english.out


@pytest.mark.parametrize("listing", LISTINGS)
def test_listings_in_json_do_not_change_with_the_language(cli, seeded_db, listing):
    english = cli(*listing, "--format", "json", "--db", seeded_db)
    chinese = cli("--lang", "zh", *listing, "--format", "json", "--db", seeded_db)
    assert english.code == chinese.code == 0, (english.err, chinese.err)
    assert chinese.out == english.out


@pytest.mark.parametrize("report", REPORTS)
def test_markdown_in_chinese_has_no_english_left(cli, seeded_db, report):
    r = cli("--lang", "zh", "report", report, "--db", seeded_db)
    assert r.code == 0, r.err
    assert english_words(r.out, seeded_db) == []


@pytest.mark.parametrize("listing", LISTINGS)
def test_listings_in_chinese_have_no_english_left(cli, seeded_db, listing):
    r = cli("--lang", "zh", *listing, "--db", seeded_db)
    assert r.code == 0, r.err
    assert english_words(r.out, seeded_db) == []


def test_the_english_markdown_is_english(cli, seeded_db):
    r = cli("report", "pipeline", "--db", seeded_db)
    assert r.out.startswith("# Pipeline — ")
    assert "| Stage | Deals | Amount |" in r.out


def test_help_in_chinese_from_the_flag(cli):
    r = cli("--lang", "zh", "--help")
    assert r.code == 0
    assert r.out.startswith("用法：salestui")
    assert "选项：" in r.out and "命令：" in r.out and "显示此帮助并退出。" in r.out
    assert "Usage" not in r.out and "Options" not in r.out


def test_help_in_chinese_from_the_locale(cli, monkeypatch):
    monkeypatch.delenv("SALESTUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = cli("report", "--help")
    assert r.code == 0
    assert "供脚本和核对使用的报告。" in r.out
    assert "管道看板的内容" in r.out  # the pipeline report's line


def test_help_lines_fit_eighty_cells_in_chinese(cli, monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    r = cli("--lang", "zh", "report", "team", "--help")
    assert max(cell_len(line) for line in r.out.splitlines()) <= 80


def test_an_error_in_chinese(cli, seeded_db):
    r = cli("--lang", "zh", "deal", "move", "999999", "--to", "Proposal", "--db", seeded_db)
    assert r.code != 0
    assert r.err.startswith("salestui: ") and "\n" == r.err[-1] and r.err.count("\n") == 1
    assert english_words(r.err, seeded_db) == []


def test_a_usage_mistake_in_chinese(cli, seeded_db):
    r = cli("--lang", "zh", "report", "pipeline", "--format", "xml", "--db", seeded_db)
    assert r.code == 2
    assert "--format 必须是 md、csv 或 json" in r.err or "--format 必须是" in r.err
