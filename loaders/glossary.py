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


def parse(text: str, display: str) -> Learnt:
    doc = yamlfile.parse(text, display)
    out = Learnt(problems=list(doc.problems))
    data = doc.data
    if data is None:
        return out
    items = data.get("glossary") if isinstance(data, dict) else None
    if not isinstance(items, list):
        out.problems.append(Problem(display, 1, ("glossary",), "expected a list `glossary:` of {zh, en} entries"))
        return out
    for i, item in enumerate(items):
        line = doc.line(("glossary", i))
        try:
            g = GlossaryEntry.model_validate(item)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ("glossary", i, *e["loc"])
                out.problems.append(Problem(display, doc.line(loc) or line, loc, e["msg"]))
            continue
        out.entries[g.zh] = g.en
    return out


def read(metrics_file: Path) -> Learnt:
    """The learnt glossary (empty when there is none yet)."""
    path = path_for(metrics_file)
    if not path.exists():
        return Learnt()
    text, problems = yamlfile.read_text(path, str(path))
    if text is None:
        return Learnt(problems=problems)
    return parse(text, str(path))


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
