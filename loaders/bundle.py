"""Everything a page needs: the tidy frame, the registries as the frozen models of loaders.models, the texts.

version names the content the Bundle was built from (the files' bytes), so caches can key on it
(`hash_funcs={Bundle: lambda b: b.version}`) instead of hashing the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import derive
from loaders.dataset import Dataset
from loaders.models import Appearance, Indicator, MetricType, Place, Source


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
    """The current data from the store (loaders.store): built or updated first; raises FiguresError."""
    from loaders import store  # store builds Bundles: imported here, not at the top, to avoid a cycle

    return store.load_bundle(path)
