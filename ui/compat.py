"""Where we lean on Streamlit internals because no public API does the job. Keep this module small.

Deep links on a fresh server: Streamlit decides per server whether a folder named pages/ means the legacy
multipage mode (PagesManager.uses_pages_directory, a private class attribute). Until the entry's
st.navigation has run once, a deep link such as /compare runs pages/compare.py alone: no page config, no
sidebar, no filters from the address. The project keeps the folder name pages/ (the layout is fixed), so
the entry's first run switches the server to navigation mode. tests/test_compat.py fails, naming the
Streamlit version, when the attribute is gone or renamed.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

ATTRIBUTE = "uses_pages_directory"


def use_navigation_mode() -> None:
    """Make this server treat pages/ as st.navigation pages, not as legacy auto-discovered pages."""
    setattr(PagesManager, ATTRIBUTE, False)


def default_alias(url: str) -> str:
    """The internal url_path of the default page, which Streamlit serves at / only.

    st.navigation serves the default page at / and answers its own name (/overview) with "Page not found":
    a page's url_path is unique, and the default's is never matched. So the default page takes this unused
    name, and a hidden second st.Page of the same script takes the real one (dashboard.py): /overview and /
    run the same page.
    """
    return f"{url}-default"
