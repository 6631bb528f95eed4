"""A source text as escaped HTML, curated figures highlighted by status and every deleted number marked
(the Source reader and the City profile's section).

Quotes overlap and nest (several figures share one sentence), so the text is cut into elementary intervals at
every quote boundary, number boundary and newline; each interval is drawn once, with the set of figures covering
it. Tags therefore never cross, and stripping them gives back the text exactly, but for a control character or
a bidirectional override, which is drawn as ⟨U+202E⟩ (views.text.visible) so that it can neither hide nor reverse
the text after it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from loaders.models import NUMBER_MISSING
from views.i18n import GAP_MARK, status_label
from views.table import labels
from views.text import attr, visible
from views.theme import SELECTED_RULE, STATUS_COLORS
from views.writing import as_written


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
    """One Mark per row of the tidy frame; its title: label [id]: value as written · status."""
    shown, names = as_written(df, lang).tolist(), labels(df, lang).tolist()
    statuses = {s: status_label(s, lang) for s in set(df["status"].astype("object").tolist())}
    cols = (df[c].tolist() for c in ("id", "start", "end", "at", "at_end", "status"))
    return [
        Mark(i, int(s), int(e), int(a), int(z), st, f"{name} [{i}]: {value} · {statuses[st]}")
        for (i, s, e, a, z, st), name, value in zip(zip(*cols, strict=True), names, shown, strict=True)
    ]


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
    nl = text.find("\n", lo, hi)
    while nl >= 0:  # found in C: a text of half a million lines is not walked character by character
        cuts.update((nl, nl + 1))
        nl = text.find("\n", nl + 1, hi)
    points = sorted(c for c in cuts if lo <= c <= hi)
    return [Segment(a, b, covering) for a, b, covering in _sweep(ms, points)]


def _sweep(ms: list[Mark], points: list[int]):
    """(a, b, the marks covering [a, b)) for consecutive points, the marks in ms's order: one pass, not every
    mark tested against every interval (thousands of marks on a long text made that quadratic; issue 22)."""
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, m in enumerate(ms):
        if m.start < m.end:
            opening.setdefault(m.start, []).append(i)
            closing.setdefault(m.end, []).append(i)
    active: set[int] = set()
    for a, b in pairwise(points):
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        yield a, b, tuple(ms[i] for i in sorted(active)) if active else ()


def _innermost(ms: tuple[Mark, ...]) -> Mark:
    return min(ms, key=lambda m: (m.end - m.start, m.start, m.id))


def gap_html(m: Mark, selected: bool = False) -> str:
    """The visible marker where a number was deleted."""
    ring = f";outline:2px solid {SELECTED_RULE}" if selected else ""
    return (
        f'<span class="gap" title="{attr(m.title)}" style="background:{STATUS_COLORS[m.status]};color:#fff;'
        f'border-radius:3px;padding:0 2px;margin:0 1px;font-weight:600{ring}">{html.escape(GAP_MARK)}</span>'
    )


def render(text: str, ms: Iterable[Mark], selected: str | None = None, span: tuple[int, int] | None = None) -> str:
    """text[span] as HTML paragraphs: highlights coloured by status, gap marks, one anchor fig-<id> per figure.

    Linear in the text: it is cut at the marks' boundaries only, and a stretch no figure covers is escaped in
    one piece, its line breaks turned into paragraph breaks (an 8 MB text of short lines took seconds; issue 22).
    """
    lo, hi = span or (0, len(text))
    ms = sorted(_clip(ms, lo, hi), key=lambda m: (m.start, m.id))  # the same HTML whatever order the rows came in
    cuts = {lo, hi}
    for m in ms:
        cuts.update((m.start, m.end, m.at, m.at_end))
    points = sorted(c for c in cuts if lo <= c <= hi)
    starts: dict[int, list[Mark]] = {}
    gaps: dict[int, list[Mark]] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
        if m.status in NUMBER_MISSING:
            gaps.setdefault(m.at, []).append(m)

    def events(pos: int) -> str:
        out = [f'<span id="fig-{attr(m.id)}" class="fig-anchor"></span>' for m in starts.get(pos, [])]
        out += [gap_html(m, m.id == selected) for m in gaps.get(pos, [])]
        return "".join(out)

    parts = ['<div class="reader" style="line-height:1.9;font-size:1.02rem"><p>']
    for a, b, covering in _sweep(ms, points):
        parts.append(events(a))
        piece = text[a:b]
        if not covering:
            parts.append(visible(html.escape(piece)).replace("\n", BREAK))
            continue
        chosen = any(m.id == selected for m in covering)
        inner = next(m for m in covering if m.id == selected) if chosen else _innermost(covering)
        number = any(m.at <= a and b <= m.at_end for m in covering)
        colour = STATUS_COLORS[inner.status]
        style = f"background:{colour}{'80' if chosen else '4d'};padding:0;color:inherit"
        if chosen:  # top and bottom rules run on across segments, unlike an outline
            style += f";border-top:2px solid {SELECTED_RULE};border-bottom:2px solid {SELECTED_RULE}"
        elif len(covering) > 1:
            style += f";border-bottom:2px solid {colour}"
        if number:
            style += ";font-weight:700"
        title = "\n".join(m.title for m in sorted(covering, key=lambda m: (m.start, m.id)))
        ids = " ".join(m.id for m in covering)
        head = f'<mark data-fig="{attr(ids)}" title="{attr(title)}" style="{style}">'
        # a line break inside a quote closes the paragraph between two marks: tags never cross
        parts.append(
            BREAK.join(f"{head}{visible(html.escape(line))}</mark>" if line else "" for line in piece.split("\n"))
        )
    parts.append(events(hi))  # a number deleted at the very end
    parts.append("</p></div>")
    return "".join(parts)


BREAK = "</p>\n<p>"
