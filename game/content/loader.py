"""Load and check Sumiwake's content: ``rules/*.yaml`` and ``scenarios/*.yaml``.

YAML is read only with PyYAML's safe composer; Python data is built from the
node tree here, so every mapping, sequence, scalar and mapping key keeps the
file, line and column it came from.  Every mistake (YAML syntax, duplicate
keys, schema errors, broken cross-references) becomes a :class:`Problem` that
points at the offending node, in the style ``file:line:col: path: message``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .schema import DebriefPrompts, Rules, Scenario

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "ContentError",
    "Problem",
    "clear_cache",
    "load_rules",
    "load_scenario",
    "rules_schema",
    "scenario_ids",
    "scenario_schema",
    "validate",
]

Key = tuple[Any, ...]  # a path into the data: str/int mapping keys and int list indices
Pos = tuple[str, int, int]  # file shown to the user, 1-based line, 1-based column

_MAX_NODES = 1_000_000  # guards against alias bombs ("billion laughs")
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a content file.  ``line`` and ``col`` are 1-based."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"


class ContentError(Exception):
    """Content failed to load; ``problems`` says where and why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = _sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems))


def _show(file: Path) -> str:
    """``file`` relative to the working directory when under it, else absolute."""
    file = file.resolve()
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _default_root(root: Path | None) -> Path:
    return (root if root is not None else Path(__file__).resolve().parents[2]).resolve()


