"""The layering of the code base, checked on the source with `ast`.

    game/engine   rules only: no AI, session, UI, CLI, pygame, YAML or I/O.
                  It may import game.content.schema (frozen content models).
                  ONE allowed exception: game/engine/game.py imports
                  game.content.loader and game.content.save_format *inside functions*
                  (Game.new / Game.from_json / Game.from_dict), the edge where a game is
                  created from files on disk and a save is checked before it is used.
    game/content  no engine, ai, session, ui, cli
    game/ai       no session, ui, cli
    game/session  no ui, cli
    game/cli      no ui, no pygame
    only game/ui  imports pygame / pygame_gui
    game/i18n.py  (message catalogs, display width) below every layer: the
                  standard library only
and nowhere in game/: eval(, exec(, pickle, yaml.load( / yaml.unsafe_load.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "game"
MODULES = sorted(ROOT.rglob("*.py"))
IO_MODULES = {"os", "pathlib", "io", "tempfile", "subprocess", "shutil", "socket", "sqlite3", "glob"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, bool, int]]:
    """(imported module, at module level?, line) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    pkg = _module_name(path).split(".")
    if path.name != "__init__.py":
        pkg = pkg[:-1]
    out: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, top, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = pkg[: len(pkg) - child.level + 1]
                    mod = ".".join(base + ([child.module] if child.module else []))
                else:
                    mod = child.module or ""
                out.append((mod, top, child.lineno))
                for a in child.names:  # `from game.content import loader`
                    out.append((f"{mod}.{a.name}", top, child.lineno))
            visit(child, inner)

    visit(tree, True)
    return out


def _under(mod: str, prefixes: set[str]) -> bool:
    return any(mod == p or mod.startswith(p + ".") for p in prefixes)


def _files(layer: str) -> list[Path]:
    return [p for p in MODULES if p.relative_to(ROOT).parts[0] == layer]


def test_modules_found() -> None:
    assert _files("engine") and _files("content")


@pytest.mark.parametrize("path", _files("engine"), ids=lambda p: p.name)
def test_engine_is_pure(path: Path) -> None:
    banned = {"game.ai", "game.session", "game.ui", "game.cli", "pygame", "pygame_gui", "yaml"} | IO_MODULES
    for mod, top, line in imports(path):
        if _under(mod, {"game.content"}):
            if _under(mod, {"game.content.schema"}):
                continue
            allowed = path.name == "game.py" and not top and \
                _under(mod, {"game.content.loader", "game.content.save_format"})
            assert allowed, (f"{path.name}:{line} imports {mod} (only game.content.schema, or the loader and "
                             "the save format inside Game.new/from_json/from_dict)")
        assert not _under(mod, banned), f"{path.name}:{line} imports {mod}"


RULES = {
    "content": {"game.engine", "game.ai", "game.session", "game.ui", "game.cli"},
    "ai": {"game.session", "game.ui", "game.cli"},
    "session": {"game.ui", "game.cli"},
    "cli": {"game.ui", "pygame", "pygame_gui"},
}


@pytest.mark.parametrize("layer", sorted(RULES))
def test_layer_imports(layer: str) -> None:
    for path in _files(layer):
        for mod, _top, line in imports(path):
            assert not _under(mod, RULES[layer]), f"game/{layer}/{path.name}:{line} imports {mod}"


def test_i18n_sits_below_every_layer() -> None:
    import sys

    path = ROOT / "i18n.py"
    found = imports(path)
    assert found, "game/i18n.py has no imports to check"
    for mod, _top, line in found:
        top = mod.split(".")[0]
        assert top == "__future__" or top in sys.stdlib_module_names, f"game/i18n.py:{line} imports {mod}"
        assert top not in IO_MODULES, f"game/i18n.py:{line} imports {mod}"


def test_only_ui_imports_pygame() -> None:
    for path in MODULES:
        if path.relative_to(ROOT).parts[0] == "ui":
            continue
        for mod, _top, line in imports(path):
            assert not _under(mod, {"pygame", "pygame_gui"}), f"{path.relative_to(ROOT)}:{line} imports {mod}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_unsafe_calls(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name):
                assert f.id not in ("eval", "exec"), f"{path}:{node.lineno} calls {f.id}("
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "yaml":
                assert f.attr not in ("load", "unsafe_load", "full_load", "load_all", "unsafe_load_all"), \
                    f"{path}:{node.lineno} calls yaml.{f.attr}("
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            assert not any(n and n.split(".")[0] in ("pickle", "cPickle", "dill", "marshal") for n in names), \
                f"{path}:{node.lineno} imports pickle"
