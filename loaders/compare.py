"""The Compare page's data: which figures to set side by side, how each is written, where it links."""

from __future__ import annotations

import textwrap
from collections import Counter

import numpy as np
import pandas as pd

from loaders import filters as flt
from loaders.i18n import GAP_MARK, both, status_label, t
from loaders.numerals import arabic
from loaders.table import reader_links

SYMBOLS = {"exact": "", "at_least": "≥ ", "more_than": "> ", "at_most": "≤ ", "range": ""}
LOG_RATIO = 50  # a facet switches to a log axis when its largest value is this many times its smallest
GAPS = ("blank", "partial")
MODES = ("indicator", "type", "shared")


def shared_indicators(frame: pd.DataFrame, min_cities: int = 2) -> list[str]:
    """Indicators with figures (any status, blanks included) in at least min_cities cities."""
    rows = frame[frame["indicator"].notna() & (frame["status"] != "missing_section")]
    n = rows.groupby("indicator")["city"].nunique()
    return [i for i in dict.fromkeys(rows["indicator"]) if n.get(i, 0) >= min_cities]


def indicator_options(frame: pd.DataFrame) -> list[str]:
    """Indicator ids for the picker: shared ones first, then the rest, each in file order."""
    shared = shared_indicators(frame)
    rest = [i for i in dict.fromkeys(frame["indicator"].dropna()) if i not in shared]
    return shared + rest


def city_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Per indicator, how many cities have a figure of it (blanks count, section gaps do not)."""
    rows = frame[frame["indicator"].notna() & (frame["status"] != "missing_section")]
    return {str(k): int(v) for k, v in rows.groupby("indicator")["city"].nunique().items()}


def mode(f: flt.Filters) -> str:
    """'indicator' when one is chosen, 'type' when metric types are, else 'shared'."""
    if f.indicator:
        return "indicator"
    return "type" if f.type else "shared"


def select(frame: pd.DataFrame, f: flt.Filters) -> pd.DataFrame:
    """The figures to compare under the filters; section gaps are listed apart (see no_section)."""
    df = flt.apply(frame, f)
    df = df[df["status"] != "missing_section"]
    m = mode(f)
    if m == "indicator":
        df = df[df["indicator"] == f.indicator]
    elif m == "shared":
        df = df[df["indicator"].isin(shared_indicators(frame))]
    return ordered(df)


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Figures grouped by indicator (or type when they have none) in file order, cities in registry order."""
    key = df["indicator"].astype("object").where(df["indicator"].notna(), "type:" + df["type"].astype(str))
    first = {g: i for i, g in enumerate(dict.fromkeys(key))}
    return (
        df.assign(_g=key.map(first), _c=df["city"].cat.codes)
        .sort_values(["_g", "_c", "start", "at"], kind="stable")
        .drop(columns=["_g", "_c"])
    )


def no_section(frame: pd.DataFrame, f: flt.Filters) -> list[str]:
    """Cities in the selection that the article announces but never gives a section."""
    df = flt.apply(frame, f)
    return list(dict.fromkeys(df.loc[df["status"] == "missing_section", "city"]))


def written(row) -> str:
    """A figure as the text gives it: '≥ 10 万元', '1–3 名', '> 【?】0 件' (cut), '【?】 名' (deleted)."""
    digits = getattr(row, "digits_shown", None)  # only gaps have it
    return _written(row.status, row.qualifier, row.unit, row.value, row.low, row.high, digits)


def written_all(df: pd.DataFrame) -> list[str]:
    """written() for every row of df, in order; each distinct figure is written once."""
    cols = ("status", "qualifier", "unit", "value", "low", "high", "digits_shown")
    rows = list(zip(*(df[c].tolist() for c in cols), strict=True))
    once = {r: _written(*r) for r in set(rows)}
    return [once[r] for r in rows]


def _written(status, qualifier, unit, value, low, high, digits_shown) -> str:
    unit = unit if isinstance(unit, str) else ""
    sym = SYMBOLS.get(qualifier, "")
    if status == "reported":
        num = f"{arabic(low)}–{arabic(high)}" if qualifier == "range" else arabic(value)
    elif status in GAPS:
        num = GAP_MARK + (digits_shown if isinstance(digits_shown, str) else "")
    else:
        return "–"
    return f"{sym}{num} {unit}".strip()


