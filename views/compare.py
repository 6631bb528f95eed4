"""The Compare page's view: which figures to set side by side, their chart, and the table of them as written."""

from __future__ import annotations

import html
import textwrap
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders import filters as flt
from loaders.models import LEVELS
from views.charts import axis_ref, busiest, hover_quote, look, merge, stacked_panels, use_log
from views.i18n import level_label, name, place_name, status_label, t
from views.links import reader_links
from views.table import mark_drafts
from views.theme import GRID_COLOR, city_colors
from views.writing import as_written

GAP_AXIS = {"range": [0, 1], "visible": False, "fixedrange": True}
"""A hidden overlay axis with no values: a gap is a hatched column over the full height of its panel,
so no value axis ever reads it as 0 (or as any number)."""
GAP_Y = 1


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
    key = _group_key(df)
    first = {g: i for i, g in enumerate(dict.fromkeys(key))}
    return (
        df.assign(_g=key.map(first), _c=df["city"].cat.codes)
        .sort_values(["_g", "_c", "start", "at"], kind="stable")
        .drop(columns=["_g", "_c"])
    )


def unshared(frame: pd.DataFrame, f: flt.Filters) -> pd.DataFrame:
    """When nothing is shared to compare: the selection's own figures, by metric type (section gaps apart).

    A place whose figures share no indicator with another place still has figures: they are offered by
    metric type instead of 'no figures match'.
    """
    df = flt.apply(frame, f)
    df = df[df["status"] != "missing_section"]
    return ordered(df.assign(indicator=pd.array([pd.NA] * len(df), dtype="string")))


def levels(df: pd.DataFrame) -> list[str]:
    """The levels of the places in df when there are several (a subdistrict beside a city), in LEVELS order."""
    present = set(df["level"].dropna().astype(str))
    return [lv for lv in LEVELS if lv in present] if len(present) > 1 else []


NAMED = 10
"""Places named in a caption's list; the others are counted ("and 12 more")."""

MAX_CHARTED = 200
"""Most figures one chart draws (a row of 34 px each): whole indicators (or types) in order until the next would
pass it; one indicator alone that passes it, its places with most figures, whole, until the next would. The
browser lays out every bar's label: 750 bars took it 1.5 s at 1000x (bench/changes.md)."""


def _group_key(df: pd.DataFrame) -> pd.Series:
    return df["indicator"].astype("object").where(df["indicator"].notna(), "type:" + df["type"].astype(str))


def _fits(sizes: pd.Series, most: int) -> pd.Index:
    """The leading entries of sizes whose running total stays within most (the first always)."""
    return sizes.index[(sizes.cumsum() <= most) | (np.arange(len(sizes)) == 0)]


def charted(df: pd.DataFrame, top: int, most: int = MAX_CHARTED) -> tuple[pd.DataFrame, int, int]:
    """The figures the chart draws, and how many of df's indicators (or types) it shows of how many.

    Those of the top places with most figures in df (0: all places); then whole groups in df's order while
    they fit in `most` figures; if the first group alone does not fit, its places with most figures while they
    fit (the first place always). df: ordered().
    """
    if top:
        df = df[df["city"].isin(busiest(df, top))]
    key = _group_key(df)
    sizes = key.value_counts(sort=False).reindex(list(dict.fromkeys(key)))
    keep = _fits(sizes, most)
    out = df[key.isin(set(keep))]
    if len(out) > most:
        places = out["city"].astype("object").value_counts(sort=True)
        out = out[out["city"].isin(set(_fits(places, most)))]
    return out, len(keep), len(sizes)


def no_section(frame: pd.DataFrame, f: flt.Filters) -> list[str]:
    """Cities in the selection that the article announces but never gives a section."""
    df = flt.apply(frame, f)
    return list(dict.fromkeys(df.loc[df["status"] == "missing_section", "city"]))


