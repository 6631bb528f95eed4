"""The City profile's view: who speaks for a city, its figures by metric type, and its section of the article."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.models import City
from views.highlight import Mark, marks, render
from views.i18n import both, pair
from views.table import display
from views.text import sentence

CITY_COLUMNS = ["label", "written", "status", "quote", "reader"]


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


def default_profile(cities: dict[str, City], sections: dict) -> str:
    """The first city (registry order) with a section in a source; the first city when none has one."""
    return next((cid for cid in cities if cid in sections), next(iter(cities)))


def figures(df: pd.DataFrame, f: flt.Filters, city: str) -> pd.DataFrame:
    """The city's figures under the shared status/type/qualifier filters (the city filter is the profile)."""
    rows = flt.apply(df, replace(f, city=()))
    return rows[rows["city"] == city].sort_values(["start", "at", "id"], kind="stable")


def _pair(zh: str | None, en: str | None, lang: str) -> str | None:
    return pair(zh, en, lang) if zh or en else None


def announcement(b: Bundle, city: str) -> str | None:
    """The sentence that announces a city, found from its missing_section row or its announced_as name."""
    df = b.frame
    rows = df[(df["city"] == city) & (df["status"] == "missing_section")]
    if len(rows):
        r = rows.iloc[0]
        return sentence(b.texts[r["source"]], int(r["start"]), int(r["end"]))
    phrase = b.cities[city].announced_as
    for text in b.texts.values():
        if phrase and phrase in text:
            at = text.index(phrase)
            return sentence(text, at, at + len(phrase))
    return None


def profile(b: Bundle, f: flt.Filters, city: str, lang: str) -> Profile:
    """Everything the City profile page draws for one city."""
    entry = b.cities[city]
    rows = figures(b.frame, f, city)
    table = display(rows, b.cities, b.metric_types, lang, f)
    groups = []
    for tid in b.metric_types:
        part = table[(rows["type"] == tid).to_numpy()]
        if len(part):
            groups.append(Group(tid, both(b.metric_types[tid], lang), part[CITY_COLUMNS].reset_index(drop=True)))
    return Profile(
        city=city,
        name=both(entry, lang),
        speaker=_pair(entry.speaker_zh, entry.speaker_en, lang),
        role=_pair(entry.role_zh, entry.role_en, lang),
        has_section=city in b.sections,
        section=b.sections.get(city),
        announcement=None if city in b.sections else announcement(b, city),
        groups=groups,
        n_figures=len(rows),
        marks=marks(rows[rows["source"] == b.sections[city][0]], lang) if city in b.sections else [],
    )


def section_html(b: Bundle, prof: Profile) -> str | None:
    """The city's section of its source, its figures highlighted (None: the article has no section)."""
    if not prof.section:
        return None
    sid, start, end = prof.section
    return render(b.texts[sid], prof.marks, span=(start, end))
