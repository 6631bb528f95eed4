"""The Overview page's view: how many figures, how many gaps, which announced cities have no section."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from views.charts import style
from views.i18n import both, name, status_label, t
from views.theme import BLANK_PATTERN, STATUS_COLORS


@dataclass(frozen=True)
class Headline:
    figures: int
    cities_with_section: int
    cities_announced: int
    blanks: int
    partial: int
    share_blank: float | None  # blank + partial among figures that are not section gaps


def headline(df: pd.DataFrame, sections: dict) -> Headline:
    """sections: the Bundle's city -> section of a source (a city has a section when the validator found it)."""
    figures = df[df["status"] != "missing_section"]
    blanks = int((df["status"] == "blank").sum())
    partial = int((df["status"] == "partial").sum())
    present = set(df["city"])  # once, not once per city (bench/: quadratic at 100x the data)
    return Headline(
        figures=len(figures),
        cities_with_section=len(present & set(sections)),
        cities_announced=len(present),
        blanks=blanks,
        partial=partial,
        share_blank=(blanks + partial) / len(figures) if len(figures) else None,
    )


@dataclass(frozen=True)
class Absent:
    """An announced city without a section, and the quote that names it."""

    city: str
    name: str  # both languages
    quote: str
    figure: str  # the missing_section row's id


def missing_sections(df: pd.DataFrame, cities: dict, lang: str) -> list[Absent]:
    """Cities the text announces without a section, with the quote that names them."""
    rows = df[df["status"] == "missing_section"]
    return [Absent(r.city, both(cities[r.city], lang), r.quote, r.id) for r in rows.itertuples()]


def overview_bars(df: pd.DataFrame, cities: dict, metric_types: dict, lang: str) -> go.Figure:
    """Figures per city, split by status; one bar per city and metric type."""
    counts = df.groupby(["city", "type", "status"], observed=True).size().rename("n").reset_index()
    fig = go.Figure()
    for status in df["status"].cat.categories:
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        x = [[both(cities[c], lang) for c in part["city"]], [name(metric_types[ty], lang) for ty in part["type"]]]
        fig.add_bar(
            x=x,
            y=part["n"],
            name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status], "pattern": BLANK_PATTERN if status == "blank" else None},
            hovertemplate="%{x}<br>%{y}<extra>" + html.escape(status_label(status, lang)) + "</extra>",
        )
    fig.update_layout(barmode="stack", xaxis={"tickangle": -45})
    return style(fig, t("chart_overview", lang))
