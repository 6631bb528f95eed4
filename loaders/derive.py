"""The tidy frame (one row per figure, typed by COLUMNS), city x status counts, and the exports built on it."""

from __future__ import annotations

import pandas as pd

from loaders.dataset import Dataset
from loaders.models import LEVELS, QUALIFIERS, STATUSES
from loaders.numerals import SCALES

COLUMNS: dict[str, str] = {
    "id": "string",
    "source": "string",
    "city": "category",  # categories: the registry, in file order
    "city_zh": "string",
    "city_en": "string",
    "level": "category",  # the place's administrative level (loaders.models.LEVELS)
    "type": "category",
    "type_zh": "string",
    "type_en": "string",
    "indicator": "string",
    "indicator_zh": "string",
    "indicator_en": "string",
    "label_zh": "string",
    "label_en": "string",
    "value": "Float64",  # <NA> where the source gives no number: never 0
    "low": "Float64",
    "high": "Float64",
    "unit": "string",
    "value_norm": "Float64",  # in the base unit (10 万元 -> 100000 元)
    "low_norm": "Float64",
    "high_norm": "Float64",
    "unit_norm": "string",
    "qualifier": "category",
    "status": "category",
    "quote": "string",
    "anchor": "string",
    "digits_shown": "string",
    "note": "string",
    "start": "Int64",  # quote, in the source text
    "end": "Int64",
    "at": "Int64",  # the number, or where the deleted one belongs
    "at_end": "Int64",
    "line": "Int64",  # of the row in its file
    "file": "string",  # the file the row is written in (metrics.yaml or the source's figure file)
    "draft": "boolean",  # an unreviewed proposal of the drafter: pages hide it unless asked to show drafts
}
"""The tidy frame: one row per figure, column -> dtype."""
EXPORT_COLUMNS = [
    "id",
    "source",
    "city",
    "type",
    "indicator",
    "label_zh",
    "label_en",
    "value",
    "low",
    "high",
    "unit",
    "value_norm",
    "unit_norm",
    "qualifier",
    "status",
    "digits_shown",
    "quote",
    "note",
    "start",
    "end",
    "at",
    "draft",
]


def normalise_unit(unit: str | None) -> tuple[float, str | None]:
    """'万元' -> (10000, '元'): the factor that turns a value into its base unit."""
    if unit and len(unit) > 1 and unit[0] in SCALES:
        return SCALES[unit[0]], unit[1:]
    return 1, unit


LABELS = ("city_zh", "city_en", "level", "type_zh", "type_en", "indicator_zh", "indicator_en")
CORE_COLUMNS = [c for c in COLUMNS if c not in LABELS]
"""A figure's own columns: what loaders.cache keeps per source (the labels come from the registries)."""


def frame(ds: Dataset) -> pd.DataFrame:
    """One row per figure with the dtypes of COLUMNS; blanks keep <NA>, never 0."""
    return labelled(core(ds), ds.cities, ds.metric_types, ds.indicators)


_OWN = ("id", "source", "city", "type", "indicator", "label_zh", "label_en", "value", "low", "high", "unit")
_OWN += ("qualifier", "status", "quote", "anchor", "digits_shown", "note", "draft")


def core(ds: Dataset) -> dict[str, list]:
    """The figures' own columns (CORE_COLUMNS) as plain values, one list per column.

    Built column by column (a row dict per figure cost a tenth of validation at 1000x).
    """
    ms = ds.metrics
    cols: dict[str, list] = {f: [getattr(m, f) for m in ms] for f in _OWN}
    units = {u: normalise_unit(u) for u in set(cols["unit"])}
    factor = [units[u][0] for u in cols["unit"]]
    for f in ("value", "low", "high"):
        cols[f + "_norm"] = [None if v is None else v * k for v, k in zip(cols[f], factor, strict=True)]
    cols["unit_norm"] = [units[u][1] for u in cols["unit"]]
    placed = [ds.placed[m.id] for m in ms]
    for f in ("start", "end", "at", "at_end"):
        cols[f] = [getattr(p, f) for p in placed]
    cols["line"] = [ds.lines.get(m.id) for m in ms]
    cols["file"] = [ds.files.get(m.id) for m in ms]
    return {name: cols[name] for name in CORE_COLUMNS}


def labelled(core, cities: dict, types: dict, indicators: dict) -> pd.DataFrame:
    """The frame: core's columns (lists, or a frame's) with the registries' names and levels beside the ids.

    cities, types, indicators: id -> registry model, in registry order (the order of the categories).
    """
    if isinstance(core, pd.DataFrame):  # arrays, not Series: a Series would align on its index
        core = {name: core[name].array for name in CORE_COLUMNS}
    cols = dict(core)
    city, kind = [cities[c] for c in core["city"]], [types[t] for t in core["type"]]
    ind = [indicators.get(i) if isinstance(i, str) else None for i in core["indicator"]]
    cols |= {"city_zh": [c.zh for c in city], "city_en": [c.en for c in city], "level": [c.level for c in city]}
    cols |= {"type_zh": [t.zh for t in kind], "type_en": [t.en for t in kind]}
    cols |= {"indicator_zh": [i.zh if i else None for i in ind], "indicator_en": [i.en if i else None for i in ind]}
    categories = {
        "city": list(cities),
        "type": list(types),
        "level": list(LEVELS),
        "status": list(STATUSES),
        "qualifier": list(QUALIFIERS),
    }
    return pd.DataFrame(
        {
            name: pd.Categorical(cols[name], categories=categories[name])
            if dtype == "category"
            else pd.array(cols[name], dtype=dtype)
            for name, dtype in COLUMNS.items()
        }
    )


def city_status(df: pd.DataFrame) -> pd.DataFrame:
    """City x status table of counts (rows: cities, columns: statuses)."""
    return pd.crosstab(df["city"], df["status"], dropna=False).reindex(
        index=df["city"].cat.categories, columns=df["status"].cat.categories, fill_value=0
    )


def export_records(df: pd.DataFrame) -> list[dict]:
    """The tidy table as JSON-ready records: <NA> becomes null, never 0."""
    out = df[EXPORT_COLUMNS].astype(object).where(df[EXPORT_COLUMNS].notna(), None)
    return out.to_dict(orient="records")


def export_csv(df: pd.DataFrame) -> str:
    """The tidy table as CSV (UTF-8); missing numbers stay empty cells; formula-like text gets a leading '."""
    from loaders import csv_safe  # the one CSV defence of every export

    return csv_safe.frame(df[EXPORT_COLUMNS]).to_csv(index=False)
