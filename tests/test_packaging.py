"""The app as a person installs it: the wheel built from the checkout, installed in a clean
virtual environment outside it, run from a folder outside it.

``uv run`` works from an editable install that reads the checkout, so it cannot see a package the
wheel leaves out (a hand-kept package list once missed ``salestui.services``: the installed app
died on ``salestui import``). Here nothing of the checkout is on the path: no PYTHONPATH, the
working folder elsewhere, and the test asserts the salestui that runs is the venv's.

Dependencies are installed at the versions of uv.lock (from uv's cache where it has them), so the
installed app runs what the rest of the suite tests.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.test_architecture import FOLDERS, ROOT, checkout_modules

BUILD_FILES = ("pyproject.toml", "setup.py", "README.md")
REPORTS = ("pipeline", "customers", "team", "weekly")
CUSTOMERS_CSV = (
    "name,industry,channel\nCanary Teahouse,Retail,direct\n金丝雀茶馆,Retail,distributor\n"
)


def uv() -> str:
    """uv as ``uv run`` names it (UV), else from PATH; .ci/run installs it wherever tests run."""
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.fail("the packaging test needs uv (https://docs.astral.sh/uv/); .ci/run installs it")
    return found


def clean_env() -> dict[str, str]:
    """This process's environment without anything that would point Python at the checkout."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "SALESTUI_DB"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(
        args, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("packaging")


@pytest.fixture(scope="module")
def venv(work) -> Path:
    """A virtual environment holding only the wheel and its dependencies."""
    # Built from a copy of what the build reads, so no build/ or *.egg-info/ is left in the
    # checkout and no stale build/lib of an earlier build can slip into the wheel.
    src = work / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    src.mkdir()
    for name in BUILD_FILES:
        shutil.copy2(ROOT / name, src / name)
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, src / folder, ignore=skip)
    run([uv(), "build", "--wheel", "--out-dir", str(work / "dist"), str(src)], cwd=work)
    (wheel,) = (work / "dist").glob("salestui-*.whl")
    pins = work / "pins.txt"
    run([uv(), "export", "--project", str(ROOT), "--frozen", "--no-dev", "--no-hashes",
         "--no-emit-project", "--no-header", "--quiet", "-o", str(pins)], cwd=work)  # fmt: skip
    env = work / "venv"
    run([uv(), "venv", "--quiet", "--python", sys.executable, str(env)], cwd=work)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run([uv(), "pip", "install", "--quiet", "--python", str(python), "-c", str(pins), str(wheel)],
        cwd=work)  # fmt: skip
    return env


@pytest.fixture(scope="module")
def outside(work) -> Path:
    """The working folder: outside the checkout, as for a person who installed the app."""
    folder = work / "elsewhere"
    folder.mkdir()
    assert not folder.resolve().is_relative_to(ROOT)
    return folder


def exe(venv: Path, name: str) -> str:
    return str(venv / ("Scripts" if os.name == "nt" else "bin") / name)


PROBE = """
import importlib, json, pkgutil, sys
import salestui
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
found = [m.name for m in pkgutil.walk_packages(salestui.__path__, "salestui.")]
print(json.dumps([salestui.__file__, found]))
"""


@pytest.fixture(scope="module")
def probe(venv, outside) -> tuple[Path, set[str]]:
    """Where the venv's python finds salestui and the modules it finds there, once every module
    of the checkout has been imported in it (but the migrations, which Alembic runs, and
    __main__, which would start the app)."""
    wanted = sorted(
        m for m in checkout_modules() if ".migrations." not in m and not m.endswith("__main__")
    )
    out = run([exe(venv, "python"), "-c", PROBE, json.dumps(wanted)], outside).stdout
    where, found = json.loads(out)
    return Path(where).parent, set(found)


def test_the_salestui_that_runs_is_the_one_in_the_venv(venv, probe):
    package, _ = probe
    assert package.is_relative_to(venv)
    assert "site-packages" in package.parts
    assert not package.resolve().is_relative_to(ROOT)


