"""One city at a time: who speaks, its figures by metric type, and its section of the article."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.i18n import both
from loaders.reader import Mark, marks
from loaders.table import display

CITY_COLUMNS = ["label", "written", "status", "quote", "reader"]
_SENTENCE_END = re.compile(r"[。!?!?\n]")


@dataclass(frozen=True)
class Group:
    type: str
    title: str  # the metric type in both languages
    frame: pd.DataFrame  # CITY_COLUMNS, in the order of the text


@dataclass(frozen=True)
class Profile:
    city: str
    name: str
    speaker: str | None  # both languages, None when the article names nobody
    role: str | None
    has_section: bool
    section: tuple[str, int, int] | None  # (source id, start, end) of the city's section
    announcement: str | None  # the introduction's sentence that names the city
    groups: list[Group]
    n_figures: int  # after the shared filters
    marks: list[Mark]  # the figures to highlight in the section


def default_profile(cities: dict) -> str:
    """The first city with a section (the first city when none has one)."""
    return next((cid for cid, c in cities.items() if c["has_section"]), next(iter(cities)))


def figures(df: pd.DataFrame, f: flt.Filters, city: str) -> pd.DataFrame:
    """The city's figures under the shared status/type/qualifier filters (the city filter is the profile)."""
    rows = flt.apply(df, replace(f, city=()))
    return rows[rows["city"] == city].sort_values(["start", "at", "id"], kind="stable")


def _pair(entry: dict, field: str, lang: str) -> str | None:
    zh, en = entry.get(f"{field}_zh"), entry.get(f"{field}_en")
    if not zh and not en:
        return None
    return both({"zh": zh or en, "en": en or zh}, lang)


def sentence(text: str, pos: int) -> str:
    """The sentence of text around pos (ends at 。!? or a line break)."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    end = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    return text[start:end].strip()


def announcement(b: Bundle, city: str) -> str | None:
    """The sentence that announces a city, found from its missing_section row or its announced_as name."""
    df = b.frame
    rows = df[(df["city"] == city) & (df["status"] == "missing_section")]
    if len(rows):
        r = rows.iloc[0]
        return sentence(b.texts[r["source"]], int(r["start"]))
    phrase = b.cities[city].get("announced_as")
    for text in b.texts.values():
        if phrase and phrase in text:
            return sentence(text, text.index(phrase))
    return None


def profile(b: Bundle, f: flt.Filters, city: str, lang: str) -> Profile:
    """Everything the City profile page draws for one city."""
    entry = b.cities[city]
    rows = figures(b.frame, f, city)
    table = display(rows, b.cities, b.types, lang, f)
    groups = []
    for tid in b.types:
        part = table[(rows["type"] == tid).to_numpy()]
        if len(part):
            groups.append(Group(tid, both(b.types[tid], lang), part[CITY_COLUMNS].reset_index(drop=True)))
    return Profile(
        city=city,
        name=both(entry, lang),
        speaker=_pair(entry, "speaker", lang),
        role=_pair(entry, "role", lang),
        has_section=city in b.sections,
        section=b.sections.get(city),
        announcement=None if city in b.sections else announcement(b, city),
        groups=groups,
        n_figures=len(rows),
        marks=marks(rows[rows["source"] == b.sections[city][0]], lang) if city in b.sections else [],
    )
