"""Source reader: the article verbatim, every curated figure highlighted by status, every deleted number marked."""

import json
from functools import partial

import streamlit as st

from ui import cache, downloads, state
from views import reader
from views.i18n import source_titles
from views.text import definition_list, md

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_reader"))

# 1/ GET DATA: the figures under the shared filters, plus the one opened by id=<figure>; the source to show
view = cache.reader_view(b, ctx.filters)
elsewhere = cache.elsewhere_notes(b, lang)

# 2/ CHOOSE A FIGURE (id=<figure> in the address)
st.selectbox(
    ctx.t("reader_figure"),
    options=[None, *view.options],
    format_func=lambda i: ctx.t("reader_none") if i is None else view.labels[i],
    **state.bind("id"),
)

# 3/ THE CHOSEN FIGURE: ITS DETAILS AT THE TOP, A LINK DOWN TO IT
if view.chosen:
    with st.container(border=True):
        st.html(definition_list(reader.details(view.chosen, lang)) + reader.jump_link(view.chosen["id"], lang))
        if view.chosen_filtered_out:
            st.caption(ctx.t("reader_filtered_out"))
        for note in elsewhere.get(view.chosen["id"], ()):
            st.info(md(note), icon=":material/call_split:")
if view.empty:
    st.info(ctx.t("no_selection"))

# 4/ LEGEND
st.caption(ctx.t("figures_shown").format(n=view.n_figures, total=view.n_total) + " · " + ctx.t("reader_hover"))
st.html(reader.legend(view.counts, lang))

# 5/ THE TEXT, VERBATIM: one source at a time; picking one sets source=<id> (the sidebar's source filter too)
titles = source_titles(b.sources, lang)
if len(b.texts) > 1 and view.source:

    def pick_source():
        state.set_value("source", (st.session_state["w_reader_source"],))
        state.set_value("id", None)  # another text: the chosen figure is not in it

    st.session_state["w_reader_source"] = view.source
    st.selectbox(
        ctx.t("reader_source"),
        options=view.sources,
        format_func=titles.get,
        key="w_reader_source",
        on_change=pick_source,
    )
if view.source:
    st.subheader(md(titles[view.source]))
    st.html(cache.reader_text(b, ctx.filters, view.source))
    # Gaps of this text that another source reports: shown beside the text, as that source's figures.
    gaps_here = [fid for fid in view.options if fid in elsewhere]
    if gaps_here:
        st.caption(ctx.t("elsewhere_title"))
        for fid in gaps_here:
            st.markdown(f"- `{fid}`: " + "; ".join(md(n) for n in elsewhere[fid]))

# 6/ DOWNLOAD THIS VIEW: the figures highlighted in the text shown
if view.n_figures:
    table = partial(reader.figures, b.frame, ctx.filters, view.source, lang)  # made on click
    downloads.this_view(ctx, "reader", table, source=(view.source,))

# 7/ SCROLL TO THE CHOSEN FIGURE (its id is a known slug, checked when the address was parsed)
if view.chosen:
    target = json.dumps(f"fig-{view.chosen['id']}")
    st.html(
        f"<script>setTimeout(() => document.getElementById({target})"
        "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 300)</script>",
        unsafe_allow_javascript=True,
    )
