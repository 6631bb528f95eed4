"""The one page registry: read by the entry (st.navigation), the tests and the bench. Plain data, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """Everything the app needs to serve a page: a new page is its script, its view module, a line here and
    its i18n strings (the tests and the bench read this list too)."""

    path: str  # the script, relative to the repository root
    title_key: str  # views.i18n key of its title
    url: str  # its address: /<url>
    icon: str
    view: str  # its view model (views.<name>): it never imports another page's (tests/test_layers.py)
    ignores: tuple[str, ...] = ()  # address keys its view does not depend on: left out of download names


PAGES: tuple[Page, ...] = (
    Page(
        "pages/overview.py",
        "page_overview",
        "overview",
        ":material/dashboard:",
        "views.overview",
        ("indicator", "id", "profile"),
    ),
    Page("pages/compare.py", "page_compare", "compare", ":material/bar_chart:", "views.compare", ("id", "profile")),
    Page("pages/gaps.py", "page_gaps", "gaps", ":material/grid_on:", "views.gaps", ("indicator", "id", "profile")),
    # the City page's place is its profile: the city filter does not apply there
    Page("pages/city.py", "page_city", "city", ":material/location_city:", "views.city", ("city", "indicator", "id")),
    Page("pages/reader.py", "page_reader", "reader", ":material/article:", "views.reader", ("indicator", "profile")),
    Page("pages/data.py", "page_data", "data", ":material/table:", "views.data", ("indicator", "id", "profile")),
)
DEFAULT = PAGES[0]
"""The page at / (its own url too)."""
CURATE = Page("pages/curate.py", "page_curate", "curate", ":material/edit_note:", "views.curate")
"""Served by `make curate` only (ui.mode): the one page that writes."""


def served(curating: bool) -> tuple[Page, ...]:
    """The pages of this server: the viewer's, plus Curate in curate mode."""
    return (*PAGES, CURATE) if curating else PAGES


def by_url(url: str) -> Page:
    return next(p for p in (*PAGES, CURATE) if p.url == url)
