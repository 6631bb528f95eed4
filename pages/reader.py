"""Source reader: the article verbatim, every curated figure highlighted by status, every deleted number marked."""

import json

import streamlit as st

from ui import cache, state
from views import reader
from views.text import definition_list, md

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_reader"))

# 1/ GET DATA: the figures under the shared filters, plus the one opened by id=<figure>; the source to show
view = cache.reader_view(b, ctx.filters, st.session_state.get("w_source"))

# 2/ CHOOSE A FIGURE (id=<figure> in the address)
st.selectbox(
    ctx.t("reader_figure"),
    options=[None, *view.options],
    format_func=lambda i: ctx.t("reader_none") if i is None else view.labels[i],
    **state.bind("figure"),
)

# 3/ THE CHOSEN FIGURE: ITS DETAILS AT THE TOP, A LINK DOWN TO IT
if view.chosen:
    with st.container(border=True):
        st.html(definition_list(reader.details(view.chosen, lang)) + reader.jump_link(view.chosen["id"], lang))
        if view.chosen_filtered_out:
            st.caption(ctx.t("reader_filtered_out"))
if view.empty:
    st.info(ctx.t("no_selection"))

# 4/ LEGEND
st.caption(ctx.t("figures_shown").format(n=view.n_figures, total=len(b.frame)) + " · " + ctx.t("reader_hover"))
st.html(reader.legend(view.counts, lang))

# 5/ THE TEXT, VERBATIM: one source at a time (the chosen figure's; a picker when there are several)
titles = reader.source_titles(b.sources, lang)
if len(b.texts) > 1:
    st.session_state["w_source"] = view.source
    st.selectbox(
        ctx.t("reader_source"),
        options=list(b.texts),
        format_func=titles.get,
        key="w_source",
        on_change=state.set_value,
        args=("figure", None),  # another source: the chosen figure is not in it
    )
if view.source:
    st.subheader(md(titles[view.source]))
    st.html(cache.reader_text(b, view.source, ctx.filters))

# 6/ SCROLL TO THE CHOSEN FIGURE (its id is a known slug, checked when the address was parsed)
if view.chosen:
    target = json.dumps(f"fig-{view.chosen['id']}")
    st.html(
        f"<script>setTimeout(() => document.getElementById({target})"
        "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 300)</script>",
        unsafe_allow_javascript=True,
    )
