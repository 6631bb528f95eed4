"""The Source reader's view: the figures under the shared filters, the chosen one, the legend, the texts."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from loaders.filters import Filters, apply
from views.highlight import marks, render
from views.i18n import GAP_MARK, status_label, t
from views.table import labels
from views.text import attr
from views.theme import STATUS_COLORS
from views.writing import as_written, one


def legend(counts: dict[str, int], lang: str) -> str:
    """Status colours with counts, and the gap marker, as escaped HTML."""
    items = []
    for status, colour in STATUS_COLORS.items():
        name = html.escape(f"{status_label(status, lang)} ({counts.get(status, 0)})")
        items.append(
            f'<span style="margin-right:1.2em;white-space:nowrap"><span style="display:inline-block;width:.9em;'
            f'height:.9em;background:{colour};border-radius:2px;vertical-align:middle"></span> {name}</span>'
        )
    gap = html.escape(GAP_MARK)
    items.append(
        f'<span style="white-space:nowrap"><span style="background:{STATUS_COLORS["blank"]};color:#fff;'
        f'border-radius:3px;padding:0 2px;font-weight:600">{gap}</span> {html.escape(t("gap_legend", lang))}</span>'
    )
    return '<div class="legend" style="font-size:.9rem">' + "".join(items) + "</div>"


def details(row: dict, lang: str) -> list[tuple[str, str]]:
    """(field, text) pairs describing one figure, for the top of the reader."""
    pairs = [
        (t("col_label", lang), labels(pd.DataFrame([row]), lang).iloc[0]),
        (t("col_written", lang), one(row, lang)),
        (t("status", lang), status_label(row["status"], lang)),
        (t("col_quote", lang), row["quote"]),
    ]
    note = row.get("note")
    if isinstance(note, str) and note:
        pairs.append((t("col_note", lang), note))
    return pairs


def jump_link(figure: str, lang: str) -> str:
    """An in-page link to the figure's anchor."""
    return f'<a href="#fig-{attr(figure)}">{html.escape(t("reader_jump", lang))}</a>'


@dataclass(frozen=True)
class View:
    """What the Source reader draws under the shared filters: one source's text at a time."""

    n_figures: int  # highlighted in the shown text: the filtered figures, plus the chosen one
    n_total: int  # every figure of the shown text
    chosen: dict | None  # the row of the figure opened by id=<figure>
    chosen_filtered_out: bool
    empty: bool  # no figure of the shown text passes the filters
    options: list[str]  # figure ids for the picker, in the order of the text
    labels: dict[str, str]  # option id -> 'label · id'
    counts: dict[str, int]  # status -> highlighted figures in the shown text
    source: str | None  # the chosen figure's source, else the first source the filters leave
    sources: list[str]  # the sources the picker offers: those the source and place filters leave


def shown(full: pd.DataFrame, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures passing the filters, those plus the chosen figure in the order of the text)."""
    passed = apply(full, f)
    keep = full.index.isin(passed.index)  # passed is a slice of full
    if f.id:
        keep |= full["id"] == f.id
    return passed, full[keep].sort_values(["source", "start", "at", "id"], kind="stable")


def readable(full: pd.DataFrame, f: Filters, sources: Sequence[str], appearances) -> list[str]:
    """The sources the reader may show: those in the source filter (all when none), and naming a filtered place."""
    out = [s for s in sources if not f.source or s in f.source]
    if f.city:
        out = [s for s in out if any((s, c) in appearances for c in f.city)]
    return out


def view(full: pd.DataFrame, f: Filters, lang: str, sources: Sequence[str] = (), appearances=None) -> View:
    """The reader's figures in one source: the chosen figure's, else the first the filters leave.

    sources: the source ids in registry order; appearances: the Bundle's (source, place) pairs.
    """
    offered = readable(full, f, sources, appearances or {})
    chosen = full[full["id"] == f.id]
    chosen_row = chosen.iloc[0].to_dict() if f.id and len(chosen) else None
    source = chosen_row["source"] if chosen_row else next(iter(offered), None)
    if source is not None and source not in offered:
        offered = [*offered, source]
    own = full[full["source"] == source]
    passed, rows = shown(own, replace(f, source=()))  # the source filter picks the text, not its figures
    ids = rows["id"].astype(object)
    return View(
        n_figures=len(rows),
        n_total=len(own),
        chosen=chosen_row,
        chosen_filtered_out=bool(f.id) and not (passed["id"] == f.id).any(),
        empty=passed.empty,
        options=list(ids),
        labels=dict(zip(ids, labels(rows, lang) + " · " + ids, strict=True)),
        counts={str(k): int(v) for k, v in rows["status"].value_counts().items() if v},
        source=source,
        sources=offered,
    )


def figures(full: pd.DataFrame, f: Filters, source: str, lang: str) -> pd.DataFrame:
    """The figures highlighted in the shown text, in its order, as each one's hover and details give them: id,
    label, value as written, status, quote, note."""
    _, rows = shown(full[full["source"] == source], replace(f, source=()))
    return pd.DataFrame(
        {
            "id": rows["id"].astype(object).tolist(),
            t("col_label", lang): labels(rows, lang).tolist(),
            t("col_written", lang): as_written(rows, lang).tolist(),
            t("status", lang): [status_label(s, lang) for s in rows["status"].astype(object)],
            t("col_quote", lang): rows["quote"].tolist(),
            t("col_note", lang): rows["note"].tolist(),
        }
    )


def source_html(full: pd.DataFrame, text: str, source: str, f: Filters) -> str:
    """One source's text rendered with the figures the reader shows in it (f.id drawn apart)."""
    _, rows = shown(full[full["source"] == source], replace(f, source=()))
    return render(text, marks(rows, f.lang), selected=f.id)
