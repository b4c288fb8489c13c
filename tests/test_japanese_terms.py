"""One word for each thing (issue #12, item 3): the glossary in rules/glossary/terms.yaml
names every game term in both languages with the Japanese variants to avoid, and no
catalog or content text uses a listed variant.  The glossary is content: the loader
checks it (one-line errors), `sumiwake validate` reads it and the wheel carries it.
Rewording text does not change the content hash, so it changes no game."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import clear_cache, load_glossary, validate
from game.content.schema import Glossary
from game.engine import Game

from japanese_text import ROOT, catalog_entries, content_entries


def _variants(glossary: Glossary, text: str) -> list[str]:
    found = []
    for t in glossary.terms:
        for v in t.avoid:
            rest = text
            for phrase in t.allow:
                rest = rest.replace(phrase, "")
            if v in rest:
                found.append(f"{v} (use {t.ja})")
    return found


def test_the_glossary_loads_and_covers_the_game_terms():
    g = load_glossary()
    ids = {t.id for t in g.terms}
    assert {"round", "order", "agreement", "table", "export_controls", "tier", "override", "inject",
            "easy", "normal", "hard", "member", "score", "report", "sovereign_model", "economic_security"} <= ids
    by_id = {t.id: t for t in g.terms}
    assert by_id["order"].ja == "施策" and "命令" in by_id["order"].avoid
    assert by_id["round"].ja == "年" and "ラウンド" in by_id["round"].avoid
    assert by_id["export_controls"].ja == "輸出規制" and "輸出管理" in by_id["export_controls"].avoid


def test_no_catalog_or_content_text_uses_a_variant_to_avoid():
    g = load_glossary()
    bad = [f"{where}: {found}: {ja!r}" for where, _en, ja in [*catalog_entries(), *content_entries()]
           for found in [_variants(g, ja)] if found]
    assert not bad, f"{len(bad)} texts use a word the glossary avoids:\n" + "\n".join(bad[:80])


def test_the_check_finds_a_variant_and_passes_an_allowed_phrase():
    g = load_glossary()
    assert _variants(g, "第1ラウンドの命令") == ["ラウンド (use 年)", "命令 (use 施策)"]
    assert _variants(g, "状況付与（インジェクト）") == []
    assert _variants(g, "インジェクト…") == ["インジェクト (use 状況付与)"]


def test_the_glossary_is_checked_like_other_content(tmp_path: Path):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(ROOT / "rules", root / "rules")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    terms = root / "rules" / "glossary" / "terms.yaml"
    text = terms.read_text(encoding="utf-8")
    assert not validate(root=root)
    terms.write_text(text + "  - id: order\n    en: order\n    ja: 施策\n", encoding="utf-8")
    problems = [p.text("en") for p in validate(root=root)]
    assert len(problems) == 1 and "terms.yaml:" in problems[0] and "'order' is defined twice" in problems[0]
    terms.write_text(text.replace("ja: 施策\n", "ja: 施策（命令）\n", 1), encoding="utf-8")
    problems = [p.text("en") for p in validate(root=root)]
    assert len(problems) == 1 and "its own variant to avoid '命令'" in problems[0]
    clear_cache()


def test_the_wheel_lists_the_glossary():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"game._data.rules.glossary" = ["*.yaml"]' in text and '"game._data.rules.glossary"' in text


def test_rewording_keeps_the_content_hash_and_a_number_does_not():
    from game.engine.ruleset import Ruleset

    g = Game.new("g7-2026", seed=1)
    rules, sc = g.rs.rules, g.rs.scenario
    card = rules.events[0]
    reworded = rules.model_copy(update={"events": [card.model_copy(update={"title": card.title.model_copy(
        update={"ja": "別の言い方"})}), *rules.events[1:]]})
    assert Ruleset.build(reworded, sc).content_hash == g.rs.content_hash
    renumbered = rules.model_copy(update={"events": [card.model_copy(update={"weight": card.weight + 1}),
                                                     *rules.events[1:]]})
    assert Ruleset.build(renumbered, sc).content_hash != g.rs.content_hash


def test_recalibrating_par_keeps_the_content_hash_and_the_games():
    """Par and the expected crisis rate are what simulation measured: writing them back into
    the scenario must not change the games it measured (the bots' lookahead is seeded from
    the hash), or every calibration would be stale the moment it is written."""
    from game.engine.ruleset import Ruleset

    g = Game.new("g7-2026", seed=1)
    rules, sc = g.rs.rules, g.rs.scenario
    assert sc.par is not None and sc.crisis.expected_rate is not None
    doubled = sc.par.model_copy(update={"seats": {s: [2 * x for x in v] for s, v in sc.par.seats.items()}})
    recal = sc.model_copy(update={"par": doubled,
                                  "crisis": sc.crisis.model_copy(update={"expected_rate": None})})
    assert Ruleset.build(rules, recal).content_hash == g.rs.content_hash
    harder = sc.model_copy(update={"crisis": sc.crisis.model_copy(update={"threshold": sc.crisis.threshold + 1})})
    assert Ruleset.build(rules, harder).content_hash != g.rs.content_hash
