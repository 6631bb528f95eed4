"""Plotly building blocks with one look: CJK-capable fonts, the shared layout, panels, escaped hover text.

Page charts (overview_bars, compare_bars, gaps_heatmap, digit_histogram) live in their page's view module.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from views.theme import FONT, GRID_COLOR

LOG_RATIO = 50  # a panel switches to a log axis when its largest value is this many times its smallest
TOP_PLACES = (10, 20, 50, 100, 0)
"""How many places a chart of places shows (0: all); the others are summed in one row. The first is the default:
at 1000x the Overview's 20 busiest places made ~240 labelled bars that took the browser 1.2 s to draw on each
page load; 10 take about half (bench/changes.md)."""
OTHERS = "__others__"
"""The place id of that row."""


def busiest(df: pd.DataFrame, n: int) -> list[str]:
    """The places of df by number of figures, most first (ties in registry order), at most n of them (0: all)."""
    counts = df["city"].value_counts(sort=False)
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    return [str(c) for c in counts.index[: n or None]]


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


def merge(base: dict, extra: dict) -> dict:
    """base updated by extra, nested dicts merged key by key (as Figure.update_layout does)."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def axis_ref(letter: str, i: int) -> str:
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
        x, y = axis_ref("x", k + 1), axis_ref("y", k + 1)
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


def figure(traces: list[dict], layout: dict, title: str) -> go.Figure:
    """A figure from plain data with the shared look (what style() gives), put in without validating it again.

    For the figures a page draws on every run: plotly's validation of every point cost more than the page.
    tests/test_charts.py checks that validating these figures leaves them unchanged.
    """
    layout = merge(layout, look(title))
    for name in [n for n in layout if n.startswith("yaxis")] or ["yaxis"]:
        layout[name] = {**layout.get(name, {}), "gridcolor": GRID_COLOR}
    return go.Figure(data=traces, layout=layout, _validate=False)


def use_log(values: list[float]) -> bool:
    """Whether magnitudes differ so much (max/min > LOG_RATIO) that a linear axis hides the small ones."""
    pos = [v for v in values if v is not None and v > 0]
    return len(pos) >= 2 and max(pos) / min(pos) > LOG_RATIO
