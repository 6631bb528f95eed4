"""Plotly figures with one look: CJK-capable fonts, one colour per status, the quote on hover."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders.compare import use_log
from loaders.gaps import DIGIT_BINS, DigitCounts
from loaders.i18n import both, status_label, t
from loaders.models import STATUSES

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
STATUS_COLORS = {
    "reported": "#2b6cb0",
    "blank": "#d69e2e",
    "partial": "#c05621",
    "missing_section": "#718096",
}
BLANK_PATTERN = {"shape": "/", "fgcolor": STATUS_COLORS["blank"], "bgcolor": "rgba(0,0,0,0)", "solidity": 0.4}


GRID_COLOR = "#e2e8f0"


def look(title: str) -> dict:
    """The layout settings of the shared look (what style() applies), as plain data."""
    return {
        "title": {"text": html.escape(title), "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "margin": {"l": 10, "r": 10, "t": 80, "b": 10},
        "plot_bgcolor": "white",
    }


def style(fig: go.Figure, title: str) -> go.Figure:
    """The shared look; titles and hover text render Chinese with a CJK font."""
    fig.update_layout(**look(title))
    fig.update_yaxes(gridcolor=GRID_COLOR)
    return fig


def _merge(base: dict, extra: dict) -> dict:
    """base updated by extra, nested dicts merged key by key (as Figure.update_layout does)."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _axis_ref(letter: str, i: int) -> str:
    """Plotly's name for axis i (1-based) as traces refer to it: 'x', 'x2', ..."""
    return letter if i == 1 else f"{letter}{i}"


def stacked_panels(weights: list[float], titles: list[str], spacing: float) -> dict:
    """Layout of a one-column grid of panels, top first, heights in proportion to weights, a title above each.

    The same axes, domains and title annotations as plotly.subplots.make_subplots(rows=len(weights), cols=1,
    row_heights=weights, subplot_titles=titles, vertical_spacing=spacing) (tests/test_charts.py compares
    them), built as plain data: make_subplots validates every setting, which cost more than the chart.
    """
    n = len(weights)
    total = float(sum(weights))
    heights = [(1.0 - spacing * (n - 1)) * (w / total) for w in reversed(weights)]  # bottom panel first
    layout: dict = {"annotations": []}
    for k in range(n):
        up = n - 1 - k  # panels below this one
        low = sum(heights[:up]) + up * spacing
        domain = [min(max(low, 0.0), 1.0), min(max(low + heights[up], 0.0), 1.0)]
        x, y = _axis_ref("x", k + 1), _axis_ref("y", k + 1)
        layout[f"xaxis{k + 1 if k else ''}"] = {"anchor": y, "domain": [0.0, 1.0]}
        layout[f"yaxis{k + 1 if k else ''}"] = {"anchor": x, "domain": domain}
        if titles[k]:
            layout["annotations"].append(
                {
                    "font": {"size": 16},
                    "showarrow": False,
                    "text": titles[k],
                    "x": 0.5,
                    "xanchor": "center",
                    "xref": "paper",
                    "y": domain[1],
                    "yanchor": "bottom",
                    "yref": "paper",
                }
            )
    return layout


def hover_quote(quote: str, width: int = 28) -> str:
    """A verbatim quote, HTML-escaped and wrapped for a hover box."""
    q = html.escape(quote)
    return "<br>".join(q[i : i + width] for i in range(0, len(q), width))


def overview_bars(df: pd.DataFrame, cities: dict, types: dict, lang: str) -> go.Figure:
    """Figures per city, split by status; one bar per city and metric type."""
    counts = df.groupby(["city", "type", "status"], observed=True).size().rename("n").reset_index()
    fig = go.Figure()
    for status in df["status"].cat.categories:
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        x = [[both(cities[c], lang) for c in part["city"]], [types[ty][lang] for ty in part["type"]]]
        fig.add_bar(
            x=x,
            y=part["n"],
            name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status], "pattern": BLANK_PATTERN if status == "blank" else None},
            hovertemplate="%{x}<br>%{y}<extra>" + html.escape(status_label(status, lang)) + "</extra>",
        )
    fig.update_layout(barmode="stack", xaxis={"tickangle": -45})
    return style(fig, t("chart_overview", lang))


# -- compare and gaps --
CITY_COLORS = ("#2f855a", "#6b46c1", "#c53030", "#319795", "#b83280", "#975a16", "#4a5568")
GAP_AXIS = {"range": [0, 1], "visible": False, "fixedrange": True}
"""A hidden overlay axis with no values: a gap is a hatched column over the full height of its panel,
so no value axis ever reads it as 0 (or as any number)."""
GAP_Y = 1


