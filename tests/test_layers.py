"""The layering of the code base, checked on the source with `ast`.

    game/content  no engine, ai, session, ui, cli
    game/engine   rules only: no AI, session, UI, CLI, pygame, YAML or I/O (no I/O
                  module, no `open(`/`input(`/`print(`, no `builtins`).
                  It may import game.content.schema (frozen content models).
                  ONE allowed exception: game/engine/game.py imports
                  game.content.loader and game.content.save_format *inside functions*
                  (Game.new / Game.from_json / Game.from_dict), the edge where a game is
                  created from files on disk and a save is checked before it is used.
    game/ai       no session, ui, cli
    game/session  no net, ui, cli
    game/net      no ui, cli (team terminals: the table server, above the session)
    game/cli      no ui, no pygame
    game/ui       no cli; the only layer that imports pygame / pygame_gui
    game/i18n.py, game/i18n_argparse.py, game/linebreak.py (message catalogs,
                  display width, argparse's words, line breaking) below every
                  layer: the standard library (no I/O module) and one another only
and nowhere in game/: eval(, exec(, pickle, yaml.load( / yaml.unsafe_load.

Every way of importing counts: `import`, `from ... import`, at module level, inside
functions and under `if TYPE_CHECKING:`, and the dynamic forms
`importlib.import_module("...")` and `__import__("...")` with a literal name (a
dynamic import whose name is not a literal cannot be checked, so it is refused).

`test_no_import_cycles` refuses any circle among game/'s modules, counting the same
edges (function-level and TYPE_CHECKING imports included: a circle through a lazy
import is still a circle in the design).  Not counted: a module's implicit import of
its own parent packages (`from . import sibling` is an edge to the sibling).

`test_checker_catches` injects each kind of violation into a real module's source
and asserts the checker reports it, so the checks above cannot silently pass.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "game"
MODULES = sorted(ROOT.rglob("*.py"))
IO_MODULES = {"os", "pathlib", "io", "tempfile", "subprocess", "shutil", "socket", "sqlite3", "glob",
              "builtins", "urllib", "http", "requests"}
IO_CALLS = {"open", "input", "print"}  # builtins the pure engine never calls
DYNAMIC = {"importlib.import_module", "importlib.__import__", "__import__"}

LAYER_BANS = {
    "content": {"game.engine", "game.ai", "game.session", "game.ui", "game.cli", "game.net"},
    "engine": {"game.ai", "game.session", "game.ui", "game.cli", "game.net", "pygame", "pygame_gui", "yaml"} | IO_MODULES,
    "ai": {"game.session", "game.ui", "game.cli", "game.net"},
    "session": {"game.ui", "game.cli", "game.net"},
    "net": {"game.ui", "game.cli"},
    "cli": {"game.ui", "pygame", "pygame_gui"},
    "ui": {"game.cli"},
}


@dataclass(frozen=True)
class Import:
    module: str  # the module named (for `from m import n`: `m`, and `m.n` as a second Import)
    top: bool  # at module level (TYPE_CHECKING blocks included), not inside a function
    line: int
    names: tuple[str, ...] = ()  # for `from m import a, b`: ("a", "b")


def _module_name(rel: Path) -> str:
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["game", *parts])


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def scan(rel: Path, source: str) -> tuple[list[Import], list[str]]:
    """(every import, every unsafe or uncheckable construct) in one module's source."""
    tree = ast.parse(source, str(rel))
    pkg = _module_name(rel).split(".")
    if rel.name != "__init__.py":
        pkg = pkg[:-1]
    out: list[Import] = []
    bad: list[str] = []
    aliases: dict[str, str] = {}  # local name -> dotted name it stands for (`import importlib as il`)

    def call_name(f: ast.AST) -> str | None:
        name = _dotted(f)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        head = aliases.get(head, head)
        return f"{head}.{rest}" if rest else head

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for a in child.names:
                    out.append(Import(a.name, top, child.lineno))
                    aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = pkg[: len(pkg) - child.level + 1]
                    mod = ".".join(base + ([child.module] if child.module else []))
                else:
                    mod = child.module or ""
                names = tuple(a.name for a in child.names)
                out.append(Import(mod, top, child.lineno, names))
                for a in child.names:  # `from game.content import loader`
                    out.append(Import(f"{mod}.{a.name}", top, child.lineno))
                    aliases[a.asname or a.name] = f"{mod}.{a.name}"
            elif isinstance(child, ast.Call):
                name = call_name(child.func)
                if name in DYNAMIC:
                    arg = child.args[0] if child.args else None
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        out.append(Import(arg.value, top, child.lineno))
                    else:
                        bad.append(f"{child.lineno}: {name}() with a computed name cannot be checked")
                elif name in ("eval", "exec"):
                    bad.append(f"{child.lineno}: calls {name}(")
                elif name in ("yaml.load", "yaml.unsafe_load", "yaml.full_load", "yaml.load_all",
                              "yaml.unsafe_load_all"):
                    bad.append(f"{child.lineno}: calls {name}(")
            visit(child, inner)

    visit(tree, True)
    for imp in out:
        if imp.module.split(".")[0] in ("pickle", "cPickle", "_pickle", "dill", "marshal", "shelve"):
            bad.append(f"{imp.line}: imports {imp.module} (never unpickle)")
    return out, bad


