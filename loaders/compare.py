"""The Compare page's data: which figures to set side by side, how each is written, where it links."""

from __future__ import annotations

import math
import textwrap
from dataclasses import replace

import pandas as pd

from loaders import filters as flt
from loaders.i18n import GAP_MARK, both, status_label, t
from loaders.numerals import arabic

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


def n_cities(frame: pd.DataFrame, indicator: str) -> int:
    rows = frame[(frame["indicator"] == indicator) & (frame["status"] != "missing_section")]
    return int(rows["city"].nunique())


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
    unit = row.unit if isinstance(row.unit, str) else ""
    sym = SYMBOLS.get(row.qualifier, "")
    if row.status == "reported":
        num = f"{arabic(row.low)}–{arabic(row.high)}" if row.qualifier == "range" else arabic(row.value)
    elif row.status in GAPS:
        num = GAP_MARK + (row.digits_shown if isinstance(row.digits_shown, str) else "")
    else:
        return "–"
    return f"{sym}{num} {unit}".strip()


def _wrap(s: str, width: int) -> str:
    """Break a label into lines of about width characters (at spaces when there are any) for tick text."""
    return "<br>".join(textwrap.wrap(s, width)) or s


def _nan(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def chart_rows(df: pd.DataFrame, cities: dict, indicators: dict, types: dict, lang: str) -> pd.DataFrame:
    """One row per figure with what the chart draws: facet (unit), x group and inner label, y, error, text.

    y is the value in the normalised unit (10 万元 -> 100000 元); ranges sit at their midpoint with
    err = half the width. Blank and partial figures keep y = None: the chart marks them, never as 0.
    """
    width = 12 if lang == "zh" else 24
    label_col = f"label_{lang}"
    out = []
    for r in df.itertuples():
        group = indicators[r.indicator][lang] if isinstance(r.indicator, str) else types[r.type][lang]
        y = err = None
        if r.status == "reported":
            if r.qualifier == "range" and not _nan(r.low_norm) and not _nan(r.high_norm):
                y = (float(r.low_norm) + float(r.high_norm)) / 2
                err = (float(r.high_norm) - float(r.low_norm)) / 2
            elif not _nan(r.value_norm):
                y = float(r.value_norm)
        out.append(
            {
                "id": r.id,
                "city": r.city,
                "city_name": cities[r.city][lang],
                "group": _wrap(group, width),
                "label": getattr(r, label_col),
                "facet": r.unit_norm if isinstance(r.unit_norm, str) else "",
                "status": r.status,
                "y": y,
                "err": err,
                "text": written(r),
                "quote": r.quote,
            }
        )
    rows = pd.DataFrame(out, columns=list(out[0]) if out else ["id"])
    if rows.empty:
        return rows
    # one x slot per figure: the city, plus the figure's label when a city has several in a group
    per = rows.groupby(["facet", "group", "city"])["id"].transform("count")
    rows["inner"] = [
        c if n == 1 else _wrap(f"{c} · {lab}", width + 6)
        for c, n, lab in zip(rows["city_name"], per, rows["label"], strict=True)
    ]
    dup = rows.duplicated(["facet", "group", "inner"], keep=False)
    rows.loc[dup, "inner"] = rows.loc[dup, "inner"] + " (" + rows.loc[dup, "id"] + ")"
    return rows


def use_log(values: list[float]) -> bool:
    """Whether magnitudes differ so much (max/min > LOG_RATIO) that a linear axis hides the small ones."""
    pos = [v for v in values if v is not None and v > 0]
    return len(pos) >= 2 and max(pos) / min(pos) > LOG_RATIO


def table(df: pd.DataFrame, cities: dict, indicators: dict, types: dict, lang: str) -> pd.DataFrame:
    """The compared figures as text: city in both languages, value as written, status, quote.

    A blank or cut figure says so in its value cell ('not in source: ≥ 【?】 万元'), never a bare 0 or empty cell.
    """
    rows = []
    for r in df.itertuples():
        group = indicators[r.indicator][lang] if isinstance(r.indicator, str) else types[r.type][lang]
        rows.append(
            {
                t("cmp_col_city", lang): both(cities[r.city], lang),
                t("cmp_col_group", lang): group,
                t("cmp_col_label", lang): getattr(r, f"label_{lang}"),
                t("cmp_col_value", lang): written(r)
                if r.status == "reported"
                else f"{t('not_in_source', lang)}: {written(r)}",
                t("cmp_col_status", lang): status_label(r.status, lang),
                t("cmp_col_quote", lang): r.quote,
                "id": r.id,
            }
        )
    return pd.DataFrame(rows)


def link_label(*parts: str) -> str:
    """A page-link label from data text, inert as Markdown ('*' masks stay '*', not emphasis)."""
    text = " · ".join(parts)
    return "".join("\\" + ch if ch in flt.MARKDOWN_SPECIAL else ch for ch in text)


def reader_params(f: flt.Filters, figure: str) -> dict[str, str]:
    """Query parameters that open the Source reader at one figure and keep the current view."""
    return flt.to_params(replace(f, figure=figure))
