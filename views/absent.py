"""Places a source announces without a section (status missing_section): the one model and table that the
Overview, Gaps and the tests share. A fact of that source: never pooled across sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from views.i18n import both, t
from views.text import Around


@dataclass(frozen=True)
class Absent:
    """A place a source announces without a section: the quote that names it and the sentence around it."""

    city: str
    name: str  # both languages
    quote: str
    sentence: str
    figure: str  # the missing_section row's id
    source: str


def missing_sections(df: pd.DataFrame, cities: dict, texts: dict[str, str], lang: str) -> dict[str, list[Absent]]:
    """Source id -> the places it announces without a section, in text order."""
    rows = df[df["status"] == "missing_section"].sort_values(["source", "start"], kind="stable")
    sentences = Around.of(rows, texts).sentences()
    out: dict[str, list[Absent]] = {}
    for r, s in zip(rows.itertuples(), sentences, strict=True):
        out.setdefault(r.source, []).append(Absent(r.city, both(cities[r.city], lang), r.quote, s, r.id, r.source))
    return out


def table(absent: dict[str, list[Absent]], titles: dict[str, str], lang: str, words: str = "quote") -> pd.DataFrame:
    """missing_sections() as one table: source, place, and the quote (or the sentence) that announces it."""
    rows = [(titles[sid], a.name, getattr(a, words)) for sid, items in absent.items() for a in items]
    return pd.DataFrame(rows, columns=[t("col_source", lang), t("col_place", lang), t("col_quote", lang)])