def _wrap(s: str, width: int) -> str:
    """Break a label into lines of about width characters (at spaces when there are any) for tick text."""
    return "<br>".join(textwrap.wrap(s, width)) or s


def _groups(df: pd.DataFrame, indicators: dict, types: dict, lang: str) -> list[str]:
    """Each figure's indicator name in lang, or its metric type's name when it has no indicator."""
    return [
        indicators[i][lang] if isinstance(i, str) else types[ty][lang]
        for i, ty in zip(df["indicator"].tolist(), df["type"].tolist(), strict=True)
    ]


def chart_rows(df: pd.DataFrame, cities: dict, indicators: dict, types: dict, lang: str) -> pd.DataFrame:
    """One row per figure with what the chart draws: facet (unit), x group and inner label, y, error, text.

    y is the value in the normalised unit (10 万元 -> 100000 元); ranges sit at their midpoint with
    err = half the width. Blank and partial figures keep y = NaN: the chart marks them, never as 0.
    """
    if df.empty:
        return pd.DataFrame(columns=["id"])
    width = 12 if lang == "zh" else 24
    reported = (df["status"] == "reported").to_numpy()
    low, high = (df[c].astype("float64").to_numpy() for c in ("low_norm", "high_norm"))
    is_range = reported & (df["qualifier"] == "range").to_numpy() & ~np.isnan(low) & ~np.isnan(high)
    y = np.where(is_range, (low + high) / 2, np.where(reported, df["value_norm"].astype("float64").to_numpy(), np.nan))
    ids, city, label = df["id"].tolist(), df["city"].tolist(), df[f"label_{lang}"].tolist()
    facet = [u if isinstance(u, str) else "" for u in df["unit_norm"].tolist()]
    wrapped: dict[str, str] = {}
    group = [wrapped.setdefault(g, _wrap(g, width)) for g in _groups(df, indicators, types, lang)]
    name = [cities[c][lang] for c in city]
    # one y slot per figure: the city, plus the figure's label when a city has several in a group
    per = Counter(zip(facet, group, city, strict=True))
    inner = [
        n if per[k] == 1 else _wrap(f"{n} · {lab}", width + 6)
        for k, n, lab in zip(zip(facet, group, city, strict=True), name, label, strict=True)
    ]
    same = Counter(zip(facet, group, inner, strict=True))
    inner = [s if same[(f, g, s)] == 1 else f"{s} ({i})" for f, g, s, i in zip(facet, group, inner, ids, strict=True)]
    return pd.DataFrame(
        {
            "id": ids,
            "city": city,
            "city_name": name,
            "group": group,
            "label": label,
            "facet": facet,
            "status": df["status"].tolist(),
            "y": y,
            "err": np.where(is_range, (high - low) / 2, np.nan),
            "text": written_all(df),
            "quote": df["quote"].tolist(),
            "inner": inner,
        }
    )


def use_log(values: list[float]) -> bool:
    """Whether magnitudes differ so much (max/min > LOG_RATIO) that a linear axis hides the small ones."""
    pos = [v for v in values if v is not None and v > 0]
    return len(pos) >= 2 and max(pos) / min(pos) > LOG_RATIO


def table(df: pd.DataFrame, cities: dict, indicators: dict, types: dict, f: flt.Filters) -> pd.DataFrame:
    """The compared figures as text in f.lang: city in both languages, value as written, status, quote, and
    'reader', the relative address of the Source reader at the figure that keeps the view f.

    A blank or cut figure says so in its value cell ('not in source: ≥ 【?】 万元'), never a bare 0 or empty cell.
    """
    lang = f.lang
    gap = f"{t('not_in_source', lang)}: "
    status = df["status"].astype("object").tolist()
    labels = {s: status_label(s, lang) for s in set(status)}
    names = {k: both(v, lang) for k, v in cities.items()}
    return pd.DataFrame(
        {
            t("cmp_col_city", lang): [names[c] for c in df["city"].tolist()],
            t("cmp_col_group", lang): _groups(df, indicators, types, lang),
            t("cmp_col_label", lang): df[f"label_{lang}"].tolist(),
            t("cmp_col_value", lang): [
                w if s == "reported" else gap + w for w, s in zip(written_all(df), status, strict=True)
            ],
            t("cmp_col_status", lang): [labels[s] for s in status],
            t("cmp_col_quote", lang): df["quote"].tolist(),
            "id": df["id"].tolist(),
            "reader": reader_links(df["id"], f).tolist(),
        }
    )
