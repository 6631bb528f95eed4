"""The sidebar: language switch and the shared filters."""

from __future__ import annotations

import streamlit as st

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.models import QUALIFIERS, STATUSES
from ui import cache
from ui.state import bind, value
from views.i18n import qualifier_label, status_label, t


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
        opts = cache.sidebar_options(b, lang)  # counts and labels once per data version and language
        st.multiselect(
            t("source", lang),
            options=list(opts.sources),
            format_func=opts.sources.__getitem__,
            placeholder=t("all", lang),
            **bind("source"),
        )
        st.multiselect(
            t("city", lang),
            options=list(opts.places),
            format_func=opts.places.__getitem__,
            placeholder=t("all", lang),
            **bind("city"),
        )
        st.multiselect(
            t("type", lang),
            options=list(opts.types),
            format_func=opts.types.__getitem__,
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
        if opts.has_drafts:  # only where the drafter left unreviewed proposals
            st.toggle(t("include_drafts", lang), help=t("include_drafts_help", lang), **bind("drafts"))
        st.multiselect(
            t("qualifier", lang),
            options=list(QUALIFIERS),
            format_func=lambda q: qualifier_label(q, lang),
            placeholder=t("all", lang),
            **bind("qualifier"),
        )
