"""Where we lean on Streamlit internals because no public API does the job. Keep this module small.

Deep links on a fresh server: Streamlit decides per server whether a folder named pages/ means the legacy
multipage mode (PagesManager.uses_pages_directory, a private class attribute). Until the entry's
st.navigation has run once, a deep link such as /compare runs pages/compare.py alone: no page config, no
sidebar, no filters from the address. The project keeps the folder name pages/ (the layout is fixed), so
the entry's first run switches the server to navigation mode. tests/test_compat.py fails, naming the
Streamlit version, when the attribute is gone or renamed.

Over-long addresses: Streamlit drops a query string of more than 1,000 fields or 512 Ki characters before any
script sees it (it only logs a warning), so an address of 2,000 repeated keys opened the default view in silence.
report_dropped_addresses() makes the drop visible: the script gets one key, loaders.filters.TOO_LONG, whose value
says how big the address was, and the page shows the usual notice. Installed on import (the entry imports this
module) and by ui/serve.py before the server starts (the first run's address is read before any script runs).
"""

from __future__ import annotations

from collections.abc import Callable

from streamlit.runtime.pages_manager import PagesManager

ATTRIBUTE = "uses_pages_directory"
SANITIZERS = ("streamlit.runtime.app_session", "streamlit.runtime.state.query_params")
"""The modules that call Streamlit's sanitize_query_string (the server's session, and st.query_params)."""


def _marking(sanitize: Callable[[str], str]) -> Callable[[str], str]:
    def sanitize_query_string(query_string: str) -> str:
        out = sanitize(query_string)
        if query_string and not out:  # dropped whole: say how big it was instead
            from loaders.filters import TOO_LONG  # here: ui/serve.py installs this before pandas is loaded

            return f"{TOO_LONG}={query_string.count('&') + 1}.{len(query_string)}"
        return out

    sanitize_query_string.marks = True  # type: ignore[attr-defined]
    return sanitize_query_string


def report_dropped_addresses() -> None:
    """Replace the silent drop of an over-long address by a one-key address that loaders.filters reports."""
    import importlib

    for name in SANITIZERS:
        module = importlib.import_module(name)
        if not getattr(module.sanitize_query_string, "marks", False):
            module.sanitize_query_string = _marking(module.sanitize_query_string)


report_dropped_addresses()


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
