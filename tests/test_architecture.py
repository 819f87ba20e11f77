"""The architecture of DESIGN.md, checked by tools and shown to be able to fail.

- import-linter's contracts of pyproject.toml hold, and a forbidden import planted in a copy of a
  core module breaks the contract that forbids it (the canaries);
- grimp finds no import cycle between modules, nor between sibling packages, at any depth;
- no module is over 400 lines; no top-level module is named with a feature or layer prefix;
- nothing imports ``db`` or ``screens`` by their folder names.

import-linter (grimp) finds a package's modules by walking its folder, and ``salestui.db`` /
``salestui.screens`` live in ``db/`` and ``screens/`` (setuptools ``package-dir``), so the
graph is built from a copy of the installed layout, in a separate interpreter (this one has
already imported ``salestui`` from the checkout).
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
FOLDERS = {"salestui": "", "db": "db", "screens": "screens"}  # checkout folder → place in salestui
MAX_LINES = 400
PREFIXES = ("cli_", "metrics_", "review_", "team_", "customer_", "reports_")


def contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def contract(contract_id: str) -> dict:
    return next(c for c in contracts() if c["id"] == contract_id)


def installed_layout(into: Path) -> Path:
    """The ``salestui`` package as Python sees it once installed: salestui/, db/ and screens/
    inside it. Returns the folder to put on ``PYTHONPATH``."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder, place in FOLDERS.items():
        shutil.copytree(ROOT / folder, into / "salestui" / place, ignore=skip, dirs_exist_ok=True)
    return into


def lint_imports(src: Path, *contract_ids: str) -> tuple[int, str]:
    """Run ``lint-imports`` with the checkout's contracts over the layout under ``src``."""
    only = [arg for c in contract_ids for arg in ("--contract", c)]
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command as m; sys.exit(m())",
            *("--config", str(PYPROJECT), "--no-cache", "--no-logo", *only),
        ],
        cwd=src.parent,
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run.returncode, run.stdout + run.stderr


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> Path:
    return installed_layout(tmp_path_factory.mktemp("layout"))


# ---------------------------------------------------------------- import-linter


def test_the_contracts_hold(layout):
    code, out = lint_imports(layout)
    assert code == 0, out
    assert f"Contracts: {len(contracts())} kept, 0 broken." in out, out


