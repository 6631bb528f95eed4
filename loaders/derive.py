"""Frames the pages draw from: one tidy row per figure, and counts by city x type x status."""

from __future__ import annotations

import pandas as pd

from loaders.dataset import Dataset
from loaders.models import QUALIFIERS, STATUSES

COLUMNS = [
    "id",
    "source",
    "city",
    "city_zh",
    "city_en",
    "type",
    "type_zh",
    "type_en",
    "indicator",
    "indicator_zh",
    "indicator_en",
    "label_zh",
    "label_en",
    "value",
    "low",
    "high",
    "unit",
    "value_norm",
    "low_norm",
    "high_norm",
    "unit_norm",
    "qualifier",
    "status",
    "quote",
    "anchor",
    "digits_shown",
    "note",
    "start",
    "end",
    "at",
    "at_end",
    "line",
    "draft",
]
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
]
SCALES = {"万": 10_000, "亿": 100_000_000}


def normalise_unit(unit: str | None) -> tuple[float, str | None]:
    """'万元' -> (10000, '元'): the factor that turns a value into its base unit."""
    if unit and len(unit) > 1 and unit[0] in SCALES:
        return SCALES[unit[0]], unit[1:]
    return 1, unit


def frame(ds: Dataset) -> pd.DataFrame:
    """One row per figure with typed columns; blanks keep <NA>, never 0."""
    cities, types, inds = ds.cities, ds.metric_types, ds.indicators
    rows = []
    for m in ds.metrics:
        p = ds.placed[m.id]
        factor, unit_norm = normalise_unit(m.unit)
        ind = inds.get(m.indicator) if m.indicator else None
        rows.append(
            (
                m.id,
                m.source,
                m.city,
                cities[m.city].zh,
                cities[m.city].en,
                m.type,
                types[m.type].zh,
                types[m.type].en,
                m.indicator,
                ind.zh if ind else None,
                ind.en if ind else None,
                m.label_zh,
                m.label_en,
                m.value,
                m.low,
                m.high,
                m.unit,
                None if m.value is None else m.value * factor,
                None if m.low is None else m.low * factor,
                None if m.high is None else m.high * factor,
                unit_norm,
                m.qualifier,
                m.status,
                m.quote,
                m.anchor,
                m.digits_shown,
                m.note,
                p.start,
                p.end,
                p.at,
                p.at_end,
                ds.lines.get(m.id),
                m.draft,
            )
        )
    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for col in ("value", "low", "high", "value_norm", "low_norm", "high_norm"):
        df[col] = df[col].astype("Float64")
    for col in ("start", "end", "at", "at_end", "line"):
        df[col] = df[col].astype("Int64")
    for col in (
        "id",
        "source",
        "city_zh",
        "city_en",
        "type_zh",
        "type_en",
        "indicator",
        "indicator_zh",
        "indicator_en",
        "label_zh",
        "label_en",
        "unit",
        "unit_norm",
        "quote",
        "anchor",
        "digits_shown",
        "note",
    ):
        df[col] = df[col].astype("string")
    df["draft"] = df["draft"].astype(bool)
    df["city"] = pd.Categorical(df["city"], categories=list(cities))
    df["type"] = pd.Categorical(df["type"], categories=list(types))
    df["status"] = pd.Categorical(df["status"], categories=list(STATUSES))
    df["qualifier"] = pd.Categorical(df["qualifier"], categories=list(QUALIFIERS))
    return df


def counts(df: pd.DataFrame) -> pd.DataFrame:
    """Figures per city x type x status, zeros included."""
    out = df.groupby(["city", "type", "status"], observed=False).size().rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    return out


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
