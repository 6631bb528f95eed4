"""Compare: the same indicator (or metric type) across cities, blanks marked as not in source."""

import streamlit as st

from ui import cache, downloads, places, state, tables
from views import compare
from views.i18n import both, level_label

ctx = state.context()
b, lang, f = ctx.bundle, ctx.lang, ctx.filters
st.title(ctx.t("page_compare"))

# 1/ PICK AN INDICATOR (none: every indicator several cities report; a metric type in the sidebar: all its figures)
options, n_cities = cache.compare_options(b)
st.selectbox(
    ctx.t("cmp_pick"),
    options=options,
    index=None,  # clearable: no indicator = every indicator several cities report
    placeholder=ctx.t("cmp_all_shared"),
    format_func=lambda i: f"{both(b.indicators[i], lang)} ({ctx.t('cmp_n_cities').format(n=n_cities.get(i, 0))})",
    **state.bind("indicator"),
)
st.caption(ctx.t(f"cmp_view_{compare.mode(f)}"))

# 2/ GET DATA
df, absent, unshared = cache.compare_selection(b, f)  # once per filter: 100,000 rows at 1000x
if absent:  # hundreds at 1000x: the first ten named, the others counted
    names = [both(b.cities[c], lang) for c in absent[: compare.NAMED]]
    more = [ctx.t("and_n_more").format(n=len(absent) - compare.NAMED)] if len(absent) > compare.NAMED else []
    st.caption(ctx.t("cmp_no_section").format(cities=", ".join(names + more)))
if unshared:  # a place that shares no indicator still has figures: offered by type
    st.info(ctx.t("cmp_unshared"), icon=":material/info:")
if df.empty:
    st.info(ctx.t("no_selection"))
    st.stop()
if mixed := cache.compare_levels(b, f):
    st.caption(ctx.t("cmp_levels").format(levels=", ".join(level_label(lv, lang) for lv in mixed)))

# 3/ CHART: one panel per unit, bars per city, blanks as hollow "not in source" marks
top = places.places_shown(df, lang, key="w_compare_places", note="cmp_places_left")  # never thousands of bars
chart, n_groups, n_all, n_places = cache.compare_chart(b, f, top)  # once per filter and top, not per rerun
if n_groups < n_all:
    st.caption(ctx.t("cmp_groups_left").format(shown=n_groups, n=n_all, most=compare.MAX_CHARTED))
elif n_places < (top or df["city"].nunique()):  # one indicator with more figures than a chart can show
    st.caption(ctx.t("cmp_places_capped").format(shown=n_places, most=compare.MAX_CHARTED))
st.plotly_chart(chart, key="compare_chart")
if n_places > compare.MAX_COLOURED:  # no two places share a colour: beyond a dozen, colour says status
    st.caption(ctx.t("cmp_one_colour").format(n=n_places, most=compare.MAX_COLOURED))
st.caption(ctx.t("cmp_scale_note"))

# 4/ THE FIGURES AS WRITTEN, EACH WITH A LINK TO IT IN THE SOURCE READER
st.subheader(ctx.t("cmp_table"))
reader = st.column_config.LinkColumn(
    ctx.t("col_reader"), display_text=ctx.t("open_reader"), help=ctx.t("cmp_open_reader")
)
shown = cache.compare_table(b, f)
config = {"id": None, "reader": reader}
tables.paged(shown, "compare_table", lang, hide_index=True, column_config=config)  # 1,000 rows a page

# 5/ DOWNLOAD THIS VIEW: the table as shown
downloads.this_view(ctx, "compare", shown, config)
