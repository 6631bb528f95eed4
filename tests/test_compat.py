"""ui/compat.py leans on a private Streamlit attribute: fail loudly, naming the version, when it is gone."""

from __future__ import annotations

import streamlit
from streamlit.runtime.pages_manager import PagesManager

from ui import compat


def test_the_private_attribute_the_deep_link_workaround_sets_still_exists():
    assert hasattr(PagesManager, compat.ATTRIBUTE), (
        f"streamlit {streamlit.__version__}: PagesManager.{compat.ATTRIBUTE} is gone or renamed. ui/compat.py "
        "switches a fresh server to st.navigation mode through it so that deep links run the entry; find its "
        "successor (or a public API) and mend ui/compat.py, then run tests/browser/test_deep_links.py."
    )


def test_use_navigation_mode_turns_the_legacy_pages_folder_mode_off(monkeypatch):
    monkeypatch.setattr(PagesManager, compat.ATTRIBUTE, True)
    compat.use_navigation_mode()
    assert getattr(PagesManager, compat.ATTRIBUTE) is False
