"""The Gaps page's data: where numbers are missing, how complete each city and type is, and the
evidence (not data) that the surviving numbers give about what was removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from loaders.compare import written
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


# 2/ counts and completeness
def _present(df: pd.DataFrame, col: str) -> list[str]:
    return [c for c in df[col].cat.categories if c in set(df[col])]


def cell_counts(df: pd.DataFrame) -> pd.DataFrame:
    """City x type cells of the selection with counts per status, gaps (blank+partial+section) and total."""
    cross = df.groupby(["city", "type", "status"], observed=True).size().unstack("status", fill_value=0)
    cross = cross.reindex(columns=list(STATUSES), fill_value=0)
    idx = pd.MultiIndex.from_product([_present(df, "city"), _present(df, "type")], names=["city", "type"])
    cross = cross.reindex(idx, fill_value=0).astype("int64")
    cross["gaps"] = cross[list(GAP_STATUSES)].sum(axis=1)
    cross["total"] = cross[list(STATUSES)].sum(axis=1)
    return cross.reset_index()


def matrix_table(df: pd.DataFrame, cities: dict, types: dict, lang: str) -> pd.DataFrame:
    """The heatmap as text: 'gaps / figures' per city and type; empty where a city has no figure of a type."""
    cells = cell_counts(df)
    cells["cell"] = [f"{g} / {n}" if n else "" for g, n in zip(cells["gaps"], cells["total"], strict=True)]
    out = cells.pivot(index="city", columns="type", values="cell")
    out = out.reindex(index=_present(df, "city"), columns=_present(df, "type"))
    out.index = [both(cities[c], lang) for c in out.index]
    out.columns = [types[ty][lang] for ty in out.columns]
    out.index.name = t("city", lang)
    return out


def completeness(df: pd.DataFrame, by: str, registry: dict, lang: str) -> pd.DataFrame:
    """Per city (by='city') or type (by='type'): figures by status and the share reported.

    The share is reported / (reported + blank + partial); a city with no section has no figures,
    so its share is not 0% but 'no section'.
    """
    cells = cell_counts(df).groupby(by, sort=False)[[*STATUSES, "total"]].sum()
    cells = cells.reindex(_present(df, by))
    rows = []
    for key, r in cells.iterrows():
        figures = int(r["reported"] + r["blank"] + r["partial"])
        share = r["reported"] / figures if figures else None
        rows.append(
            {
                t(by, lang): both(registry[key], lang),
                t("gaps_col_figures", lang): figures,
                **{status_label(s, lang): int(r[s]) for s in STATUSES},
                t("gaps_col_share", lang): f"{share:.0%}" if share is not None else t("gaps_no_figures", lang),
                "share": share,
            }
        )
    out = pd.DataFrame(rows)
    if not out.empty:
        out["share"] = out["share"].astype("Float64")  # a city with no figures: <NA>, not 0 and not NaN
    return out


def listing(df: pd.DataFrame, texts: dict[str, str], cities: dict, types: dict, lang: str) -> pd.DataFrame:
    """Every figure of the selection in its sentence, in text order; deleted numbers marked with GAP_MARK."""
    df = df.sort_values(["source", "start", "at"])
    return pd.DataFrame(
        [
            {
                t("status", lang): status_label(r.status, lang),
                t("city", lang): both(cities[r.city], lang),
                t("type", lang): types[r.type][lang],
                t("cmp_col_label", lang): getattr(r, f"label_{lang}"),
                t("cmp_col_value", lang): written(r),
                t("gaps_col_around", lang): gap_snippet(r, texts),
                t("gaps_col_context", lang): gap_context(r, texts),
                "id": r.id,
            }
            for r in df.itertuples()
        ]
    )


def missing_sections(df: pd.DataFrame, cities: dict, texts: dict[str, str]) -> list[dict]:
    """Announced cities without a section, each with the sentence that announces it."""
    rows = df[df["status"] == "missing_section"]
    return [{**cities[r.city], "context": gap_context(r, texts)} for r in rows.itertuples()]


# 3/ evidence, not data: the numbers that survive
def cut_spans(frame: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per source, where the surviving digits of cut numbers sit (they are not whole numbers)."""
    out: dict[str, list[tuple[int, int]]] = {}
    cut = frame[(frame["status"] == "partial") & (frame["at_end"] > frame["at"])]
    for r in cut.itertuples():
        out.setdefault(r.source, []).append((int(r.at), int(r.at_end)))
    return out


def surviving_numbers(text: str, start: int, end: int, cut: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """Arabic numbers written in text[start:end] as (offset, digits), leaving out digits of cut numbers."""
    out = []
    for m in NUMBER.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in cut):
            out.append((m.start(), m.group()))
    return out


def n_digits(number: str) -> int:
    return sum(ch.isdigit() for ch in number)


def evidence(df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str], cities: dict, lang: str) -> pd.DataFrame:
    """For each blank or cut figure, the numbers that survive in its paragraph and their digit counts."""
    cut = cut_spans(frame)
    rows = []
    for r in df[df["status"].isin(CUT)].sort_values(["source", "start", "at"]).itertuples():
        text = texts[r.source]
        s, e = paragraph_bounds(text, int(r.start), int(r.end))
        nums = surviving_numbers(text, s, e, cut.get(r.source, []))
        longest = max((n_digits(n) for _, n in nums), default=None)
        rows.append(
            {
                t("city", lang): both(cities[r.city], lang),
                t("cmp_col_label", lang): getattr(r, f"label_{lang}"),
                t("status", lang): status_label(r.status, lang),
                t("gaps_col_around", lang): gap_snippet(r, texts),
                t("gaps_col_near", lang): " · ".join(f"{n} ({n_digits(n)})" for _, n in nums) or "–",
                t("gaps_col_longest", lang): "–" if longest is None else str(longest),
                t("gaps_col_context", lang): gap_context(r, texts),
                "id": r.id,
            }
        )
    return pd.DataFrame(rows)


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


def _bin(n: int) -> int:
    return min(n, DIGIT_BINS[-1])


def digit_counts(df: pd.DataFrame, frame: pd.DataFrame, texts: dict[str, str]) -> DigitCounts:
    """Digit lengths of the numbers that survive in the sources of the selection, near its gaps or not."""
    cut = cut_spans(frame)
    gaps = df[df["status"].isin(CUT)]
    near = dict.fromkeys(DIGIT_BINS, 0)
    elsewhere = dict.fromkeys(DIGIT_BINS, 0)
    longest = None
    for sid in dict.fromkeys(df["source"]):
        text = texts[sid]
        paras = {paragraph_bounds(text, int(r.start), int(r.end)) for r in gaps[gaps["source"] == sid].itertuples()}
        for pos, num in surviving_numbers(text, 0, len(text), cut.get(sid, [])):
            d = n_digits(num)
            longest = d if longest is None else max(longest, d)
            target = near if any(s <= pos < e for s, e in paras) else elsewhere
            target[_bin(d)] += 1
    return DigitCounts(
        near=near,
        elsewhere=elsewhere,
        blanks=int((df["status"] == "blank").sum()),
        partial=int((df["status"] == "partial").sum()),
        longest=longest,
    )


def evidence_summary(c: DigitCounts, lang: str) -> str:
    return t("gaps_evidence_summary", lang).format(
        n=c.surviving, longest="–" if c.longest is None else c.longest, blanks=c.blanks, partial=c.partial
    )
