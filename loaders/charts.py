"""Plotly figures with one look: CJK-capable fonts, one colour per status, the quote on hover."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from loaders.i18n import both, status_label, t

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
STATUS_COLORS = {
    "reported": "#2b6cb0",
    "blank": "#d69e2e",
    "partial": "#c05621",
    "missing_section": "#718096",
}
BLANK_PATTERN = {"shape": "/", "fgcolor": STATUS_COLORS["blank"], "bgcolor": "rgba(0,0,0,0)", "solidity": 0.4}


def style(fig: go.Figure, title: str) -> go.Figure:
    """The shared look; titles and hover text render Chinese with a CJK font."""
    fig.update_layout(
        title={"text": html.escape(title), "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 13},
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        plot_bgcolor="white",
    )
    fig.update_yaxes(gridcolor="#e2e8f0")
    return fig


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
