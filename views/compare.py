"""The Compare page's view: which figures to set side by side, their chart, and the table of them as written."""

from __future__ import annotations

import html
import math
import textwrap
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders import filters as flt
from loaders.models import LEVELS
from views.charts import axis_ref, busiest, hover_quote, look, merge, stacked_panels, use_log
from views.i18n import name, place_names, status_label, t
from views.links import reader_links
from views.table import label_in
from views.theme import CITY_COLORS, GRID_COLOR, STATUS_COLORS, city_colors
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


def _wrap(s: str, width: int, lines: int = 2) -> str:
    """Break a label into lines of about width characters (at spaces when there are any) for tick text, at
    most `lines` of them: a longer label is cut with '…' (its row's hover says it in full), so that it never
    runs over the label of the next row or group. Each line is HTML-escaped: a label of the data is text."""
    out = textwrap.wrap(s, width) or [s]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(1, width - 1)].rstrip() + "…"
    return "<br>".join(html.escape(line) for line in out)  # tick text is markup to Plotly: `<b>` stays `<b>`


LINE_PX = 17
"""Height of one line of tick text (13 px font): a label gets as many lines as its rows have room for."""
MAX_GROUP_LINES = 4


def _height(sizes: list[int]) -> int:
    """The chart's height in pixels for panels of these many rows (compare_bars draws it so)."""
    return 150 + 34 * sum(sizes) + 95 * len(sizes)


def _spacing(height: int) -> float:
    return min(0.3, 85 / height)


