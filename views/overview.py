"""The Overview page's view: how many figures, how many gaps, which announced cities have no section."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from views.charts import OTHERS, busiest, style
from views.i18n import name, place_names, status_label, t
from views.theme import BLANK_PATTERN, STATUS_COLORS


@dataclass(frozen=True)
class Headline:
    """Counts over the figures that pass the current filters."""

    figures: int  # every row, as every page counts them (the Data page's total, the reader's)
    cities_with_section: int  # (source, place) pairs among those figures whose source has a section for the place
    cities_announced: int  # (source, place) pairs among those figures, of sources that have headed sections
    blanks: int
    partial: int
    share_blank: float | None  # blank + partial among figures that are not section gaps
    no_section: int = 0  # rows of a place announced without a section: counted in figures, not in the share
    places: int = 0  # distinct places the figures concern (any source)

    @property
    def with_number(self) -> int:
        """Rows reported, blank or cut: what the share blank or cut is over."""
        return self.figures - self.no_section


def headline(df: pd.DataFrame, sections: dict) -> Headline:
    """sections: the Bundle's (source, place) -> section; a place has a section in the source that has one."""
    absent = int((df["status"] == "missing_section").sum())
    numbered = len(df) - absent
    blanks = int((df["status"] == "blank").sum())
    partial = int((df["status"] == "partial").sum())
    pairs = set(zip(df["source"].tolist(), df["city"].tolist(), strict=True))  # once, not per place (bench/)
    # only sources that give places headed sections count: a news story simply names its places
    sectioned = {sid for sid, _ in sections}
    pairs = {pair for pair in pairs if pair[0] in sectioned}
    return Headline(
        figures=len(df),
        cities_with_section=len(pairs & set(sections)),
        cities_announced=len(pairs),
        blanks=blanks,
        partial=partial,
        share_blank=(blanks + partial) / numbered if numbered else None,
        no_section=absent,
        places=int(df["city"].nunique()),
    )


def places_metric(head: Headline, lang: str) -> tuple[str, str, str | None]:
    """The headline's place count as (label, value, help). "Places with a section" only where a source of the
    selection gives places headed sections; otherwise "0 / 0" would read as something missing, so the places
    the figures concern are counted instead, and the help says why."""
    if head.cities_announced:
        return t("cities_with_section", lang), f"{head.cities_with_section} / {head.cities_announced}", None
    return t("places_named", lang), str(head.places), t("places_named_help", lang)


def counts_note(head: Headline, lang: str) -> str | None:
    """What the headline counts leave out, in words; None when they leave nothing out."""
    if not head.no_section:
        return None
    return t("overview_counts_note", lang).format(figures=head.with_number, absent=head.no_section)


def _counts(df: pd.DataFrame) -> pd.DataFrame:
    """Figures per (place, type, status) present in df, in registry order: the bars of overview_bars."""
    return df.groupby(["city", "type", "status"], observed=True).size().rename("n").reset_index()


def counts(df: pd.DataFrame, cities: dict, metric_types: dict, lang: str) -> pd.DataFrame:
    """The counts behind overview_bars as a table: one row per bar (place and type), a column per status and
    the total, headed in lang. A 0 here is a count (no figure of that status), never a missing number."""
    n = _counts(df).pivot_table(index=["city", "type"], columns="status", values="n", observed=True, fill_value=0)
    n = n.reindex(columns=list(df["status"].cat.categories), fill_value=0).astype("int64")
    keys = n.index.tolist()
    named = place_names([c for c, _ in keys], cities, lang)  # with level and province where they differ
    return pd.DataFrame(
        {
            t("city", lang): [named[c] for c, _ in keys],
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
    named = place_names(counts["city"].unique(), cities, lang)  # with level and province where they differ
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

    def label(c: str) -> str:  # tick text is markup to Plotly: a place named `<b>x</b>` is drawn as that text
        return html.escape(t("other_places", lang).format(n=rest) if c == OTHERS else named[c])

    def kind(ty: str) -> str:
        return html.escape(name(metric_types[ty], lang))

    rows = counts[["city", "type"]].drop_duplicates()
    order = [(label(c), kind(ty)) for c, ty in rows.itertuples(index=False)]
    fig = go.Figure()
    for status in df["status"].cat.categories:
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        y = [[label(c) for c in part["city"]], [kind(ty) for ty in part["type"]]]
        fig.add_bar(
            y=y,
            x=part["n"],
            orientation="h",
            name=html.escape(status_label(status, lang)),
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
