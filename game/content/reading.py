"""Reading content files: the safe, position-keeping YAML reader and its problems.

Shared by the rules loader (`game.content.loader`) and the AI content
(`game.content.ai_schema`); it imports neither.  YAML is read only with PyYAML's
safe composer; Python data is built from the node tree here, so every mapping,
sequence, scalar and mapping key keeps the file, line and column it came from.
Every mistake (YAML syntax, duplicate keys, schema errors, broken
cross-references) becomes a :class:`Problem` that points at the offending node,
in the style ``file:line:col: path: message``.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from game.i18n import Catalog

__all__ = ["ContentError", "Doc", "Key", "Pos", "Problem", "Refs", "check", "parse", "show", "sort_problems", "suggest"]

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
        self.problems: list[Problem] = sort_problems(problems)
        super().__init__("\n".join(map(str, self.problems)))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems))


def show(file: Path) -> str:
    """``file`` relative to the working directory when under it, else absolute."""
    file = file.resolve()
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _quote(values: Iterable[object]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def suggest(word: object, choices: Iterable[object]) -> str:
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


def parse(file: Path, problems: list[Problem]) -> Doc | None:
    """Read one YAML file; problems go to ``problems``; ``None`` if nothing usable was read."""
    shown = show(file)
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

MESSAGES = Catalog("content", {
    "missing": {"en": "required field is missing", "ja": "必須の項目がありません"},
    "extra_forbidden": {"en": "unknown field (check the spelling)", "ja": "不明な項目です（項目名を確認してください）"},
    "greater_than_equal": {"en": "must be at least {ge}", "ja": "{ge}以上にしてください"},
    "greater_than": {"en": "must be greater than {gt}", "ja": "{gt}より大きくしてください"},
    "less_than_equal": {"en": "must be at most {le}", "ja": "{le}以下にしてください"},
    "less_than": {"en": "must be less than {lt}", "ja": "{lt}未満にしてください"},
    "too_short": {"en": "must have at least {min_length} item(s)", "ja": "{min_length}件以上必要です"},
    "too_long": {"en": "must have at most {max_length} item(s)", "ja": "{max_length}件までです"},
    "string_too_short": {"en": "must not be empty", "ja": "空にはできません"},
    "string_pattern_mismatch": {"en": "must match the pattern {pattern}", "ja": "パターン {pattern} に合わせてください"},
    "string_type": {"en": "must be text", "ja": "文字列にしてください"},
    "int_type": {"en": "must be a whole number", "ja": "整数にしてください"},
    "int_parsing": {"en": "must be a whole number", "ja": "整数にしてください"},
    "int_from_float": {"en": "must be a whole number", "ja": "整数にしてください"},
    "float_type": {"en": "must be a number", "ja": "数値にしてください"},
    "float_parsing": {"en": "must be a number", "ja": "数値にしてください"},
    "bool_type": {"en": "must be true or false", "ja": "true か false にしてください"},
    "bool_parsing": {"en": "must be true or false", "ja": "true か false にしてください"},
    "list_type": {"en": "must be a list", "ja": "リストにしてください"},
    "dict_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
    "model_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
    "model_attributes_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
})
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
        message = (MESSAGES.render(kind, "en", **plain) if kind in MESSAGES
                   else str(e["msg"]).removeprefix("Value error, "))
        if kind == "extra_forbidden":
            siblings = _child_at(doc.data, key[:-1])
            choices = [f for f in _fields(model, key[:-1]) if not _has(siblings, f)]
            message += suggest(key[-1], choices)
            on_key = True
        elif kind in ("model_type", "model_attributes_type") and _fields(model, key):
            message = f"must be a mapping with fields: {', '.join(_fields(model, key))}"
        if kind in _SHOW_INPUT and not isinstance(e["input"], (dict, list)):
            message += f", got {e['input']!r}"
        out.append(doc.problem(key, message, key=on_key))
    for key, (given, values) in literals.items():
        suggestion = suggest(given, values) if all(not v.isdigit() for v in values) else ""
        out.append(doc.problem(key, f"must be one of: {', '.join(values)}{suggestion}"))
    return out


def _child_at(data: Any, path: Key) -> Any:
    for part in path:
        data = _child(data, part)
    return data


def check(model: type[BaseModel], doc: Doc) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, _schema_problems(model, doc, err)


# ------------------------------------------------------------------ cross-references


class Refs:
    """Helpers for cross-reference checks: each failure becomes a Problem at the referencing node."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Key, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def ref(self, path: Key, value: object, known: Sequence[object], what: str, key: bool = False) -> None:
        if value is not None and value not in known:
            self.add(path, f"unknown {what} '{value}'{suggest(value, known)}", key)

    def keys(self, path: Key, mapping: dict[Any, Any], known: Sequence[object], what: str) -> None:
        for k in mapping:
            self.ref((*path, k), k, known, what, key=True)

    def unique(self, path: Key, values: Sequence[object], what: str, attr: str) -> None:
        first: dict[object, int] = {}
        for i, v in enumerate(values):
            if v in first:
                self.add((*path, i, attr), f"{what} {v!r} is defined twice (first at {self.doc.fmt((*path, first[v]))})")
            first.setdefault(v, i)
