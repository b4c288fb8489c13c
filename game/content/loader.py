"""Load and check Sumiwake's content: ``rules/*.yaml`` and ``scenarios/*.yaml``.

Files are read by `game.content.reading` (safe YAML that keeps every node's
file, line and column); this module merges the rules, checks the schema and the
cross-references, and caches what loaded.  Every mistake becomes a
:class:`Problem` that points at the offending node, in the style
``file:line:col: path: message``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import paths as locations
from .reading import ContentError, Doc, Key, Pos, Problem, Refs, check, hint, msg, parse, show, sort_problems
from .messages import MESSAGES
from .schema import QUANTITY_HOLDERS, SELECTOR_PICKS, DebriefPrompts, Effect, Glossary, Rules, Scenario, Target

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "ContentError",
    "Problem",
    "clear_cache",
    "content_root",
    "is_scenario_path",
    "load_rules",
    "load_scenario",
    "rules_schema",
    "scenario_from_data",
    "scenario_ids",
    "scenario_schema",
    "shadows_builtin",
    "validate",
]


def content_root(root: Path | None = None) -> Path:
    """The folder that holds ``rules/`` and ``scenarios/``: ``root``, else `paths.content_root`
    (``$SUMIWAKE_CONTENT``, or the content the package carries)."""
    return Path(root).resolve() if root is not None else locations.content_root()


def _rules_refs(rules: Rules, doc: Doc) -> list[Problem]:
    r = Refs(doc)
    w = rules.world
    domains, regions = [d.id for d in w.domains], [g.id for g in w.regions]
    seats = [s.id for s in rules.seats]
    kinds = {s.id: s.type for s in rules.seats}
    nations = [s.id for s in rules.seats if s.type == "nation"]
    r.unique(("world", "domains"), domains, "domain id", "id")
    r.unique(("world", "regions"), regions, "region id", "id")
    for i, g in enumerate(w.regions):
        r.keys(("world", "regions", i, "values"), g.values, domains, "domain")
    r.unique(("seats",), seats, "seat id", "id")
    for i, s in enumerate(rules.seats):
        at: Key = ("seats", i)
        other = "firm" if s.type == "nation" else "nation"
        if getattr(s, s.type) is None:
            r.add(at, msg("seat.needs_block", type=s.type))
        if getattr(s, other) is not None:
            r.add((*at, other), msg("seat.no_block", type=s.type, other=other), key=True)
        if s.nation is not None:
            r.keys((*at, "nation", "data"), s.nation.data, domains, "domain")
            r.ref((*at, "nation", "home_region"), s.nation.home_region, regions, "region")
        if s.firm is not None:
            f = (*at, "firm")
            if s.firm.home not in nations:
                r.add((*f, "home"), msg("seat.home", home=s.firm.home, hint=hint(s.firm.home, nations)))
            r.keys((*f, "apps"), s.firm.apps, domains, "domain")
            r.keys((*f, "presence"), s.firm.presence, regions, "region")
            for j, t in enumerate(s.firm.licences_to):
                r.ref((*f, "licences_to", j), t, seats, "seat")
            r.listed_once((*f, "licences_to"), s.firm.licences_to, "seat")
    tiers = [t.tier for t in rules.tiers]
    r.unique(("tiers",), tiers, "tier", "tier")
    for tier in (1, 2, 3):
        if tier not in tiers:
            r.add(("tiers",), msg("tier.undefined", tier=tier))
    r.unique(("orders",), [o.kind for o in rules.orders], "order kind", "kind")
    r.unique(("agreements",), [a.kind for a in rules.agreements], "agreement kind", "kind")
    r.unique(("terms",), [t.id for t in rules.terms], "term id", "id")
    r.unique(("events",), [e.id for e in rules.events], "event id", "id")
    for i, ev in enumerate(rules.events):
        for j, c in enumerate(ev.condition.all):
            at = ("events", i, "condition", "all", j)
            r.ref((*at, "seat"), c.seat, seats, "seat")
            r.ref((*at, "region"), c.region, regions, "region")
        for j, ef in enumerate(ev.effects):
            _effect_refs(r, ("events", i, "effects", j), ef, seats, regions, domains, in_option=False)
            _quantity_fits(r, ("events", i, "effects", j), ef, _picks(ef.target, kinds))
        if not ev.effects and ev.choice is None:
            r.add(("events", i), msg("event.empty"))
        ch = ev.choice
        if ch is not None:
            at = ("events", i, "choice")
            _target_refs(r, (*at, "to"), ch.to, seats, regions, in_option=False)
            ids = [o.id for o in ch.options]
            r.unique((*at, "options"), ids, "option id", "id")
            r.ref((*at, "default"), ch.default, ids, "option")
            chooser = _picks(ch.to, kinds) - {"world"}
            for k, op in enumerate(ch.options):
                for j, ef in enumerate(op.effects):
                    _effect_refs(r, (*at, "options", k, "effects", j), ef, seats, regions, domains, in_option=True)
                    _quantity_fits(r, (*at, "options", k, "effects", j), ef, _picks(ef.target, kinds, chooser))
    roles = sorted({s.role for s in rules.seats})
    r.unique(("objectives",), [o.id for o in rules.objectives], "objective id", "id")
    for i, ob in enumerate(rules.objectives):
        r.ref(("objectives", i, "role"), ob.role, roles, "role")
        r.ref(("objectives", i, "region"), ob.region, regions, "region")
    return r.problems


def _target_refs(r: Refs, at: Key, tg: Target, seats: list[str], regions: list[str], in_option: bool) -> None:
    r.ref((*at, "seat"), tg.seat, seats, "seat")
    r.ref((*at, "region"), tg.region, regions, "region")
    if tg.select in ("seat", "home_firms") and tg.seat is None:
        r.add(at, msg("selector.needs", select=tg.select, field="seat"))
    if tg.select == "firms_in_region" and tg.region is None:
        r.add(at, msg("selector.needs", select="firms_in_region", field="region"))
    if tg.select in ("chooser", "chooser_firms") and not in_option:
        r.add(at, msg("selector.option_only", select=tg.select))


def _picks(tg: Target, kinds: Mapping[str, str], chooser: frozenset[str] = frozenset()) -> frozenset[str]:
    """What ``tg`` can pick: nations, firms, the world (``chooser``: what picks an option)."""
    if tg.select == "seat":
        kind = kinds.get(tg.seat or "")
        return frozenset({kind}) if kind is not None else frozenset()  # an unknown seat is refused apart
    if tg.select == "chooser":
        return chooser
    return SELECTOR_PICKS[tg.select]


_HOLDER_WORDS = {"nation": "holder.nations", "firm": "holder.firms", "world": "holder.world"}


def _quantity_fits(r: Refs, at: Key, ef: Effect, picks: frozenset[str]) -> None:
    """An adjustment's quantity must be held by everything its target can pick (the engine
    would skip the others silently)."""
    if ef.kind != "adjust" or ef.quantity is None:
        return
    for kind in ("nation", "firm", "world"):
        if kind in picks and kind not in QUANTITY_HOLDERS[ef.quantity]:
            r.add((*at, "quantity"), msg("effect.quantity_holder", quantity=ef.quantity,
                                         select=ef.target.select, holder=msg(_HOLDER_WORDS[kind])))
            return


def _effect_refs(r: Refs, at: Key, ef: Effect, seats: list[str], regions: list[str], domains: list[str],
                 in_option: bool) -> None:
    _target_refs(r, (*at, "target"), ef.target, seats, regions, in_option)
    r.ref((*at, "region"), ef.region, regions, "region")
    r.ref((*at, "domain"), ef.domain, domains, "domain")
    if ef.kind == "adjust" and ef.quantity is None:
        r.add(at, msg("effect.needs_an", kind="adjust", field="quantity"))
    if ef.kind == "modifier" and ef.modifier is None:
        r.add(at, msg("effect.needs", kind="modifier", field="modifier"))
    if ef.unless in ("chooser", "chooser_firms"):
        r.add((*at, "unless"), msg("selector.option_only", select=ef.unless))


def _scenario_refs(sc: Scenario, rules: Rules, doc: Doc) -> list[Problem]:
    r = Refs(doc)
    kinds = {s.id: s.type for s in rules.seats}
    events = [e.id for e in rules.events]
    domains = [d.id for d in rules.world.domains]
    regions = [g.id for g in rules.world.regions]
    for i, s in enumerate(sc.seats):
        r.ref(("seats", i), s, list(kinds), "seat")
    r.listed_once(("seats",), sc.seats, "seat")
    r.listed_once(("human_seats",), sc.human_seats, "seat")
    r.listed_once(("deck",), sc.deck or [], "event")
    seats = list(sc.seats)
    nations = [s for s in seats if kinds.get(s) == "nation"]
    if not nations:
        r.add(("seats",), msg("scenario.no_nation"))
    for i, s in enumerate(sc.human_seats):
        if s not in seats:
            r.add(("human_seats", i), msg("scenario.not_seat", seat=s))
    for s, o in sc.seat_overrides.items():
        at = ("seat_overrides", s)
        if s not in seats:
            r.add(at, msg("scenario.not_seat", seat=s), key=True)
        r.keys((*at, "data"), o.data, domains, "domain")
        r.keys((*at, "apps"), o.apps, domains, "domain")
        r.keys((*at, "presence"), o.presence, regions, "region")
        for j, t in enumerate(o.licences_to or []):
            r.ref((*at, "licences_to", j), t, list(kinds), "seat")
        r.listed_once((*at, "licences_to"), o.licences_to or [], "seat")
    for n, row in sc.tiers.items():
        if n not in nations:
            r.add(("tiers", n), msg("scenario.not_nation", seat=n), key=True)
        for m in row:
            if m != "row" and m not in nations:
                r.add(("tiers", n, m), msg("scenario.row_or_nation", seat=m), key=True)
    for i, a in enumerate(sc.agreements):
        for j, m in enumerate(a.members):
            if m not in seats:
                r.add(("agreements", i, "members", j), msg("scenario.not_seat", seat=m))
        r.listed_once(("agreements", i, "members"), a.members, "member")
    for rnd, ev in sc.scheduled_events.items():
        if rnd > sc.rounds:
            r.add(("scheduled_events", rnd), msg("scenario.late_round", round=rnd, rounds=sc.rounds), key=True)
        r.ref(("scheduled_events", rnd), ev, events, "event")
    for i, ev in enumerate(sc.deck or []):
        r.ref(("deck", i), ev, events, "event")
    for s in sc.default_personas:
        if s not in seats:
            r.add(("default_personas", s), msg("scenario.not_seat", seat=s), key=True)
    if sc.par is not None:
        for s in sc.par.seats:
            if s not in seats:
                r.add(("par", "seats", s), msg("scenario.not_seat", seat=s), key=True)
        for s in seats:
            if s not in sc.par.seats:
                r.add(("par", "seats"), msg("par.missing", seat=s))
    return r.problems


# ------------------------------------------------------------------ loading


def _rules_files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.glob("*.yaml") if p.is_file())


def _read_rules(root: Path) -> tuple[Rules | None, list[Problem]]:
    rules_dir = root / "rules"
    shown = show(rules_dir)
    merged = Doc({}, (shown, 1, 1))
    problems: list[Problem] = []
    files = _rules_files(rules_dir)
    if not files:
        return None, [Problem.at(shown, 1, 1, "(file)", msg("rules.none"))]
    owner: dict[Any, Pos] = {}
    for file in files:
        doc = parse(file, problems)
        if doc is None:
            continue
        for key, value in doc.data.items():
            if key in owner:
                f, line, _ = owner[key]
                problems.append(doc.problem((key,), msg("rules.key_twice", key=str(key), where=f"{f}:{line}"), key=True))
                continue
            owner[key] = doc.key_marks[(key,)]
            merged.data[key] = value
            merged.marks.update((p, m) for p, m in doc.marks.items() if p[:1] == (key,))
            merged.key_marks.update((p, m) for p, m in doc.key_marks.items() if p[:1] == (key,))
    if problems:  # schema messages on half-read data would only add noise
        return None, problems
    rules, problems = check(Rules, merged)
    if rules is not None:
        problems = _rules_refs(rules, merged)
    return (rules if not problems else None), problems


@functools.cache
def _load_rules_cached(root: str) -> Rules:
    rules, problems = _read_rules(Path(root))
    if rules is None:
        raise ContentError(problems)
    return rules


def load_rules(root: Path | None = None) -> Rules:
    """The validated rules under ``root`` (default: the repository); cached per root."""
    return _load_rules_cached(str(content_root(root)))


def clear_cache() -> None:
    """Forget cached rules (after content files changed on disk)."""
    _load_rules_cached.cache_clear()
    _SCENARIOS.clear()


def _read_scenario(file: Path, rules: Rules | None, scenarios_dir: Path | None) -> tuple[Scenario | None, list[Problem]]:
    problems: list[Problem] = []
    doc = parse(file, problems)
    if doc is None or problems:  # schema messages on half-read data would only add noise
        return None, problems
    scenario, problems = check(Scenario, doc)
    if scenario is None:
        return None, problems
    if scenarios_dir is not None and file.resolve().parent == scenarios_dir.resolve() and scenario.id != file.stem:
        problems.append(doc.problem(("id",), msg("id.file_name", id=scenario.id, stem=file.stem)))
    if rules is not None:
        problems += _scenario_refs(scenario, rules, doc)
    return (scenario if not problems else None), problems


def scenario_ids(root: Path | None = None) -> list[str]:
    """Sorted ids (file stems) of ``scenarios/*.yaml``."""
    return sorted(p.stem for p in (content_root(root) / "scenarios").glob("*.yaml"))


def is_scenario_path(ref: str) -> bool:
    """Whether ``ref`` (a ``--scenario`` value) names a file rather than a scenario id."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref or "\\" in ref


def load_scenario(ref: str, rules: Rules | None = None, root: Path | None = None) -> Scenario:
    """A scenario by id (``"g7-2026"``) or by path to a ``.yaml`` file, checked against ``rules``.

    A file outside the content's own ``scenarios/`` is played as it is, even when its id is a
    built-in one (`shadows_builtin` says so); its `Scenario.source` is the file's path.
    """
    base = content_root(root)
    scenarios_dir = base / "scenarios"
    if is_scenario_path(ref):
        file = Path(ref).expanduser()
    else:
        file = scenarios_dir / f"{ref}.yaml"
        if not file.is_file():
            known = ", ".join(scenario_ids(base)) or "(none)"
            raise ContentError([Problem.at(show(scenarios_dir), 1, 1, "id", msg("scenario.unknown", ref=ref, known=known))])
    if not file.is_file():
        raise ContentError([Problem.at(show(file), 1, 1, "(file)", msg("file.not_found"))])
    rules = rules if rules is not None else load_rules(base)
    key = (str(file.resolve()), file.stat().st_mtime_ns, id(rules), str(scenarios_dir.resolve()))
    cached = _SCENARIOS.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    scenario, problems = _read_scenario(file, rules, scenarios_dir)
    if scenario is None:
        raise ContentError(problems)
    if file.resolve().parent != scenarios_dir.resolve():
        scenario._source = str(file.resolve())
    _SCENARIOS[key] = (rules, scenario)  # scenarios are frozen: safe to share
    return scenario


def scenario_from_data(data: Any, rules: Rules, where: str = "(saved scenario)") -> Scenario:
    """A scenario from data (the content a save carries), checked as a scenario file is."""
    doc = Doc(data, (where, 1, 1))
    if not isinstance(data, dict):
        raise ContentError([Problem(where, 1, 1, "(file)", "the file must be a mapping of keys")])
    checked, problems = check(Scenario, doc)
    if checked is not None:
        problems = _scenario_refs(checked, rules, doc)
    if checked is None or problems:
        raise ContentError(problems)
    scenario: Scenario = checked
    scenario._source = where
    return scenario


def shadows_builtin(scenario: Scenario, lang: str = "en", root: Path | None = None) -> str | None:
    """The one-line notice when ``scenario`` came from a file whose id is one of the content's own."""
    if scenario.source is None or scenario.id not in scenario_ids(root):
        return None
    return MESSAGES.render("shadows_builtin", lang, file=show(Path(scenario.source)), id=scenario.id)


# (file, mtime, rules) -> (rules, scenario): simulations start thousands of games of one scenario
_SCENARIOS: dict[tuple[str, int, int, str], tuple[Rules, Scenario]] = {}


def _expand(paths: Iterable[Path], root: Path) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            if p.resolve() == root:
                yield from _rules_files(root / "rules")
                yield from sorted((root / "scenarios").glob("*.yaml"))
            else:
                yield from sorted(q for q in p.glob("*.yaml") if q.is_file())
        else:
            yield p


def _no_content(base: Path) -> Problem:
    how = msg("content.none.env", env=locations.CONTENT_ENV) if os.environ.get(locations.CONTENT_ENV) \
        else msg("content.none.install")
    return Problem.at(show(base), 1, 1, "(content)", msg("content.none", how=how))


def _looks_like_scenario(file: Path, problems: list[Problem]) -> bool:
    """Whether a YAML file outside rules/ and scenarios/ has a top-level ``id:``; else say why not."""
    found: list[Problem] = []
    doc = parse(file, found)
    if doc is not None and "id" in doc.data:
        return True
    problems += found or [Problem.at(show(file), 1, 1, "(file)", msg("file.not_content"))]
    return False


def validate(paths: list[Path] | None = None, root: Path | None = None) -> list[Problem]:
    """Every problem in the given files or directories (default: all content); ``[]`` when valid.

    A file in a ``rules/`` directory checks the whole rules set it belongs to; a file in a
    ``scenarios/`` directory, or any other YAML file with a top-level ``id:``, checks as a
    scenario against the rules (of its own tree if it is in one, else of ``root``).
    """
    base = content_root(root)
    if paths is None and not _rules_files(base / "rules") and not list((base / "scenarios").glob("*.yaml")):
        return [_no_content(base)]
    files = list(_expand(paths if paths is not None else [base], base))
    problems: list[Problem] = []
    read: dict[Path, tuple[Rules | None, list[Problem]]] = {}  # fresh reads, not load_rules' cache

    def rules_of(tree: Path) -> tuple[Rules | None, list[Problem]]:
        if tree not in read:
            read[tree] = _read_rules(tree)
        return read[tree]

    extra = {f.resolve() for glob, _m in EXTRA_CONTENT for f in (base / "rules").glob(glob)}
    problems += _extra_problems(base, None if paths is None else {f.resolve() for f in files} & extra)
    ai_dir = (base / "rules" / "ai").resolve()
    ai_files = {f for f in files if ai_dir in f.resolve().parents}
    if ai_dir.is_dir() and (paths is None or ai_files):  # personas and profiles, against the rules they name
        for check_folder in FOLDER_CHECKS:
            problems += check_folder(base)
    files = [f for f in files if f not in ai_files]
    for file in files:
        file = file.resolve()
        in_dir = file.parent.name == "scenarios"
        if file in extra:
            continue
        if not file.is_file():
            problems.append(Problem.at(show(file), 1, 1, "(file)", msg("file.not_found")))
        elif file.parent.name == "rules":
            problems += rules_of(file.parent.parent)[1]
        elif in_dir or _looks_like_scenario(file, problems):
            own = in_dir and (file.parent.parent / "rules").is_dir()
            rules, rule_problems = rules_of(file.parent.parent if own else base)
            problems += rule_problems
            problems += _read_scenario(file, rules, file.parent if in_dir else None)[1]
    return sort_problems(problems)


# ------------------------------------------------------------------ other content files

# Files under rules/ sub-folders that have models of their own: (glob relative to rules/, model).
# Other layers register theirs with `register_content`; `validate()` checks them all.
EXTRA_CONTENT: list[tuple[str, type[BaseModel]]] = []


# Whole-folder checks of content read by a module above this one (rules/ai: personas and
# profiles, registered by game.content.ai_schema, which game.content imports): root -> problems.
FOLDER_CHECKS: list[Callable[[Path], list[Problem]]] = []


def register_folder_check(check_folder: Callable[[Path], list[Problem]]) -> None:
    if check_folder not in FOLDER_CHECKS:
        FOLDER_CHECKS.append(check_folder)


def register_content(glob: str, model: type[BaseModel]) -> None:
    if (glob, model) not in EXTRA_CONTENT:
        EXTRA_CONTENT.append((glob, model))


def read_model(file: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Parse one YAML file into ``model``, with problems located by file, line and column."""
    problems: list[Problem] = []
    if not file.is_file():
        return None, [Problem.at(show(file), 1, 1, "(file)", msg("file.not_found"))]
    doc = parse(file, problems)
    if doc is None or problems:
        return None, problems
    value, problems = check(model, doc)
    return value, problems


def load_model(file: Path, model: type[M]) -> M:
    """Like `read_model`, raising `ContentError` on any problem."""
    value, problems = read_model(file, model)
    if value is None or problems:
        raise ContentError(problems)
    return value


def _extra_problems(base: Path, only: set[Path] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for glob, model in EXTRA_CONTENT:
        for file in sorted((base / "rules").glob(glob)):
            if only is None or file.resolve() in only:
                problems += read_model(file, model)[1]
    return problems


def load_debrief_prompts(root: Path | None = None) -> DebriefPrompts:
    return load_model(content_root(root) / "rules" / "debrief" / "prompts.yaml", DebriefPrompts)


register_content("debrief/*.yaml", DebriefPrompts)


def load_glossary(root: Path | None = None) -> Glossary:
    """The game's terms in both languages, with the variants the Japanese text avoids."""
    return load_model(content_root(root) / "rules" / "glossary" / "terms.yaml", Glossary)


register_content("glossary/*.yaml", Glossary)


def rules_schema() -> dict[str, Any]:
    """JSON Schema of the rules (all of ``rules/`` merged)."""
    return Rules.model_json_schema()


def scenario_schema() -> dict[str, Any]:
    """JSON Schema of one scenario file."""
    return Scenario.model_json_schema()
