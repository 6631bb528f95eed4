"""The Gaps page's view: where numbers are missing, how complete each city and type is, and the evidence
(not data) that the surviving numbers give about what was removed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from loaders.models import GAPS, NUMBER_MISSING, STATUSES
from views import absent
from views.charts import OTHERS, figure
from views.i18n import both, name, place_names, status_label, t
from views.table import label_in
from views.text import Around
from views.theme import BLANK_PATTERN, STATUS_COLORS
from views.writing import as_written

NUMBER = re.compile(r"\d+(?:\.\d+)?")
DIGIT_BINS = (1, 2, 3, 4)  # the last bin holds 4 digits and more


# 2/ counts and completeness
def cell_counts(df: pd.DataFrame) -> pd.DataFrame:
    """City x type cells of the selection with counts per status, gaps (blank+partial+section) and total.

    Every city and every type of the selection (in registry order) meet in a cell, with 0 counts where a
    city has no figure of a type. Counted in one pass over the category codes.
    """
    city, kind, status = (df[col].cat for col in ("city", "type", "status"))
    n_city, n_kind, n_status = len(city.categories), len(kind.categories), len(STATUSES)
    to_status = np.array([STATUSES.index(x) for x in status.categories], dtype=np.int64)
    at = (city.codes.to_numpy(np.int64) * n_kind + kind.codes.to_numpy(np.int64)) * n_status
    counts = np.bincount(at + to_status[status.codes.to_numpy(np.int64)], minlength=n_city * n_kind * n_status)
    counts = counts.reshape(n_city, n_kind, n_status)
    has_city, has_kind = counts.sum(axis=(1, 2)) > 0, counts.sum(axis=(0, 2)) > 0
    counts = counts[has_city][:, has_kind].reshape(-1, n_status)
    cities, kinds = city.categories[has_city].tolist(), kind.categories[has_kind].tolist()
    out = pd.DataFrame(counts, columns=list(STATUSES), dtype="int64")
    out.insert(0, "city", np.repeat(np.array(cities, dtype=object), len(kinds)))
    out.insert(1, "type", np.tile(np.array(kinds, dtype=object), len(cities)))
    out["gaps"] = out[list(GAPS)].sum(axis=1)
    out["total"] = out[list(STATUSES)].sum(axis=1)
    return out


@dataclass(frozen=True)
class Counts:
    """What the Gaps page counts in a selection (every status), before any listing."""

    frame: pd.DataFrame  # the selected rows
    cells: pd.DataFrame  # cell_counts()
    matrix: pd.DataFrame  # matrix_table()
    by_city: pd.DataFrame  # completeness(by city)
    by_type: pd.DataFrame  # completeness(by type)
    absent: dict  # missing_sections(): source id -> places announced without a section
    sources: list[str]  # the selection's sources, in the order of their first figure


def counts(df: pd.DataFrame, cities: dict, metric_types: dict, texts: dict[str, str], lang: str) -> Counts:
    cells = cell_counts(df)
    return Counts(
        frame=df,
        cells=cells,
        matrix=matrix_table(cells, cities, metric_types, lang),
        by_city=completeness(cells, "city", cities, lang),
        by_type=completeness(cells, "type", metric_types, lang),
        absent=absent.missing_sections(df, cities, texts, lang),
        sources=list(dict.fromkeys(df["source"].unique().tolist())),
    )


def _order(cells: pd.DataFrame, col: str) -> list[str]:
    return list(dict.fromkeys(cells[col].tolist()))


def matrix_table(cells: pd.DataFrame, cities: dict, metric_types: dict, lang: str) -> pd.DataFrame:
    """The heatmap as text: 'gaps / figures' per city and type; empty where a city has no figure of a type.

    cells: cell_counts() of the selection.
    """
    keys = zip(cells["city"].tolist(), cells["type"].tolist(), strict=True)
    counts = zip(cells["gaps"].tolist(), cells["total"].tolist(), strict=True)
    text = {key: f"{g} / {n}" if n else "" for key, (g, n) in zip(keys, counts, strict=True)}
    rows, columns = _order(cells, "city"), _order(cells, "type")
    named = place_names(rows, cities, lang)  # as the heatmap names them: level and province where they differ
    return pd.DataFrame(
        [[text.get((c, ty), "") for ty in columns] for c in rows],
        index=pd.Index([named[c] for c in rows], name=t("city", lang)),
        columns=[name(metric_types[ty], lang) for ty in columns],
    )


def completeness(cells: pd.DataFrame, by: str, registry: dict, lang: str) -> pd.DataFrame:
    """Per city (by='city') or type (by='type'): figures by status and the share reported.

    cells: cell_counts() of the selection. The share is reported / (reported + blank + partial); a city
    with no section has no figures, so its share is not 0% but 'no section'.
    """
    sums = cells.groupby(by, sort=False)[list(STATUSES)].sum()
    figures = (sums["reported"] + sums["blank"] + sums["partial"]).astype("int64")
    share = (sums["reported"] / figures.clip(lower=1)).astype("Float64").mask(figures == 0)  # <NA>, not 0 or NaN
    keys = sums.index.tolist()
    # places as the heatmap names them (level and province where they differ); a type by its two names
    named = place_names(keys, registry, lang) if by == "city" else {k: both(registry[k], lang) for k in keys}
    return pd.DataFrame(
        {
            t(by, lang): [named[key] for key in keys],
            t("gaps_col_figures", lang): figures.tolist(),
            **{status_label(st, lang): sums[st].astype("int64").tolist() for st in STATUSES},
            t("gaps_col_share", lang): [
                f"{x:.0%}" if x is not pd.NA else t("gaps_no_figures", lang) for x in share.tolist()
            ],
            "share": share.array,
        }
    )


def listing(
    df: pd.DataFrame,
    texts: dict[str, str],
    cities: dict,
    metric_types: dict,
    lang: str,
    elsewhere: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Every figure of the selection in its sentence, in text order; deleted numbers marked with GAP_MARK.

    elsewhere: gap id -> the same place and indicator as other sources report it (views.elsewhere.notes),
    shown in its own column beside the gap, never in the gap's value.
    """
    df = df.sort_values(["source", "start", "at"])
    around = Around.of(df, texts)
    notes = elsewhere or {}
    named = place_names(df["city"].unique(), cities, lang)  # with level and province where they differ
    return pd.DataFrame(
        {
            t("status", lang): _labels(df["status"], lambda st: status_label(st, lang)),
            t("city", lang): _labels(df["city"], lambda c: named[c]),
            t("type", lang): _labels(df["type"], lambda ty: name(metric_types[ty], lang)),
            t("cmp_col_label", lang): label_in(df, lang).tolist(),
            t("cmp_col_value", lang): as_written(df, lang).tolist(),
            t("gaps_col_elsewhere", lang): ["; ".join(notes.get(i, ())) for i in df["id"].tolist()],
            t("gaps_col_around", lang): around.snippets(df),
            t("gaps_col_context", lang): around.contexts(df),
            t("col_source", lang): df["source"].tolist(),
            "id": df["id"].tolist(),
        }
    )