def _wrap(s: str, width: int) -> str:
    """Break a label into lines of about width characters (at spaces when there are any) for tick text, each
    line HTML-escaped: Plotly draws tick text as markup, and a label of the data is text (`<b>` stays `<b>`)."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(s, width)) or html.escape(s)


def _groups(df: pd.DataFrame, indicators: dict, metric_types: dict, lang: str) -> list[str]:
    """Each figure's indicator name in lang, or its metric type's name when it has no indicator."""
    return [
        name(indicators[i], lang) if isinstance(i, str) else name(metric_types[ty], lang)
        for i, ty in zip(df["indicator"].tolist(), df["type"].tolist(), strict=True)
    ]


def chart_rows(df: pd.DataFrame, cities: dict, indicators: dict, metric_types: dict, lang: str) -> pd.DataFrame:
    """One row per figure with what the chart draws: facet (unit), x group and inner label, y, error, text.

    group and inner are tick text, HTML-escaped already (with <br> line breaks); the other columns are plain.

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
    ids, city, label = df["id"].tolist(), df["city"].tolist(), mark_drafts(df[f"label_{lang}"], df, lang).tolist()
    source = df["source"].tolist()
    facet = [u if isinstance(u, str) else "" for u in df["unit_norm"].tolist()]
    wrapped: dict[str, str] = {}
    group = [wrapped.setdefault(g, _wrap(g, width)) for g in _groups(df, indicators, metric_types, lang)]
    mixed = df["level"].nunique() > 1  # a subdistrict beside a city: every name says its level
    names = [name(cities[c], lang) + (f" ({level_label(cities[c].level, lang)})" if mixed else "") for c in city]
    # the same place and group reported by several sources: side by side, each row naming its source
    n_sources = Counter()
    for k in dict.fromkeys(zip(facet, group, city, source, strict=True)):
        n_sources[k[:3]] += 1
    names = [
        f"{n} · {s}" if n_sources[(fa, g, c)] > 1 else n
        for n, fa, g, c, s in zip(names, facet, group, city, source, strict=True)
    ]
    # one y slot per figure: the city, plus the figure's label when a city has several in a group
    per = Counter(zip(facet, group, city, source, strict=True))
    inner = [
        html.escape(n) if per[k] == 1 else _wrap(f"{n} · {lab}", width + 6)
        for k, n, lab in zip(zip(facet, group, city, source, strict=True), names, label, strict=True)
    ]
    same = Counter(zip(facet, group, inner, strict=True))
    inner = [s if same[(f, g, s)] == 1 else f"{s} ({i})" for f, g, s, i in zip(facet, group, inner, ids, strict=True)]
    return pd.DataFrame(
        {
            "id": ids,
            "city": city,
            "city_name": names,
            "group": group,
            "label": label,
            "facet": facet,
            "status": df["status"].tolist(),
            "y": y,
            "err": np.where(is_range, (high - low) / 2, np.nan),
            "text": as_written(df, lang).tolist(),
            "quote": df["quote"].tolist(),
            "inner": inner,
        }
    )


def table(df: pd.DataFrame, cities: dict, indicators: dict, metric_types: dict, f: flt.Filters) -> pd.DataFrame:
    """The compared figures as text in f.lang: city in both languages, value as written, status, quote, and
    'reader', the relative address of the Source reader at the figure that keeps the view f.

    A blank or cut figure says so in its value cell ('≥ 【?】 万元 (not in source)'), never a bare 0 or empty cell.
    """
    lang = f.lang
    status = df["status"].astype("object").tolist()
    labels = {s: status_label(s, lang) for s in set(status)}
    mixed = df["level"].nunique() > 1
    names = {k: place_name(v, lang, mixed) for k, v in cities.items()}
    return pd.DataFrame(
        {
            t("cmp_col_city", lang): [names[c] for c in df["city"].tolist()],
            t("cmp_col_group", lang): _groups(df, indicators, metric_types, lang),
            t("cmp_col_label", lang): mark_drafts(df[f"label_{lang}"], df, lang).tolist(),
            t("cmp_col_value", lang): as_written(df, lang).tolist(),
            t("cmp_col_status", lang): [labels[s] for s in status],
            t("cmp_col_quote", lang): df["quote"].tolist(),
            t("col_source", lang): df["source"].tolist(),
            "id": df["id"].tolist(),
            "reader": reader_links(df["id"], f, df["source"]).tolist(),
        }
    )


