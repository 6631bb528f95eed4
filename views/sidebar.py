"""The sidebar's filter options and their labels (with counts), made once per data version and language:
at 1000x, counting 100,000 rows and naming 1,000 sources on every rerun cost more than most pages."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.bundle import Bundle
from views.i18n import both, place_name, source_titles


@dataclass(frozen=True)
class Options:
    sources: dict[str, str]  # source id -> "title (figures)", in registry order
    places: dict[str, str]  # place id -> "name (figures)": only places some figure names
    types: dict[str, str]  # metric type id -> "name (figures)"
    has_drafts: bool  # whether any figure is an unreviewed draft (only then the "include drafts" switch)


def options(b: Bundle, lang: str) -> Options:
    n_type = b.frame["type"].value_counts()
    n_source = b.frame["source"].value_counts()
    n_city = b.frame["city"].value_counts()
    titles = source_titles(b.sources, lang)
    places = [c for c in b.cities if n_city.get(c, 0)]  # places no figure names would filter to nothing
    mixed = len({b.cities[c].level for c in places}) > 1
    return Options(
        sources={s: f"{titles[s]} ({int(n_source.get(s, 0))})" for s in b.sources},
        places={c: place_name(b.cities[c], lang, mixed) + f" ({int(n_city.get(c, 0))})" for c in places},
        types={x: f"{both(b.metric_types[x], lang)} ({int(n_type.get(x, 0))})" for x in b.metric_types},
        has_drafts=bool(b.frame["draft"].fillna(False).any()),
    )
