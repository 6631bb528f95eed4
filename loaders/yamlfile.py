"""Safe YAML reading that keeps line numbers and refuses what PyYAML would silently accept."""

from __future__ import annotations

import errno
import operator
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from loaders.problems import FiguresError, Problem

MAX_BYTES = 128 * 1024 * 1024
"""Largest metrics file the loader reads (128 MiB, about 200,000 figures)."""

CHUNK = 2**20
"""Files are read 1 MiB at a time: one read(MAX_BYTES + 1) would reserve the whole cap for every file."""

MAX_EXPANSION = 10
"""Aliases may make the document at most this many times larger than its written nodes."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings read (a metrics file needs 4 levels)."""

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_Base):
    """The safe loader, lighter per node: libyaml calls these three for every node (bench/: a fifth of
    composing), and the safe loader registers no path resolvers and no wildcard implicit resolver."""

    # Called for every node with their results unused: C functions, not Python frames (bench/changes.md).
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)
    _tags: dict[str, str] = {}  # plain scalar -> its tag: keys and statuses repeat 100,000 times
    MAX_TAGS = 65536

    def resolve(self, kind, value, implicit):
        """BaseResolver.resolve without the list it builds per call (no wildcard or path resolvers here)."""
        if kind is ScalarNode:
            if implicit[0]:
                tag = self._tags.get(value)
                if tag is None:
                    tag = self.DEFAULT_SCALAR_TAG
                    for t, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            tag = t
                            break
                    if len(self._tags) < self.MAX_TAGS:
                        self._tags[value] = tag
                return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_CONTENT = re.compile(r"^[ \t\r\f\v]*[^\s#]", re.MULTILINE)
_constructor = SafeConstructor()


INDEXED_DEPTH = 2
"""Locations indexed as a file is read: the top-level keys and the items of their lists (a figure's line).
The line of anything deeper (a figure's quote) is looked up only when a problem names it: indexing every
key of 100,000 figures cost a fifth of validation (bench/changes.md)."""


@dataclass
class Document:
    """A parsed YAML document, its line index and the problems met on the way."""

    data: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    """location -> line, up to INDEXED_DEPTH; every location once line() was asked for a deeper one."""
    problems: list[Problem] = field(default_factory=list)
    text: str | None = field(default=None, repr=False)
    """The YAML text, kept to index every location on demand (None: lines is already complete)."""

    def line(self, loc: tuple) -> int | None:
        """Line of loc, or of its nearest located ancestor."""
        loc = tuple(loc)
        if len(loc) > INDEXED_DEPTH and self.text is not None:
            self.lines = parse(self.text, "", depth=MAX_DEPTH).lines
            self.text = None
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def limit(n: int) -> str:
    """'128 MiB (134,217,728 bytes)' or '1,000 bytes'."""
    return f"{n // 2**20} MiB ({n:,} bytes)" if n >= 2**20 and n % 2**20 == 0 else f"{n:,} bytes"


def read_capped(fh, cap: int) -> bytes:
    """At most cap + 1 bytes of an open binary file (one more than the cap tells an oversize file from a full one)."""
    parts, n = [], 0
    while n <= cap:
        chunk = fh.read(min(CHUNK, cap + 1 - n))
        if not chunk:
            break
        parts.append(chunk)
        n += len(chunk)
    return b"".join(parts)


