"""The learnt glossary, data/glossary.yaml: English labels curators saved, read for the drafter and the page.

Beside data/metrics.yaml; the Curate page writes it (curation/glossary.py) and git reviews it. Its problems are
reported as `FILE:LINE: glossary[i].field: message`, like every data file's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from loaders import entry, yamlfile
from loaders.models import GlossaryEntry
from loaders.problems import Problem

NAME = "glossary.yaml"


def path_for(metrics_file: Path) -> Path:
    return Path(metrics_file).parent / NAME


@dataclass
class Learnt:
    entries: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


EXPECTED = "a list `glossary:` of {zh, en} entries"


def parse(text: str, display: str) -> Learnt:
    doc = yamlfile.parse(text, display, expected=EXPECTED)
    out = Learnt(problems=list(doc.problems))
    data = doc.data
    if data is None:
        return out
    if isinstance(data, dict) and set(data) - {"glossary"}:  # a misspelt key would otherwise be ignored
        for key in sorted(set(data) - {"glossary"}, key=str):
            out.problems.append(Problem(display, doc.line((key,)), (key,), f"unknown key: expected {EXPECTED} only"))
    items = data.get("glossary") if isinstance(data, dict) else None
    if not isinstance(items, list):
        out.problems.append(Problem(display, doc.line(("glossary",)) or 1, ("glossary",), f"expected {EXPECTED}"))
        return out
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        line = doc.line(("glossary", i))
        try:
            g = GlossaryEntry.model_validate(item)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ("glossary", i, *e["loc"])
                out.problems.append(Problem(display, doc.line(loc) or line, loc, e["msg"]))
            continue
        blank = [k for k in ("zh", "en") if not getattr(g, k).strip()]
        for k in blank:
            loc = ("glossary", i, k)
            out.problems.append(
                Problem(display, doc.line(loc) or line, loc, "only spaces: write the label or drop the entry")
            )
        if blank:
            continue
        if g.zh in first:  # the later entry would silently win: one English label per Chinese label
            j = first[g.zh]
            loc = ("glossary", i, "zh")
            msg = f"{g.zh!r} is already in glossary[{j}] (line {doc.line(('glossary', j))}): keep one of the two"
            out.problems.append(Problem(display, doc.line(loc) or line, loc, msg))
            continue
        first[g.zh] = i
        out.entries[g.zh] = g.en
    return out


def _display(path: Path) -> str:
    """The path as the loader names files: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read(metrics_file: Path) -> Learnt:
    """The learnt glossary (empty when there is none yet), read as every data file is: capped, a regular file
    inside the data folder (no symbolic link), UTF-8."""
    path = path_for(metrics_file)
    if not path.exists() and not path.is_symlink():
        return Learnt()
    display = _display(path)
    text, problems = yamlfile.read_text(path, display, base=Path(metrics_file).parent)
    if text is None:
        return Learnt(problems=problems)
    return parse(text, display)


def check(metrics_file: Path) -> list[Problem]:
    """Every problem of the learnt glossary beside metrics_file (none when there is no glossary yet)."""
    return read(metrics_file).problems


def registry(metrics_file: Path) -> dict[str, str]:
    """zh -> en of `glossary:` in the metrics file itself (read without validating the whole dataset, parsed once
    per version of the file: the Curate page asks at every rerun)."""
    data = entry.data(Path(metrics_file))
    items = data.get("glossary") if isinstance(data, dict) else None
    out = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("zh"), str) and isinstance(item.get("en"), str):
            out[item["zh"]] = item["en"]
    return out
