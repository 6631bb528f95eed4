"""Big tables, a page of rows at a time: st.dataframe serialises, hashes and sends every row on every rerun
(100,000 rows at 1000x: most of a rerun, bench/changes.md), so a table longer than PAGE_ROWS shows one page
of them with a pager; the download of the view always holds every row."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from views.i18n import t
from views.table import page_bounds

PAGE_ROWS = 1000
"""Rows shown at once (Datasette shows 100)."""


def paged(df: pd.DataFrame, key: str, lang: str, **kwargs) -> None:
    """st.dataframe(df) when it is short; else one page of PAGE_ROWS rows, a pager and where they are."""
    if len(df) <= PAGE_ROWS:
        st.dataframe(df, key=key, **kwargs)
        return
    pages = -(-len(df) // PAGE_ROWS)
    pager = f"{key}_page"
    if st.session_state.get(pager, 1) > pages:  # the filter changed under a later page: back to its last page
        st.session_state[pager] = pages
    left, right = st.columns([1, 4], vertical_alignment="bottom")
    page = left.number_input(t("table_page", lang).format(pages=pages), 1, pages, step=1, key=pager)
    start, stop = page_bounds(len(df), int(page), PAGE_ROWS)
    right.caption(t("table_rows", lang).format(start=f"{start + 1:,}", stop=f"{stop:,}", n=f"{len(df):,}"))
    st.dataframe(df.iloc[start:stop], key=key, **kwargs)
