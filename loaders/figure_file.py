"""The one writer of figure files (data/figures/<source>.yaml): rows in, YAML text out, and back.

What survives a write: the comment lines at the top of the file (the schema line), the order of the rows,
the order of the keys in each row, and every value, notes included. What does not: other comments, quoting
and flow style, and keys whose value is null (written as absent, which means the same). A number with no
fraction is written as an integer (12, not 12.0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders import atomic, yamlfile
from loaders.models import Metric, Rejected
from loaders.problems import Problem

HEADER = "# yaml-language-server: $schema=../figures.schema.json\n"
"""First line of a new figure file: editors with the YAML language server check it against the schema."""
ROW_KEYS = tuple(Metric.model_fields)
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


def read(path: Path, display: str | None = None) -> FigureText:
    return parse(atomic.read_bytes(Path(path)), Path(path), display)


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


def write_new(path: Path, metrics: Iterable[dict] = (), rejected: Iterable[dict] = ()) -> None:
    """Create a figure file; refuse if one exists (it is never overwritten)."""
    atomic.create(Path(path), render(metrics, rejected).encode("utf-8"))
