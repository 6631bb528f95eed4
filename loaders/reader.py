"""The source text as escaped HTML, every curated figure highlighted by status and every deleted number marked.

Quotes overlap and nest (several figures share one sentence), so the text is cut into elementary intervals at
every quote boundary, number boundary and newline; each interval is drawn once, with the set of figures covering
it. Tags therefore never cross, and stripping them gives back the text exactly.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from loaders.charts import STATUS_COLORS
from loaders.filters import Filters, apply
from loaders.i18n import GAP_MARK, status_label, t
from loaders.table import gap_note, label, labels, written

GAP_STATUSES = ("blank", "partial")
"""Figures whose number was deleted (wholly or in part): a gap mark is drawn where it belongs."""


@dataclass(frozen=True)
class Mark:
    id: str
    start: int  # quote
    end: int
    at: int  # where the number is, or where the deleted one belongs
    at_end: int
    status: str
    title: str  # hover text: label, id, value as written


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    marks: tuple[Mark, ...]  # every figure whose quote covers [start, end)


def marks(df: pd.DataFrame, lang: str) -> list[Mark]:
    """One Mark per row of the tidy frame."""
    out = []
    for r in df.to_dict(orient="records"):
        note = gap_note(r["status"], lang)
        value = written(r) + (f" ({note})" if note else "")
        title = f"{label(r, lang)} [{r['id']}]: {value} · {status_label(r['status'], lang)}"
        out.append(Mark(r["id"], int(r["start"]), int(r["end"]), int(r["at"]), int(r["at_end"]), r["status"], title))
    return out


def _clip(ms: Iterable[Mark], lo: int, hi: int) -> list[Mark]:
    """Marks whose quote starts inside [lo, hi), cut to it."""
    out = []
    for m in ms:
        if lo <= m.start < hi:
            end = min(m.end, hi)
            out.append(Mark(m.id, m.start, end, min(m.at, end), min(m.at_end, end), m.status, m.title))
    return out


def segments(text: str, ms: Iterable[Mark], span: tuple[int, int] | None = None) -> list[Segment]:
    """Elementary intervals of text[span]: cut at every quote, number and line boundary."""
    lo, hi = span or (0, len(text))
    ms = _clip(ms, lo, hi)
    cuts = {lo, hi}
    for m in ms:
        cuts.update((m.start, m.end, m.at, m.at_end))
    cuts.update(p for i in range(lo, hi) if text[i] == "\n" for p in (i, i + 1))
    points = sorted(c for c in cuts if lo <= c <= hi)
    return [Segment(a, b, tuple(m for m in ms if m.start <= a and b <= m.end)) for a, b in pairwise(points)]


def _innermost(ms: tuple[Mark, ...]) -> Mark:
    return min(ms, key=lambda m: (m.end - m.start, m.start, m.id))


def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def gap_html(m: Mark, selected: bool = False) -> str:
    """The visible marker where a number was deleted."""
    ring = ";outline:2px solid #1a202c" if selected else ""
    return (
        f'<span class="gap" title="{_attr(m.title)}" style="background:{STATUS_COLORS[m.status]};color:#fff;'
        f'border-radius:3px;padding:0 2px;margin:0 1px;font-weight:600{ring}">{html.escape(GAP_MARK)}</span>'
    )


def render(text: str, ms: Iterable[Mark], selected: str | None = None, span: tuple[int, int] | None = None) -> str:
    """text[span] as HTML paragraphs: highlights coloured by status, gap marks, one anchor fig-<id> per figure."""
    lo, hi = span or (0, len(text))
    ms = _clip(ms, lo, hi)
    segs = segments(text, ms, (lo, hi))
    starts: dict[int, list[Mark]] = {}
    gaps: dict[int, list[Mark]] = {}
    for m in sorted(ms, key=lambda m: (m.start, m.id)):
        starts.setdefault(m.start, []).append(m)
        if m.status in GAP_STATUSES:
            gaps.setdefault(m.at, []).append(m)

    def events(pos: int) -> str:
        out = [f'<span id="fig-{_attr(m.id)}" class="fig-anchor"></span>' for m in starts.get(pos, [])]
        out += [gap_html(m, m.id == selected) for m in gaps.get(pos, [])]
        return "".join(out)

    parts = ['<div class="reader" style="line-height:1.9;font-size:1.02rem"><p>']
    for seg in segs:
        parts.append(events(seg.start))
        piece = text[seg.start : seg.end]
        if piece == "\n":
            parts.append("</p>\n<p>")
            continue
        body = html.escape(piece)
        if not seg.marks:
            parts.append(body)
            continue
        chosen = any(m.id == selected for m in seg.marks)
        inner = next(m for m in seg.marks if m.id == selected) if chosen else _innermost(seg.marks)
        number = any(m.at <= seg.start and seg.end <= m.at_end for m in seg.marks)
        colour = STATUS_COLORS[inner.status]
        style = f"background:{colour}{'80' if chosen else '4d'};padding:0;color:inherit"
        if chosen:  # top and bottom rules run on across segments, unlike an outline
            style += ";border-top:2px solid #1a202c;border-bottom:2px solid #1a202c"
        elif len(seg.marks) > 1:
            style += f";border-bottom:2px solid {colour}"
        if number:
            style += ";font-weight:700"
        title = "\n".join(m.title for m in sorted(seg.marks, key=lambda m: (m.start, m.id)))
        ids = " ".join(m.id for m in seg.marks)
        parts.append(f'<mark data-fig="{_attr(ids)}" title="{_attr(title)}" style="{style}">{body}</mark>')
    parts.append(events(hi))  # a number deleted at the very end
    parts.append("</p></div>")
    return "".join(parts)


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
        (t("col_label", lang), label(row, lang)),
        (t("col_written", lang), written(row) + (f" ({n})" if (n := gap_note(row["status"], lang)) else "")),
        (t("status", lang), status_label(row["status"], lang)),
        (t("col_quote", lang), row["quote"]),
    ]
    note = row.get("note")
    if isinstance(note, str) and note:
        pairs.append((t("col_note", lang), note))
    return pairs


def jump_link(figure: str, lang: str) -> str:
    """An in-page link to the figure's anchor."""
    return f'<a href="#fig-{_attr(figure)}">{html.escape(t("reader_jump", lang))}</a>'