def engine_calls(rel: Path, source: str) -> list[str]:
    """Calls of I/O builtins (`open(`, `input(`, `print(`) in ``source``."""
    return [f"{n.lineno}: calls {n.func.id}(" for n in ast.walk(ast.parse(source, str(rel)))
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in IO_CALLS]


def _under(mod: str, prefixes: set[str]) -> bool:
    return any(mod == p or mod.startswith(p + ".") for p in prefixes)


BASE_MODULES = {Path("i18n.py"), Path("i18n_argparse.py"), Path("linebreak.py")}  # below every layer


def violations(sources: Mapping[Path, str]) -> list[str]:
    """Every layering or safety violation in ``sources`` (paths relative to game/)."""
    found: list[str] = []
    for rel, source in sorted(sources.items()):
        layer = rel.parts[0] if len(rel.parts) > 1 else ""
        where = f"game/{rel.as_posix()}"
        imps, bad = scan(rel, source)
        found += [f"{where}:{b}" for b in bad]
        for imp in imps:
            mod = imp.module
            if layer != "ui" and _under(mod, {"pygame", "pygame_gui"}):
                found.append(f"{where}:{imp.line}: imports {mod} (only game/ui imports pygame)")
            elif layer == "engine" and _under(mod, {"game.content"}) and not _under(mod, {"game.content.schema"}):
                allowed = rel.name == "game.py" and not imp.top and \
                    _under(mod, {"game.content.loader", "game.content.save_format"})
                if not allowed:
                    found.append(f"{where}:{imp.line}: imports {mod} (only game.content.schema, or the loader "
                                 f"and the save format inside Game.new/from_json/from_dict)")
            elif layer in LAYER_BANS and _under(mod, LAYER_BANS[layer]):
                found.append(f"{where}:{imp.line}: imports {mod} (game/{layer} must not)")
        if layer == "engine":
            found += [f"{where}:{c} (the engine does no I/O)" for c in engine_calls(rel, source)]
        if rel in BASE_MODULES:
            for imp in imps:
                top = imp.module.split(".")[0]
                if _under(imp.module, {f"game.{m.stem}" for m in BASE_MODULES}):
                    continue
                if top != "__future__" and (top not in sys.stdlib_module_names or top in IO_MODULES):
                    found.append(f"{where}:{imp.line}: imports {imp.module} (i18n uses the standard library only)")
    return found


def _real_sources() -> dict[Path, str]:
    return {p.relative_to(ROOT): p.read_text(encoding="utf-8") for p in MODULES}


def _files(layer: str) -> list[Path]:
    return [p for p in MODULES if p.relative_to(ROOT).parts[0] == layer]


def test_modules_found() -> None:
    for layer in ("content", "engine", "ai", "session", "net", "ui", "cli"):
        assert _files(layer), layer
    assert (ROOT / "i18n.py").is_file()


def test_layers_and_safety() -> None:
    assert violations(_real_sources()) == []


# ------------------------------------------------------------------ the checker catches each kind

