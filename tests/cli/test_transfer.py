"""``salestui import`` from the command line: summaries, refusals as one message, undo."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.cli.runner import transfer_cli


def invoke(*args):
    return CliRunner().invoke(transfer_cli(), [str(a) for a in args])


def test_import_prints_a_summary_and_undo_reverts_it(seeded_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "c.csv"
    f.write_text("Customer Name,Industry,Owner\nNew Co,Retail,rep_li\n", encoding="utf-8")
    result = invoke("import", "customers", f, "--db", seeded_db, "--user", "boss")
    assert result.exit_code == 0, result.output
    assert "created 1, updated 0, unchanged 0, skipped 0" in result.output
    batch = result.output.split("salestui import --undo ")[1].split()[0]
    undone = invoke("import", "--undo", batch, "--db", seeded_db, "--user", "boss")
    assert undone.exit_code == 0 and "1 customer deleted" in undone.output


def test_dry_run_says_so(seeded_db, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("name\nNew Co\n", encoding="utf-8")
    result = invoke("import", "customers", f, "--db", seeded_db, "--dry-run")
    assert result.exit_code == 0 and "dry run" in result.output


def test_refusals_are_one_message_and_exit_1(seeded_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,channel\nX,telepathy\n", encoding="utf-8")
    for args in (
        ("import", "customers", tmp_path / "missing.csv", "--db", seeded_db),
        ("import", "robots", bad, "--db", seeded_db),
        ("import", "customers", bad, "--db", seeded_db),
        ("import", "customers", bad, "--db", tmp_path / "no" / "such.db"),
        ("import", "--undo", "nothing", "--db", seeded_db),
        ("import",),
    ):
        result = invoke(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
    assert (
        "line 2, channel 'telepathy'"
        in invoke("import", "customers", bad, "--db", seeded_db).output
    )


def test_skip_invalid_names_the_rejected_file(seeded_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "c.csv"
    f.write_text("name,channel\nGood,direct\nBad,telepathy\n", encoding="utf-8")
    result = invoke("import", "customers", f, "--db", seeded_db, "--skip-invalid")
    assert result.exit_code == 0
    name = result.output.split("reason column: ")[1].split()[0]
    assert (tmp_path / name).exists()


def test_the_module_is_light_to_import():
    import subprocess
    import sys

    code = "import sys, salestui.cli.transfer; print(sorted(m for m in ('sqlmodel', 'pandas', 'sqlalchemy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_refused_dry_run_writes_nothing_unless_asked(seeded_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,channel\n" + "".join(f"X{i},telepathy\n" for i in range(40)), "utf-8")
    result = invoke("import", "customers", bad, "--db", seeded_db, "--dry-run")
    assert result.exit_code == 1 and "… and 15 more" in result.output  # 25 shown
    assert "--errors FILE writes every problem" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "seeded.db"]
    listed = tmp_path / "problems.csv"
    result = invoke("import", "customers", bad, "--db", seeded_db, "--dry-run", "--errors", listed)
    assert f"every problem (line, column, value, why) is in {listed}" in result.output
    lines = listed.read_text("utf-8").splitlines()
    assert lines[0] == "line,column,value,why" and len(lines) == 41
