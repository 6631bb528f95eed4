"""The sidebar: language switch and the shared filters."""

from __future__ import annotations

import streamlit as st

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.models import QUALIFIERS, STATUSES
from ui.state import bind, value
from views.i18n import both, place_name, qualifier_label, source_titles, status_label, t


def render(b: Bundle) -> None:
    lang = value("lang")
    with st.sidebar:
        st.radio(
            t("language", lang),
            options=list(flt.LANGS),
            format_func={"en": "English", "zh": "中文"}.get,
            horizontal=True,
            **bind("lang"),
        )
        lang = value("lang")
        st.subheader(t("filters", lang))
        n_type = b.frame["type"].value_counts()
        n_source = b.frame["source"].value_counts()
        n_city = b.frame["city"].value_counts()
        titles = source_titles(b.sources, lang)
        st.multiselect(
            t("source", lang),
            options=list(b.sources),
            format_func=lambda s: f"{titles[s]} ({int(n_source.get(s, 0))})",
            placeholder=t("all", lang),
            **bind("source"),
        )
        places = [c for c in b.cities if n_city.get(c, 0)]  # places no figure names would filter to nothing
        mixed = len({b.cities[c].level for c in places}) > 1
        st.multiselect(
            t("city", lang),
            options=places,
            format_func=lambda c: place_name(b.cities[c], lang, mixed) + f" ({int(n_city.get(c, 0))})",
            placeholder=t("all", lang),
            **bind("city"),
        )
        st.multiselect(
            t("type", lang),
            options=list(b.metric_types),
            format_func=lambda x: f"{both(b.metric_types[x], lang)} ({int(n_type.get(x, 0))})",
            placeholder=t("all", lang),
            **bind("type"),
        )
        st.multiselect(
            t("status", lang),
            options=list(STATUSES),
            format_func=lambda s: status_label(s, lang),
            placeholder=t("all", lang),
            **bind("status"),
        )
        if b.frame["draft"].fillna(False).any():  # only where the drafter left unreviewed proposals
            st.toggle(t("include_drafts", lang), help=t("include_drafts_help", lang), **bind("drafts"))
        st.multiselect(
            t("qualifier", lang),
            options=list(QUALIFIERS),
            format_func=lambda q: qualifier_label(q, lang),
            placeholder=t("all", lang),
            **bind("qualifier"),
        )