def _hovers(names: list[str], rows: pd.DataFrame, lang: str) -> list[str]:
    """Hover text per row: city, label, value as written, status, quote; all HTML-escaped."""
    label, text, status, quote = (rows[c].tolist() for c in ("label", "text", "status", "quote"))
    shown = {s: html.escape(status_label(s, lang)) for s in set(status)}
    return [
        f"<b>{html.escape(n)}</b><br>{html.escape(lab)}<br>{html.escape(txt)}<br>{shown[st]}<br>{hover_quote(q)}"
        for n, lab, txt, st, q in zip(names, label, text, status, quote, strict=True)
    ]


def _legend_key(name: str, city: str, color: str) -> dict:
    """A legend entry for a city and nothing else: a bar trace without data (the bars carry no legend)."""
    return {
        "type": "bar",
        "orientation": "h",
        "x": [None],
        "y": [None],
        "name": html.escape(name),
        "legendgroup": city,
        "marker": {"color": color},
        "hoverinfo": "skip",
    }


def compare_bars(rows: pd.DataFrame, cities: dict, lang: str, title: str | None = None) -> go.Figure:
    """Figures side by side as horizontal bars: one panel per unit, rows grouped by indicator, one colour per city.

    rows come from chart_rows. Reported figures are bars (ranges: midpoint with error
    bars to both ends), labelled as written (≥, >, ≤). Blank and cut figures are hatched, outlined
    'not in source' bands on a hidden overlay axis (GAP_AXIS): never a value, never 0 on a value axis.

    A panel has one bar trace for all its cities (a colour per bar) and one for its gaps, so the work grows
    with the figures, not with figures x cities; the legend names each city once, in an entry of its own.
    The figure is built as plain data and not validated again (validating every bar's colour cost more
    than the rest of the page); tests/test_charts.py checks that plotly's validation leaves it unchanged.
    """
    col = {c: rows[c].tolist() for c in ("facet", "group", "inner", "city", "id", "text")}
    y = rows["y"].astype("float64").tolist()
    err = rows["err"].astype("float64").fillna(0)
    # a city with a range in a panel has error bars on all its bars there (0 where exact), as before
    with_err = err.ne(0).groupby([rows["facet"], rows["city"]], sort=False).transform("any").tolist()
    err = err.tolist()
    hovers = _hovers([name(cities[c], lang) for c in col["city"]], rows, lang)
    panels: dict[str, list[int]] = {}
    for i, facet in enumerate(col["facet"]):
        panels.setdefault(facet, []).append(i)
    sizes = [len(idx) for idx in panels.values()]
    height = 150 + 34 * sum(sizes) + 95 * len(panels)
    titles = [html.escape(t("cmp_unit", lang).format(unit=f or t("cmp_no_unit", lang))) for f in panels]
    layout = stacked_panels([n + 1.5 for n in sizes], titles, min(0.3, 85 / height))
    palette = city_colors(cities)
    n_axes = len(panels)
    traces: list[dict] = []
    shown: set[str] = set()

    def pick(name: str, idx: list[int]) -> list:
        return [col[name][i] for i in idx]

    for k, idx in enumerate(panels.values()):
        xa, ya, gap_xa = axis_ref("x", k + 1), axis_ref("y", k + 1), axis_ref("x", n_axes + k + 1)
        # an empty trace first fixes the row order (bars and gap bands are separate traces)
        traces.append(
            {
                "type": "scatter",
                "x": [None] * len(idx),
                "y": [pick("group", idx), pick("inner", idx)],
                "mode": "markers",
                "hoverinfo": "skip",
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
            }
        )
        bars = [i for i in idx if y[i] == y[i]]  # NaN != NaN: blank and cut figures have no value
        gaps = [i for i in idx if y[i] != y[i]]
        if bars:
            city = pick("city", bars)
            with_bar = set(city)
            for c in dict.fromkeys(pick("city", idx)):  # legend order as before: panel by panel, rows in order
                if c in with_bar and c not in shown:
                    traces.append(_legend_key(name(cities[c], lang), c, palette[c]))
                    shown.add(c)
            bar = {
                "type": "bar",
                "orientation": "h",
                "y": [pick("group", bars), pick("inner", bars)],
                "x": [y[i] for i in bars],
                "text": [html.escape(s) for s in pick("text", bars)],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": pick("id", bars),
                "hovertext": [hovers[i] for i in bars],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "showlegend": False,
                "marker": {"color": [palette[c] for c in city]},
                "xaxis": xa,
                "yaxis": ya,
            }
            if any(with_err[i] for i in bars):
                bar["error_x"] = {
                    "type": "data",
                    "array": [err[i] if with_err[i] else None for i in bars],
                    "visible": True,
                }
            traces.append(bar)
        if gaps:
            colors = [palette[c] for c in pick("city", gaps)]
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": [pick("group", gaps), pick("inner", gaps)],
                    "x": [GAP_Y] * len(gaps),
                    "text": [html.escape(s) for s in pick("text", gaps)],
                    "textposition": "inside",
                    "insidetextanchor": "start",
                    "textangle": 0,
                    "textfont": {"color": "#2d3748"},
                    "customdata": pick("id", gaps),
                    "hovertext": [hovers[i] for i in gaps],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                    "name": html.escape(t("not_in_source", lang)),
                    "legendgroup": "not_in_source",
                    "showlegend": "not_in_source" not in shown,
                    "marker": {
                        "color": "rgba(0,0,0,0)",
                        "line": {"width": 1.5, "color": colors},
                        "pattern": {"shape": "/", "fgcolor": colors, "solidity": 0.1, "size": 10},
                    },
                    "xaxis": gap_xa,
                    "yaxis": ya,
                    "meta": "gap",
                }
            )
            shown.add("not_in_source")
        layout[f"xaxis{n_axes + k + 1}"] = {**GAP_AXIS, "overlaying": xa, "anchor": ya}
        layout["yaxis" + ya[1:]]["autorange"] = "reversed"  # first row on top
        axis = layout["xaxis" + xa[1:]]
        values = [y[i] for i in bars]
        log = use_log(values)
        if log:
            axis["type"] = "log"
            axis["title"] = {"text": t("cmp_log", lang)}
        if not values:
            axis["showticklabels"] = False  # only gaps here: there is no value to read
        else:
            if not log:
                axis["rangemode"] = "tozero"
            axis["tickformat"] = ","
            if not log and max(values) <= 10 and all(v.is_integer() for v in values):
                axis["dtick"] = 1  # small counts: no 2.5 ticks
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            axis["gridcolor"] = GRID_COLOR
    layout.update(barmode="overlay", height=height, bargap=0.3)
    # title left, legend right, both in the top margin: subplot titles sit above the panels. A city's legend
    # entry stands apart from its bars, so clicking it could hide nothing: the legend is a key, not a switch.
    legend = {"yref": "container", "y": 1, "yanchor": "top", "x": 1, "xanchor": "right"}
    layout = merge(
        merge(layout, look(title or t("cmp_chart", lang))),
        {"legend": {**legend, "itemclick": False, "itemdoubleclick": False}, "margin": {"t": 100, "r": 70}},
    )
    return go.Figure(data=traces, layout=layout, _validate=False)
