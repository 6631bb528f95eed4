"""Plain one-at-a-time definitions that tests check the product's fast, vectorised code against.

They live here, not in the product: the product keeps one implementation per job (views.text.Around,
views.gaps.removed); these say the same thing slowly and obviously.
"""

from __future__ import annotations

import re

from loaders.models import NUMBER_MISSING
from views.gaps import DIGIT_BINS, DigitCounts
from views.i18n import GAP_MARK
from views.text import SENTENCE_END

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding text[start:end]: from after the previous SENTENCE_END mark to the next one."""
    s = max(text.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, max(end, start)) for ch in SENTENCE_END) if i >= 0]
    e = min(ends) if ends else len(text)
    if e < len(text) and text[e] != "\n":
        e += 1  # keep the closing punctuation
    return s, e


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line(s) of the source holding text[start:end]."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, len(text) if e < 0 else e


def context(text: str, start: int, end: int, at: int, status: str) -> str:
    """The figure's sentence, with GAP_MARK where a number was deleted (a cut number's digits follow it)."""
    s, e = sentence_bounds(text, start, end)
    if status in NUMBER_MISSING:
        return text[s:at] + GAP_MARK + text[at:e]
    return text[s:e]


def snippet(text: str, start: int, end: int, at: int, at_end: int, status: str, width: int = 18) -> str:
    """A few characters either side of the figure, within its sentence: '…配备*建指导员【?】名、社区…'."""
    s, e = sentence_bounds(text, start, end)
    a, b = max(s, at - width), min(e, at_end + width)
    mark = GAP_MARK if status in NUMBER_MISSING else ""
    return ("…" if a > s else "") + text[a:at] + mark + text[at:b] + ("…" if b < e else "")


def gap_context(row, texts: dict[str, str]) -> str:
    return context(texts[row.source], int(row.start), int(row.end), int(row.at), row.status)


def gap_snippet(row, texts: dict[str, str]) -> str:
    return snippet(texts[row.source], int(row.start), int(row.end), int(row.at), int(row.at_end), row.status)


def surviving_numbers(text: str, start: int, end: int, cut: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """Arabic numbers written in text[start:end] as (offset, digits), leaving out digits of cut numbers."""
    return [
        (m.start(), m.group()) for m in NUMBER.finditer(text, start, end) if not any(a <= m.start() < b for a, b in cut)
    ]


def cut_spans(frame) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for r in frame[frame["status"] == "partial"].itertuples():
        if r.at_end > r.at:
            out.setdefault(r.source, []).append((int(r.at), int(r.at_end)))
    return out


def digit_counts(df, frame, texts: dict[str, str]) -> DigitCounts:
    """Digit lengths of the surviving numbers in the sources of df, in a paragraph with one of its gaps or not."""
    cut = cut_spans(frame)
    gap_paragraphs: dict[str, set[tuple[int, int]]] = {}
    for r in df[df["status"].isin(NUMBER_MISSING)].itertuples():
        gap_paragraphs.setdefault(r.source, set()).add(paragraph_bounds(texts[r.source], int(r.start), int(r.end)))
    near = dict.fromkeys(DIGIT_BINS, 0)
    elsewhere = dict.fromkeys(DIGIT_BINS, 0)
    longest = None
    for sid in dict.fromkeys(df["source"].tolist()):
        text = texts[sid]
        for pos, number in surviving_numbers(text, 0, len(text), cut.get(sid, [])):
            digits = sum(ch.isdigit() for ch in number)
            longest = max(longest or 0, digits)
            inside = any(s <= pos < e for s, e in gap_paragraphs.get(sid, ()))
            (near if inside else elsewhere)[min(digits, DIGIT_BINS[-1])] += 1
    return DigitCounts(
        near=near,
        elsewhere=elsewhere,
        blanks=int((df["status"] == "blank").sum()),
        partial=int((df["status"] == "partial").sum()),
        longest=longest,
    )


def highlight_render(text: str, ms, selected: str | None = None, span: tuple[int, int] | None = None) -> str:
    """views.highlight.render as it was: every line break a cut, every mark tested against every interval."""
    import html
    from itertools import pairwise

    from views.highlight import _clip, _innermost, gap_html
    from views.text import attr, visible
    from views.theme import SELECTED_RULE, STATUS_COLORS

    lo, hi = span or (0, len(text))
    ms = sorted(_clip(ms, lo, hi), key=lambda m: (m.start, m.id))
    cuts = {lo, hi}
    for m in ms:
        cuts.update((m.start, m.end, m.at, m.at_end))
    cuts.update(p for i in range(lo, hi) if text[i] == "\n" for p in (i, i + 1))
    points = sorted(c for c in cuts if lo <= c <= hi)
    segs = [(a, b, tuple(m for m in ms if m.start <= a and b <= m.end)) for a, b in pairwise(points)]
    starts: dict[int, list] = {}
    gaps: dict[int, list] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
        if m.status in NUMBER_MISSING:
            gaps.setdefault(m.at, []).append(m)

    def events(pos: int) -> str:
        out = [f'<span id="fig-{attr(m.id)}" class="fig-anchor"></span>' for m in starts.get(pos, [])]
        out += [gap_html(m, m.id == selected) for m in gaps.get(pos, [])]
        return "".join(out)

    parts = ['<div class="reader" style="line-height:1.9;font-size:1.02rem"><p>']
    for a, b, marks in segs:
        parts.append(events(a))
        piece = text[a:b]
        if piece == "\n":
            parts.append("</p>\n<p>")
            continue
        body = visible(html.escape(piece))
        if not marks:
            parts.append(body)
            continue
        chosen = any(m.id == selected for m in marks)
        inner = next(m for m in marks if m.id == selected) if chosen else _innermost(marks)
        number = any(m.at <= a and b <= m.at_end for m in marks)
        colour = STATUS_COLORS[inner.status]
        style = f"background:{colour}{'80' if chosen else '4d'};padding:0;color:inherit"
        if chosen:
            style += f";border-top:2px solid {SELECTED_RULE};border-bottom:2px solid {SELECTED_RULE}"
        elif len(marks) > 1:
            style += f";border-bottom:2px solid {colour}"
        if number:
            style += ";font-weight:700"
        title = "\n".join(m.title for m in sorted(marks, key=lambda m: (m.start, m.id)))
        ids = " ".join(m.id for m in marks)
        parts.append(f'<mark data-fig="{attr(ids)}" title="{attr(title)}" style="{style}">{body}</mark>')
    parts.append(events(hi))
    parts.append("</p></div>")
    return "".join(parts)