def test_every_module_is_installed_and_imports_with_the_declared_dependencies(probe):
    _, found = probe  # the probe has imported each one: a missing dependency fails it
    assert checkout_modules() - {"salestui"} - found == set()


def test_every_module_and_data_file_of_the_checkout_is_installed(probe):
    package, _ = probe
    installed = {
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    expected = {
        "/".join(filter(None, [place, p.relative_to(ROOT / folder).as_posix()]))
        for folder, place in FOLDERS.items()
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert {"services/imports/run.py", "db/tables.py", "screens/board/screen.tcss"} <= expected
    assert expected - installed == set()


def test_help_names_every_command(venv, outside):
    out = run([exe(venv, "salestui"), "--help"], outside).stdout
    assert "Usage: salestui" in out
    for command in ("demo", "log", "import", "export", "report"):
        assert re.search(rf"^\s+{command}\s", out, re.M), out


@pytest.fixture(scope="module")
def demo(venv, outside) -> tuple[str, str]:
    """The demo database of 300 deals, made by the installed app: (its path, what it said)."""
    db = outside / "demo.db"
    args = [exe(venv, "salestui"), "demo", "--no-open", "--db", str(db), "--deals", "300"]
    out = run(args, outside).stdout
    return str(db), out


def test_demo_makes_its_database(demo):
    db, said = demo
    assert Path(db).is_file()
    assert "made the demo database" in said and "300 opportunities" in said, said


@pytest.fixture(scope="module")
def reports(venv, outside, demo) -> dict[str, str]:
    """Every report of the demo database, read side by side (they only read)."""
    db, _ = demo

    def report(name: str) -> str:
        return run([exe(venv, "salestui"), "report", name, "--db", db], outside).stdout

    with ThreadPoolExecutor(len(REPORTS)) as pool:
        return dict(zip(REPORTS, pool.map(report, REPORTS), strict=True))


@pytest.mark.parametrize(
    ("report", "heading", "words"),
    [
        ("pipeline", "# Pipeline — ", ["| Prospect |", "| Qualified |", "| Negotiation |"]),
        ("customers", "# Customer tiers — ", ["revenue over the last 12 months", "| A |"]),
        ("team", "# Team leaderboard · ", ["| Revenue |", "| Target |"]),
        ("weekly", "# Weekly review — ", ["## 1. Core KPIs"]),
    ],
)
def test_every_report_runs(reports, report, heading, words):
    out = reports[report]
    assert out.startswith(heading), out[:400]
    for word in words:
        assert word in out, out[:2000]


@pytest.fixture(scope="module")
def imported(venv, outside, demo) -> str:
    db, _ = demo
    path = outside / "customers.csv"
    path.write_text(CUSTOMERS_CSV, encoding="utf-8")
    return run(
        [exe(venv, "salestui"), "import", "customers", str(path), "--db", db], outside
    ).stdout


def test_an_import_writes_its_rows_in_one_batch(imported):
    assert "customers.csv: 2 rows read as customers" in imported, imported
    assert "created 2, updated 0, unchanged 0, skipped 0" in imported, imported
    assert re.search(r"undo with: salestui import --undo [0-9a-f]{12}", imported), imported


def test_the_log_shows_what_the_import_created(venv, outside, demo, imported):
    db, _ = demo
    out = run([exe(venv, "salestui"), "log", "--db", db, "--limit", "3"], outside).stdout
    assert "3 changes, newest first." in out, out
    for name in ("Canary Teahouse", "金丝雀茶馆"):
        assert re.search(rf"\| customer {name} \| created \|\s+\| {name} \|", out), out


def test_an_export_holds_the_demo_customers_and_the_imported_ones(venv, outside, demo, imported):
    db, said = demo
    out = outside / "customers-export.csv"
    run([exe(venv, "salestui"), "export", "customers", "--db", db, "--out", str(out)], outside)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    made = int(re.search(r"(\d[\d,]*) customers", said).group(1).replace(",", ""))
    assert len(rows) == made + 2
    assert {"Canary Teahouse", "金丝雀茶馆"} <= {r["name"] for r in rows}
    assert next(r for r in rows if r["name"] == "金丝雀茶馆")["channel"] == "distributor"
