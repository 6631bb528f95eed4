"""Everything a page needs, as plain data that caches and pickles cheaply."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import derive
from loaders.dataset import Dataset, load


@dataclass(frozen=True)
class Bundle:
    frame: pd.DataFrame  # one row per figure (loaders.derive.COLUMNS)
    cities: dict[str, dict]  # id -> registry entry (zh, en, speaker, role, has_section, ...)
    types: dict[str, dict]
    indicators: dict[str, dict]
    sources: dict[str, dict]
    texts: dict[str, str]  # source id -> verbatim text
    sections: dict[str, tuple[str, int, int]]  # city id -> (source id, start, end)
    path: str


def from_dataset(ds: Dataset) -> Bundle:
    def plain(reg):
        return {k: v.model_dump() for k, v in reg.items()}

    return Bundle(
        frame=derive.frame(ds),
        cities=plain(ds.cities),
        types=plain(ds.metric_types),
        indicators=plain(ds.indicators),
        sources=plain(ds.sources),
        texts=dict(ds.texts),
        sections=dict(ds.sections),
        path=str(ds.path),
    )


def build(path: str | Path | None = None) -> Bundle:
    """Load, validate and derive; raises MetricsError with every problem."""
    return from_dataset(load(path))


def fingerprint(path: str | Path) -> tuple:
    """Changes whenever the metrics file or any file beside it (the sources) changes."""
    path = Path(path)
    out = []
    for p in [path, *sorted(path.parent.rglob("*"))]:
        try:
            st = p.stat()
        except OSError:
            out.append((str(p), None))
            continue
        if p == path or p.is_file():
            out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)
