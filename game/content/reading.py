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

from .messages import MESSAGES, ContentValueError, Msg, msg

__all__ = ["ContentError", "Doc", "Key", "Msg", "Pos", "Problem", "Refs", "check", "hint", "msg", "parse", "show",
           "sort_problems", "suggest"]

Key = tuple[Any, ...]  # a path into the data: str/int mapping keys and int list indices
Pos = tuple[str, int, int]  # file shown to the user, 1-based line, 1-based column

_MAX_NODES = 1_000_000  # guards against alias bombs ("billion laughs")
MAX_DEPTH = 50  # nesting of mappings and lists; real content nests fewer than 10 deep
MAX_FILE_BYTES = 2 * 1024 * 1024  # the largest content file is about 30 KB
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
    message: str  # in English
    detail: Msg | None = field(default=None, compare=False)  # the message, to render in any language

    @classmethod
    def at(cls, file: str, line: int, col: int, path: str, message: Msg | str) -> Problem:
        if isinstance(message, Msg):
            return cls(file, line, col, path, message.render("en"), message)
        return cls(file, line, col, path, message)

    def text(self, lang: str = "en") -> str:
        """``file:line:col: path: message`` with the message in ``lang``."""
        said = self.detail.render(lang) if self.detail is not None else self.message
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {said}"

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


def hint(word: object, choices: Iterable[object]) -> Msg | str:
    """"; did you mean 'x'?" for the closest choice, or ``""``."""
    if not isinstance(word, str):
        return ""
    texts = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(word, texts, n=1, cutoff=0.6)
    return msg("hint.did_you_mean", word=close[0]) if close else ""