# (kind, file it goes into, line appended to that file, text the report must contain)
INJECTED = [
    ("engine imports a higher layer", "engine/state.py", "from game.ai import bot", "imports game.ai"),
    ("engine imports pygame", "engine/state.py", "import pygame", "imports pygame"),
    ("engine imports an I/O module", "engine/state.py", "import os", "imports os"),
    ("engine imports yaml", "engine/state.py", "import yaml", "imports yaml"),
    ("engine imports the loader at module level", "engine/game.py", "from game.content import loader",
     "imports game.content.loader"),
    ("content imports the engine", "content/schema.py", "from game.engine import Game", "imports game.engine"),
    ("ai imports the session", "ai/bot.py", "from game.session import match", "imports game.session"),
    ("session imports the ui", "session/match.py", "import game.ui.app", "imports game.ui"),
    ("cli imports the ui", "cli/main.py", "from game.ui.app import App", "imports game.ui"),
    ("net imports the ui", "net/server.py", "from game.ui import app", "imports game.ui"),
    ("net imports pygame", "net/table.py", "import pygame", "imports pygame"),
    ("session imports net", "session/match.py", "from game.net import server", "imports game.net"),
    ("session imports pygame", "session/match.py", "import pygame_gui", "imports pygame_gui"),
    ("ui imports the cli", "ui/app.py", "from game.cli.main import main as cli_main", "imports game.cli"),
    ("importlib.import_module", "ai/bot.py",
     "import importlib\nimportlib.import_module('game.session.match')", "imports game.session.match"),
    ("import_module imported by name", "engine/state.py",
     "from importlib import import_module as im\ndef f():\n    return im('game.ui')", "imports game.ui"),
    ("importlib with a computed name", "content/schema.py",
     "import importlib\nimportlib.import_module('game.' + 'ui')", "cannot be checked"),
    ('__import__("pygame") in the engine', "engine/rng.py", "__import__('pygame')", "imports pygame"),
    ("open() in the engine", "engine/rng.py", "def f(p):\n    return open(p).read()", "calls open("),
    ("an upward import inside a function", "engine/rng.py", "def f():\n    from game.session import match",
     "imports game.session"),
    ("an upward import under TYPE_CHECKING", "ai/bot.py",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from game.ui.app import App", "imports game.ui"),
    ("i18n imports the game", "i18n.py", "from game.content import schema", "imports game.content"),
    ("i18n imports an I/O module", "i18n.py", "import pathlib", "imports pathlib"),
    ("the line breaker imports the ui", "linebreak.py", "from game.ui import draw", "imports game.ui"),
    ("eval", "session/match.py", "eval('1')", "calls eval("),
    ("pickle", "session/storage.py", "import pickle", "imports pickle"),
    ("yaml.load", "content/reading.py", "yaml.load('a: 1')", "calls yaml.load("),
]


@pytest.mark.parametrize("kind,file,line,expect", INJECTED, ids=[k for k, *_ in INJECTED])
def test_checker_catches(kind: str, file: str, line: str, expect: str) -> None:
    sources = _real_sources()
    rel = Path(file)
    assert rel in sources, f"{file} no longer exists: point the injection at another module of its layer"
    before = set(violations(sources))
    sources[rel] = sources[rel] + "\n" + line + "\n"
    new = [v for v in violations(sources) if v not in before]
    assert any(v.startswith(f"game/{file}:") and expect in v for v in new), (kind, new)


# ------------------------------------------------------------------ no import circles


def _edges(sources: Mapping[Path, str]) -> dict[str, set[str]]:
    """Module -> the game modules it imports (every kind of import, see the docstring)."""
    names = {_module_name(rel) for rel in sources}
    graph: dict[str, set[str]] = {}
    for rel, source in sources.items():
        me = _module_name(rel)
        targets: set[str] = set()
        for imp in scan(rel, source)[0]:
            if imp.names:  # `from m import a`: an edge to m.a when it is a module, else to m
                plain = [n for n in imp.names if f"{imp.module}.{n}" not in names]
                if plain and imp.module in names:
                    targets.add(imp.module)
                continue
            mod = imp.module
            while mod and mod not in names:
                mod = mod.rpartition(".")[0]
            if mod:
                targets.add(mod)
        graph[me] = targets - {me}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def strongconnect(root: str) -> None:
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return sorted(out)


def test_no_import_cycles() -> None:
    found = cycles(_edges(_real_sources()))
    assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)


@pytest.mark.parametrize("file,line", [
    ("content/loader.py", "def f():\n    from .ai_schema import validate_ai"),  # the circle once here
    ("ui/scenes/base.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..app import App"),
    ("ui/scenes/workshop_setup.py", "def f():\n    from ..workshop_app import WorkshopApp"),
    ("engine/state.py", "from game.engine import game"),
])
def test_cycle_check_catches(file: str, line: str) -> None:
    sources = _real_sources()
    sources[Path(file)] += "\n" + line + "\n"
    me = _module_name(Path(file))
    assert any(me in c for c in cycles(_edges(sources)))


def test_sibling_import_is_not_a_cycle() -> None:
    """`from . import x` inside a package whose __init__ imports this module is no circle."""
    graph = _edges({Path("pkg/__init__.py"): "from .a import A\n", Path("pkg/a.py"): "from . import b\nA = 1\n",
                    Path("pkg/b.py"): "B = 2\n"})
    assert graph["game.pkg.a"] == {"game.pkg.b"}
    assert cycles(graph) == []
    graph = _edges({Path("pkg/__init__.py"): "from .a import A\nB = 2\n", Path("pkg/a.py"): "from . import B\nA = 1\n"})
    assert cycles(graph) == [["game.pkg", "game.pkg.a"]]


if __name__ == "__main__":  # a quick report from the command line
    print("\n".join(violations(_real_sources())) or "no violations")
    print("\n".join(" <-> ".join(c) for c in cycles(_edges(_real_sources()))) or "no import circles")
