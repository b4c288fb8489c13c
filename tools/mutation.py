"""Mutation testing of game/engine with cosmic-ray (a dev tool; not run in CI).

    .venv/bin/pip install -e '.[dev]'
    nice .venv/bin/python tools/mutation.py                      # every mutant (slow: hours on 2 cores)
    nice .venv/bin/python tools/mutation.py --sample 150 --seed 1 # a seeded random sample of mutants
    nice .venv/bin/python tools/mutation.py --ref main --module game/engine/scoring.py

cosmic-ray edits the source it mutates, so the run happens in a fresh copy of the
committed tree (``git archive REF``) under a temporary folder; the work tree is never
touched.  Each mutant runs a fast selection of the engine's tests (``--tests``), stopping
at the first failure.  With ``--sample N`` only N mutants, drawn with ``--seed``, run;
the others are marked skipped.  The report gives the kill rate with its 95 % (Wilson)
interval over the mutants run, and every survivor with its diff.
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
              "tests/test_ledger.py", "tests/test_engine_units.py", "tests/test_fast_paths.py"]


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


def in_annotation(path: Path, start: tuple[int, int], cache: dict[Path, list]) -> bool:
    if path not in cache:
        src = path.read_text(encoding="utf-8")
        cache[path] = annotation_spans(src) if "from __future__ import annotations" in src else []
    return any(a <= start < b for a, b in cache[path])


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, check=True, text=True, **kw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", default="HEAD", help="commit to measure (default HEAD)")
    ap.add_argument("--module", default="game/engine", help="file or folder to mutate (default game/engine)")
    ap.add_argument("--tests", nargs="+", default=FAST_TESTS, help="test files each mutant runs")
    ap.add_argument("--sample", type=int, default=0, help="run only N mutants, drawn at random (0: all)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the sample")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per mutant before it counts as killed")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    ap.add_argument("--json", type=Path, help="also write the figures and survivors here")
    ns = ap.parse_args(argv)

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
            skip = set(equivalent)
            jobs = sorted(it.job_id for it in items if it.job_id not in skip)
            total = len(jobs)
            print(f"{len(equivalent)} mutants inside annotations are equivalent and not run", flush=True)
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
    for m, r in survived:
        print(f"\n--- survived: {m.module_path}:{m.start_pos[0]} {m.operator_name}\n{(r.diff or '').strip()}")
    if ns.json:
        ns.json.write_text(json.dumps({
            "ref": ns.ref, "module": ns.module, "tests": ns.tests, "sample": ns.sample, "seed": ns.seed,
            "mutants": total, "run": n, "killed": k, "kill_rate": rate, "interval95": [lo, hi],
            "survivors": [{"file": str(m.module_path), "line": m.start_pos[0], "operator": m.operator_name,
                           "diff": r.diff} for m, r in survived],
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
