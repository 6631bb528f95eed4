"""Everything a page needs: the tidy frame, the registries as the frozen models of loaders.models, the texts.

version names the content the Bundle was built from (the files' bytes), so caches can key on it
(`hash_funcs={Bundle: lambda b: b.version}`) instead of hashing the frame.
"""

from __future__ import annotations

import functools
import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import derive
from loaders.dataset import Dataset, load, metrics_path
from loaders.models import Appearance, Indicator, MetricType, Place, Source
from loaders.yamlfile import parse, read_capped, read_text


@dataclass(frozen=True)
class Bundle:
    frame: pd.DataFrame  # one row per figure (loaders.derive.COLUMNS)
    cities: dict[str, Place]  # id -> registry entry, in file order
    metric_types: dict[str, MetricType]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    texts: dict[str, str]  # source id -> verbatim text
    appearances: dict[tuple[str, str], Appearance]  # (source, place) -> what that source says of that place
    sections: dict[tuple[str, str], tuple[int, int]]  # (source, place) -> (start, end) of its section
    path: str
    version: str  # digest of the files it was built from: equal versions, equal content


def from_dataset(ds: Dataset, version: str = "") -> Bundle:
    return Bundle(
        frame=derive.frame(ds),
        cities=dict(ds.cities),
        metric_types=dict(ds.metric_types),
        indicators=dict(ds.indicators),
        sources=dict(ds.sources),
        texts=dict(ds.texts),
        appearances=dict(ds.appearances),
        sections=dict(ds.sections),
        path=str(ds.path),
        version=version,
    )


def build(path: str | Path | None = None) -> Bundle:
    """Load, validate and derive; raises MetricsError with every problem."""
    path = Path(path) if path is not None else metrics_path()
    version = content_version(path)  # before loading: a file edited meanwhile makes the next check differ
    return from_dataset(load(path), version=version)


def content_version(path: str | Path) -> str:
    """A short digest of fingerprint(path): changes whenever the metrics file or a source text does."""
    return hashlib.sha256(repr(fingerprint(path)).encode("utf-8")).hexdigest()[:16]


def fingerprint(path: str | Path) -> tuple:
    """Changes whenever the metrics file, a source text or a figure file it names changes.

    Content hashes, not only mtime and size: an edit within one mtime tick, or a copy that keeps
    the old mtime (cp -p, rsync -t), must still reload.
    """
    path = Path(path)
    head = _stamp(path)
    return (head, *(_stamp(p) for p in _inputs(path, head)))


HASH_LIMIT = 16 * 2**20
"""Files up to this size are fingerprinted by content; larger ones by mtime and size only."""


def _stamp(p: Path) -> tuple:
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > HASH_LIMIT:
            return (str(p), st.st_mtime_ns, st.st_size)
        with p.open("rb") as fh:
            digest = hashlib.sha256(read_capped(fh, HASH_LIMIT)).hexdigest()
    except (OSError, ValueError):
        return (str(p), None)
    return (str(p), st.st_mtime_ns, st.st_size, digest)


@functools.lru_cache(maxsize=16)
def _inputs(path: Path, head: tuple) -> tuple[Path, ...]:
    """Source texts and figure files the metrics file names; parsed once per version of the file (head)."""
    text, _ = read_text(path, str(path))
    data = parse(text, str(path)).data if text is not None else None
    rows = data.get("sources") if isinstance(data, dict) else None
    out = []
    for row in rows if isinstance(rows, list) else []:
        for key in ("file", "figures"):
            name = row.get(key) if isinstance(row, dict) else None
            if isinstance(name, str) and name and not Path(name).is_absolute() and ".." not in Path(name).parts:
                out.append(path.parent / name)
    return tuple(out)
