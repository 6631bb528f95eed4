"""Data: the full table of figures under the shared filters, its downloads, and what the source is."""

import streamlit as st

from ui import cache, columns, downloads, registry, state, tables
from views import data
from views.text import definition_list

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_data"))

# 1/ GET DATA
df, shown = cache.data_view(b, ctx.filters)

# 2/ THE TABLE (a missing number stays an empty cell, never 0)
st.caption(ctx.t("figures_shown").format(n=len(df), total=len(b.frame)))
config = columns.config(lang)
if df.empty:
    st.info(ctx.t("no_selection"))
else:
    tables.paged(shown, "data_table", lang, column_config=config, hide_index=True, placeholder="", height=560)
left, right = st.columns([1, 2])

# 3/ DOWNLOADS (each file is built when it is asked for): this view; the tidy table, filtered and full, as CSV
# and JSON; the data package of each as a zip that carries its own documentation
with left:
    st.subheader(ctx.t("downloads"))
    downloads.this_view(ctx, "data", shown, config)
    st.caption(ctx.t("download_tables"))
    downloads.buttons(data.downloads(df, b.frame, lang))
    st.caption(ctx.t("download_package_note"))
    downloads.buttons(data.packages(b, df, ctx.filters, registry.by_url("data").ignores))

# 4/ THE SOURCES OF THE ROWS SHOWN: CITATION, FILE, MASKED CHARACTERS, DELETED NUMBERS
with right:
    st.subheader(ctx.t("source_meta"))
    many, notes = cache.data_sources(b, ctx.filters)  # hundreds of sources: one table
    if many is not None:
        st.dataframe(many, hide_index=True, key="data_sources")
    for pairs in notes:
        st.html(definition_list(pairs))