class NotRegular(OSError):
    """A data file that is a symbolic link, a FIFO, a device or a folder, or that lies outside the data folder."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def open_data(path: Path, base: Path | None = None):
    """path opened for reading, never waiting on a FIFO (refused: opening one blocks until someone writes).

    With base (the data folder: the metrics file's own), the file must also be a regular file reached without
    a symbolic link and lie inside base: a text linked to /etc/passwd would be validated and then published in
    the data package. Raises OSError (NotRegular, its strerror one line for the curator).
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if base is not None:
        flags |= os.O_NOFOLLOW
        root, real = os.path.realpath(base), os.path.realpath(path)
        if os.path.commonpath([root, real]) != root:
            why = f"lies outside the data folder {base} (through a symbolic link); a data file must be inside it"
            raise NotRegular(errno.EXDEV, why, str(path))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and base is not None:
            why = "is a symbolic link; a data file must be a regular file inside the data folder"
            raise NotRegular(errno.ELOOP, why, str(path)) from None
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode) and (base is not None or stat.S_ISFIFO(mode)):
        os.close(fd)
        why = f"is {_kind(mode)}, not a regular file; a data file must be a regular file inside the data folder"
        raise NotRegular(errno.EINVAL, why, str(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_data(
    path: Path, display: str, *, max_bytes: int | None = None, base: Path | None = None
) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, at most max_bytes (the loader's cap), through open_data; (None, []) when it does not
    exist, (None, [problem]) when it cannot be read or is too large."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes  # looked up per call, so a test can lower it
    try:
        with open_data(path, base) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return None, [Problem(display, None, (), f"file is {size:,} bytes; the limit is {limit(max_bytes)}")]
            # Read at most one byte past the cap: a device or a growing file has no honest st_size.
            raw = read_capped(fh, max_bytes)
    except FileNotFoundError:
        return None, []
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        return None, [Problem(display, None, (), f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")]
    if len(raw) > max_bytes:
        return None, [Problem(display, None, (), f"file is larger than the limit of {limit(max_bytes)}")]
    return raw, []


def read_file(path: Path, display: str | None = None) -> bytes:
    """read_data's bytes; FileNotFoundError when absent, FiguresError when unreadable, too large or a FIFO."""
    raw, problems = read_data(Path(path), display or str(path))
    if problems:
        raise FiguresError(problems)
    if raw is None:
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    return raw


def read_text(
    path: Path, display: str, *, max_bytes: int | None = None, base: Path | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a BOM is allowed) or say why it cannot be read (base: see open_data)."""
    raw, problems = read_data(path, display, max_bytes=max_bytes, base=base)
    if raw is None:
        return None, problems or [Problem(display, None, (), "cannot read the file: No such file or directory")]
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


def parse(
    text: str, display: str, expected: str = "sources, cities, metric_types and metrics", *, depth: int = INDEXED_DEPTH
) -> Document:
    """Compose YAML into plain Python with a line for every key and item up to depth (the rest on demand)."""
    doc = Document(text=text if depth < MAX_DEPTH else None)
    empty = Problem(display, None, (), f"the file is empty: expected a mapping with {expected}")
    if _blank(text):  # also a line of only tabs, which libyaml refuses
        doc.problems.append(empty)
        return doc
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (column {mark.column + 1})" if mark else ""
        msg = f"invalid YAML: {exc.problem or exc.context}{where}{_tab_hint(text, mark)}"
        doc.problems.append(Problem(display, mark.line + 1 if mark else None, (), msg))
        return doc
    except yaml.reader.ReaderError:  # a character YAML forbids, e.g. NUL; libyaml reports a byte offset
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        if bad is None:
            doc.problems.append(Problem(display, None, (), "invalid YAML: the file contains a character YAML forbids"))
            return doc
        pos = bad.start()
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        msg = f"invalid YAML: character U+{ord(text[pos]):04X} is not allowed in a YAML file (column {column})"
        doc.problems.append(Problem(display, line, (), msg))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(display, None, (), "invalid YAML: " + " ".join(str(exc).split())))
        return doc
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at its own depth limit
        doc.problems.append(Problem(display, None, (), f"invalid YAML: nested deeper than {MAX_DEPTH} levels"))
        return doc
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL):  # also '---' or '~' alone
        doc.problems.append(empty)
        return doc
    # An alias needs an anchor, and an anchor needs a '&': without one nothing can expand, and counting the
    # written nodes (a walk over all of them) can be skipped.
    budget = MAX_EXPANSION * _count_nodes(root) + 1000 if "&" in text else float("inf")
    builder = _Builder(doc, display, budget, depth)
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
    except _TooDeep as exc:
        doc.data = None
        doc.problems.append(
            Problem(display, exc.line, (), f"lists and mappings are nested deeper than {MAX_DEPTH} levels")
        )
    return doc


def _blank(text: str) -> bool:
    """Only blank lines and comments."""
    return _CONTENT.search(text) is None


def _tab_hint(text: str, mark) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return "; indent with spaces, not tabs" if "\t" in line[: mark.column + 1] else ""


def _count_nodes(root) -> int:
    """Nodes as written: each list and mapping once, each scalar or alias to one where it is written.

    Only collections can multiply through aliases, so only they need the seen-set (bench/: a set entry
    per scalar cost a tenth of the load at 100x the data).
    """
    seen: set[int] = set()
    stack = [root]
    scalars = 0
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            scalars += 1
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen) + scalars


def _plain(node: ScalarNode):
    """The key a scalar node makes, as _Builder.scalar reads it, without recording problems."""
    if node.tag == _STR or node.tag == _TIMESTAMP:
        return node.value
    if node.tag not in _SCALAR_TAGS:
        return None
    try:
        return _constructor.yaml_constructors[node.tag](_constructor, node)
    except (ValueError, yaml.YAMLError):
        return None


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


class _Builder:
    def __init__(self, doc: Document, display: str, budget: int, depth: int):
        self.doc = doc
        self.display = display
        self.budget = budget
        self.depth = depth  # locations up to this long get their line in doc.lines
        self.open: set[int] = set()  # collections being built: an alias back to one of them is a cycle

    def problem(self, node, loc, message):
        self.doc.problems.append(Problem(self.display, node.start_mark.line + 1, loc, message))

    def build(self, node, loc: tuple):
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge
        if len(loc) <= self.depth:
            self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if len(loc) >= MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        if id(node) in self.open:
            self.problem(node, loc, "an alias refers to a list or mapping that contains it (a recursive alias)")
            return None
        self.open.add(id(node))
        try:
            return self.collection(node, loc)
        finally:
            self.open.discard(id(node))

    def collection(self, node, loc: tuple):
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
            index = len(loc) < self.depth  # whether this mapping's keys get their lines
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, loc, "merge keys ('<<') are not supported; write the keys out")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.problem(key_node, loc, "a key must be plain text")
                    continue
                key = key_node.value if key_node.tag == _STR else self.scalar(key_node, loc)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    continue
                if key in out:
                    self.duplicate(node, key_node, key, loc)
                if index:
                    self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
                if type(value_node) is ScalarNode:  # most values: what build() would do, without the call
                    self.budget -= 1
                    if self.budget < 0:
                        raise _TooLarge
                    out[key] = value_node.value if value_node.tag == _STR else self.scalar(value_node, loc + (key,))
                else:
                    out[key] = self.build(value_node, loc + (key,))
            return out
        self.problem(node, loc, "unsupported YAML node")
        return None

    def duplicate(self, node, key_node, key, loc: tuple) -> None:
        """A key written twice: name both lines (the first found again among the mapping's keys)."""
        first = next(k for k, _ in node.value if k is key_node or (isinstance(k, ScalarNode) and _plain(k) == key))
        line = key_node.start_mark.line + 1
        self.problem(
            key_node,
            loc + (key,),
            f"duplicate key {key!r} (lines {first.start_mark.line + 1} and {line}); YAML would silently keep only the last",
        )

    def scalar(self, node: ScalarNode, loc: tuple):
        if node.tag == _STR or node.tag == _TIMESTAMP:  # the constructor would return node.value as well
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, loc, f"tag {node.tag!r} is not allowed (only plain YAML values are read)")
            return None
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, yaml.YAMLError) as exc:
            self.problem(node, loc, f"cannot read value {node.value!r}: {exc}")
            return None
