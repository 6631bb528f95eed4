"""The Gaps page's data: where numbers are missing, how complete each city and type is, and the
evidence (not data) that the surviving numbers give about what was removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders.compare import written_all
from loaders.i18n import GAP_MARK, both, status_label, t
from loaders.models import STATUSES

SENTENCE_END = "。!?;!?;\n"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
GAP_STATUSES = ("blank", "partial", "missing_section")
CUT = ("blank", "partial")
DIGIT_BINS = (1, 2, 3, 4)  # the last bin holds 4 digits and more


# 1/ text around a figure
def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding text[start:end]: from after the previous 。!?; or line break to the next one."""
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
    if status in CUT:
        return text[s:at] + GAP_MARK + text[at:e]
    return text[s:e]


def gap_context(row, texts: dict[str, str]) -> str:
    return context(texts[row.source], int(row.start), int(row.end), int(row.at), row.status)


def snippet(text: str, start: int, end: int, at: int, at_end: int, status: str, width: int = 18) -> str:
    """A few characters either side of the figure, within its sentence: '…配备*建指导员【?】名、社区…'."""
    s, e = sentence_bounds(text, start, end)
    a, b = max(s, at - width), min(e, at_end + width)
    mark = GAP_MARK if status in CUT else ""
    return ("…" if a > s else "") + text[a:at] + mark + text[at:b] + ("…" if b < e else "")


def gap_snippet(row, texts: dict[str, str]) -> str:
    return snippet(texts[row.source], int(row.start), int(row.end), int(row.at), int(row.at_end), row.status)


_SENTENCE_CODES = np.array([ord(ch) for ch in SENTENCE_END], dtype=np.uint32)
_NEWLINE = ord("\n")


