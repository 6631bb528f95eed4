"""Plotly figures with one look: CJK-capable fonts, one colour per status, the quote on hover."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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


# -- compare and gaps --
CITY_COLORS = ("#2f855a", "#6b46c1", "#c53030", "#319795", "#b83280", "#975a16", "#4a5568")
GAP_AXIS = {"range": [0, 1], "visible": False, "fixedrange": True}
"""A hidden overlay axis with no values: a gap is a hatched column over the full height of its panel,
so no value axis ever reads it as 0 (or as any number)."""
GAP_Y = 1


def city_color(cities: dict, city: str) -> str:
    """A stable colour per city (registry order), distinct from the status colours."""
    return CITY_COLORS[list(cities).index(city) % len(CITY_COLORS)]


def _hover(city: str, r, lang: str) -> str:
    parts = [f"<b>{html.escape(city)}</b>", html.escape(r["label"]), html.escape(r["text"])]
    parts += [html.escape(status_label(r["status"], lang)), hover_quote(r["quote"])]
    return "<br>".join(parts)


def compare_bars(rows: pd.DataFrame, cities: dict, lang: str, title: str | None = None) -> go.Figure:
    """Figures side by side as horizontal bars: one panel per unit, rows grouped by indicator, one colour per city.

    rows come from loaders.compare.chart_rows. Reported figures are bars (ranges: midpoint with error
    bars to both ends), labelled as written (≥, >, ≤). Blank and cut figures are hatched, outlined
    'not in source' bands on a hidden overlay axis (GAP_AXIS): never a value, never 0 on a value axis.
    """
    facets = list(dict.fromkeys(rows["facet"]))
    sizes = [int((rows["facet"] == f).sum()) for f in facets]
    height = 150 + 34 * sum(sizes) + 95 * len(facets)
    titles = [t("cmp_unit", lang).format(unit=f or t("cmp_no_unit", lang)) for f in facets]
    fig = make_subplots(
        rows=len(facets),
        cols=1,
        row_heights=[n + 1.5 for n in sizes],
        subplot_titles=[html.escape(s) for s in titles],
        vertical_spacing=min(0.3, 85 / height),
    )
    n_axes = len(facets)
    shown: set[str] = set()
    for k, facet in enumerate(facets):
        part = rows[rows["facet"] == facet]
        ya, xa, gap_xa = f"y{k + 1}", f"x{k + 1}", f"x{n_axes + k + 1}"
        slots = [list(part["group"]), list(part["inner"])]
        # an empty trace first fixes the row order (bars and gap bands are separate traces)
        fig.add_trace(
            go.Scatter(
                x=[None] * len(part), y=slots, mode="markers", hoverinfo="skip", showlegend=False, xaxis=xa, yaxis=ya
            )
        )
        for city in dict.fromkeys(part["city"]):
            cp = part[(part["city"] == city) & part["y"].notna()]
            if cp.empty:
                continue
            name = cities[city][lang]
            errs = [0.0 if e is None or pd.isna(e) else float(e) for e in cp["err"]]
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=[list(cp["group"]), list(cp["inner"])],
                    x=[float(v) for v in cp["y"]],
                    error_x={"type": "data", "array": errs, "visible": True} if any(errs) else None,
                    text=[html.escape(s) for s in cp["text"]],
                    textposition="outside",
                    cliponaxis=False,
                    customdata=list(cp["id"]),
                    hovertext=[_hover(name, r, lang) for _, r in cp.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                    name=html.escape(name),
                    legendgroup=city,
                    showlegend=city not in shown,
                    marker={"color": city_color(cities, city)},
                    xaxis=xa,
                    yaxis=ya,
                )
            )
            shown.add(city)
        gaps = part[part["y"].isna()]
        if not gaps.empty:
            colors = [city_color(cities, c) for c in gaps["city"]]
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=[list(gaps["group"]), list(gaps["inner"])],
                    x=[GAP_Y] * len(gaps),
                    text=[f"{t('not_in_source', lang)}: {html.escape(s)}" for s in gaps["text"]],
                    textposition="inside",
                    insidetextanchor="start",
                    textangle=0,
                    textfont={"color": "#2d3748"},
                    customdata=list(gaps["id"]),
                    hovertext=[_hover(cities[r["city"]][lang], r, lang) for _, r in gaps.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                    name=html.escape(t("not_in_source", lang)),
                    legendgroup="not_in_source",
                    showlegend="not_in_source" not in shown,
                    marker={
                        "color": "rgba(0,0,0,0)",
                        "line": {"width": 1.5, "color": colors},
                        "pattern": {"shape": "/", "fgcolor": colors, "solidity": 0.1, "size": 10},
                    },
                    xaxis=gap_xa,
                    yaxis=ya,
                    meta="gap",
                )
            )
            shown.add("not_in_source")
        fig.layout[f"xaxis{n_axes + k + 1}"] = {**GAP_AXIS, "overlaying": xa, "anchor": ya}
        fig.layout[f"yaxis{k + 1}"].autorange = "reversed"  # first row on top
        values = [float(v) for v in part["y"].dropna()]
        axis = fig.layout[f"xaxis{k + 1}"]
        if use_log(values):
            axis.type = "log"
            axis.title = t("cmp_log", lang)
        if not values:
            axis.showticklabels = False  # only gaps here: there is no value to read
        else:
            axis.rangemode = "tozero" if axis.type != "log" else None
            axis.tickformat = ","
            if axis.type != "log" and max(values) <= 10 and all(v.is_integer() for v in values):
                axis.dtick = 1  # small counts: no 2.5 ticks
    fig.update_layout(barmode="overlay", height=height, bargap=0.3)
    style(fig, title or t("cmp_chart", lang))
    # title left, legend right, both in the top margin: subplot titles sit above the panels
    fig.update_layout(
        legend={"yref": "container", "y": 1, "yanchor": "top", "x": 1, "xanchor": "right"},
        margin={"t": 100, "r": 70},
    )
    fig.update_xaxes(gridcolor="#e2e8f0")
    return fig


def gaps_heatmap(cells: pd.DataFrame, cities: dict, types: dict, lang: str) -> go.Figure:
    """City x type: colour = missing figures (blank + cut + no section); text = missing / figures.

    Cells where a city has no figure of a type stay empty (None), not 0.
    """
    ys = list(dict.fromkeys(cells["city"]))
    xs = list(dict.fromkeys(cells["type"]))
    by = {(r.city, r.type): r for r in cells.itertuples()}
    z, text, hover = [], [], []
    for c in ys:
        zr, tr, hr = [], [], []
        for ty in xs:
            r = by[(c, ty)]
            has = r.total > 0
            zr.append(int(r.gaps) if has else None)
            tr.append(f"{r.gaps} / {r.total}" if has else "")
            lines = [f"{html.escape(both(cities[c], lang))} · {html.escape(types[ty][lang])}"]
            lines += [f"{html.escape(status_label(s, lang))}: {getattr(r, s)}" for s in STATUSES]
            hr.append("<br>".join(lines))
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[html.escape(types[ty][lang]) for ty in xs],
            y=[html.escape(both(cities[c], lang)) for c in ys],
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=[[0, "#f7fafc"], [1, STATUS_COLORS["partial"]]],
            zmin=0,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": html.escape(t("gaps_missing", lang))}},
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=False)
    fig.update_layout(height=140 + 48 * len(ys), xaxis={"tickangle": -30, "side": "bottom"})
    return style(fig, t("gaps_heatmap", lang))


def digit_histogram(counts: DigitCounts, lang: str) -> go.Figure:
    """Evidence, not data: how many surviving numbers have 1, 2, 3, 4+ digits, beside the deleted count."""
    last = DIGIT_BINS[-1]
    labels = [
        t("gaps_digit_one" if d == 1 else "gaps_digits_more" if d == last else "gaps_digits", lang).format(n=d)
        for d in DIGIT_BINS
    ]
    deleted = t("gaps_hist_deleted", lang)
    fig = go.Figure()
    for name, series, color in (
        (t("gaps_hist_near", lang), counts.near, STATUS_COLORS["reported"]),
        (t("gaps_hist_elsewhere", lang), counts.elsewhere, "#a0aec0"),
    ):
        fig.add_bar(
            x=labels,
            y=[series[d] for d in DIGIT_BINS],
            name=html.escape(name),
            marker={"color": color},
            text=[str(series[d]) for d in DIGIT_BINS],
            textposition="outside",
            hovertemplate="%{x}: %{y}<extra>" + html.escape(name) + "</extra>",
        )
    fig.add_bar(
        x=[deleted],
        y=[counts.blanks + counts.partial],
        name=html.escape(deleted),
        marker={"color": STATUS_COLORS["blank"], "pattern": BLANK_PATTERN},
        text=[str(counts.blanks + counts.partial)],
        textposition="outside",
        hovertemplate="%{x}: %{y}<extra></extra>",
    )
    fig.update_layout(barmode="stack", yaxis={"title": html.escape(t("gaps_numbers", lang))}, height=380)
    return style(fig, t("gaps_hist", lang))