def city_colors(cities: dict) -> dict[str, str]:
    """A stable colour per city (registry order), distinct from the status colours."""
    return {c: CITY_COLORS[i % len(CITY_COLORS)] for i, c in enumerate(cities)}


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

    rows come from loaders.compare.chart_rows. Reported figures are bars (ranges: midpoint with error
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
    hovers = _hovers([cities[c][lang] for c in col["city"]], rows, lang)
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
        xa, ya, gap_xa = _axis_ref("x", k + 1), _axis_ref("y", k + 1), _axis_ref("x", n_axes + k + 1)
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
                    traces.append(_legend_key(cities[c][lang], c, palette[c]))
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
                    "text": [f"{t('not_in_source', lang)}: {html.escape(s)}" for s in pick("text", gaps)],
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
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            axis["gridcolor"] = GRID_COLOR
    layout.update(barmode="overlay", height=height, bargap=0.3)
    # title left, legend right, both in the top margin: subplot titles sit above the panels. A city's legend
    # entry stands apart from its bars, so clicking it could hide nothing: the legend is a key, not a switch.
    legend = {"yref": "container", "y": 1, "yanchor": "top", "x": 1, "xanchor": "right"}
    layout = _merge(
        _merge(layout, look(title or t("cmp_chart", lang))),
        {"legend": {**legend, "itemclick": False, "itemdoubleclick": False}, "margin": {"t": 100, "r": 70}},
    )
    return go.Figure(data=traces, layout=layout, _validate=False)


def gaps_heatmap(cells: pd.DataFrame, cities: dict, types: dict, lang: str) -> go.Figure:
    """City x type: colour = missing figures (blank + cut + no section); text = missing / figures.

    Cells where a city has no figure of a type stay empty (None), not 0. The hover names the cell and its
    counts per status: one template filled in by the browser from each cell's counts (customdata), not a
    string per cell. Built as plain data like compare_bars.
    """
    ys = list(dict.fromkeys(cells["city"].tolist()))
    xs = list(dict.fromkeys(cells["type"].tolist()))
    at = {key: i for i, key in enumerate(zip(cells["city"].tolist(), cells["type"].tolist(), strict=True))}
    order = [at[(c, ty)] for c in ys for ty in xs]
    gaps, total = (cells[col].to_numpy(dtype="int64")[order].reshape(len(ys), len(xs)) for col in ("gaps", "total"))
    per_status = cells[list(STATUSES)].to_numpy(dtype="int64")[order].reshape(len(ys), len(xs), len(STATUSES))
    has = total > 0
    counts = [f"{html.escape(status_label(s, lang))}: %{{customdata[{i}]}}" for i, s in enumerate(STATUSES)]
    heatmap = {
        "type": "heatmap",
        "z": np.where(has, gaps, None).tolist(),
        "x": [html.escape(types[ty][lang]) for ty in xs],
        "y": [html.escape(both(cities[c], lang)) for c in ys],
        "text": np.where(has, np.char.add(np.char.add(gaps.astype(str), " / "), total.astype(str)), "").tolist(),
        "texttemplate": "%{text}",
        "customdata": per_status,
        "hovertemplate": "<br>".join(["%{y} · %{x}", *counts]) + "<extra></extra>",
        "colorscale": [[0, "#f7fafc"], [1, STATUS_COLORS["partial"]]],
        "zmin": 0,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": html.escape(t("gaps_missing", lang))}},
    }
    layout = {
        "yaxis": {"autorange": "reversed", "showgrid": False},
        "xaxis": {"showgrid": False, "tickangle": -30, "side": "bottom"},
        "height": 140 + 48 * len(ys),
    }
    return _figure([heatmap], layout, t("gaps_heatmap", lang))


def _figure(traces: list[dict], layout: dict, title: str) -> go.Figure:
    """A figure from plain data with the shared look (what style() gives), put in without validating it again.

    For the figures a page draws on every run: plotly's validation of every point cost more than the page.
    tests/test_charts.py checks that validating these figures leaves them unchanged.
    """
    layout = _merge(layout, look(title))
    for name in [n for n in layout if n.startswith("yaxis")] or ["yaxis"]:
        layout[name] = {**layout.get(name, {}), "gridcolor": GRID_COLOR}
    return go.Figure(data=traces, layout=layout, _validate=False)


def digit_histogram(counts: DigitCounts, lang: str) -> go.Figure:
    """Evidence, not data: how many surviving numbers have 1, 2, 3, 4+ digits, beside the deleted count."""
    last = DIGIT_BINS[-1]
    labels = [
        t("gaps_digit_one" if d == 1 else "gaps_digits_more" if d == last else "gaps_digits", lang).format(n=d)
        for d in DIGIT_BINS
    ]
    deleted = t("gaps_hist_deleted", lang)
    bars = [
        {
            "type": "bar",
            "x": labels,
            "y": [series[d] for d in DIGIT_BINS],
            "name": html.escape(name),
            "marker": {"color": color},
            "text": [str(series[d]) for d in DIGIT_BINS],
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y}<extra>" + html.escape(name) + "</extra>",
        }
        for name, series, color in (
            (t("gaps_hist_near", lang), counts.near, STATUS_COLORS["reported"]),
            (t("gaps_hist_elsewhere", lang), counts.elsewhere, "#a0aec0"),
        )
    ]
    bars.append(
        {
            "type": "bar",
            "x": [deleted],
            "y": [counts.blanks + counts.partial],
            "name": html.escape(deleted),
            "marker": {"color": STATUS_COLORS["blank"], "pattern": BLANK_PATTERN},
            "text": [str(counts.blanks + counts.partial)],
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y}<extra></extra>",
        }
    )
    layout = {"barmode": "stack", "yaxis": {"title": {"text": html.escape(t("gaps_numbers", lang))}}, "height": 380}
    return _figure(bars, layout, t("gaps_hist", lang))