def _between(stops: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per (lo, hi): the offset after the last stop before lo, and the first stop at or after hi."""
    return stops[np.searchsorted(stops, lo) - 1] + 1, stops[np.searchsorted(stops, hi)]


@dataclass(frozen=True)
class Around:
    """Where each row's figure sits in its source: its text, sentence bounds and paragraph bounds.

    The bounds are those of sentence_bounds() and paragraph_bounds() (tests/test_gaps.py checks both on
    every figure and on random texts), found for all rows at once: the texts of the frame are joined,
    each after a line break (a stop for both: it ends the text before and starts this one), and each
    figure's bounds are a bisection among the stops of all of them.
    """

    texts: list[str]
    sentence: list[tuple[int, int]]
    paragraph: list[tuple[int, int]]

    @classmethod
    def of(cls, df: pd.DataFrame, texts: dict[str, str]) -> Around:
        sources = df["source"].tolist()
        order = list(dict.fromkeys(sources))
        sizes = np.array([len(texts[sid]) for sid in order], dtype=np.int64)
        base = dict(zip(order, (np.cumsum(sizes + 1) - sizes).tolist(), strict=True))  # each text's first offset
        codes = np.frombuffer("".join("\n" + texts[sid] for sid in order).encode("utf-32-le"), dtype=np.uint32)
        codes = np.append(codes, np.uint32(_NEWLINE))  # a stop after the last text as well
        shift = np.array([base[sid] for sid in sources], dtype=np.int64)
        a, b = df["start"].to_numpy(dtype=np.int64) + shift, df["end"].to_numpy(dtype=np.int64) + shift
        newline = codes == _NEWLINE
        s_s, s_e = _between(np.flatnonzero(newline | np.isin(codes, _SENTENCE_CODES)), a, np.maximum(a, b))
        s_e = s_e + ~newline[s_e]  # keep the closing punctuation, not a line break (nor the end of the text)
        p_s, p_e = _between(np.flatnonzero(newline), a, b)
        s_s, s_e, p_s, p_e = ((x - shift).tolist() for x in (s_s, s_e, p_s, p_e))
        return cls(
            [texts[sid] for sid in sources],
            list(zip(s_s, s_e, strict=True)),
            list(zip(p_s, p_e, strict=True)),
        )

    def contexts(self, df: pd.DataFrame) -> list[str]:
        """context() of every row: its sentence, GAP_MARK where the number was deleted."""
        at, status = df["at"].tolist(), df["status"].astype("object").tolist()
        return [
            text[s:a] + GAP_MARK + text[a:e] if st in CUT else text[s:e]
            for text, (s, e), a, st in zip(self.texts, self.sentence, at, status, strict=True)
        ]

    def snippets(self, df: pd.DataFrame, width: int = 18) -> list[str]:
        """snippet() of every row: a few characters either side of the figure, within its sentence."""
        out = []
        at, at_end, status = df["at"].tolist(), df["at_end"].tolist(), df["status"].astype("object").tolist()
        for text, (s, e), a, z, st in zip(self.texts, self.sentence, at, at_end, status, strict=True):
            lo, hi = max(s, a - width), min(e, z + width)
            mark = GAP_MARK if st in CUT else ""
            out.append(("…" if lo > s else "") + text[lo:a] + mark + text[a:hi] + ("…" if hi < e else ""))
        return out


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
    out["gaps"] = out[list(GAP_STATUSES)].sum(axis=1)
    out["total"] = out[list(STATUSES)].sum(axis=1)
    return out


def _order(cells: pd.DataFrame, col: str) -> list[str]:
    return list(dict.fromkeys(cells[col].tolist()))


def matrix_table(cells: pd.DataFrame, cities: dict, types: dict, lang: str) -> pd.DataFrame:
    """The heatmap as text: 'gaps / figures' per city and type; empty where a city has no figure of a type.

    cells: cell_counts() of the selection.
    """
    keys = zip(cells["city"].tolist(), cells["type"].tolist(), strict=True)
    counts = zip(cells["gaps"].tolist(), cells["total"].tolist(), strict=True)
    text = {key: f"{g} / {n}" if n else "" for key, (g, n) in zip(keys, counts, strict=True)}
    rows, columns = _order(cells, "city"), _order(cells, "type")
    return pd.DataFrame(
        [[text.get((c, ty), "") for ty in columns] for c in rows],
        index=pd.Index([both(cities[c], lang) for c in rows], name=t("city", lang)),
        columns=[types[ty][lang] for ty in columns],
    )


def completeness(cells: pd.DataFrame, by: str, registry: dict, lang: str) -> pd.DataFrame:
    """Per city (by='city') or type (by='type'): figures by status and the share reported.

    cells: cell_counts() of the selection. The share is reported / (reported + blank + partial); a city
    with no section has no figures, so its share is not 0% but 'no section'.
    """
    sums = cells.groupby(by, sort=False)[list(STATUSES)].sum()
    figures = (sums["reported"] + sums["blank"] + sums["partial"]).astype("int64")
    share = (sums["reported"] / figures.clip(lower=1)).astype("Float64").mask(figures == 0)  # <NA>, not 0 or NaN
    return pd.DataFrame(
        {
            t(by, lang): [both(registry[key], lang) for key in sums.index],
            t("gaps_col_figures", lang): figures.tolist(),
            **{status_label(st, lang): sums[st].astype("int64").tolist() for st in STATUSES},
            t("gaps_col_share", lang): [
                f"{x:.0%}" if x is not pd.NA else t("gaps_no_figures", lang) for x in share.tolist()
            ],
            "share": share.array,
        }
    )


def listing(df: pd.DataFrame, texts: dict[str, str], cities: dict, types: dict, lang: str) -> pd.DataFrame:
    """Every figure of the selection in its sentence, in text order; deleted numbers marked with GAP_MARK."""
    df = df.sort_values(["source", "start", "at"])
    around = Around.of(df, texts)
    return pd.DataFrame(
        {
            t("status", lang): _labels(df["status"], lambda st: status_label(st, lang)),
            t("city", lang): _labels(df["city"], lambda c: both(cities[c], lang)),
            t("type", lang): _labels(df["type"], lambda ty: types[ty][lang]),
            t("cmp_col_label", lang): df[f"label_{lang}"].tolist(),
            t("cmp_col_value", lang): written_all(df),
            t("gaps_col_around", lang): around.snippets(df),
            t("gaps_col_context", lang): around.contexts(df),
            "id": df["id"].tolist(),
        }
    )


def _labels(col: pd.Series, label) -> list[str]:
    """label(value) for every value of col, worked out once per distinct value."""
    values = col.astype("object").tolist()
    names = {v: label(v) for v in set(values)}
    return [names[v] for v in values]


def missing_sections(df: pd.DataFrame, cities: dict, texts: dict[str, str]) -> list[dict]:
    """Announced cities without a section, each with the sentence that announces it."""
    rows = df[df["status"] == "missing_section"]
    contexts = Around.of(rows, texts).contexts(rows)
    return [{**cities[c], "context": s} for c, s in zip(rows["city"].tolist(), contexts, strict=True)]


# 3/ evidence, not data: the numbers that survive
def cut_spans(frame: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per source, where the surviving digits of cut numbers sit (they are not whole numbers)."""
    out: dict[str, list[tuple[int, int]]] = {}
    cut = frame[(frame["status"] == "partial") & (frame["at_end"] > frame["at"])]
    for sid, a, b in zip(cut["source"].tolist(), cut["at"].tolist(), cut["at_end"].tolist(), strict=True):
        out.setdefault(sid, []).append((int(a), int(b)))
    return out


def surviving_numbers(text: str, start: int, end: int, cut: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """Arabic numbers written in text[start:end] as (offset, digits), leaving out digits of cut numbers."""
    out = []
    for m in NUMBER.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in cut):
            out.append((m.start(), m.group()))
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
        gaps = df[df["status"].isin(CUT)].sort_values(["source", "start", "at"])
        cut = cut_spans(frame)
        found = {sid: _Survivors.of(texts[sid], cut.get(sid, [])) for sid in dict.fromkeys(df["source"].tolist())}
        return cls(df, gaps, Around.of(gaps, texts), found)


def evidence(df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str], cities: dict, lang: str) -> pd.DataFrame:
    """For each blank or cut figure, the numbers that survive in its paragraph and their digit counts."""
    return _evidence(_Removed.of(df, frame, texts), cities, lang)


def _evidence(r: _Removed, cities: dict, lang: str) -> pd.DataFrame:
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
            t("city", lang): _labels(r.gaps["city"], lambda c: both(cities[c], lang)),
            t("cmp_col_label", lang): r.gaps[f"label_{lang}"].tolist(),
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


def digit_counts(df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str]) -> DigitCounts:
    """Digit lengths of the numbers that survive in the sources of the selection, near its gaps or not."""
    return _digit_counts(_Removed.of(df, frame, texts))


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
