"""tools/mutation.py --recheck: an earlier survivor's diff applies to the code it was made
from wherever it now sits (the end of a file included), and a survivor argued equivalent
since is left out of the re-checked count."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

from game.content.loader import load_rules
from game.content.schema import Rules

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("mutation_tool", ROOT / "tools" / "mutation.py")
assert _spec is not None and _spec.loader is not None
mutation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutation)

SOURCE = "def f(x):\n    if x >= 0:\n        return 1\n    return 2\n"


def cosmic_ray_diff(before: str, after: str, path: str = "game/engine/m.py") -> str:
    """A diff as cosmic-ray writes it: of ``source.split("\\n")``, without line ends."""
    rows = difflib.unified_diff(before.split("\n"), after.split("\n"), fromfile="a/" + path, tofile="b/" + path,
                                lineterm="")
    return "--- mutation diff ---\n" + "\n".join(rows)


def test_a_mutant_of_a_files_last_line_applies() -> None:
    mutated = SOURCE.replace("return 2", "return 3")
    diff = cosmic_ray_diff(SOURCE, mutated)
    assert diff.rstrip("\n").endswith(" ")  # the hunk ends on the empty line after the last newline
    assert mutation.apply_diff(SOURCE, diff) == mutated


def test_a_mutant_applies_where_its_code_has_moved_and_not_once_the_code_changed() -> None:
    mutated = SOURCE.replace(">= 0", "> 0")
    diff = cosmic_ray_diff(SOURCE, mutated)
    moved = "import os\n\n\n" + SOURCE
    assert mutation.apply_diff(moved, diff) == "import os\n\n\n" + mutated
    assert mutation.apply_diff(SOURCE.replace(">= 0", ">= 1"), diff) is None
    assert mutation.apply_diff("import os\n" + SOURCE + "\n" + SOURCE, diff) is None  # moved and twice: which?


def test_a_survivor_listed_as_equivalent_is_recognised_from_its_diff() -> None:
    file, code, op, becomes, _why = next(e for e in mutation.EQUIVALENT if e[3])
    before = f"def g():\n    {code}\n"
    diff = cosmic_ray_diff(before, f"def g():\n    {becomes}\n", file)
    assert mutation.equivalent_by_diff(file, "core/" + op, diff) is not None
    assert mutation.equivalent_by_diff(file, "core/AddNot", diff) is None  # another operator's mutant
    other = cosmic_ray_diff(before, f"def g():\n    {code.replace('0.0', '2.0')}\n", file)
    assert mutation.equivalent_by_diff(file, "core/" + op, other) is None  # what it becomes differs
    assert mutation.equivalent_by_diff("game/engine/other.py", "core/" + op, diff) is None


def test_content_literals_are_the_interned_strings_the_engine_compares_with() -> None:
    """The premise of LITERAL_FIELDS: a Literal field of the loaded rules, and of rules read
    back from JSON (a save carries its scenario so), is the one interned string object."""
    rules = load_rules()
    for r in (rules, Rules.model_validate_json(rules.model_dump_json())):
        modes = [ef.mode for ev in r.events for ef in ev.effects]
        members = [a.members for a in r.agreements]
        assert "mul" in modes and "nations" in members
        assert all(x is sys.intern(x) for x in modes + members)
    assert {f for f, _code in mutation.LITERAL_FIELDS} <= {e[0] for e in mutation.EQUIVALENT}


def test_a_survivor_on_a_files_last_line_listed_as_equivalent_is_recognised() -> None:
    file, code, op, _becomes, _why = next(e for e in mutation.EQUIVALENT if e[1].startswith("assert set(ORDER_PARAMS)"))
    before = f"x = 1\n{code}\n"
    diff = cosmic_ray_diff(before, before.replace("<=", "<"), file)
    assert mutation.equivalent_by_diff(file, "core/ReplaceComparisonOperator" + op, diff) is not None
