"""Source reader: the article verbatim, every curated figure highlighted by status, every deleted number marked."""

import json

import streamlit as st

from loaders import reader, table
from ui import state

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_reader"))

# 1/ GET DATA: the figures under the shared filters, plus the one opened by id=<figure>
view = reader.view(b.frame, ctx.filters, lang)

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
        st.html(table.definition_list(reader.details(view.chosen, lang)) + reader.jump_link(view.chosen["id"], lang))
        if view.chosen_filtered_out:
            st.caption(ctx.t("reader_filtered_out"))
if view.empty:
    st.info(ctx.t("no_selection"))

# 4/ LEGEND
st.caption(ctx.t("figures_shown").format(n=len(view.figures), total=len(b.frame)) + " · " + ctx.t("reader_hover"))
st.html(reader.legend(view.counts, lang))

# 5/ THE TEXT, VERBATIM
for sid, text in b.texts.items():
    st.subheader(table.md(b.sources[sid][f"title_{lang}"]))
    st.html(reader.render(text, view.marks.get(sid, []), selected=ctx.filters.figure))

# 6/ SCROLL TO THE CHOSEN FIGURE (its id is a known slug, checked when the address was parsed)
if view.chosen:
    target = json.dumps(f"fig-{view.chosen['id']}")
    st.html(
        f"<script>setTimeout(() => document.getElementById({target})"
        "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 300)</script>",
        unsafe_allow_javascript=True,
    )
