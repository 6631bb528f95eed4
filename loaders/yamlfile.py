"""Safe YAML reading that keeps line numbers and refuses what PyYAML would silently accept."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from loaders.problems import Problem

MAX_BYTES = 128 * 1024 * 1024
"""Largest metrics file the loader reads (128 MiB, about 200,000 figures)."""

MAX_EXPANSION = 10
"""Aliases may make the document at most this many times larger than its written nodes."""

_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_constructor = SafeConstructor()


@dataclass
class Document:
    """A parsed YAML document, its line index and the problems met on the way."""

    data: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: tuple) -> int | None:
        """Line of the nearest located ancestor of loc."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def read_text(path: Path, display: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a BOM is allowed) or say why it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(display, None, (), f"cannot read the file: {exc.strerror or exc}")]
    if size > max_bytes:
        return None, [
            Problem(
                display,
                None,
                (),
                f"file is {size:,} bytes; the limit is {max_bytes:,} bytes ({max_bytes // 2**20} MiB)",
            )
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, None, (), f"cannot read the file: {exc.strerror or exc}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, [
            Problem(
                display,
                line,
                (),
                f"not UTF-8: byte 0x{bad} at offset {exc.start} cannot be decoded; save the file as UTF-8",
            )
        ]


def parse(text: str, display: str) -> Document:
    """Compose YAML into plain Python with a line for every key and item."""
    doc = Document()
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (column {mark.column + 1})" if mark else ""
        msg = f"invalid YAML: {exc.problem or exc.context}{where}"
        doc.problems.append(Problem(display, mark.line + 1 if mark else None, (), msg))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(display, None, (), f"invalid YAML: {exc}"))
        return doc
    if root is None:
        doc.problems.append(
            Problem(
                display,
                None,
                (),
                "the file is empty: expected a mapping with sources, cities, metric_types and metrics",
            )
        )
        return doc
    budget = MAX_EXPANSION * _count_nodes(root) + 1000
    builder = _Builder(doc, display, budget)
    try:
        doc.data = builder.build(root, ())
    except _TooLarge:
        doc.data = None
        doc.problems.append(
            Problem(
                display,
                root.start_mark.line + 1,
                (),
                f"aliases expand the document past {budget:,} nodes ({MAX_EXPANSION}x its written size); refusing to expand",
            )
        )
    return doc


def _count_nodes(root) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen)


class _TooLarge(Exception):
    pass


class _Builder:
    def __init__(self, doc: Document, display: str, budget: int):
        self.doc = doc
        self.display = display
        self.budget = budget

    def problem(self, node, loc, message):
        self.doc.problems.append(Problem(self.display, node.start_mark.line + 1, loc, message))

    def build(self, node, loc: tuple):
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(node, loc, f"tag {node.tag!r} is not allowed")
                return None
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                self.problem(node, loc, f"tag {node.tag!r} is not allowed")
                return None
            out: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, loc, "merge keys ('<<') are not supported; write the keys out")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.problem(key_node, loc, "a key must be plain text")
                    continue
                key = self.scalar(key_node, loc)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    continue
                line = key_node.start_mark.line + 1
                if key in first_line:
                    self.problem(
                        key_node,
                        loc + (key,),
                        f"duplicate key {key!r} (lines {first_line[key]} and {line}); YAML would silently keep only the last",
                    )
                else:
                    first_line[key] = line
                self.doc.lines[loc + (key,)] = line
                out[key] = self.build(value_node, loc + (key,))
            return out
        self.problem(node, loc, "unsupported YAML node")
        return None

    def scalar(self, node: ScalarNode, loc: tuple):
        if node.tag == _TIMESTAMP:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, loc, f"tag {node.tag!r} is not allowed (only plain YAML values are read)")
            return None
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, yaml.YAMLError) as exc:
            self.problem(node, loc, f"cannot read value {node.value!r}: {exc}")
            return None
