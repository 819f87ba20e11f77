"""The screen layer's shape, checked rather than remembered: no import cycles among the screens
(imports inside functions count), no module over 400 lines, one .tcss per screen, every key with
an id and a tooltip, and one place where a failed worker becomes words."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

import salestui.screens
from salestui.app import SalestuiApp
from salestui.screens.common.base import BaseScreen

SCREENS = Path(salestui.screens.__file__).parent
PACKAGE = "salestui.screens"


def module_name(path: Path) -> str:
    parts = path.relative_to(SCREENS).with_suffix("").parts
    return ".".join((PACKAGE, *parts)).removesuffix(".__init__")


def imports_of(source: str) -> set[str]:
    """Every module ``source`` imports, at any depth, with ``from a import b`` also as ``a.b``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    return {
        name: {m for m in imports_of(source) if m in sources and m != name}
        for name, source in sources.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other, directly or round a longer circle."""
    reach: dict[str, set[str]] = {}
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        reach[start] = seen
    groups: list[set[str]] = []
    for m in sorted(graph):
        if m in reach[m] and not any(m in g for g in groups):
            groups.append({m} | {n for n in reach[m] if m in reach[n]})
    return groups


def screen_sources() -> dict[str, str]:
    return {module_name(p): p.read_text(encoding="utf-8") for p in sorted(SCREENS.rglob("*.py"))}


def screen_modules() -> list:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(salestui.screens.__path__, PACKAGE + ".")
    ]


def screen_classes() -> list[type]:
    found = {
        obj
        for module in screen_modules()
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if obj.__module__ == module.__name__
    }
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


# ---- imports --------------------------------------------------------------------------------
def test_the_screens_import_each_other_in_one_direction():
    assert cycles(import_graph(screen_sources())) == []


def feature_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same imports between the screens' feature folders (board, actions, common…)."""

    def folder(module: str) -> str:
        return ".".join(module.split(".")[:3])

    out: dict[str, set[str]] = {}
    for importer, imported in graph.items():
        out.setdefault(folder(importer), set()).update(
            folder(m) for m in imported if folder(m) != folder(importer)
        )
    return out


def test_the_feature_folders_import_each_other_in_one_direction():
    # A link from one feature to another's dialog goes through the app (SalestuiApp.show_deal,
    # jump_to), so board and actions, say, never import each other.
    assert cycles(feature_graph(import_graph(screen_sources()))) == []


def test_the_cycle_check_can_fail():
    planted = {
        "salestui.screens.a": "def f():\n    from salestui.screens.b import g\n",
        "salestui.screens.b": "from salestui.screens import c\n",
        "salestui.screens.c": "import salestui.screens.a\n",
        "salestui.screens.d": "from salestui.screens.a import f\n",
    }
    assert cycles(import_graph(planted)) == [
        {"salestui.screens.a", "salestui.screens.b", "salestui.screens.c"}
    ]
    features = {
        "salestui.screens.board.screen": "from salestui.screens.actions.form import F\n",
        "salestui.screens.actions.form": "",
        "salestui.screens.actions.screen": "def f():\n    import salestui.screens.board.detail\n",
        "salestui.screens.board.detail": "",
    }
    assert cycles(feature_graph(import_graph(features))) == [
        {"salestui.screens.actions", "salestui.screens.board"}
    ]


# ---- size -----------------------------------------------------------------------------------
def test_no_screen_module_is_over_400_lines():
    long = {
        p.relative_to(SCREENS).as_posix(): n
        for p in SCREENS.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


# ---- stylesheets ----------------------------------------------------------------------------
def test_each_screen_has_its_own_stylesheet_beside_it():
    owners: dict[Path, list[str]] = {}
    for cls in screen_classes():
        if issubclass(cls, Screen) and "CSS_PATH" in cls.__dict__:
            path = Path(inspect.getfile(cls)).parent / cls.CSS_PATH
            assert path.is_file(), f"{cls.__name__}: {path} is missing"
            owners.setdefault(path.resolve(), []).append(cls.__name__)
    shared = {p.name: names for p, names in owners.items() if len(names) > 1}
    assert shared == {}
    orphans = {p.resolve() for p in SCREENS.rglob("*.tcss")} - set(owners)
    assert orphans == set(), "a stylesheet no screen loads"


# ---- keys -----------------------------------------------------------------------------------
def test_every_key_has_an_id_and_a_tooltip():
    sources = [*screen_classes(), SalestuiApp]
    missing = [
        f"{cls.__name__}: {binding.key}"
        for cls in sources
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding) and not (binding.id and binding.tooltip)
    ]
    bare = [
        f"{cls.__name__}: {binding}"
        for cls in sources
        for binding in cls.__dict__.get("BINDINGS", [])
        if not isinstance(binding, Binding)
    ]
    assert missing == [] and bare == []


# ---- workers --------------------------------------------------------------------------------
def test_one_handler_turns_a_failed_worker_into_words():
    handlers = [
        cls.__name__
        for cls in screen_classes()
        if "on_worker_state_changed" in cls.__dict__
        or Worker.StateChanged in cls.__dict__.get("_decorated_handlers", {})
    ]
    assert handlers == ["BaseScreen"]


def test_workers_hand_their_results_back_as_messages():
    # A worker posts a typed Message; none calls back into the UI thread by hand.
    calling = sorted(name for name, src in screen_sources().items() if "call_from_thread" in src)
    assert calling == []


def test_every_screen_with_a_worker_has_the_handler():
    # Textual's @work keeps the function; its source says whether the class starts workers.
    without = [
        cls.__name__
        for cls in screen_classes()
        if issubclass(cls, Screen)
        and not issubclass(cls, BaseScreen)
        and "@work(" in inspect.getsource(cls)
    ]
    assert without == []
