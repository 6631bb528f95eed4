"""Gaps: where the source leaves numbers out, how complete each city and type is, and what the
surviving numbers suggest about the deleted ones (evidence, not data)."""

import streamlit as st

from ui import cache, downloads, places, state, tables
from views import absent, gaps
from views.i18n import GAP_MARK, source_titles
from views.text import md

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_gaps"))

# 1/ GET DATA: counts use every status; "only blanks" narrows the listings only
c = cache.gaps_counts(b, ctx.filters)  # once per filter, not per rerun
df = c.frame
if df.empty:
    st.info(ctx.t("no_selection"))
    st.stop()

# 2/ MISSING-DATA MATRIX: heatmap and the same counts as text
st.subheader(ctx.t("gaps_matrix"))
if not int(c.cells["gaps"].sum()):
    st.success(ctx.t("gaps_nothing_missing"), icon=":material/check_circle:")
top = places.places_shown(df, lang, key="w_gaps_places")  # hundreds of places: the busiest, the rest in a row
st.plotly_chart(cache.gaps_heatmap(b, ctx.filters, top), key="gaps_heatmap")
st.caption(ctx.t("gaps_matrix_note"))
st.dataframe(c.matrix, key="gaps_matrix_table")

# 3/ COMPLETENESS PER CITY AND PER TYPE
st.subheader(ctx.t("gaps_completeness"))
left, right = st.columns(2)
hide = {"share": None}
left.dataframe(c.by_city, hide_index=True, column_config=hide, key="by_city")
right.dataframe(c.by_type, hide_index=True, column_config=hide, key="by_type")
if int(c.cells["missing_section"].sum()):  # what the Figures column leaves out, said where it does
    st.caption(ctx.t("gaps_completeness_note"))

# 4/ PLACES A SOURCE ANNOUNCES WITHOUT A SECTION (a fact of that source)
titles = source_titles(b.sources, lang)
in_one_table = places.absent_in_one_table(  # hundreds of sources: one table, not a warning each
    c.absent, lambda: absent.table(c.absent, titles, lang, "sentence"), lang, key="gaps_absent"
)
for sid, named in {} if in_one_table else c.absent.items():
    where = ctx.t("in_source").format(source=md(titles[sid]))
    names = ", ".join(md(a.name) for a in named)
    st.warning(f"{where}: {ctx.t('missing_sections')} {names}", icon=":material/report:")
    for sentence in dict.fromkeys(a.sentence for a in named):
        st.text(f"“{sentence}”")

# 5/ EVERY FIGURE IN ITS SENTENCE (only blanks: blank, cut and section gaps)
st.subheader(ctx.t("gaps_listing"))
st.toggle(ctx.t("only_blanks"), **state.bind("only_blanks"))
st.caption(ctx.t("gaps_listing_note").format(mark=GAP_MARK))
wide = {"id": None, ctx.t("gaps_col_around"): st.column_config.TextColumn(width="medium")}
shown = cache.gaps_listing(b, ctx.filters)  # built once per filter, not per rerun
if shown.empty:
    st.info(ctx.t("no_selection"))
else:
    tables.paged(shown, "gaps_listing", lang, hide_index=True, column_config=wide)
    downloads.this_view(ctx, "gaps", shown, wide)  # the listing, as shown

# 6/ WHAT WAS REMOVED (EVIDENCE, NOT DATA): one source's text at a time, never pooled across sources
with st.container(border=True):
    st.subheader(ctx.t("gaps_evidence"))
    st.caption(ctx.t("gaps_evidence_intro"))
    in_selection = c.sources
    evidence_source = in_selection[0]
    if len(in_selection) > 1:
        evidence_source = st.selectbox(
            ctx.t("gaps_evidence_source"), options=in_selection, format_func=titles.get, key="gaps_evidence_source"
        )
    digits, near = cache.gaps_removed(b, ctx.filters, evidence_source)
    st.text(gaps.evidence_summary(digits, lang))
    st.plotly_chart(gaps.digit_histogram(digits, lang), key="gaps_digits")
    if not near.empty:
        st.dataframe(near, hide_index=True, column_config=wide, key="gaps_evidence")