def _quote(values: Iterable[object]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _suggest(word: object, choices: Iterable[object]) -> str:
    """``; did you mean 'x'?`` for the closest choice, or ``""``."""
    if not isinstance(word, str):
        return ""
    texts = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(word, texts, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# ------------------------------------------------------------------ documents


@dataclass
class Doc:
    """Data built from YAML plus the position of every node in it."""

    data: Any
    fallback: Pos  # where to point when no node on a path exists
    marks: dict[Key, Pos] = field(default_factory=dict)  # node of each value
    key_marks: dict[Key, Pos] = field(default_factory=dict)  # key node of each mapping entry

    def pos(self, path: Key, key: bool = False) -> Pos:
        """Position of the node at ``path`` (its key if ``key``), else of its deepest existing ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        for n in range(len(path), -1, -1):
            if path[:n] in self.marks:
                return self.marks[path[:n]]
        return self.fallback

    def fmt(self, path: Key) -> str:
        """``events[3].effects[0].target.select``: list indices in brackets, keys joined by dots."""
        out, node = "", self.data
        for part in path:
            is_index = isinstance(node, list) or (node is None and isinstance(part, int))
            out += f"[{part}]" if is_index else (f".{part}" if out else str(part))
            node = _child(node, part)
        return out

    def problem(self, path: Key, message: str, key: bool = False) -> Problem:
        file, line, col = self.pos(path, key)
        return Problem(file, line, col, self.fmt(path), message)


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


class _Builder:
    """Turns a composed YAML node tree into plain data, recording marks and problems."""

    def __init__(self, file: str, doc: Doc, problems: list[Problem]) -> None:
        self.file, self.doc, self.problems = file, doc, problems
        self.constructor = yaml.SafeLoader("")  # used only to construct scalars safely
        self.active: set[int] = set()
        self.count = 0

    def pos(self, node: yaml.Node) -> Pos:
        return (self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, text: str, message: str) -> None:
        self.problems.append(Problem(*self.pos(node), text or "(yaml)", message))

    def build(self, node: yaml.Node, path: Key, text: str) -> Any:
        """Data of ``node`` found at ``path`` (shown to users as ``text``)."""
        self.count += 1
        if self.count > _MAX_NODES or id(node) in self.active:
            self.fail(node, text, "recursive or too many aliases")
            raise _Abort
        self.doc.marks[path] = self.pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
                # YAML 1.1 reads yes/no/on/off (and NO, Norway's code) as booleans: refuse the trap
                self.fail(node, text, f"'{node.value}' is a YAML 1.1 boolean: write true or false, "
                                      f"or quote it if you meant text")
                return None
            try:
                return self.constructor.construct_object(node)
            except yaml.YAMLError:
                self.fail(node, text, f"unsupported tag '{node.tag}'")
                return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
                return [self.build(item, (*path, i), f"{text}[{i}]") for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
                return self.mapping(node, path, text)
            self.fail(node, text, f"unsupported tag '{node.tag}'")
            return None
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: Key, text: str) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = _BAD_KEY if key_node.tag == _MERGE_TAG else self.key(key_node, text)
            if key is _BAD_KEY:
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.fail(key_node, _join(text, key), f"duplicate key '{key}' (first at line {first})")
            else:
                seen[key] = key_node
        try:  # resolve ``<<: *anchor`` merges: explicit keys win over merged ones
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as err:
            self.fail(node, text, _yaml_message(err))
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, None)
            if key is _BAD_KEY:
                continue
            self.doc.key_marks[(*path, key)] = self.pos(key_node)
            out[key] = self.build(value_node, (*path, key), _join(text, key))
        return out

    def key(self, node: yaml.Node, text: str | None) -> Any:
        """The value of a mapping key; reports a problem (unless ``text`` is None) if unusable."""
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.constructor.construct_object(node)
                hash(value)
                return value
            except (yaml.YAMLError, TypeError):
                pass
        if text is not None:
            self.fail(node, text, "a mapping key must be a plain value")
        return _BAD_KEY


def _join(text: str, key: object) -> str:
    return f"{text}.{key}" if text else str(key)


_BAD_KEY = object()


class _Abort(Exception):
    pass


def _yaml_message(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError) and err.problem:
        if err.problem.startswith("but ") and err.context:  # "expected a single document ..., but found ..."
            return f"{err.context}, {err.problem}"
        return err.problem
    return str(err).splitlines()[0] if str(err) else "invalid YAML"


def _parse(file: Path, problems: list[Problem]) -> Doc | None:
    """Read one YAML file; problems go to ``problems``; ``None`` if nothing usable was read."""
    shown = _show(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem(shown, 1, 1, "(file)", f"cannot read file: {err}"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problems.append(Problem(shown, line, col, "(yaml)", _yaml_message(err)))
        return None
    if node is None:
        problems.append(Problem(shown, 1, 1, "(file)", "file is empty"))
        return None
    doc = Doc(None, (shown, 1, 1))
    try:
        doc.data = _Builder(shown, doc, problems).build(node, (), "")
    except _Abort:
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, *doc.pos(())[1:], "(file)", "the file must be a mapping of keys"))
        return None
    return doc


# ------------------------------------------------------------------ schema errors

_MESSAGES: dict[str, str] = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (check the spelling)",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be greater than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "too_short": "must have at least {min_length} item(s)",
    "too_long": "must have at most {max_length} item(s)",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "must match the pattern {pattern}",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
}
_SHOW_INPUT = {"greater_than_equal", "greater_than", "less_than_equal", "less_than", "string_type",
               "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
               "bool_type", "bool_parsing", "list_type", "dict_type", "model_type"}


def _literal_values(expected: str) -> list[str]:
    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    return quoted or [v for v in re.split(r", | or ", expected) if v]


def _model_at(model: type[BaseModel], path: Key) -> Any:
    """The type found at ``path`` inside ``model`` (through fields, lists, dicts and Optional)."""
    tp: Any = model
    for part in (*path, None):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
            tp = args[0]
        if part is None:
            return tp
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part)
            if info is None:
                return None
            tp = info.annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return None
    return tp


def _fields(model: type[BaseModel], path: Key) -> list[str]:
    tp = _model_at(model, path)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _schema_problems(model: type[BaseModel], doc: Doc, err: ValidationError) -> list[Problem]:
    """Map pydantic's errors back onto the YAML nodes they are about."""
    literals: dict[Key, tuple[Any, list[str]]] = {}  # union branches of literals merge into one message
    out: list[Problem] = []
    for e in err.errors():
        loc, node, on_key = e["loc"], doc.data, False
        path: list[Any] = []
        for i, part in enumerate(loc):
            if part == "[key]":
                on_key = True
            elif _has(node, part) or (i == len(loc) - 1 and isinstance(node, dict)):
                path.append(part)
                node = _child(node, part)
            # anything else is a union tag such as "literal['nation','firm']"
        key, kind, ctx = tuple(path), e["type"], e.get("ctx", {})
        if kind == "literal_error":
            values = literals.setdefault(key, (e["input"], []))[1]
            values.extend(v for v in _literal_values(str(ctx.get("expected", ""))) if v not in values)
            continue
        plain = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in ctx.items()}
        message = _MESSAGES.get(kind, "").format(**plain) or str(e["msg"]).removeprefix("Value error, ")
        if kind == "extra_forbidden":
            siblings = _child_at(doc.data, key[:-1])
            choices = [f for f in _fields(model, key[:-1]) if not _has(siblings, f)]
            message += _suggest(key[-1], choices)
            on_key = True
        elif kind in ("model_type", "model_attributes_type") and _fields(model, key):
            message = f"must be a mapping with fields: {', '.join(_fields(model, key))}"
        if kind in _SHOW_INPUT and not isinstance(e["input"], (dict, list)):
            message += f", got {e['input']!r}"
        out.append(doc.problem(key, message, key=on_key))
    for key, (given, values) in literals.items():
        suggestion = _suggest(given, values) if all(not v.isdigit() for v in values) else ""
        out.append(doc.problem(key, f"must be one of: {', '.join(values)}{suggestion}"))
    return out


def _child_at(data: Any, path: Key) -> Any:
    for part in path:
        data = _child(data, part)
    return data


def _check(model: type[BaseModel], doc: Doc) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, _schema_problems(model, doc, err)


# ------------------------------------------------------------------ cross-references


class _Refs:
    """Helpers for cross-reference checks: each failure becomes a Problem at the referencing node."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Key, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def ref(self, path: Key, value: object, known: Sequence[object], what: str, key: bool = False) -> None:
        if value is not None and value not in known:
            self.add(path, f"unknown {what} '{value}'{_suggest(value, known)}", key)

    def keys(self, path: Key, mapping: dict[Any, Any], known: Sequence[object], what: str) -> None:
        for k in mapping:
            self.ref((*path, k), k, known, what, key=True)

    def unique(self, path: Key, values: Sequence[object], what: str, attr: str) -> None:
        first: dict[object, int] = {}
        for i, v in enumerate(values):
            if v in first:
                self.add((*path, i, attr), f"{what} {v!r} is defined twice (first at {self.doc.fmt((*path, first[v]))})")
            first.setdefault(v, i)


def _rules_refs(rules: Rules, doc: Doc) -> list[Problem]:
    r = _Refs(doc)
    w = rules.world
    domains, regions = [d.id for d in w.domains], [g.id for g in w.regions]
    seats = [s.id for s in rules.seats]
    nations = [s.id for s in rules.seats if s.type == "nation"]
    r.unique(("world", "domains"), domains, "domain id", "id")
    r.unique(("world", "regions"), regions, "region id", "id")
    for i, g in enumerate(w.regions):
        r.keys(("world", "regions", i, "values"), g.values, domains, "domain")
    r.unique(("seats",), seats, "seat id", "id")
    for i, s in enumerate(rules.seats):
        at = ("seats", i)
        other = "firm" if s.type == "nation" else "nation"
        if getattr(s, s.type) is None:
            r.add(at, f"a {s.type} seat needs a '{s.type}:' block")
        if getattr(s, other) is not None:
            r.add((*at, other), f"a {s.type} seat must not have a '{other}:' block", key=True)
        if s.nation is not None:
            r.keys((*at, "nation", "data"), s.nation.data, domains, "domain")
            r.ref((*at, "nation", "home_region"), s.nation.home_region, regions, "region")
        if s.firm is not None:
            f = (*at, "firm")
            if s.firm.home not in nations:
                r.add((*f, "home"), f"home must be a nation seat, not '{s.firm.home}'{_suggest(s.firm.home, nations)}")
            r.keys((*f, "apps"), s.firm.apps, domains, "domain")
            r.keys((*f, "presence"), s.firm.presence, regions, "region")
            for j, t in enumerate(s.firm.licences_to):
                r.ref((*f, "licences_to", j), t, seats, "seat")
    tiers = [t.tier for t in rules.tiers]
    r.unique(("tiers",), tiers, "tier", "tier")
    for t in (1, 2, 3):
        if t not in tiers:
            r.add(("tiers",), f"tier {t} is not defined")
    r.unique(("orders",), [o.kind for o in rules.orders], "order kind", "kind")
    r.unique(("agreements",), [a.kind for a in rules.agreements], "agreement kind", "kind")
    r.unique(("events",), [e.id for e in rules.events], "event id", "id")
    for i, ev in enumerate(rules.events):
        for j, c in enumerate(ev.condition.all):
            at = ("events", i, "condition", "all", j)
            r.ref((*at, "seat"), c.seat, seats, "seat")
            r.ref((*at, "region"), c.region, regions, "region")
        for j, ef in enumerate(ev.effects):
            at = ("events", i, "effects", j)
            tg = ef.target
            r.ref((*at, "target", "seat"), tg.seat, seats, "seat")
            r.ref((*at, "target", "region"), tg.region, regions, "region")
            r.ref((*at, "region"), ef.region, regions, "region")
            r.ref((*at, "domain"), ef.domain, domains, "domain")
            if ef.kind == "adjust" and ef.quantity is None:
                r.add(at, "an 'adjust' effect needs a 'quantity'")
            if ef.kind == "modifier" and ef.modifier is None:
                r.add(at, "a 'modifier' effect needs a 'modifier'")
            if tg.select in ("seat", "home_firms") and tg.seat is None:
                r.add((*at, "target"), f"selector '{tg.select}' needs 'seat'")
            if tg.select == "firms_in_region" and tg.region is None:
                r.add((*at, "target"), "selector 'firms_in_region' needs 'region'")
    roles = sorted({s.role for s in rules.seats})
    r.unique(("objectives",), [o.id for o in rules.objectives], "objective id", "id")
    for i, ob in enumerate(rules.objectives):
        r.ref(("objectives", i, "role"), ob.role, roles, "role")
        r.ref(("objectives", i, "region"), ob.region, regions, "region")
    return r.problems


def _scenario_refs(sc: Scenario, rules: Rules, doc: Doc) -> list[Problem]:
    r = _Refs(doc)
    kinds = {s.id: s.type for s in rules.seats}
    events = [e.id for e in rules.events]
    domains = [d.id for d in rules.world.domains]
    regions = [g.id for g in rules.world.regions]
    for i, s in enumerate(sc.seats):
        r.ref(("seats", i), s, list(kinds), "seat")
    seats = list(sc.seats)
    nations = [s for s in seats if kinds.get(s) == "nation"]
    if not nations:
        r.add(("seats",), "a scenario needs at least one nation seat")
    not_in = "is not one of this scenario's seats"
    for i, s in enumerate(sc.human_seats):
        if s not in seats:
            r.add(("human_seats", i), f"'{s}' {not_in}")
    for s, o in sc.seat_overrides.items():
        at = ("seat_overrides", s)
        if s not in seats:
            r.add(at, f"'{s}' {not_in}", key=True)
        r.keys((*at, "data"), o.data, domains, "domain")
        r.keys((*at, "apps"), o.apps, domains, "domain")
        r.keys((*at, "presence"), o.presence, regions, "region")
        for j, t in enumerate(o.licences_to or []):
            r.ref((*at, "licences_to", j), t, list(kinds), "seat")
    for n, row in sc.tiers.items():
        if n not in nations:
            r.add(("tiers", n), f"'{n}' is not a nation seat of this scenario", key=True)
        for m in row:
            if m != "row" and m not in nations:
                r.add(("tiers", n, m), f"'{m}' must be 'row' or a nation seat of this scenario", key=True)
    for i, a in enumerate(sc.agreements):
        for j, m in enumerate(a.members):
            if m not in seats:
                r.add(("agreements", i, "members", j), f"'{m}' {not_in}")
    for rnd, ev in sc.scheduled_events.items():
        if rnd > sc.rounds:
            r.add(("scheduled_events", rnd), f"round {rnd} is after the last round ({sc.rounds})", key=True)
        r.ref(("scheduled_events", rnd), ev, events, "event")
    for i, ev in enumerate(sc.deck or []):
        r.ref(("deck", i), ev, events, "event")
    for s in sc.default_personas:
        if s not in seats:
            r.add(("default_personas", s), f"'{s}' {not_in}", key=True)
    return r.problems


# ------------------------------------------------------------------ loading


def _rules_files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.glob("*.yaml") if p.is_file())


def _read_rules(root: Path) -> tuple[Rules | None, list[Problem]]:
    rules_dir = root / "rules"
    shown = _show(rules_dir)
    merged = Doc({}, (shown, 1, 1))
    problems: list[Problem] = []
    files = _rules_files(rules_dir)
    if not files:
        return None, [Problem(shown, 1, 1, "(file)", "no rules files (*.yaml) found")]
    owner: dict[Any, Pos] = {}
    for file in files:
        doc = _parse(file, problems)
        if doc is None:
            continue
        for key, value in doc.data.items():
            if key in owner:
                f, line, _ = owner[key]
                problems.append(doc.problem((key,), f"key '{key}' is already defined in {f}:{line}", key=True))
                continue
            owner[key] = doc.key_marks[(key,)]
            merged.data[key] = value
            merged.marks.update((p, m) for p, m in doc.marks.items() if p[:1] == (key,))
            merged.key_marks.update((p, m) for p, m in doc.key_marks.items() if p[:1] == (key,))
    if problems:  # schema messages on half-read data would only add noise
        return None, problems
    rules, problems = _check(Rules, merged)
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
    return _load_rules_cached(str(_default_root(root)))


def clear_cache() -> None:
    """Forget cached rules (after content files changed on disk)."""
    _load_rules_cached.cache_clear()
    _SCENARIOS.clear()


def _read_scenario(file: Path, rules: Rules | None, scenarios_dir: Path | None) -> tuple[Scenario | None, list[Problem]]:
    problems: list[Problem] = []
    doc = _parse(file, problems)
    if doc is None or problems:  # schema messages on half-read data would only add noise
        return None, problems
    scenario, problems = _check(Scenario, doc)
    if scenario is None:
        return None, problems
    if scenarios_dir is not None and file.resolve().parent == scenarios_dir.resolve() and scenario.id != file.stem:
        problems.append(doc.problem(("id",), f"id '{scenario.id}' must equal the file name '{file.stem}'"))
    if rules is not None:
        problems += _scenario_refs(scenario, rules, doc)
    return (scenario if not problems else None), problems


def scenario_ids(root: Path | None = None) -> list[str]:
    """Sorted ids (file stems) of ``scenarios/*.yaml``."""
    return sorted(p.stem for p in (_default_root(root) / "scenarios").glob("*.yaml"))


def load_scenario(ref: str, rules: Rules | None = None, root: Path | None = None) -> Scenario:
    """A scenario by id (``"g7-2026"``) or by path to a ``.yaml`` file, checked against ``rules``."""
    base = _default_root(root)
    scenarios_dir = base / "scenarios"
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
        file = Path(ref)
    else:
        file = scenarios_dir / f"{ref}.yaml"
        if not file.is_file():
            known = ", ".join(scenario_ids(base)) or "(none)"
            raise ContentError([Problem(_show(scenarios_dir), 1, 1, "id", f"unknown scenario '{ref}'; known: {known}")])
    if not file.is_file():
        raise ContentError([Problem(_show(file), 1, 1, "(file)", "file not found")])
    rules = rules if rules is not None else load_rules(base)
    key = (str(file.resolve()), file.stat().st_mtime_ns, id(rules), str(scenarios_dir.resolve()))
    cached = _SCENARIOS.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    scenario, problems = _read_scenario(file, rules, scenarios_dir)
    if scenario is None:
        raise ContentError(problems)
    _SCENARIOS[key] = (rules, scenario)  # scenarios are frozen: safe to share
    return scenario


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


def _looks_like_scenario(file: Path, problems: list[Problem]) -> bool:
    """Whether a YAML file outside rules/ and scenarios/ has a top-level ``id:``; else say why not."""
    found: list[Problem] = []
    doc = _parse(file, found)
    if doc is not None and "id" in doc.data:
        return True
    problems += found or [Problem(_show(file), 1, 1, "(file)", "not content: expected a file in rules/ or a scenario with 'id:'")]
    return False


def validate(paths: list[Path] | None = None, root: Path | None = None) -> list[Problem]:
    """Every problem in the given files or directories (default: all content); ``[]`` when valid.

    A file in a ``rules/`` directory checks the whole rules set it belongs to; a file in a
    ``scenarios/`` directory, or any other YAML file with a top-level ``id:``, checks as a
    scenario against the rules (of its own tree if it is in one, else of ``root``).
    """
    base = _default_root(root)
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
        from .ai_schema import validate_ai

        problems += validate_ai(base)
    files = [f for f in files if f not in ai_files]
    for file in files:
        file = file.resolve()
        in_dir = file.parent.name == "scenarios"
        if file in extra:
            continue
        if not file.is_file():
            problems.append(Problem(_show(file), 1, 1, "(file)", "file not found"))
        elif file.parent.name == "rules":
            problems += rules_of(file.parent.parent)[1]
        elif in_dir or _looks_like_scenario(file, problems):
            own = in_dir and (file.parent.parent / "rules").is_dir()
            rules, rule_problems = rules_of(file.parent.parent if own else base)
            problems += rule_problems
            problems += _read_scenario(file, rules, file.parent if in_dir else None)[1]
    return _sorted(problems)


# ------------------------------------------------------------------ other content files

# Files under rules/ sub-folders that have models of their own: (glob relative to rules/, model).
# Other layers register theirs with `register_content`; `validate()` checks them all.
EXTRA_CONTENT: list[tuple[str, type[BaseModel]]] = []


def register_content(glob: str, model: type[BaseModel]) -> None:
    if (glob, model) not in EXTRA_CONTENT:
        EXTRA_CONTENT.append((glob, model))


def read_model(file: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Parse one YAML file into ``model``, with problems located by file, line and column."""
    problems: list[Problem] = []
    if not file.is_file():
        return None, [Problem(_show(file), 1, 1, "(file)", "file not found")]
    doc = _parse(file, problems)
    if doc is None or problems:
        return None, problems
    value, problems = _check(model, doc)
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
    return load_model(_default_root(root) / "rules" / "debrief" / "prompts.yaml", DebriefPrompts)


register_content("debrief/*.yaml", DebriefPrompts)


def rules_schema() -> dict[str, Any]:
    """JSON Schema of the rules (all of ``rules/`` merged)."""
    return Rules.model_json_schema()


def scenario_schema() -> dict[str, Any]:
    """JSON Schema of one scenario file."""
    return Scenario.model_json_schema()
