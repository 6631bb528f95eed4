"""The one page registry: read by the entry (st.navigation), the tests and the bench. Plain data, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the script, relative to the repository root
    title_key: str  # views.i18n key of its title
    url: str  # its address: /<url>
    icon: str


PAGES: tuple[Page, ...] = (
    Page("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    Page("pages/compare.py", "page_compare", "compare", ":material/bar_chart:"),
    Page("pages/gaps.py", "page_gaps", "gaps", ":material/grid_on:"),
    Page("pages/city.py", "page_city", "city", ":material/location_city:"),
    Page("pages/reader.py", "page_reader", "reader", ":material/article:"),
    Page("pages/data.py", "page_data", "data", ":material/table:"),
)
DEFAULT = PAGES[0]
"""The page at / (its own url too)."""
CURATE = Page("pages/curate.py", "page_curate", "curate", ":material/edit_note:")
"""Served by `make curate` only (ui.mode): the one page that writes."""


def served(curating: bool) -> tuple[Page, ...]:
    """The pages of this server: the viewer's, plus Curate in curate mode."""
    return (*PAGES, CURATE) if curating else PAGES


def by_url(url: str) -> Page:
    return next(p for p in PAGES if p.url == url)
