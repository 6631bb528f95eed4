"""The "places in the chart" picker of the pages that chart every place (Overview, Gaps), and their list of
places announced without a section when hundreds of sources announce some."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from views.charts import TOP_PLACES
from views.i18n import t
from views.table import LIST_SOURCES


def places_shown(df: pd.DataFrame, lang: str, key: str, note: str = "places_folded") -> int:
    """How many places the chart shows (0: all), picked beside it when there are more than the fewest choice.

    The caption (note: an i18n key with {shown}, {n}, {rest}) says what became of the others (summed in one
    row, or left to the table); the sidebar's place filter shows any.
    """
    n = int(df["city"].nunique())
    if n <= TOP_PLACES[0]:
        return 0
    options = [k for k in TOP_PLACES if 0 < k < n] + [0]
    top = st.selectbox(
        t("places_shown", lang),
        options,
        format_func=lambda k: t("places_top", lang).format(n=k) if k else t("places_all", lang).format(n=n),
        key=key,
    )
    if top:
        st.caption(t(note, lang).format(shown=top, n=n, rest=n - top))
    return top


def absent_in_one_table(absent: dict[str, list], table: Callable[[], pd.DataFrame], lang: str, key: str) -> bool:
    """More than LIST_SOURCES sources announcing places without a section (absent: source id -> places): one
    warning with the counts and one table (table() makes it), True. Else nothing, False: the page lists them
    source by source."""
    if len(absent) <= LIST_SOURCES:
        return False
    n_places = sum(len(v) for v in absent.values())
    st.warning(t("missing_many", lang).format(sources=len(absent), places=n_places), icon=":material/report:")
    st.dataframe(table(), hide_index=True, key=key)
    return True
