"""Overview: how many figures, how many gaps, which cities are missing."""

import streamlit as st

from ui import cache, downloads, places, state
from views import absent, overview
from views.i18n import source_titles
from views.text import md

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_overview"))

# 1/ GET DATA
df, head, absent_by_source = cache.overview_counts(b, ctx.filters)  # once per filter, not per rerun
if df.empty:
    st.info(ctx.t("no_selection"))
    st.stop()

# 2/ HEADLINE COUNTS
cols = st.columns(4)
cols[0].metric(ctx.t("figures"), head.figures)
label, value, why = overview.places_metric(head, lang)  # no "0 / 0" where no source gives places sections
cols[1].metric(label, value, help=why)
cols[2].metric(ctx.t("blanks"), head.blanks)
cols[3].metric(ctx.t("share_blank"), "–" if head.share_blank is None else f"{head.share_blank:.0%}")
if note := overview.counts_note(head, lang):  # what a count leaves out, said where it does
    st.caption(note)

# 3/ FIGURES BY CITY AND TYPE (hundreds of places: the busiest, the others summed in one row)
top = places.places_shown(df, lang, key="w_overview_places")
st.plotly_chart(cache.overview_chart(b, ctx.filters, top), key="overview_chart")

# 4/ PLACES A SOURCE ANNOUNCES WITHOUT A SECTION (a fact of that source)
titles = source_titles(b.sources, lang)
in_one_table = places.absent_in_one_table(  # hundreds of sources: one table, not a warning each
    absent_by_source, lambda: absent.table(absent_by_source, titles, lang, "quote"), lang, key="overview_absent"
)
for sid, named in {} if in_one_table else absent_by_source.items():
    where = ctx.t("in_source").format(source=md(titles[sid]))
    st.warning(f"{where}: {ctx.t('missing_sections')}", icon=":material/report:")
    for m in named:
        st.text(f"{m.name}: “{m.quote}”")

# 5/ DOWNLOAD THIS VIEW: the counts behind the chart
downloads.this_view(ctx, "overview", lambda: overview.counts(df, b.cities, b.metric_types, lang))