def paragraph(text: str, pos: int) -> str:
    """The line of text that contains pos."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


@dataclass(frozen=True)
class View:
    """What the Source reader draws under the shared filters."""

    n_figures: int  # the filtered figures, plus the chosen one even when filtered out
    chosen: dict | None  # the row of the figure opened by id=<figure>
    chosen_filtered_out: bool
    empty: bool  # no figure passes the filters
    options: list[str]  # figure ids for the picker, in the order of the text
    labels: dict[str, str]  # option id -> 'label · id'
    counts: dict[str, int]  # status -> highlighted figures
    source: str | None  # the source whose text is shown: the chosen figure's, else the one asked for, else the first


def shown(full: pd.DataFrame, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures passing the filters, those plus the chosen figure in the order of the text)."""
    passed = apply(full, f)
    keep = full.index.isin(passed.index)  # passed is a slice of full
    if f.figure:
        keep |= full["id"] == f.figure
    return passed, full[keep].sort_values(["source", "start", "at", "id"], kind="stable")


def view(full: pd.DataFrame, f: Filters, lang: str, sources: Sequence[str] = (), source: str | None = None) -> View:
    """The reader's figures: the shared filters applied, the chosen figure always kept.

    sources: the source ids in order; source: the one the reader picked (ignored when a figure is chosen).
    """
    passed, rows = shown(full, f)
    chosen = full[full["id"] == f.figure]
    chosen_row = chosen.iloc[0].to_dict() if f.figure and len(chosen) else None
    if chosen_row:
        source = chosen_row["source"]
    elif source not in sources:
        source = next(iter(sources), None)
    ids = rows["id"].astype(object)
    return View(
        n_figures=len(rows),
        chosen=chosen_row,
        chosen_filtered_out=bool(f.figure) and not (passed["id"] == f.figure).any(),
        empty=passed.empty,
        options=list(ids),
        labels=dict(zip(ids, labels(rows, lang) + " · " + ids, strict=True)),
        counts={str(k): int(v) for k, v in rows["status"].value_counts().items()},
        source=source,
    )


def source_html(full: pd.DataFrame, text: str, source: str, f: Filters) -> str:
    """One source's text rendered with the figures the reader shows in it (f.figure drawn apart)."""
    _, rows = shown(full[full["source"] == source], f)
    return render(text, marks(rows, f.lang), selected=f.figure)


def source_titles(sources: dict, lang: str) -> dict[str, str]:
    """Source id -> its title in lang, with the id after it when two sources share a title."""
    titles = {sid: src[f"title_{lang}"] for sid, src in sources.items()}
    n = Counter(titles.values())
    return {sid: f"{x} · {sid}" if n[x] > 1 else x for sid, x in titles.items()}
