"""One message format and one render function: every catalog in the game is a
`game.i18n.Catalog` (key -> {en, ja} templates over named parameters) and renders
through `Catalog.render`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.i18n import Catalog, display_width

ROOT = Path(__file__).resolve().parent.parent / "game"


def _is_message_table(node: ast.AST) -> bool:
    """A dict literal of at least two entries whose values are all {"en": …, "ja": …} literals."""
    if not isinstance(node, ast.Dict) or len(node.values) < 2:
        return False
    for v in node.values:
        if not isinstance(v, ast.Dict):
            return False
        keys = {k.value for k in v.keys if isinstance(k, ast.Constant)}
        if not {"en", "ja"} <= keys:
            return False
    return True


def _tables_outside_catalogs(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrapped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Catalog":
            wrapped.update(id(a) for a in node.args)
    return [n.lineno for n in ast.walk(tree) if _is_message_table(n) and id(n) not in wrapped]


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_table_is_a_catalog(path: Path) -> None:
    lines = _tables_outside_catalogs(path)
    assert not lines, f"{path.relative_to(ROOT)}: message tables not in a Catalog at lines {lines}"


def test_the_catalogs_are_catalogs() -> None:
    from game.ai import reasons
    from game.cli import messages as cli
    from game.content import messages as content
    from game.engine import messages as engine
    from game.session import cards, report_html
    from game.ui import messages as ui

    found = [engine.CATALOG, cli.CATALOG, ui.M, reasons.CATALOG, report_html.TEXT, cards.TEXT, content.MESSAGES]
    assert all(isinstance(c, Catalog) for c in found)
    names = [c.name for c in found]
    assert len(set(names)) == len(names)


def test_render_fills_named_parameters_in_the_language() -> None:
    c = Catalog("t", {"saved": {"en": "Saved to slot {n}.", "ja": "スロット{n}に保存しました。"}})
    assert c.render("saved", "en", n=3) == "Saved to slot 3."
    assert c.render("saved", "ja", n=3) == "スロット3に保存しました。"
    assert c.render("saved", "fr", n=3) == "Saved to slot 3."  # unknown language: English


def test_parameters_may_be_called_key_and_lang() -> None:
    c = Catalog("t", {"m": {"en": "{key} in {lang}", "ja": "{lang}の{key}"}})
    assert c.render("m", "ja", key="seed", lang="en") == "enのseed"


def test_render_falls_back_without_raising() -> None:
    c = Catalog("t", {"m": {"en": "{a} and {b:.1f}", "ja": "{a}と{b:.1f}"},
                      "plain": {"en": "Back", "ja": "戻る"}})
    assert c.render("unknown.key", "ja") == "unknown.key"
    assert c.render("m", "ja", a=1) == "{a}と{b:.1f}"
    assert c.render("m", "ja", a=1, b="x") == "{a}と{b:.1f}"
    assert c.render("plain", "ja") == "戻る"


def test_a_catalog_refuses_an_entry_without_both_languages() -> None:
    with pytest.raises(ValueError, match="t: half: no ja text"):
        Catalog("t", {"half": {"en": "Only English"}})


def test_display_width_counts_terminal_columns() -> None:
    assert display_width("abc") == 3
    assert display_width("日本") == 4
    assert display_width("ＡＢ") == 4  # full-width forms
    assert display_width("ｶﾅ") == 2  # half-width katakana
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("a\u200db") == 2  # nor does a zero-width joiner


def test_cli_tables_and_the_line_breaker_measure_alike() -> None:
    from game.cli import output
    from game.ui import linebreak

    assert output.width is display_width and linebreak.display_width is display_width
    assert output.pad("日本", 6) == "日本  "
