"""Golden tests of the content loader's error messages, plus its public API.

``tests/content_errors/base/`` is a tiny but valid content tree (1 domain,
2 regions, 1 nation, 1 firm, 3 tiers, one scenario).  Every other
``tests/content_errors/<case>.yaml`` starts with ``# target: <path>``: the test
copies the base tree to a tmp dir, writes the case file at that path, runs
``validate()`` and compares the problems with ``<case>.expected`` line by line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import (
    ContentError,
    Problem,
    Rules,
    Scenario,
    load_rules,
    load_scenario,
    rules_schema,
    scenario_ids,
    scenario_schema,
    validate,
)

HERE = Path(__file__).parent / "content_errors"
CASES = sorted(p.stem for p in HERE.glob("*.yaml"))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid content tree in a tmp dir, which is also the working directory."""
    shutil.copytree(HERE / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_enough_golden_cases() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tree: Path) -> None:
    source = HERE / f"{case}.yaml"
    target = source.read_text(encoding="utf-8").splitlines()[0].removeprefix("# target: ")
    shutil.copy(source, tree / target)
    expected = (HERE / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in validate(root=tree)] == expected


def test_valid_tree(tree: Path) -> None:
    assert validate(root=tree) == []
    assert validate([tree / "rules", tree / "scenarios" / "demo.yaml"], root=tree) == []
    rules = load_rules(tree)
    assert isinstance(rules, Rules)
    assert load_rules(tree) is rules  # cached per root
    assert [t.tier for t in rules.tiers] == [1, 2, 3]
    assert rules.tiers[2].blocked and rules.tiers[2].help.en == "Full access"  # YAML merge keys work
    assert scenario_ids(tree) == ["demo"]
    by_id = load_scenario("demo", root=tree)
    assert isinstance(by_id, Scenario)
    assert load_scenario(str(tree / "scenarios" / "demo.yaml"), rules=rules, root=tree) == by_id
    assert by_id.scheduled_events == {2: "breach"}


def test_problem_and_error_text() -> None:
    a = Problem("b.yaml", 3, 1, "x", "second")
    b = Problem("a.yaml", 9, 2, "y[0].z", "first")
    assert str(b) == "a.yaml:9:2: y[0].z: first"
    err = ContentError([a, b])
    assert err.problems == [b, a]
    assert str(err) == "a.yaml:9:2: y[0].z: first\nb.yaml:3:1: x: second"


def test_load_rules_raises(tree: Path) -> None:
    (tree / "rules" / "scoring.yaml").write_text("scoring:\n  gamma: 0\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_rules(tree)
    lines = [str(p) for p in info.value.problems]
    assert "rules/scoring.yaml:2:10: scoring.gamma: must be greater than 0, got 0" in lines
    assert "rules/scoring.yaml:2:3: scoring.alpha: required field is missing" in lines
    assert all(p.file == "rules/scoring.yaml" for p in info.value.problems)


def test_missing_top_level_key(tree: Path) -> None:
    (tree / "rules" / "scoring.yaml").unlink()
    assert [str(p) for p in validate(root=tree)] == ["rules:1:1: scoring: required field is missing"]


def test_unknown_scenario_lists_known_ids(tree: Path) -> None:
    (tree / "scenarios" / "alpha.yaml").write_text((tree / "scenarios" / "demo.yaml").read_text().replace(
        "id: demo", "id: alpha"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_scenario("g7-2026", root=tree)
    assert str(info.value) == "scenarios:1:1: id: unknown scenario 'g7-2026'; known: alpha, demo"


def test_scenario_outside_tree(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A scenario anywhere else is checked against ``root``'s rules and shown by absolute path."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    text = (tree / "scenarios" / "demo.yaml").read_text().replace("id: demo", "id: custom")
    (elsewhere / "mine.yaml").write_text(text.replace("2: breach", "2: boom"), encoding="utf-8")
    (elsewhere / "notes.yaml").write_text("hello: world\n", encoding="utf-8")
    shown = str((elsewhere / "mine.yaml").resolve())
    assert [str(p) for p in validate([elsewhere], root=tree)] == [
        f"{shown}:10:6: scheduled_events.2: unknown event 'boom'",
        f"{(elsewhere / 'notes.yaml').resolve()}:1:1: (file): "
        "not content: expected a file in rules/ or a scenario with 'id:'",
    ]
    with pytest.raises(ContentError):
        load_scenario(shown, root=tree)


def test_alias_bomb_is_refused(tree: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcdef", "bcdefg")]
    (tree / "scenarios" / "demo.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate(root=tree)
    assert len(problems) == 1 and problems[0].message == "recursive or too many aliases"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_gives_problems_not_crashes(tree: Path, text: str) -> None:
    (tree / "scenarios" / "demo.yaml").write_text("id: demo\n" + text, encoding="utf-8")
    for p in validate(root=tree):
        assert p.file == "scenarios/demo.yaml" and p.line >= 1 and p.col >= 1 and p.message


def test_json_schemas() -> None:
    for schema in (rules_schema(), scenario_schema()):
        assert isinstance(schema, dict) and "properties" in schema
    assert "seats" in rules_schema()["properties"]
    assert "scheduled_events" in scenario_schema()["properties"]


def test_a_quantity_that_does_not_fit_its_target_is_worded_in_japanese_too(tree: Path) -> None:
    (tree / "rules" / "events.yaml").write_text((tree / "rules" / "events.yaml").read_text(encoding="utf-8").replace(
        "quantity: weight_security", "quantity: defence"), encoding="utf-8")
    [problem] = validate(root=tree)
    assert problem.path == "events[0].effects[0].quantity"
    assert problem.text("ja") == ("rules/events.yaml:8:19: events[0].effects[0].quantity: "
                                  "数量 'defence' は企業には適用されません（セレクター 'seat' は企業を選ぶことがあります）")
