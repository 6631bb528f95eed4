"""The one writer of figure files (data/figures/<source>.yaml): rows in, YAML text out, and back.

What survives a save over a file someone edited by hand (render_over): the lines above `metrics:` (the
schema line, comments), the order of the rows and of the keys in each row, every value (notes included),
and the very text of every row the save leaves as it was: its comments (a comment line belongs to the row
above it), quoting and layout. A row the save changes or adds is written in this module's style: its
comments go, a key set to null is left out (absent means the same), 12.0 is written 12. The `rejected:`
list is always written afresh. A file that is not a plain block list is written afresh as a whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders import atomic, yamlfile
from loaders.models import Figure, Rejected
from loaders.problems import Problem

HEADER = "# yaml-language-server: $schema=../figures.schema.json\n"
"""First line of a new figure file: editors with the YAML language server check it against the schema."""
ROW_KEYS = tuple(Figure.model_fields)
REJECTED_KEYS = tuple(Rejected.model_fields)
SECTIONS = ("metrics", "rejected")


@dataclass(frozen=True)
class FigureText:
    """A figure file as read: its bytes, their sha256, and its rows as plain mappings (key order kept)."""

    path: Path
    raw: bytes | None
    header: str = HEADER
    metrics: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    """Top-level keys other than metrics and rejected: kept, so the validator names them and nothing is lost."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def digest(self) -> str | None:
        return atomic.digest(self.raw)


def header_of(text: str) -> str:
    """The comment and blank lines before the first content line."""
    out = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        out.append(line)
    head = "".join(out)
    return head if head.endswith("\n") or not head else head + "\n"