def plant(into: Path, module: str, line: str) -> int:
    """``line`` appended to ``module`` (a path inside salestui/) of the layout under ``into``;
    returns its line number."""
    path = into / "salestui" / module
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(f"{text}{line}\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def names(out: str, imported: str, number: int) -> bool:
    """Whether lint-imports' report names the import ``imported`` at line ``number``."""
    return any(
        imported in line and re.search(rf"\bl\.{number}\b", line) for line in out.splitlines()
    )


SCREEN_LINES = "from salestui.screens.board import lines"
CANARIES = [
    # (module, planted line, contracts that must break, what each must name)
    ("board/load.py", SCREEN_LINES, ["core-no-ui", "layers"],
     "salestui.board.load -> salestui.screens.board"),
    ("team/trends.py", SCREEN_LINES, ["core-no-ui", "layers"],
     "salestui.team.trends -> salestui.screens.board"),
    ("customers/detail.py", SCREEN_LINES, ["core-no-ui", "layers"],
     "salestui.customers.detail -> salestui.screens.board"),
    ("db/queries/review.py", "import salestui.review.metrics", ["layers"],
     "salestui.db.queries.review -> salestui.review.metrics"),
    ("kernel/errors.py", "from textual.widgets import Static", ["core-no-ui"],
     "salestui.kernel.errors -> textual"),
    ("services/deals.py", "import salestui.app", ["core-no-ui", "layers"],
     "salestui.services.deals -> salestui.app"),
    ("screens/board/screen.py", "import sqlite3", ["screens-no-sql"],
     "salestui.screens.board.screen -> sqlite3"),
    ("screens/team/screen.py", "from salestui.db.tables import Person", ["screens-no-sql"],
     "salestui.screens.team.screen -> salestui.db.tables"),
    ("services/imports/plan.py", "from salestui.services.imports import write",
     ["imports-line"], "salestui.services.imports.plan -> salestui.services.imports.write"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("module", "line", "broken", "named"), CANARIES, ids=[c[0] for c in CANARIES]
)
def test_a_planted_import_breaks_the_contract_that_forbids_it(
    layout, tmp_path, module, line, broken, named
):
    shutil.copytree(layout, tmp_path / "src")
    number = plant(tmp_path / "src", module, line)
    code, out = lint_imports(tmp_path / "src", *broken)
    assert code != 0, out
    for contract_id in broken:
        assert f"{contract(contract_id)['name']} BROKEN" in out, out
    assert names(out, named, number), out


def test_a_circle_between_sibling_features_breaks_the_acyclic_contract(layout, tmp_path):
    # board and customers importing each other: the layers contract allows it (":" siblings),
    # the acyclic one must not.
    shutil.copytree(layout, tmp_path / "src")
    plant(tmp_path / "src", "board/metrics.py", "import salestui.customers.table")
    plant(tmp_path / "src", "customers/table.py", "import salestui.board.metrics")
    code, out = lint_imports(tmp_path / "src", "acyclic")
    assert code != 0, out
    assert f"{contract('acyclic')['name']} BROKEN" in out, out
    assert "- .board -> .customers" in out or "- .customers -> .board" in out, out


def test_a_new_top_level_module_must_be_given_a_layer(layout, tmp_path):
    shutil.copytree(layout, tmp_path / "src")
    plant(tmp_path / "src", "metrics_customers.py", "TIERS = 3")
    code, out = lint_imports(tmp_path / "src", "layers")
    assert code != 0, out
    assert "not listed as layers" in out and "- salestui.metrics_customers" in out, out


def test_the_core_contract_lists_every_core_package():
    # the core: every top-level module and package of salestui but the UI and the entry point
    ui = {"salestui.screens", "salestui.app", "salestui.commands", "salestui.cli"}
    children = {"salestui.db", "salestui.screens"} | {
        f"salestui.{p.stem}"
        for p in (ROOT / "salestui").iterdir()
        if (p / "__init__.py").is_file() or (p.suffix == ".py" and p.stem != "__init__")
    }
    core = contract("core-no-ui")
    assert sorted(core["source_modules"]) == sorted(children - ui - {"salestui.__main__"})
    assert ui | {"textual"} <= set(core["forbidden_modules"])


# ---------------------------------------------------------------- cycles, with grimp

GRAPH_SCRIPT = """
import importlib.util, json, sys
import grimp
where = importlib.util.find_spec("salestui").submodule_search_locations
graph = grimp.build_graph("salestui", cache_dir=None)
print(json.dumps({
    "where": list(where),
    "modules": sorted(graph.modules),
    "imports": sorted([m, d] for m in graph.modules for d in graph.find_modules_directly_imported_by(m)),
}))
"""


def import_graph(src: Path) -> grimp.ImportGraph:
    """Every import between salestui's modules (function-level ones too) in the layout at
    ``src``, built by grimp in a separate interpreter."""
    run = subprocess.run(
        [sys.executable, "-c", GRAPH_SCRIPT],
        cwd=src.parent,
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(run.stdout)
    assert found["where"] == [str(src / "salestui")]
    graph = grimp.ImportGraph()
    for module in found["modules"]:
        graph.add_module(module)
    for importer, imported in found["imports"]:
        graph.add_import(importer=importer, imported=imported)
    return graph


def without_accepted_imports(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """The graph less the imports the acyclic contract ignores (each commented there): one list
    of exceptions for both checks."""
    for expression in contract("acyclic").get("ignore_imports", []):
        importer, imported = (part.strip() for part in expression.split("->"))
        assert "*" not in expression, "name the import exactly"
        graph.remove_import(importer=importer, imported=imported)
    return graph


def module_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append(
                        (target, iter(sorted(graph.find_modules_directly_imported_by(target))))
                    )
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def sibling_cycles(graph: grimp.ImportGraph) -> dict[str, list[tuple[str, str]]]:
    """Per package, imports whose removal would leave its children (sibling subpackages and
    modules) without a circle; a package absent has none."""
    out = {}
    for package in sorted(graph.modules):
        if len(graph.find_children(package)) > 1:
            breakers = graph.nominate_cycle_breakers(package)
            if breakers:
                out[package] = sorted(breakers)
    return out


@pytest.fixture(scope="module")
def graph(layout) -> grimp.ImportGraph:
    return without_accepted_imports(import_graph(layout))


def checkout_modules() -> set[str]:
    """Every module of salestui/, db/ and screens/ by the name it is imported under once
    installed."""
    modules = set()
    for folder, place in FOLDERS.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.add(".".join(["salestui", *filter(None, [place, *parts])]))
    return modules


def test_the_graph_holds_every_module_of_the_three_folders(graph):
    assert checkout_modules() - set(graph.modules) == set()


def test_no_module_imports_itself_back(graph):
    cycles = module_cycles(graph)
    assert cycles == [], "modules in a circle:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


def test_no_circle_between_sibling_packages(graph):
    found = sibling_cycles(graph)
    assert found == {}, "\n".join(
        f"children of {package} in a circle; it breaks without: "
        + ", ".join(f"{a} -> {b}" for a, b in imports)
        for package, imports in found.items()
    )


def test_the_cycle_finders_can_fail():
    g = grimp.ImportGraph()
    for module in ("pkg", "pkg.x", "pkg.x.one", "pkg.x.four", "pkg.y", "pkg.y.two", "pkg.y.three"):
        g.add_module(module)
    g.add_import(importer="pkg.x.one", imported="pkg.y.two")
    g.add_import(importer="pkg.y.three", imported="pkg.x.four")
    assert module_cycles(g) == []  # no module comes back to itself…
    assert list(sibling_cycles(g)) == ["pkg"]  # …but pkg.x and pkg.y import each other
    g.add_import(importer="pkg.y.two", imported="pkg.y.three")
    g.add_import(importer="pkg.x.four", imported="pkg.x.one")
    assert module_cycles(g) == [["pkg.x.four", "pkg.x.one", "pkg.y.three", "pkg.y.two"]]
    g.add_import(importer="pkg.x.one", imported="pkg.x")  # a module and its own package
    g.add_import(importer="pkg.x", imported="pkg.x.one")
    assert ["pkg.x", "pkg.x.four", "pkg.x.one", "pkg.y.three", "pkg.y.two"] in module_cycles(g)


# ---------------------------------------------------------------- sizes and names


def long_modules(root: Path, folders: tuple[str, ...]) -> dict[str, int]:
    """Modules over MAX_LINES lines (migrations aside: Alembic writes them)."""
    out = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if "/migrations/" in f"/{rel}":
                continue
            with path.open(encoding="utf-8") as fh:
                count = sum(1 for _ in fh)
            if count > MAX_LINES:
                out[rel] = count
    return out


def test_no_module_over_400_lines():
    assert long_modules(ROOT, tuple(FOLDERS)) == {}


def test_the_line_counter_can_fail(tmp_path):
    (tmp_path / "pkg" / "migrations").mkdir(parents=True)
    (tmp_path / "pkg" / "long.py").write_text("x = 1\n" * 401)
    (tmp_path / "pkg" / "full.py").write_text("x = 1\n" * 400)
    (tmp_path / "pkg" / "migrations" / "0001.py").write_text("x = 1\n" * 900)
    assert long_modules(tmp_path, ("pkg",)) == {"pkg/long.py": 401}


def prefixed(folder: Path) -> list[str]:
    """Top-level modules and packages named on the feature or layer axis (the folder says it)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(PREFIXES))


def test_no_top_level_module_named_with_a_feature_or_layer_prefix():
    assert {f: prefixed(ROOT / f) for f in FOLDERS} == {f: [] for f in FOLDERS}


def test_the_name_check_can_fail(tmp_path):
    for name in ("metrics_customers.py", "customer_view.py", "cli_team.py", "board", "money.py"):
        (tmp_path / name).touch()
    assert prefixed(tmp_path) == ["cli_team.py", "customer_view.py", "metrics_customers.py"]


# ---------------------------------------------------------------- with ast only


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


def test_nothing_imports_db_or_screens_by_their_folder_names():
    # DESIGN.md: always salestui.db / salestui.screens, never bare db / screens; tests/ included,
    # which the import graph does not cover.
    offenders = {
        f.relative_to(ROOT).as_posix(): sorted(
            m for m in imported_modules(f) if under(m, "db", "screens")
        )
        for folder in (*FOLDERS, "tests")
        for f in sorted((ROOT / folder).rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_ast_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from db.tables import Person\n    import screens.board\n")
    found = imported_modules(bad)
    assert found >= {"db.tables", "db.tables.Person", "screens.board"}
    assert all(under(m, "db", "screens") for m in found)


# --- text from data is never read as markup -----------------------------------------------------
#
# Static, Label, Button, Checkbox, RadioButton, an OptionList's Option, a Select's option labels
# and notify() read a ``str`` as markup: a deal called "Pilot [/]" crashes the app that shows it.
# The rule, per call in screens/: what such a widget is given must be visibly safe where it is
# built — a string literal (no data in it), a call of screens/common/plain.py (``plain``,
# ``plain_options``), a rich ``Text`` (never read as markup; not ``Text.from_markup``), Textual's
# ``Content`` / ``Content.from_markup`` on a literal template (its ``$variables`` go in as text),
# or ``markup=False``. A rich ``Table`` or a ``DataTable`` is built as plain.py's ``PlainTable`` /
# ``PlainDataTable``, which take every ``str`` cell as text. A string built in the call (f-string, ``+``, ``%``, ``.format``) handed to
# ``.update()`` counts as built from data too. Anything else — a name, an attribute, a
# comprehension — cannot be seen to be safe, so it must go through plain.py.

MARKUP_WIDGETS = {"Static", "Label", "Button", "Checkbox", "RadioButton", "Option"}
TEXT_MAKERS = {"Text", "Text.assemble", "Content", "Content.styled"}
# The program's own words, as literals: Content.from_markup's template, and a translated literal
# (``_("…")``; tests/kernel/test_catalogues.py keeps a translation's markup the same as its
# English, so a translator cannot bring markup in).
TEMPLATES = {"Content.from_markup", "_", "ngettext"}
PLAIN = ROOT / "screens" / "common" / "plain.py"


def _plain_functions() -> set[str]:
    tree = ast.parse(PLAIN.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}


def _called(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        inner = f.value.id if isinstance(f.value, ast.Name) else ""
        return f"{inner}.{f.attr}" if inner else f".{f.attr}"
    return ""


def _constant(node: ast.expr) -> bool:
    """A literal, or a module constant (``LOST_REASONS``, ``SCOPE_WORDS[key]``): the program's
    own words, not data."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        node = ast.Name(node.attr)
    return isinstance(node, ast.Constant) or (isinstance(node, ast.Name) and node.id.isupper())


def _safe(node: ast.expr | None, plain: set[str]) -> bool:
    if node is None or _constant(node):
        return True
    if isinstance(node, ast.IfExp):
        return _safe(node.body, plain) and _safe(node.orelse, plain)
    if isinstance(node, ast.Call):
        name = _called(node)
        if name in plain or name in TEXT_MAKERS:
            return True
        if name in TEMPLATES:
            return bool(node.args) and isinstance(node.args[0], ast.Constant)
    return False


def _built_string(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return isinstance(node.left, ast.Constant | ast.JoinedStr) and isinstance(
            node.left.value if isinstance(node.left, ast.Constant) else "", str
        )
    return isinstance(node, ast.Call) and _called(node).endswith(".format")


def _markup_off(node: ast.Call) -> bool:
    return any(
        k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
        for k in node.keywords
    )


def markup_from_data(path: Path, plain: set[str]) -> list[str]:
    """Every call in ``path`` that hands a markup-reading widget something not seen to be safe."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _markup_off(node):
            continue
        name = _called(node)
        kw = {k.arg: k.value for k in node.keywords}
        first = node.args[0] if node.args else None
        if name.split(".")[-1] in MARKUP_WIDGETS and not name.startswith("."):
            content = first if first is not None else kw.get("label", kw.get("prompt"))
            bad = not _safe(content, plain)
        elif name.endswith(".notify"):
            bad = not _safe(first if first is not None else kw.get("message"), plain)
        elif name == "Select" or name == "OptionList":
            options = node.args[0] if name == "Select" and node.args else None
            items = node.args if name == "OptionList" else [options] if options else []
            bad = False
            for item in items:
                if isinstance(item, ast.Starred):
                    item = item.value
                if _constant(item):
                    continue
                if isinstance(item, ast.List):
                    elts = item.elts
                elif isinstance(item, ast.ListComp):
                    if all(_constant(g.iter) for g in item.generators):
                        continue  # labels made from the program's own words
                    elts = [item.elt]
                elif name == "OptionList" and _safe(item, plain):
                    continue
                else:
                    bad = not (isinstance(item, ast.Call) and _called(item) in plain)
                    continue
                for elt in elts:
                    label = elt.elts[0] if isinstance(elt, ast.Tuple) else elt
                    bad = bad or not _safe(label, plain)
        elif name.endswith(".update"):
            bad = first is not None and _built_string(first)
        elif name in ("Table", "DataTable"):
            bad = True  # a str cell is read as markup: PlainTable / PlainDataTable take it as text
        else:
            continue
        if bad:
            found.append((node.lineno, f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"))
    return [where for _, where in sorted(found)]


def test_no_screen_shows_data_through_markup():
    plain = _plain_functions()
    offenders = [
        where
        for f in sorted((ROOT / "screens").rglob("*.py"))
        if f != PLAIN
        for where in markup_from_data(f, plain)
    ]
    assert offenders == []


def test_the_markup_rule_can_fail(tmp_path):
    bad = tmp_path / "screens" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "def compose(self, deal, regions):\n"
        "    yield Static(f'[b]{deal.title}[/b]')\n"
        "    yield Label(deal.title)\n"
        "    yield Select([(r.name, r.id) for r in regions])\n"
        "    yield OptionList(*[d.title for d in deals])\n"
        "    self.notify(deal.title)\n"
        "    self.query_one('#x').update(f'{deal.title} moved')\n"
        "    yield Static(Content.from_markup(f'[b]{deal.title}'))\n"
        "    yield Static(deal.title, markup=False)\n"
        "    yield Static(Text(deal.title))\n"
        "    yield Static(plain(deal.title))\n"
        "    yield Select(plain_options((r.name, r.id) for r in regions))\n"
        "    yield Static(Content.from_markup('[b]$t[/b]', t=deal.title))\n"
        "    yield Label('Title')\n"
        "    yield DataTable()\n"
        "    t = PlainTable()\n"
    )
    global ROOT
    root, ROOT = ROOT, tmp_path
    try:
        found = markup_from_data(bad, {"plain", "plain_options"})
    finally:
        ROOT = root
    assert [int(f.rsplit(":", 1)[1]) for f in found] == [2, 3, 4, 5, 6, 7, 8, 15]
