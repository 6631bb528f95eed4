"""The tidy frame (one row per figure, typed by COLUMNS), city x status counts, and the exports built on it."""

from __future__ import annotations

import pandas as pd

from loaders.dataset import Dataset
from loaders.models import LEVELS, QUALIFIERS, STATUSES

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
SCALES = {"万": 10_000, "亿": 100_000_000}


def normalise_unit(unit: str | None) -> tuple[float, str | None]:
    """'万元' -> (10000, '元'): the factor that turns a value into its base unit."""
    if unit and len(unit) > 1 and unit[0] in SCALES:
        return SCALES[unit[0]], unit[1:]
    return 1, unit


def frame(ds: Dataset) -> pd.DataFrame:
    """One row per figure with the dtypes of COLUMNS, in its order; blanks keep <NA>, never 0."""
    ms = ds.metrics
    placed = [ds.placed[m.id] for m in ms]
    cities = [ds.cities[m.city] for m in ms]
    kinds = [ds.metric_types[m.type] for m in ms]
    inds = [ds.indicators.get(m.indicator) if m.indicator else None for m in ms]
    units = [normalise_unit(m.unit) for m in ms]

    def scaled(field: str) -> list:
        return [
            None if getattr(m, field) is None else getattr(m, field) * f for m, (f, _) in zip(ms, units, strict=True)
        ]

    def of(field: str) -> list:
        return [getattr(m, field) for m in ms]

    values = {
        "id": of("id"),
        "source": of("source"),
        "city": of("city"),
        "city_zh": [c.zh for c in cities],
        "city_en": [c.en for c in cities],
        "level": [c.level for c in cities],
        "type": of("type"),
        "type_zh": [k.zh for k in kinds],
        "type_en": [k.en for k in kinds],
        "indicator": of("indicator"),
        "indicator_zh": [i.zh if i else None for i in inds],
        "indicator_en": [i.en if i else None for i in inds],
        "label_zh": of("label_zh"),
        "label_en": of("label_en"),
        "value": of("value"),
        "low": of("low"),
        "high": of("high"),
        "unit": of("unit"),
        "value_norm": scaled("value"),
        "low_norm": scaled("low"),
        "high_norm": scaled("high"),
        "unit_norm": [u for _, u in units],
        "qualifier": of("qualifier"),
        "status": of("status"),
        "quote": of("quote"),
        "anchor": of("anchor"),
        "digits_shown": of("digits_shown"),
        "note": of("note"),
        "start": [p.start for p in placed],
        "end": [p.end for p in placed],
        "at": [p.at for p in placed],
        "at_end": [p.at_end for p in placed],
        "line": [ds.lines.get(m.id) for m in ms],
        "file": [ds.files.get(m.id) for m in ms],
        "draft": of("draft"),
    }
    assert list(values) == list(COLUMNS), "frame() must fill exactly the columns of COLUMNS, in order"
    categories = {
        "city": list(ds.cities),
        "type": list(ds.metric_types),
        "level": list(LEVELS),
        "status": list(STATUSES),
        "qualifier": list(QUALIFIERS),
    }
    return pd.DataFrame(
        {
            name: pd.Categorical(values[name], categories=categories[name])
            if dtype == "category"
            else pd.array(values[name], dtype=dtype)
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
    """The tidy table as CSV (UTF-8); missing numbers stay empty cells."""
    return df[EXPORT_COLUMNS].to_csv(index=False)
