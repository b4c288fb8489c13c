"""Mutation testing of game/engine with cosmic-ray (a dev tool; not run in CI).

    .venv/bin/pip install -e '.[dev]'
    nice .venv/bin/python tools/mutation.py                      # every mutant (slow: hours on 2 cores)
    nice .venv/bin/python tools/mutation.py --sample 150 --seed 1 # a seeded random sample of mutants
    nice .venv/bin/python tools/mutation.py --ref main --module game/engine/scoring.py
    nice .venv/bin/python tools/mutation.py --module game/engine/access.py --lines 70-80  # mutants on those lines
    nice .venv/bin/python tools/mutation.py --recheck old.json --json new.json  # an earlier sample's survivors

cosmic-ray edits the source it mutates, so the run happens in a fresh copy of the
committed tree (``git archive REF``) under a temporary folder; the work tree is never
touched.  Each mutant runs a fast selection of the engine's tests (``--tests``), stopping
at the first failure.  With ``--sample N`` only N mutants, drawn with ``--seed``, run;
the others are marked skipped.  The report gives the kill rate with its 95 % (Wilson)
interval over the mutants run, and every survivor with its diff.

``--recheck FILE`` takes the survivors of an earlier run (its ``--json``), applies each
diff to a fresh copy of ``--ref`` and runs the selection: which of them the tests written
since kill.  A re-checked sample is no longer independent (its survivors were studied to
write the tests), so report it apart from a fresh sample.

What counts as equivalent without running: mutants inside annotations, and the few listed
in ``EQUIVALENT``, each with the argument why no test can tell it apart.  An ``==``
turned into ``is`` on a string literal is not counted equivalent: it behaves the same
only while the other side is the interned literal itself, and the strings of a loaded
save or of the content files are not (a save played on from each phase kills such a
mutant of ``Game.advance``).  The report lists those survivors apart
(``identity_swaps``) so that each can be judged, but the kill rate counts them.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST_TESTS = ["tests/test_adjudication.py", "tests/test_engine_api.py", "tests/test_order_rules.py", "tests/test_rng.py",
              "tests/test_ledger.py", "tests/test_engine_units.py", "tests/test_fast_paths.py",
              "tests/test_engine_rules.py"]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, mid - half), min(1.0, mid + half)


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (start, end) positions of every annotation in ``source``.  Under
    ``from __future__ import annotations`` (which every engine module uses) annotations are
    never evaluated, so a mutant inside one cannot change behaviour: it is equivalent."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        anns: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            anns.append(node.returns)
        elif isinstance(node, ast.arg):
            anns.append(node.annotation)
        elif isinstance(node, ast.AnnAssign):
            anns.append(node.annotation)
        for a in anns:
            if a is not None and a.end_lineno is not None and a.end_col_offset is not None:
                spans.append(((a.lineno, a.col_offset), (a.end_lineno, a.end_col_offset)))
    return spans


# Mutants argued equivalent, not run: (file, the mutated line as written (stripped), the
# operator's name ending ("" for any), what the line becomes ("" for any mutant), why).
EQUIVALENT: list[tuple[str, str, str, str, str]] = [
    ("game/engine/game.py",
     "if type(orders) is Submission and orders.stamp is self._stamp and orders.seat == seat:", "_Is_Eq", "",
     "type(x) == C is type(x) is C for classes without a metaclass __eq__, and a stamp is a bare object(), "
     "whose == is identity"),
    ("game/engine/game.py",
     "if type(orders) is Submission and orders.stamp is self._stamp and orders.seat == seat:", "_Eq_Is", "",
     "a seat name equal but not the same object only sends the submission down the checking path, which "
     "accepts the same legal orders as the same tuple (a submission for another seat is refused either way)"),
    ("game/engine/rng.py", '_LITTLE = sys.byteorder == "little"', "", "",
     "the flag picks the faster of two paths that draw the same numbers (a test pins that); on this "
     "little-endian machine both True and False are right, so no test here can tell a mutant of it"),
    ("game/engine/scoring.py", "rival_here = rival_pow * rival.presence.get(r, 0.0) if row_in else 0.0",
     "NumberReplacer", "rival_here = rival_pow * rival.presence.get(r, 0.0) if row_in else -1.0",
     "rival_here is read only as rival_here > 0: a Rival kept out of the region at -1.0 is as absent as at 0.0"),
    ("game/engine/scoring.py", "if x >= 0:", "_GtE_Gt", "if x > 0:",
     "only x == 0 (or -0.0) takes the other branch, and both branches give exactly 0.5 there: 1 / (1 + 1)"),
    ("game/engine/metrics.py",
     "return float(sum(1 for other in state.nations if other != seat and tier_between(state, rs, seat, other) == 1))",
     "_Eq_LtE", "",
     "an export tier is 1, 2 or 3 (Literal in the schema, refused otherwise by set_export_tier, checked "
     "against the rules' tiers in a save), so tier <= 1 holds exactly when tier == 1"),
    ("game/engine/negotiation.py", 'if rule == "nations":', "_Eq_GtE", 'if rule >= "nations":',
     'the schema allows "nations", "firms", "firm_and_nation" and "any" only, and "nations" sorts last, '
     'so rule >= "nations" holds exactly when rule == "nations"'),
    ("game/engine/resolution.py", "if other != nid:", "_NotEq_IsNot", "if other is not nid:",
     "both names run over the keys of the same dict, which holds one object per key: equal is identical"),
    ("game/engine/events.py", 'if state.phase != "event" or state.event is None:', "_NotEq_Gt",
     'if state.phase > "event" or state.event is None:',
     'every other phase (negotiation, orders, over, and resolved in a search clone) sorts after "event"'),
    ("game/engine/rng.py",
     "for i, j in zip(range(m, 0, -1), map(_mod, self.draws(m), range(m + 1, 1, -1))):", "NumberReplacer",
     "for i, j in zip(range(m, 0, -1), map(_mod, self.draws(m), range(m + 1, 0, -1))):",
     "zip stops with range(m, 0, -1) and draws(m), m items each: the one more bound is never used"),
    ("game/engine/scoring.py",
     "elif recovered < -1e-12:  # an override raised it above its own level: that ends now", "NumberReplacer",
     "elif recovered < - -0.999999999999:  # an override raised it above its own level: that ends now",
     "the mutant differs only for 0 < |recovered| <= 1e-12, which does not arise: old_base is last round's "
     "base recomputed from the same stored inputs, so recovered is 0.0 exactly unless a shock, an incident "
     "or an override moved security (by content amounts, far above 1e-12); a part of 0.0 posts nothing"),
    ("game/engine/order_rules.py", "one = attrgetter(names[0])", "NumberReplacer", "one = attrgetter(names[ -1])",
     "the line runs only when names holds one name, which is its first and its last"),
    ("game/engine/order_rules.py", "ok = (t == ROW or t in nations) and t != seat", "_Eq_Is",
     "ok = (t is ROW or t in nations) and t != seat",
     "t comes from generate, which yields the ROW constant itself for the rest of the world and "
     "nations' own ids otherwise: t == ROW exactly when t is ROW"),
    ("game/engine/orders.py", "@dataclass(frozen=True, slots=True)", "ReplaceTrueWithFalse",
     "@dataclass(frozen=True, slots=False)",
     "an Order is frozen either way (no attribute can be set or added); slots only save memory and time"),
    ("game/engine/metrics.py",
     "assert set(WORLD_METRICS) | set(SEAT_METRICS) == set(METRICS) and not set(WORLD_METRICS) & set(SEAT_METRICS)",
     "_Eq_IsNot", "",
     "an import-time check that holds: two new sets are never the same object, so the mutant only "
     "makes a passing assert pass always"),
    ("game/engine/ledger.py", 'return (state.markets, qual) if base == "market" else (state, base)', "_Eq_GtE", "",
     'the world\'s quantities are "frontier" and "market/<cell>" only (events._adjust_world, the growth '
     'step), and "frontier" sorts before "market"'),
    ("game/engine/ledger.py", 'box, key = (state.markets, qual) if base == "market" else (state, base)', "_Eq_GtE",
     "", 'as in _locate: the world\'s quantities are "frontier" and "market/<cell>" only'),
    ("game/engine/events.py", "assert set(SELECTORS) == set(get_args(Selector))", "_Eq_IsNot", "",
     "an import-time check that holds: two new sets are never the same object"),
    ("game/engine/order_rules.py", "assert set(ORDER_PARAMS) <= set(RULES)", "_LtE_Lt", "",
     "an import-time check that holds with the subset strict (some kinds have no parameters of their own)"),
    ("game/engine/ledger.py", 'elif target == "world":', "_Eq_Is", 'elif target is "world":',
     'the world is named only by the literal "world" in the engine\'s own calls (events._adjust_world, '
     "the growth step): no seat, save or content string reaches this target"),
    ("game/engine/ledger.py", "while start and ledger[start - 1][0] == round_:", "_Eq_GtE", "",
     "the loop above has passed every later round, and the ledger is in round order: an entry before "
     "end is at round_ or earlier, so >= round_ holds exactly when == round_"),
    ("game/engine/negotiation.py", 'if (seat in state.nations) != (d.actor == "nation"):', "_Eq_GtE", "",
     'a term\'s actor is "nation" or "firm" (SeatType), and "nation" sorts last'),
    ("game/engine/state.py", "if TYPE_CHECKING:", "AddNot", "if not TYPE_CHECKING:",
     "Order is named in annotations only, never evaluated; importing it at run time too changes nothing "
     "(orders imports nothing of the engine, so there is no circle)"),
]
# `==` turned into `is` against a field that the content schema types as a Literal: pydantic
# returns the schema's own literal object (from YAML and from a save's JSON alike), and an
# identifier-like literal is one interned object wherever it is written, so `is` agrees with
# `==` (tests/test_mutation_tool.py checks that premise on the loaded rules).
LITERAL_FIELDS = [("game/engine/events.py", 'if effect.mode == "mul":'),
                  ("game/engine/negotiation.py", 'if rule == "nations":')]
EQUIVALENT += [(f, code, "_Eq_Is", code.replace(" == ", " is "),
                "the field is a content Literal: pydantic hands back the interned literal, so is agrees with ==")
               for f, code in LITERAL_FIELDS]
# The size at which a cache is emptied: a pure memo (each entry rebuilt from its key alone, the
# same value) gives the same results emptied at any size, so any mutant of the line only changes speed.
CACHE_BOUNDS = [("game/engine/legality.py", "if len(_KINDS) > 256:"),
                ("game/engine/order_rules.py", "if len(_CANDIDATES) > 4096:"),
                ("game/engine/order_rules.py", "if len(_LEGAL) > 65536:"),
                ("game/engine/orders.py", "if len(_TEXTS) > 16384:"),
                ("game/engine/orders.py", "if len(_DICTS) > 16384:"),
                ("game/engine/rng.py", "if len(_LANES) > 512:"),
                ("game/engine/scoring.py", "if len(_PARTNERS) > 256:")]
EQUIVALENT += [(f, code, "", "", "the bound of a pure cache: emptied at any size it gives the same values")
               for f, code in CACHE_BOUNDS]


def equivalent_reason(path: Path, rel: str, line: int, operator: str, occurrence: int,
                      cache: dict[Path, list[str]]) -> str | None:
    """Why the mutant ``operator`` on ``line`` of ``path`` is equivalent, if `EQUIVALENT` says so."""
    if path not in cache:
        cache[path] = path.read_text(encoding="utf-8").splitlines()
    text = cache[path][line - 1].strip() if 0 < line <= len(cache[path]) else ""
    for file, code, op, becomes, why in EQUIVALENT:
        if file == rel and code == text and operator.endswith(op):
            if becomes and _mutated_line(path, operator, occurrence, line) != becomes:
                continue
            return why
    return None


def equivalent_by_diff(rel: str, operator: str, diff: str) -> str | None:
    """Why the mutant that ``diff`` shows (an earlier run's survivor) is equivalent, if
    `EQUIVALENT` says so: its removed line is the listed code and its added line what the
    listed mutant makes of it (the code is matched as written, wherever it has moved)."""
    # (blank lines are left out: at a file's end cosmic-ray's diff removes and adds the empty last line)
    removed = [x[1:].strip() for x in diff.splitlines() if x.startswith("-") and not x.startswith("---") and x[1:].strip()]
    added = [x[1:].strip() for x in diff.splitlines() if x.startswith("+") and not x.startswith("+++") and x[1:].strip()]
    if len(removed) != 1 or len(added) != 1:
        return None
    for file, code, op, becomes, why in EQUIVALENT:
        if file == rel and code == removed[0] and operator.endswith(op) and (not becomes or becomes == added[0]):
            return why
    return None


def apply_diff(text: str, diff: str) -> str | None:
    """``text`` with the hunks of a cosmic-ray ``diff`` applied, or None if the code it
    changes is no longer there as written.  cosmic-ray diffs ``source.split("\n")``, so a
    file ending in a newline has one more, empty, line than ``patch`` sees, and a hunk at
    the end of a file refers to it; the hunks are applied here on the same split.  A hunk
    whose lines have moved applies where its old lines occur once."""
    lines = text.split("\n")
    hunks: list[tuple[int, list[str], list[str]]] = []
    for row in diff.split("\n"):
        if row.startswith("@@"):
            start = int(row.split()[1].lstrip("-").split(",")[0])
            hunks.append((start, [], []))
        elif hunks and row[:1] in (" ", "-", "+") and not row.startswith(("---", "+++")):
            _start, old, new = hunks[-1]
            if row[0] in " -":
                old.append(row[1:])
            if row[0] in " +":
                new.append(row[1:])
        elif hunks and row == "":  # a context line that was empty, its leading space stripped
            hunks[-1][1].append("")
            hunks[-1][2].append("")
    if not hunks:
        return None
    for start, old, new in reversed(hunks):  # from the end, so earlier line numbers still hold
        while old and new and old[-1] == "" and new[-1] == "" and lines[start - 1:start - 1 + len(old)] != old:
            old, new = old[:-1], new[:-1]  # a trailing empty context line lost in storage
        at = start - 1
        if lines[at:at + len(old)] != old:
            found = [i for i in range(len(lines) - len(old) + 1) if lines[i:i + len(old)] == old]
            if len(found) != 1:
                return None
            at = found[0]
        lines[at:at + len(old)] = new
    return "\n".join(lines)


def _mutated_line(path: Path, operator: str, occurrence: int, line: int) -> str:
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator

    mutated = mutate_code(path.read_text(encoding="utf-8"), get_operator(operator)(), occurrence)
    lines = (mutated or "").splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def in_annotation(path: Path, start: tuple[int, int], cache: dict[Path, list]) -> bool:
    if path not in cache:
        src = path.read_text(encoding="utf-8")
        cache[path] = annotation_spans(src) if "from __future__ import annotations" in src else []
    return any(a <= start < b for a, b in cache[path])


def _line_ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out.append((int(a), int(b or a)))
    return out


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, check=True, text=True, **kw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", default="HEAD", help="commit to measure (default HEAD)")
    ap.add_argument("--module", default="game/engine", help="file or folder to mutate (default game/engine)")
    ap.add_argument("--tests", nargs="+", default=FAST_TESTS, help="test files each mutant runs")
    ap.add_argument("--sample", type=int, default=0, help="run only N mutants, drawn at random (0: all)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the sample")
    ap.add_argument("--lines", type=_line_ranges, default=None,
                    help="run only the mutants starting on these lines of --module (a file): 78,470-480")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per mutant before it counts as killed")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    ap.add_argument("--json", type=Path, help="also write the figures and survivors here")
    ap.add_argument("--recheck", type=Path, help="re-run the survivors listed in this earlier --json output")
    ns = ap.parse_args(argv)
    if ns.recheck is not None:
        return recheck(ns)

    cr = Path(sys.executable).with_name("cosmic-ray")
    if not cr.exists():
        print("cosmic-ray is not installed: pip install -e '.[dev]'", file=sys.stderr)
        return 2
    work = ns.keep or Path(tempfile.mkdtemp(prefix="sumiwake-mutation-"))
    if work.exists() and any(work.iterdir()):
        print(f"{work} is not empty", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    try:
        archive = subprocess.run(["git", "archive", ns.ref], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=str(work), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                   PYTHONDONTWRITEBYTECODE="1")
        where = run([sys.executable, "-c", "import game; print(game.__file__)"], work, env=env,
                    capture_output=True).stdout.strip()
        if not where.startswith(str(work)):
            print(f"the copy's tests would import {where}, not the copy", file=sys.stderr)
            return 2
        # the unmutated code must pass the selection, or every mutant would look killed
        run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *ns.tests], work, env=env,
            stdout=subprocess.DEVNULL)
        test_cmd = " ".join([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *ns.tests])
        (work / "cosmic-ray.toml").write_text(
            "[cosmic-ray]\n"
            f'module-path = "{ns.module}"\n'
            f"timeout = {ns.timeout}\n"
            "excluded-modules = []\n"
            f'test-command = "{test_cmd}"\n\n'
            "[cosmic-ray.distributor]\n"
            'name = "local"\n', encoding="utf-8")
        run([str(cr), "init", "cosmic-ray.toml", "session.sqlite"], work, env=env)
        from cosmic_ray.work_db import WorkDB, use_db
        from cosmic_ray.work_item import WorkerOutcome, WorkResult

        with use_db(str(work / "session.sqlite"), WorkDB.Mode.open) as db:
            cache: dict[Path, list] = {}
            items = list(db.work_items)
            equivalent = [it.job_id for it in items
                          if in_annotation(work / it.mutations[0].module_path, tuple(it.mutations[0].start_pos), cache)]
            db.set_multiple_results(equivalent, WorkResult(worker_outcome=WorkerOutcome.SKIPPED,
                                                           output="inside an annotation (never evaluated)"))
            lines: dict[Path, list[str]] = {}
            argued = 0
            for it in items:
                m = it.mutations[0]
                why = None if it.job_id in equivalent else equivalent_reason(
                    work / m.module_path, Path(m.module_path).as_posix(), m.start_pos[0], m.operator_name,
                    m.occurrence, lines)
                if why is not None:
                    db.set_result(it.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED,
                                                        output=f"equivalent: {why}"))
                    equivalent.append(it.job_id)
                    argued += 1
            skip = set(equivalent)
            if ns.lines is not None:
                off = [it.job_id for it in items if it.job_id not in skip
                       and not any(a <= it.mutations[0].start_pos[0] <= b for a, b in ns.lines)]
                db.set_multiple_results(off, WorkResult(worker_outcome=WorkerOutcome.SKIPPED,
                                                        output="not on the lines asked for"))
                skip |= set(off)
            jobs = sorted(it.job_id for it in items if it.job_id not in skip)
            total = len(jobs)
            print(f"{len(equivalent) - argued} mutants inside annotations and {argued} argued in EQUIVALENT "
                  "are equivalent and not run", flush=True)
            if ns.sample and ns.sample < total:
                keep = set(random.Random(ns.seed).sample(jobs, ns.sample))
                db.set_multiple_results([j for j in jobs if j not in keep],
                                        WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output="not in the sample"))
        print(f"{total} mutants in {ns.module} at {ns.ref}; running {ns.sample or total}", flush=True)
        run([str(cr), "exec", "cosmic-ray.toml", "session.sqlite"], work, env=env)
        return report(work / "session.sqlite", total, ns)
    finally:
        if ns.keep is None:
            shutil.rmtree(work, ignore_errors=True)


IDENTITY_OPERATORS = ("_Eq_Is", "_NotEq_IsNot", "_Is_Eq", "_IsNot_NotEq")


def is_identity_swap(operator: str) -> bool:
    """``==`` against ``is`` (either way): equivalent only for operands that are always the
    same object, which a test cannot show in general (see the module's note)."""
    return operator.endswith(IDENTITY_OPERATORS)


def recheck(ns: argparse.Namespace) -> int:
    old = json.loads(ns.recheck.read_text(encoding="utf-8"))
    survivors = old["survivors"]
    work = Path(tempfile.mkdtemp(prefix="sumiwake-recheck-"))
    killed: list[dict] = []
    alive: list[dict] = []
    equivalent: list[dict] = []
    try:
        archive = subprocess.run(["git", "archive", ns.ref], cwd=ROOT, check=True, capture_output=True).stdout
        env = dict(os.environ, PYTHONPATH=str(work), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                   PYTHONDONTWRITEBYTECODE="1")
        work.rmdir()
        work.mkdir()
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        # the unmutated code must pass the selection, or every mutant would look killed
        run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *ns.tests], work, env=env,
            stdout=subprocess.DEVNULL)
        for sv in survivors:
            diff = "\n".join(line for line in (sv["diff"] or "").split("\n") if line != "--- mutation diff ---")
            why = equivalent_by_diff(sv["file"], sv["operator"], diff)
            if why is not None:  # argued in EQUIVALENT since: not run, and out of the count
                equivalent.append(dict(sv, outcome=f"equivalent: {why}"))
                print(f"equivalent: {sv['file']}:{sv['line']} {sv['operator']}", flush=True)
                continue
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
            target = work / sv["file"]
            mutated = apply_diff(target.read_text(encoding="utf-8"), diff) if target.exists() else None
            if mutated is None:  # the code changed: the mutant no longer exists as written
                sv = dict(sv, outcome="does not apply")
                alive.append(sv)
                print(f"does not apply: {sv['file']}:{sv['line']} {sv['operator']}", flush=True)
                continue
            target.write_text(mutated, encoding="utf-8")
            try:
                r = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *ns.tests],
                                   cwd=work, env=env, capture_output=True, timeout=ns.timeout)
                dead = r.returncode != 0
            except subprocess.TimeoutExpired:
                dead = True
            (killed if dead else alive).append(dict(sv, outcome="killed" if dead else "survived"))
            print(f"{'killed' if dead else 'survived'}: {sv['file']}:{sv['line']} {sv['operator']}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n, k0 = old["run"] - len(equivalent), old["killed"]
    k = k0 + len(killed)
    lo, hi = wilson(k, n)
    print(f"\nre-checked sample (seed {old['seed']}, {old['run']} run, {k0} killed at first) at {ns.ref}: "
          f"{len(equivalent)} survivors now argued equivalent (out of the count), "
          f"{len(killed)} of {len(survivors) - len(equivalent)} others now killed; {k} of {n}: "
          f"{100 * k / n if n else 0.0:.1f} % "
          f"(95 % Wilson interval {100 * lo:.1f}-{100 * hi:.1f} %; not an independent sample)")
    for sv in alive:
        print(f"\n--- still {sv['outcome']}: {sv['file']}:{sv['line']} {sv['operator']}\n{(sv['diff'] or '').strip()}")
    if ns.json:
        ns.json.write_text(json.dumps({
            "recheck_of": str(ns.recheck), "ref": ns.ref, "seed": old["seed"], "run": n, "killed": k,
            "kill_rate": k / n if n else 0.0, "interval95": [lo, hi], "now_killed": killed,
            "now_equivalent": equivalent, "survivors": alive,
        }, indent=2), encoding="utf-8")
    return 0


def report(session: Path, total: int, ns: argparse.Namespace) -> int:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    with use_db(str(session), WorkDB.Mode.open) as db:
        where = {item.job_id: item.mutations[0] for item in db.work_items}
        results = list(db.results)
    ran = [(j, r) for j, r in results if r.worker_outcome == WorkerOutcome.NORMAL]
    errors = [(j, r) for j, r in results if r.worker_outcome not in (WorkerOutcome.NORMAL, WorkerOutcome.SKIPPED)]
    killed = [(j, r) for j, r in ran if r.test_outcome in (TestOutcome.KILLED, TestOutcome.INCOMPETENT)]
    survived = sorted(((where[j], r) for j, r in ran if r.test_outcome == TestOutcome.SURVIVED),
                      key=lambda x: (str(x[0].module_path), x[0].start_pos))
    n, k = len(ran), len(killed)
    lo, hi = wilson(k, n)
    rate = k / n if n else 0.0
    print(f"\nmutants: {total} in {ns.module}; run: {n}; killed: {k}; survived: {len(survived)}; "
          f"worker errors: {len(errors)}")
    print(f"kill rate: {100 * rate:.1f} % (95 % Wilson interval {100 * lo:.1f}-{100 * hi:.1f} %)")
    identity = [m for m, _r in survived if is_identity_swap(m.operator_name)]
    if identity:
        print(f"of the survivors, {len(identity)} swap == and is (counted: judge each): "
              + ", ".join(f"{m.module_path}:{m.start_pos[0]}" for m in identity))
    for m, r in survived:
        print(f"\n--- survived: {m.module_path}:{m.start_pos[0]} {m.operator_name}\n{(r.diff or '').strip()}")
    if ns.json:
        ns.json.write_text(json.dumps({
            "ref": ns.ref, "module": ns.module, "tests": ns.tests, "sample": ns.sample, "seed": ns.seed,
            "mutants": total, "run": n, "killed": k, "kill_rate": rate, "interval95": [lo, hi],
            "identity_swaps": [f"{m.module_path}:{m.start_pos[0]}" for m in identity],
            "survivors": [{"file": str(m.module_path), "line": m.start_pos[0], "operator": m.operator_name,
                           "diff": r.diff} for m, r in survived],
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
