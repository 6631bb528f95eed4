"""The City profile's view: who speaks for a city, its figures by metric type, and its section of the article."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.models import Place
from views.highlight import Mark, marks, render
from views.i18n import both, level_label, pair, t
from views.table import display
from views.text import sentence

CITY_COLUMNS = ["label", "written", "status", "quote", "reader"]


@dataclass(frozen=True)
class Group:
    type: str
    title: str  # the metric type in both languages
    frame: pd.DataFrame  # CITY_COLUMNS, in the order of the text
    ids: tuple[str, ...] = ()  # the figure of each row of frame


@dataclass(frozen=True)
class Profile:
    city: str
    name: str
    source: str | None  # the source the profile's speaker, section and announcement come from
    sources: list[str]  # every source that names the place, in registry order
    speaker: str | None  # both languages, None when the source names nobody
    role: str | None
    has_section: bool  # in that source
    section_missing: bool  # the source gives places headed sections, but none to this one (a place simply named: no)
    section: tuple[str, int, int] | None  # (source id, start, end) of the place's section in that source
    announcement: str | None  # the source's sentence that names the place, when it has no section for it
    groups: list[Group]
    n_figures: int  # after the shared filters, from every source
    marks: list[Mark]  # the figures to highlight in the section
    within: str | None = None  # its level and the places it lies in (within()), None without a parent


def within(cities: dict[str, Place], city: str, lang: str) -> str | None:
    """Where a place lies, from the registry: its level and its parent chain up to the province (the country
    left out), so that one of the several 城区 or 鼓楼区 is told apart; None for a place without a parent."""
    chain, seen, parent = [], {city}, cities[city].parent
    while parent in cities and parent not in seen and cities[parent].level != "country":
        chain.append(both(cities[parent], lang))
        seen.add(parent)
        parent = cities[parent].parent
    if not chain:
        return None
    level = level_label(cities[city].level, lang)
    sep = "，" if lang == "zh" else ", "
    return t("city_within", lang).format(level=level if lang == "zh" else level.capitalize(), chain=sep.join(chain))


def default_profile(cities: dict[str, Place], sections: dict) -> str:
    """The first place (registry order) with a section in a source; the first place when none has one."""
    with_section = {cid for _, cid in sections}
    return next((cid for cid in cities if cid in with_section), next(iter(cities)))


def sources_of(b: Bundle, city: str) -> list[str]:
    """The sources that name the place, in registry order."""
    return [sid for sid in b.sources if (sid, city) in b.appearances]


def default_source(b: Bundle, city: str, f: flt.Filters) -> str | None:
    """Of the sources naming the place (and passing the source filter): the first with a section, else the first."""
    named = [sid for sid in sources_of(b, city) if not f.source or sid in f.source] or sources_of(b, city)
    return next((sid for sid in named if (sid, city) in b.sections), next(iter(named), None))


def figures(df: pd.DataFrame, f: flt.Filters, city: str) -> pd.DataFrame:
    """The city's figures under the shared status/type/qualifier filters (the city filter is the profile)."""
    rows = flt.apply(df, replace(f, city=()))
    return rows[rows["city"] == city].sort_values(["source", "start", "at", "id"], kind="stable")


def _pair(zh: str | None, en: str | None, lang: str) -> str | None:
    return pair(zh, en, lang) if zh or en else None


def announcement(b: Bundle, source: str, city: str) -> str | None:
    """The sentence of source that announces the place: its missing_section row's quote, or its announced_as name."""
    df = b.frame
    rows = df[(df["city"] == city) & (df["source"] == source) & (df["status"] == "missing_section")]
    text = b.texts[source]
    if len(rows):
        r = rows.iloc[0]
        return sentence(text, int(r["start"]), int(r["end"]))
    seen = b.appearances.get((source, city))
    phrase = seen.announced_as if seen else None
    if phrase and phrase in text:
        at = text.index(phrase)
        return sentence(text, at, at + len(phrase))
    return None


def profile(b: Bundle, f: flt.Filters, city: str, lang: str, source: str | None = None) -> Profile:
    """Everything the City profile page draws for one place; source: which of its sources to quote (default: see
    default_source)."""
    entry = b.cities[city]
    if source not in sources_of(b, city):
        source = default_source(b, city, f)
    seen = b.appearances.get((source, city))
    rows = figures(b.frame, f, city)
    table = display(rows, b.cities, b.metric_types, lang, f)
    groups = []
    for tid in b.metric_types:
        part = table[(rows["type"] == tid).to_numpy()]
        if len(part):
            frame = part[CITY_COLUMNS].reset_index(drop=True)
            groups.append(Group(tid, both(b.metric_types[tid], lang), frame, tuple(part["id"].astype(object))))
    span = b.sections.get((source, city))
    return Profile(
        city=city,
        name=both(entry, lang),
        source=source,
        sources=sources_of(b, city),
        speaker=_pair(seen.speaker_zh, seen.speaker_en, lang) if seen else None,
        role=_pair(seen.role_zh, seen.role_en, lang) if seen else None,
        has_section=span is not None,
        section_missing=span is None and source is not None and any(sid == source for sid, _ in b.sections),
        section=(source, *span) if span else None,
        announcement=None if span or source is None else announcement(b, source, city),
        groups=groups,
        n_figures=len(rows),
        marks=marks(rows[rows["source"] == source], lang) if span else [],
        within=within(b.cities, city, lang),
    )


def figures_table(prof: Profile, lang: str) -> pd.DataFrame:
    """The profile's figures as one table: its groups in order, each row headed by its metric type and followed
    by its figure id."""
    columns = ["_type", *CITY_COLUMNS, "id"]
    frames = [g.frame.assign(_type=g.title, id=list(g.ids)) for g in prof.groups]
    out = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    return out.rename(columns={"_type": t("type", lang)})


def section_html(b: Bundle, prof: Profile) -> str | None:
    """The place's section of its source, its figures highlighted (None: the source has no section for it)."""
    if not prof.section:
        return None
    sid, start, end = prof.section
    return render(b.texts[sid], prof.marks, span=(start, end))