def parse(raw: bytes | None, path: Path, display: str | None = None) -> FigureText:
    """A figure file's bytes as rows; problems say why they cannot be (not UTF-8, not YAML, not a mapping)."""
    display = display or str(path)
    if raw is None:
        return FigureText(path, None, problems=[Problem(display, None, (), "the figure file does not exist")])
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8: byte 0x{body[exc.start : exc.start + 1].hex()} at offset {exc.start} cannot be decoded"
        return FigureText(path, raw, problems=[Problem(display, None, (), msg)])
    doc = yamlfile.parse(text, display, expected="metrics")
    if doc.problems and doc.data is None:
        return FigureText(path, raw, header_of(text), problems=doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        msg = f"the file must be a mapping with keys {', '.join(SECTIONS)}; found {type(data).__name__}"
        return FigureText(path, raw, header_of(text), problems=[Problem(display, 1, (), msg)])
    lists = {}
    problems = list(doc.problems)
    for name in SECTIONS:
        rows = data.get(name)
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            problems.append(
                Problem(display, doc.line((name,)), (name,), f"must be a list, found {type(rows).__name__}")
            )
            rows = []
        lists[name] = rows
    extra = {k: v for k, v in data.items() if k not in SECTIONS}
    return FigureText(path, raw, header_of(text), lists["metrics"], lists["rejected"], extra, problems)


def read(path: Path, display: str | None = None, base: Path | None = None) -> FigureText:
    """The figure file at path, read as the loader reads it: its size cap, and with base (the data folder) a
    regular file inside it, never a symbolic link or a FIFO (yamlfile.open_data)."""
    path = Path(path)
    raw, problems = yamlfile.read_data(path, display or str(path), base=base)
    return FigureText(path, None, problems=problems) if problems else parse(raw, path, display)


def plain(value):
    """A value as it is written: 12.0 -> 12, NaN -> None (a blank is never a number)."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def clean(row: dict) -> dict:
    """A row as it is written: keys in their order, null values left out, numbers plain."""
    out = {}
    for k, v in row.items():
        v = plain(v)
        if v is not None:
            out[k] = v
    return out


def with_field(row: dict, key: str, value, order: Iterable[str] = ROW_KEYS) -> dict:
    """row with key set to value (None removes it); a new key goes where the schema's order puts it."""
    value = plain(value)
    if value is None:
        return {k: v for k, v in row.items() if k != key}
    if key in row:
        return {k: (value if k == key else v) for k, v in row.items()}
    order = list(order)
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    out, placed = {}, False
    for k, v in row.items():
        if not placed and rank.get(k, -1) > mine:
            out[key] = value
            placed = True
        out[k] = v
    if not placed:
        out[key] = value
    return out


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # '  - id: …' under 'metrics:', as curators write it


def rows_text(rows: Iterable[dict], indent: int = 2) -> str:
    """Rows as YAML list items under a `metrics:` key, indented by indent: the one way rows are written."""
    dumped = yaml.dump([clean(r) for r in rows], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return "".join(" " * indent + line if line.strip() else line for line in dumped.splitlines(keepends=True))


def render(
    metrics: Iterable[dict], rejected: Iterable[dict] = (), header: str = HEADER, extra: dict | None = None
) -> str:
    """The text of a figure file: header, `metrics:` rows in the given order, then `rejected:` if any."""
    data: dict = {"metrics": [clean(r) if isinstance(r, dict) else r for r in metrics]}
    gone = [clean(r) if isinstance(r, dict) else r for r in rejected]
    if gone:
        data["rejected"] = gone
    for k, v in (extra or {}).items():
        data.setdefault(k, v)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return header + body


_ITEM = re.compile(r"^( *)- ")
_BLOCK_KEY = re.compile(r"^metrics:[ \t]*(#.*)?$")


def render_over(
    original: str, metrics: Iterable[dict], rejected: Iterable[dict] = (), extra: dict | None = None
) -> str:
    """render(), but a row equal to one of `original` keeps that row's own text: its comments, quoting and
    layout (a comment line belongs to the row above it). The lines above `metrics:` stay as they are. Falls
    back to render() when `original` is not laid out as a plain block list, or when the spliced text would
    not read back as the same rows."""
    metrics = [clean(r) if isinstance(r, dict) else r for r in metrics]
    rejected = list(rejected)
    plain_text = render(metrics, rejected, header_of(original), extra)
    try:
        spliced = _splice(original, metrics, rejected, extra)
    except _NoSplice:
        return plain_text
    got = yamlfile.parse(spliced, "spliced")
    same = not got.problems and _rows(got.data) == _rows(yamlfile.parse(plain_text, "rendered").data)
    return spliced if same else plain_text


def _rows(data) -> tuple:
    """What a figure file says, as compared for a splice: rows cleaned (a kept `key: null` says nothing)."""
    if not isinstance(data, dict):
        return (data,)
    return tuple([clean(r) if isinstance(r, dict) else r for r in (data.get(name) or [])] for name in SECTIONS) + (
        sorted(k for k in data if k not in SECTIONS),
    )


class _NoSplice(Exception):
    pass


def _splice(original: str, metrics: list, rejected: list, extra: dict | None) -> str:
    doc = yamlfile.parse(original, "original")
    data = doc.data
    if doc.problems or not isinstance(data, dict) or extra or set(data) - set(SECTIONS):
        raise _NoSplice
    rows = data.get("metrics")
    if not isinstance(rows, list) or not rows or not metrics or list(data)[0] != "metrics":
        raise _NoSplice
    lines = original.splitlines(keepends=True)
    key = doc.lines.get(("metrics",))
    if key is None or not _BLOCK_KEY.match(lines[key - 1].rstrip("\r\n")):
        raise _NoSplice
    starts = [doc.lines.get(("metrics", i)) for i in range(len(rows))]
    if None in starts or starts != sorted(set(starts)) or starts[0] <= key:
        raise _NoSplice
    items = [_ITEM.match(lines[n - 1]) for n in starts]
    if not all(items) or len({m.group(1) for m in items}) != 1:
        raise _NoSplice
    indent = items[0].group(1)
    end = doc.lines.get(("rejected",), len(lines) + 1)
    spans = {}
    for i, (a, b) in enumerate(zip(starts, [*starts[1:], end], strict=True)):
        if isinstance(rows[i], dict):
            spans.setdefault(repr(clean(rows[i])), "".join(lines[a - 1 : b - 1]))
    out = ["".join(lines[:key])]
    for row in metrics:
        kept = spans.get(repr(row)) if isinstance(row, dict) else None
        if kept is None:
            dumped = yaml.dump([row], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
            kept = "".join(indent + line for line in dumped.splitlines(keepends=True))
        out.append(kept if kept.endswith("\n") else kept + "\n")
    gone = [clean(r) if isinstance(r, dict) else r for r in rejected]
    if gone:
        out.append(yaml.dump({"rejected": gone}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6))
    return "".join(out)


def write_new(path: Path, metrics: Iterable[dict] = (), rejected: Iterable[dict] = ()) -> None:
    """Create a figure file; refuse if one exists (it is never overwritten)."""
    atomic.create(Path(path), render(metrics, rejected).encode("utf-8"))