def suggest(word: object, choices: Iterable[object]) -> str:
    """`hint` in English."""
    h = hint(word, choices)
    return h.render("en") if isinstance(h, Msg) else h


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

    def problem(self, path: Key, message: Msg | str, key: bool = False) -> Problem:
        file, line, col = self.pos(path, key)
        return Problem.at(file, line, col, self.fmt(path), message)


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

    def fail(self, node: yaml.Node, text: str, message: Msg | str) -> None:
        self.problems.append(Problem.at(*self.pos(node), text or "(yaml)", message))

    def build(self, node: yaml.Node, path: Key, text: str) -> Any:
        """Data of ``node`` found at ``path`` (shown to users as ``text``)."""
        self.count += 1
        if self.count > _MAX_NODES or id(node) in self.active:
            self.fail(node, text, msg("yaml.recursive"))
            raise _Abort
        if len(path) > MAX_DEPTH:
            self.fail(node, "", msg("yaml.too_deep", depth=MAX_DEPTH))
            raise _Abort
        self.doc.marks[path] = self.pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
                # YAML 1.1 reads yes/no/on/off (and NO, Norway's code) as booleans: refuse the trap
                self.fail(node, text, msg("yaml.bool11", value=node.value))
                return None
            try:
                return self.constructor.construct_object(node)
            except yaml.YAMLError:
                self.fail(node, text, msg("yaml.tag", tag=node.tag))
                return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
                return [self.build(item, (*path, i), f"{text}[{i}]") for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
                return self.mapping(node, path, text)
            self.fail(node, text, msg("yaml.tag", tag=node.tag))
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
                self.fail(key_node, _join(text, key), msg("yaml.duplicate_key", key=str(key), first=first))
            else:
                seen[key] = key_node
        try:  # resolve ``<<: *anchor`` merges: explicit keys win over merged ones
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as err:
            self.fail(node, text, _yaml_msg(err))
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
            self.fail(node, text, msg("yaml.key"))
        return _BAD_KEY


def _join(text: str, key: object) -> str:
    return f"{text}.{key}" if text else str(key)


_BAD_KEY = object()


class _Abort(Exception):
    pass


_YAML_WORDS = (  # PyYAML's common problems, worded in the catalog; the rest is shown as PyYAML says it
    ("yaml.expected_got", re.compile(r"expected (?P<want>.+), but got (?P<got>.+)")),
    ("yaml.expected_found", re.compile(r"expected (?P<want>.+), but found (?P<got>.+)")),
    ("yaml.not_found", re.compile(r"could not find expected (?P<want>.+)")),
    ("yaml.did_not_find", re.compile(r"did not find expected (?P<want>.+)")),
    ("yaml.no_mapping_value", re.compile(r"mapping values are not allowed here")),
    ("yaml.bad_char", re.compile(r"found character (?P<char>.+) that cannot start any token")),
    ("yaml.alias", re.compile(r"found undefined alias (?P<name>.+)")),
    ("yaml.end", re.compile(r"found unexpected end of stream")),
)


def _yaml_msg(err: yaml.YAMLError) -> Msg:
    text = _yaml_message(err)
    for code, pattern in _YAML_WORDS:
        m = pattern.fullmatch(text)
        if m:
            return msg(code, **m.groupdict())
    return msg("yaml.error", detail=text)


def _yaml_message(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError) and err.problem:
        if err.problem.startswith("but ") and err.context:  # "expected a single document ..., but found ..."
            return f"{err.context}, {err.problem}"
        return err.problem
    return str(err).splitlines()[0] if str(err) else "invalid YAML"




def _too_deep(text: str) -> tuple[int, int]:
    """Line and column where ``text`` first nests deeper than `MAX_DEPTH` (read as events, not recursively)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH + 1 and mark is not None:  # the top-level mapping is depth 1
                return mark.line + 1, mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 1, 1


def parse(file: Path, problems: list[Problem]) -> Doc | None:
    """Read one YAML file; problems go to ``problems``; ``None`` if nothing usable was read."""
    shown = show(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem.at(shown, 1, 1, "(file)", msg("file.too_large", size=f"{size:,}",
                                                                  limit=f"{MAX_FILE_BYTES:,}")))
            return None
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem.at(shown, 1, 1, "(file)", msg("file.cannot_read", detail=str(err))))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # PyYAML composes recursively: find the spot without recursion
        problems.append(Problem.at(shown, *_too_deep(text), "(yaml)", msg("yaml.too_deep", depth=MAX_DEPTH)))
        return None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problems.append(Problem.at(shown, line, col, "(yaml)", _yaml_msg(err)))
        return None
    if node is None:
        problems.append(Problem.at(shown, 1, 1, "(file)", msg("file.empty")))
        return None
    doc = Doc(None, (shown, 1, 1))
    try:
        doc.data = _Builder(shown, doc, problems).build(node, (), "")
    except _Abort:
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem.at(shown, *doc.pos(())[1:], "(file)", msg("file.not_mapping")))
        return None
    return doc


# ------------------------------------------------------------------ schema errors

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
        plain = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in ctx.items()
                 if isinstance(v, (str, int, float))}
        message: Msg
        if isinstance(ctx.get("error"), ContentValueError):  # a validator of ours, worded in the catalog
            message = ctx["error"].msg
        elif kind in MESSAGES:
            message = msg(kind, **plain)
        else:
            message = msg("other", detail=str(e["msg"]).removeprefix("Value error, "))
        if kind == "extra_forbidden":
            siblings = _child_at(doc.data, key[:-1])
            choices = [f for f in _fields(model, key[:-1]) if not _has(siblings, f)]
            message = msg("with_hint", message=message, hint=hint(key[-1], choices))
            on_key = True
        elif kind in ("model_type", "model_attributes_type") and _fields(model, key):
            message = msg("mapping_fields", fields=", ".join(_fields(model, key)))
        if kind in _SHOW_INPUT and not isinstance(e["input"], (dict, list)):
            message = msg("with_input", message=message, input=repr(e["input"]))
        out.append(doc.problem(key, message, key=on_key))
    for key, (given, values) in literals.items():
        suggestion = hint(given, values) if all(not v.isdigit() for v in values) else ""
        out.append(doc.problem(key, msg("one_of", values=", ".join(values), hint=suggestion)))
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


def _what(what: str) -> Msg | str:
    """The kind of thing a reference names, in the catalog when it is there."""
    return msg(f"what.{what}") if f"what.{what}" in MESSAGES else what


class Refs:
    """Helpers for cross-reference checks: each failure becomes a Problem at the referencing node."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Key, message: Msg | str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def ref(self, path: Key, value: object, known: Sequence[object], what: str, key: bool = False) -> None:
        if value is not None and value not in known:
            self.add(path, msg("ref.unknown", what=_what(what), value=str(value), hint=hint(value, known)), key)

    def keys(self, path: Key, mapping: dict[Any, Any], known: Sequence[object], what: str) -> None:
        for k in mapping:
            self.ref((*path, k), k, known, what, key=True)

    def listed_once(self, path: Key, values: Sequence[object], what: str) -> None:
        """Each id in the list at ``path`` appears once (a seat listed twice would count twice)."""
        first: dict[object, int] = {}
        for i, v in enumerate(values):
            if v in first:
                self.add((*path, i), msg("ref.listed_twice", what=_what(what), value=str(v),
                                         first=self.doc.fmt((*path, first[v]))))
            first.setdefault(v, i)

    def unique(self, path: Key, values: Sequence[object], what: str, attr: str) -> None:
        first: dict[object, int] = {}
        for i, v in enumerate(values):
            if v in first:
                self.add((*path, i, attr), msg("ref.twice", what=_what(what), value=repr(v),
                                               first=self.doc.fmt((*path, first[v]))))
            first.setdefault(v, i)
