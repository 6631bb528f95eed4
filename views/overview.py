"""The Overview page's view: how many figures, how many gaps, which announced cities have no section."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from views.charts import OTHERS, busiest, style
from views.i18n import both, name, place_name, status_label, t
from views.theme import BLANK_PATTERN, STATUS_COLORS


@dataclass(frozen=True)
class Headline:
    """Counts over the figures that pass the current filters."""

    figures: int
    cities_with_section: int  # (source, place) pairs among those figures whose source has a section for the place
    cities_announced: int  # (source, place) pairs among those figures, of sources that have headed sections
    blanks: int
    partial: int
    share_blank: float | None  # blank + partial among figures that are not section gaps


def headline(df: pd.DataFrame, sections: dict) -> Headline:
    """sections: the Bundle's (source, place) -> section; a place has a section in the source that has one."""
    figures = df[df["status"] != "missing_section"]
    blanks = int((df["status"] == "blank").sum())
    partial = int((df["status"] == "partial").sum())
    pairs = set(zip(df["source"].tolist(), df["city"].tolist(), strict=True))  # once, not per place (bench/)
    # only sources that give places headed sections count: a news story simply names its places
    sectioned = {sid for sid, _ in sections}
    pairs = {pair for pair in pairs if pair[0] in sectioned}
    return Headline(
        figures=len(figures),
        cities_with_section=len(pairs & set(sections)),
        cities_announced=len(pairs),
        blanks=blanks,
        partial=partial,
        share_blank=(blanks + partial) / len(figures) if len(figures) else None,
    )


@dataclass(frozen=True)
class Absent:
    """A place a source announces without a section, and the quote that names it."""

    city: str
    name: str  # both languages
    quote: str
    figure: str  # the missing_section row's id
    source: str


def missing_sections(df: pd.DataFrame, cities: dict, lang: str) -> dict[str, list[Absent]]:
    """Source id -> the places it announces without a section (a fact of that source), in text order."""
    rows = df[df["status"] == "missing_section"].sort_values(["source", "start"], kind="stable")
    out: dict[str, list[Absent]] = {}
    for r in rows.itertuples():
        out.setdefault(r.source, []).append(Absent(r.city, both(cities[r.city], lang), r.quote, r.id, r.source))
    return out


def missing_table(absent: dict[str, list[Absent]], titles: dict[str, str], lang: str) -> pd.DataFrame:
    """missing_sections() as one table: source, place, the quote that announces it."""
    rows = [(titles[sid], a.name, a.quote) for sid, items in absent.items() for a in items]
    return pd.DataFrame(rows, columns=[t("col_source", lang), t("col_place", lang), t("col_quote", lang)])


def _counts(df: pd.DataFrame) -> pd.DataFrame:
    """Figures per (place, type, status) present in df, in registry order: the bars of overview_bars."""
    return df.groupby(["city", "type", "status"], observed=True).size().rename("n").reset_index()


def counts(df: pd.DataFrame, cities: dict, metric_types: dict, lang: str) -> pd.DataFrame:
    """The counts behind overview_bars as a table: one row per bar (place and type), a column per status and
    the total, headed in lang. A 0 here is a count (no figure of that status), never a missing number."""
    n = _counts(df).pivot_table(index=["city", "type"], columns="status", values="n", observed=True, fill_value=0)
    n = n.reindex(columns=list(df["status"].cat.categories), fill_value=0).astype("int64")
    mixed = df["level"].nunique() > 1
    keys = n.index.tolist()
    return pd.DataFrame(
        {
            t("city", lang): [place_name(cities[c], lang, mixed) for c, _ in keys],
            t("type", lang): [name(metric_types[ty], lang) for _, ty in keys],
            **{status_label(s, lang): n[s].tolist() for s in n.columns},
            t("total", lang): n.sum(axis=1).tolist(),
        }
    )


def overview_bars(df: pd.DataFrame, cities: dict, metric_types: dict, lang: str, top: int = 0) -> go.Figure:
    """Figures per place and metric type, split by status: horizontal bars, one labelled row each.

    Rows, not columns: two neighbouring places with one short bar each (announced, no section) would share
    one slanted tick label's room on an x axis; on the y axis every row has its own line.
    top: at most this many places (those with most figures), the others summed in one last row (0: all).
    """
    counts = _counts(df)
    mixed = df["level"].nunique() > 1
    keep = busiest(df, top)
    rest = int(df["city"].nunique()) - len(keep)
    if rest > 0:  # never a chart of hundreds of places: the busiest, and one row for the others
        city = counts["city"].astype(object)
        counts = counts.assign(city=city.where(city.isin(set(keep)), OTHERS), status=counts["status"].astype(object))
        counts = counts.groupby(["city", "type", "status"], observed=True, sort=False)["n"].sum().reset_index()
        rank = {c: i for i, c in enumerate([*cities, OTHERS])}
        kinds = {ty: i for i, ty in enumerate(metric_types)}
        counts = counts.sort_values(
            ["city", "type"], key=lambda col: col.astype(object).map(rank if col.name == "city" else kinds)
        )

    def label(c: str) -> str:
        return t("other_places", lang).format(n=rest) if c == OTHERS else place_name(cities[c], lang, mixed)

    rows = counts[["city", "type"]].drop_duplicates()
    order = [(label(c), name(metric_types[ty], lang)) for c, ty in rows.itertuples(index=False)]
    fig = go.Figure()
    for status in df["status"].cat.categories:
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        y = [[label(c) for c in part["city"]], [name(metric_types[ty], lang) for ty in part["type"]]]
        fig.add_bar(
            y=y,
            x=part["n"],
            orientation="h",
            name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status], "pattern": BLANK_PATTERN if status == "blank" else None},
            hovertemplate="%{y}<br>%{x}<extra>" + html.escape(status_label(status, lang)) + "</extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=max(320, 140 + 24 * len(order)),
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": [list(z) for z in zip(*order, strict=True)] if order else [],
        },
    )
    return style(fig, t("chart_overview", lang))