def row_lines(sizes: dict[str, int]) -> dict[str, int]:
    """Per panel (unit), how many lines of tick text one of its rows has room for: the panel's share of the
    plot (as stacked_panels lays it out, less the margins and axes) over its rows."""
    height = _height(list(sizes.values()))
    usable = (height - 150) * (1 - _spacing(height) * (len(sizes) - 1))
    total = sum(n + 1.5 for n in sizes.values())
    return {k: max(1, int(usable * (n + 1.5) / total / n // LINE_PX)) for k, n in sizes.items()}


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
    ids, city, label = df["id"].tolist(), df["city"].tolist(), label_in(df, lang).tolist()
    source = df["source"].tolist()
    facet = [u if isinstance(u, str) else "" for u in df["unit_norm"].tolist()]
    full_group = _groups(df, indicators, metric_types, lang)
    lines = row_lines(Counter(facet))  # what a row's tick text has room for, so no label runs into the next
    rows_of = Counter(zip(facet, full_group, strict=True))  # a group label has the height of its rows
    group = [
        _wrap(g, width, min(MAX_GROUP_LINES, lines[fa] * rows_of[(fa, g)]))
        for fa, g in zip(facet, full_group, strict=True)
    ]
    # several levels (a subdistrict beside a city) or provinces: every name says its level and province
    named = place_names(city, cities, lang, short=True)
    names = [named[c] for c in city]
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
        html.escape(n) if per[k] == 1 else _wrap(f"{n} · {lab}", width + 6, lines[k[0]])
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
            "group_full": full_group,
            "place_full": names,
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
    names = place_names(df["city"], cities, lang)  # with level and province where they differ
    return pd.DataFrame(
        {
            t("cmp_col_city", lang): [names[c] for c in df["city"].tolist()],
            t("cmp_col_group", lang): _groups(df, indicators, metric_types, lang),
            t("cmp_col_label", lang): label_in(df, lang).tolist(),
            t("cmp_col_value", lang): as_written(df, lang).tolist(),
            t("cmp_col_status", lang): [labels[s] for s in status],
            t("cmp_col_quote", lang): df["quote"].tolist(),
            t("col_source", lang): df["source"].tolist(),
            "id": df["id"].tolist(),
            "reader": reader_links(df["id"], f, df["source"]).tolist(),
        }
    )


def _hovers(names: list[str], rows: pd.DataFrame, lang: str) -> list[str]:
    """Hover text per row: city, the group and label in full (a tick may be cut), value as written, status,
    quote; all HTML-escaped."""
    label, text, status, quote = (rows[c].tolist() for c in ("label", "text", "status", "quote"))
    groups = rows["group_full"].tolist() if "group_full" in rows else [""] * len(rows)
    shown = {s: html.escape(status_label(s, lang)) for s in set(status)}
    return [
        f"<b>{html.escape(n)}</b><br>{html.escape(g) + '<br>' if g and g != lab else ''}{html.escape(lab)}<br>"
        f"{html.escape(txt)}<br>{shown[st]}<br>{hover_quote(q)}"
        for n, g, lab, txt, st, q in zip(names, groups, label, text, status, quote, strict=True)
    ]


def log_ticks(values: list[float]) -> tuple[list[float], list[str]]:
    """Tick values and labels for a log axis: powers of ten, with 2 and 5 between them when the values span
    three decades or fewer; never plotly's minor labels that run together (0.80.91)."""
    pos = [v for v in values if v and v > 0]
    lo, hi = math.floor(math.log10(min(pos))), math.ceil(math.log10(max(pos)))
    steps = (1, 2, 5) if hi - lo <= 3 else (1,)
    ticks = [m * 10.0**k for k in range(lo, hi + 1) for m in steps if m * 10.0**k <= 10.0**hi]
    return ticks, [f"{v:,.{max(0, -k)}f}" for v, k in ((v, math.floor(math.log10(v))) for v in ticks)]


MAX_COLOURED = 12
"""Most places a chart gives a colour each (CITY_COLORS has this many); beyond, bars are coloured by status
and the page says so (cmp_one_colour)."""


def place_colors(charted: list[str], cities: dict) -> dict[str, str] | None:
    """A colour per place on one chart, no two the same: each place's own colour (registry order) when those
    differ, else colours given in chart order; None beyond MAX_COLOURED places (colour by status instead)."""
    if len(charted) > MAX_COLOURED:
        return None
    own = city_colors(cities)
    if len({own[c] for c in charted}) == len(charted):
        return {c: own[c] for c in charted}
    rank = {c: i for i, c in enumerate(cities)}
    return {c: CITY_COLORS[i] for i, c in enumerate(sorted(charted, key=lambda c: rank.get(c, len(rank))))}


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


LEGEND_PER_LINE = 4
"""Legend entries one line of the top margin is sure to hold (place names are short; four fit at 700 px)."""


def _top(traces: list[dict]) -> int:
    """The top margin: the title and the legend's lines above the panels, never under the first panel's title."""
    entries = sum(1 for tr in traces if tr.get("showlegend", True) and tr.get("type") == "bar")
    return max(100, 60 + 22 * -(-entries // LEGEND_PER_LINE))


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
    hovers = _hovers(rows["place_full"].tolist() if "place_full" in rows else col["city"], rows, lang)
    panels: dict[str, list[int]] = {}
    for i, facet in enumerate(col["facet"]):
        panels.setdefault(facet, []).append(i)
    sizes = [len(idx) for idx in panels.values()]
    height = _height(sizes)
    titles = [html.escape(t("cmp_unit", lang).format(unit=f or t("cmp_no_unit", lang))) for f in panels]
    layout = stacked_panels([n + 1.5 for n in sizes], titles, _spacing(height))
    coloured = place_colors(list(dict.fromkeys(col["city"])), cities)
    palette = coloured or {c: STATUS_COLORS["reported"] for c in col["city"]}  # beyond a dozen: by status
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
                if coloured and c in with_bar and c not in shown:  # a key per place only when colour says place
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
            axis["tickvals"], axis["ticktext"] = log_ticks(values)
        if not values:
            axis["showticklabels"] = False  # only gaps here: there is no value to read
        else:
            if not log:
                axis["rangemode"] = "tozero"
            if not log:
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
        {"legend": {**legend, "itemclick": False, "itemdoubleclick": False}, "margin": {"t": _top(traces), "r": 70}},
    )
    return go.Figure(data=traces, layout=layout, _validate=False)
