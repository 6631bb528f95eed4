"""The "places in the chart" picker of the pages that chart every place (Overview, Gaps)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from views.charts import TOP_PLACES
from views.i18n import t


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
