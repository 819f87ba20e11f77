"""The layers of DESIGN.md hold: screens → core → db, and the core and db never import Textual.

Two checks: import-linter's contracts of pyproject.toml, and a plain ``ast`` walk that needs no
tool. import-linter (grimp) finds a package's modules by walking its folder, and ``salestui.db`` /
``salestui.screens`` live in ``db/`` and ``screens/`` (setuptools ``package-dir``), so the contracts
are checked against a copy of the installed layout.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_ALLOWED = {"salestui/app.py", "salestui/cli.py", "salestui/commands.py"}


def installed_layout(into: Path) -> Path:
    """The ``salestui`` package as Python sees it: salestui/, with db/ and screens/ inside."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    pkg = into / "salestui"
    shutil.copytree(ROOT / "salestui", pkg, ignore=skip)
    shutil.copytree(ROOT / "db", pkg / "db", ignore=skip)
    shutil.copytree(ROOT / "screens", pkg / "screens", ignore=skip)
    return pkg


def test_import_linter_contracts_hold(tmp_path):
    installed_layout(tmp_path / "src")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command as m; sys.exit(m())",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "3 kept, 0 broken" in out, out


def test_the_copy_is_what_python_imports(tmp_path):
    # Guard for the test above: grimp must see db and screens inside salestui, not miss them.
    pkg = installed_layout(tmp_path / "src")
    assert (pkg / "db" / "tables.py").is_file()
    assert (pkg / "db" / "queries" / "board.py").is_file()
    assert (pkg / "screens" / "__init__.py").is_file()


# ---------------------------------------------------------------- the same, with ast only


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                continue  # relative imports stay inside their own package
            base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def under(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def core_files() -> list[Path]:
    files = python_files("db") + python_files("salestui")
    keep = []
    for f in files:
        rel = f.relative_to(ROOT).as_posix()
        if rel in UI_ALLOWED or rel.startswith("salestui/widgets/"):
            continue
        keep.append(f)
    return keep


def test_the_walk_finds_the_files():
    rels = {f.relative_to(ROOT).as_posix() for f in core_files()}
    assert {"db/tables.py", "db/queries/board.py", "salestui/services/deals.py"} <= rels
    assert not rels & UI_ALLOWED


def test_db_and_core_never_import_textual():
    offenders = {
        f.relative_to(ROOT).as_posix(): sorted(
            m for m in imported_modules(f) if under(m, "textual")
        )
        for f in core_files()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_db_never_imports_the_layers_above_it():
    above = ("salestui.screens", "salestui.services", "salestui.app", "salestui.cli", "textual")
    offenders = {
        f.relative_to(ROOT).as_posix(): sorted(m for m in imported_modules(f) if under(m, *above))
        for f in python_files("db")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_screens_never_touch_sql_themselves():
    forbidden = ("sqlalchemy", "sqlite3", "sqlmodel", "salestui.db.tables", "salestui.db.engine")
    offenders = {
        f.relative_to(ROOT).as_posix(): sorted(
            m for m in imported_modules(f) if under(m, *forbidden)
        )
        for f in python_files("screens")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_nothing_imports_db_or_screens_by_their_folder_names():
    # DESIGN.md: always salestui.db / salestui.screens, never bare db / screens.
    offenders = {
        f.relative_to(ROOT).as_posix(): sorted(
            m for m in imported_modules(f) if under(m, "db", "screens")
        )
        for folder in ("salestui", "db", "screens", "tests")
        for f in python_files(folder)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_ast_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from textual.widgets import Static\n    import sqlite3\n")
    assert imported_modules(bad) >= {"textual.widgets", "textual.widgets.Static", "sqlite3"}