def _labels(col: pd.Series, label) -> list[str]:
    """label(value) for every value of col, worked out once per distinct value."""
    values = col.astype("object").tolist()
    names = {v: label(v) for v in set(values)}
    return [names[v] for v in values]


# 3/ evidence, not data: the numbers that survive
def cut_spans(frame: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per source, where the surviving digits of cut numbers sit (they are not whole numbers)."""
    out: dict[str, list[tuple[int, int]]] = {}
    cut = frame[(frame["status"] == "partial") & (frame["at_end"] > frame["at"])]
    for sid, a, b in zip(cut["source"].tolist(), cut["at"].tolist(), cut["at_end"].tolist(), strict=True):
        out.setdefault(sid, []).append((int(a), int(b)))
    return out


def n_digits(number: str) -> int:
    return sum(map(str.isdigit, number))


@dataclass(frozen=True)
class _Survivors:
    """The surviving numbers of one whole text (surviving_numbers), in text order, with their digit counts."""

    offsets: np.ndarray
    numbers: list[str]
    digits: np.ndarray

    @classmethod
    def of(cls, text: str, cut: list[tuple[int, int]]) -> _Survivors:
        found = [(m.start(), m.group()) for m in NUMBER.finditer(text)]
        offsets = np.array([p for p, _ in found], dtype=np.int64)
        keep = np.ones(len(found), dtype=bool)
        for a, b in cut:
            keep &= (offsets < a) | (offsets >= b)
        numbers = [n for (_, n), k in zip(found, keep.tolist(), strict=True) if k]
        return cls(offsets[keep], numbers, np.array([n_digits(n) for n in numbers], dtype=np.int64))

    def within(self, start: int, end: int) -> slice:
        """The numbers in text[start:end] (a paragraph: whole lines, so no number crosses its ends)."""
        return slice(int(np.searchsorted(self.offsets, start)), int(np.searchsorted(self.offsets, end)))


@dataclass(frozen=True)
class _Removed:
    """What evidence() and digit_counts() both work from, found once: the blank and cut figures of the
    selection in text order and where they sit, and the surviving numbers of each of its sources."""

    df: pd.DataFrame
    gaps: pd.DataFrame
    around: Around
    found: dict[str, _Survivors]

    @classmethod
    def of(cls, df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str]) -> _Removed:
        gaps = df[df["status"].isin(NUMBER_MISSING)].sort_values(["source", "start", "at"])
        cut = cut_spans(frame)
        found = {sid: _Survivors.of(texts[sid], cut.get(sid, [])) for sid in dict.fromkeys(df["source"].tolist())}
        return cls(df, gaps, Around.of(gaps, texts), found)


def _evidence(r: _Removed, cities: dict, lang: str) -> pd.DataFrame:
    # named over the whole selection, as the matrix and completeness tables name them: one place, one name
    named = place_names(r.df["city"].unique(), cities, lang)
    keys = list(zip(r.gaps["source"].tolist(), r.around.paragraph, strict=True))
    per_paragraph: dict[tuple, tuple[str, str]] = {}  # figures that share a paragraph share its numbers
    for key in keys:
        if key not in per_paragraph:
            sv = r.found[key[0]]
            part = sv.within(*key[1])
            nums, digits = sv.numbers[part], sv.digits[part].tolist()
            near = " · ".join(f"{n} ({d})" for n, d in zip(nums, digits, strict=True)) or "–"
            per_paragraph[key] = (near, str(max(digits)) if digits else "–")
    return pd.DataFrame(
        {
            t("city", lang): _labels(r.gaps["city"], lambda c: named[c]),
            t("cmp_col_label", lang): label_in(r.gaps, lang).tolist(),
            t("status", lang): _labels(r.gaps["status"], lambda st: status_label(st, lang)),
            t("gaps_col_around", lang): r.around.snippets(r.gaps),
            t("gaps_col_near", lang): [per_paragraph[k][0] for k in keys],
            t("gaps_col_longest", lang): [per_paragraph[k][1] for k in keys],
            t("gaps_col_context", lang): r.around.contexts(r.gaps),
            "id": r.gaps["id"].tolist(),
        }
    )


@dataclass(frozen=True)
class DigitCounts:
    near: dict[int, int]  # digit length bin -> surviving numbers in paragraphs with a gap of the selection
    elsewhere: dict[int, int]  # the same for the rest of the sources
    blanks: int
    partial: int
    longest: int | None  # digits of the longest surviving number anywhere in the sources

    @property
    def surviving(self) -> int:
        return sum(self.near.values()) + sum(self.elsewhere.values())


def _digit_counts(r: _Removed) -> DigitCounts:
    paragraphs: dict[str, set[tuple[int, int]]] = {}
    for sid, bounds in zip(r.gaps["source"].tolist(), r.around.paragraph, strict=True):
        paragraphs.setdefault(sid, set()).add(bounds)
    near = np.zeros(DIGIT_BINS[-1] + 1, dtype=np.int64)  # index: digits, the last bin holding more
    elsewhere = np.zeros_like(near)
    longest = None
    for sid, sv in r.found.items():
        if not len(sv.digits):
            continue
        inside = np.zeros(len(sv.digits), dtype=bool)
        for s, e in paragraphs.get(sid, ()):
            inside[sv.within(s, e)] = True
        binned = np.minimum(sv.digits, DIGIT_BINS[-1])
        near += np.bincount(binned[inside], minlength=len(near))
        elsewhere += np.bincount(binned[~inside], minlength=len(near))
        longest = max(longest or 0, int(sv.digits.max()))
    status = r.df["status"]
    return DigitCounts(
        near={d: int(near[d]) for d in DIGIT_BINS},
        elsewhere={d: int(elsewhere[d]) for d in DIGIT_BINS},
        blanks=int((status == "blank").sum()),
        partial=int((status == "partial").sum()),
        longest=longest,
    )


def removed(
    df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str], cities: dict, lang: str
) -> tuple[DigitCounts, pd.DataFrame]:
    """digit_counts() and evidence() of one selection together, sharing the work they have in common."""
    r = _Removed.of(df, frame, texts)
    return _digit_counts(r), _evidence(r, cities, lang)


def evidence_summary(c: DigitCounts, lang: str) -> str:
    return t("gaps_evidence_summary", lang).format(
        n=c.surviving, longest="–" if c.longest is None else c.longest, blanks=c.blanks, partial=c.partial
    )


def fold_places(cells: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """cell_counts() with the places not in keep summed into one row of place OTHERS, after the others."""
    if set(cells["city"]) <= set(keep):
        return cells
    numbers = [*STATUSES, "gaps", "total"]
    city = cells["city"].where(cells["city"].isin(set(keep)), OTHERS)
    folded = cells.assign(city=city).groupby(["city", "type"], sort=False)[numbers].sum().reset_index()
    rank = {c: i for i, c in enumerate([*dict.fromkeys(cells["city"]), OTHERS])}
    kinds = {ty: i for i, ty in enumerate(dict.fromkeys(cells["type"]))}
    return folded.sort_values(
        ["city", "type"], key=lambda col: col.map(rank if col.name == "city" else kinds), kind="stable"
    ).reset_index(drop=True)


def gaps_heatmap(cells: pd.DataFrame, cities: dict, metric_types: dict, lang: str, top: int = 0) -> go.Figure:
    """City x type: colour = missing figures (blank + cut + no section); text = missing / figures.

    Cells where a city has no figure of a type stay empty (None), not 0. The hover names the cell and its
    counts per status: one template filled in by the browser from each cell's counts (customdata), not a
    string per cell. Built as plain data like compare_bars. top: at most this many rows of places, those
    with most figures (0: all); the others summed in one last row.
    """
    totals = cells.groupby("city", sort=False)["total"].sum()
    keep = totals.sort_values(ascending=False, kind="stable").index[: top or None].tolist()
    others = len(totals) - len(keep)
    cells = fold_places(cells, keep)
    ys = list(dict.fromkeys(cells["city"].tolist()))
    xs = list(dict.fromkeys(cells["type"].tolist()))
    at = {key: i for i, key in enumerate(zip(cells["city"].tolist(), cells["type"].tolist(), strict=True))}
    order = [at[(c, ty)] for c in ys for ty in xs]
    gaps, total = (cells[col].to_numpy(dtype="int64")[order].reshape(len(ys), len(xs)) for col in ("gaps", "total"))
    per_status = cells[list(STATUSES)].to_numpy(dtype="int64")[order].reshape(len(ys), len(xs), len(STATUSES))
    has = total > 0
    named = place_names(ys, cities, lang)  # with level and province where they differ
    counts = [f"{html.escape(status_label(s, lang))}: %{{customdata[{i}]}}" for i, s in enumerate(STATUSES)]
    heatmap = {
        "type": "heatmap",
        "z": np.where(has, gaps, None).tolist(),
        "x": [html.escape(name(metric_types[ty], lang)) for ty in xs],
        "y": [html.escape(t("other_places", lang).format(n=others) if c == OTHERS else named[c]) for c in ys],
        "text": np.where(has, np.char.add(np.char.add(gaps.astype(str), " / "), total.astype(str)), "").tolist(),
        "texttemplate": "%{text}",
        "customdata": per_status,
        "hovertemplate": "<br>".join(["%{y} · %{x}", *counts]) + "<extra></extra>",
        "colorscale": [[0, "#f7fafc"], [1, STATUS_COLORS["partial"]]],
        "zmin": 0,  # a fixed scale from 0: a cell with nothing missing is pale, never the colour of a gap
        "zmax": max(1, int(gaps.max(initial=0))),
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": html.escape(t("gaps_missing", lang))}},
    }
    layout = {
        "yaxis": {"autorange": "reversed", "showgrid": False},
        "xaxis": {"showgrid": False, "tickangle": -30, "side": "bottom"},
        "height": 140 + 48 * len(ys),
    }
    return figure([heatmap], layout, t("gaps_heatmap", lang))


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
    return figure(bars, layout, t("gaps_hist", lang))
