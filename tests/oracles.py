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
