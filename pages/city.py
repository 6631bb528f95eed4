"""City profile: who speaks for a city, its figures by metric type, and its section of the article."""

import streamlit as st

from ui import cache, columns, downloads, state
from views import city
from views.i18n import both, source_titles
from views.text import md

ctx = state.context()
b, lang = ctx.bundle, ctx.lang
st.title(ctx.t("page_city"))

# 1/ CHOOSE A CITY (profile=<id> in the address; the first city with a section by default)
if ctx.filters.profile not in b.cities:
    state.set_value("profile", city.default_profile(b.cities, b.sections))
cid = st.selectbox(
    ctx.t("city"), options=list(b.cities), format_func=lambda c: both(b.cities[c], lang), **state.bind("profile")
)

# 2/ GET DATA: the profile, and the place's section of the chosen source rendered with its figures
named = city.sources_of(b, cid)
chosen = None
if len(named) > 1:  # a place several sources speak of: pick whose speaker, section and announcement to show
    titles = source_titles(b.sources, lang)
    first = city.default_source(b, cid, ctx.filters)
    chosen = st.selectbox(
        ctx.t("city_source"),
        options=named,
        index=named.index(first),
        format_func=titles.get,
        key=f"city_source_{cid}",
    )
prof, section = cache.city_profile(b, ctx.filters, cid, chosen)

# 3/ WHO SPEAKS
st.header(md(prof.name))
if prof.within:  # its level and the places it lies in: which 城区, which 鼓楼区
    st.caption(md(prof.within))
if prof.speaker:
    left, right = st.columns([1, 3])
    left.caption(ctx.t("speaker"))
    left.text(prof.speaker)
    right.caption(ctx.t("role"))
    right.text(prof.role or "")

# 4/ A CITY WITHOUT A SECTION: SAY SO, AND QUOTE THE SENTENCE THAT ANNOUNCES IT
if prof.section_missing:  # only where the source gives places headed sections; a place simply named is not missing
    title = source_titles(b.sources, lang)[prof.source]
    key = "no_section" if prof.announcement else "no_section_named"
    st.warning(md(ctx.t(key).format(city=prof.name, source=title)), icon=":material/report:")
    if prof.announcement:
        st.caption(ctx.t("announcing_sentence"))
        st.text(prof.announcement)

# 5/ FIGURES BY METRIC TYPE (shared status/type/qualifier filters apply)
st.subheader(ctx.t("city_figures"))
if not prof.groups:
    st.info(ctx.t("no_selection"))
config = columns.config(lang, city.CITY_COLUMNS)
for group in prof.groups:
    st.markdown(f"**{md(group.title)}** ({len(group.frame)})")
    st.dataframe(group.frame, column_config=config, hide_index=True, placeholder="", key=f"city_{group.type}")
downloads.this_view(ctx, "city", city.figures_table(prof, lang), config, profile=cid)  # the figures above

# 6/ THE CITY'S SECTION OF THE ARTICLE, ITS FIGURES HIGHLIGHTED
if section is not None:
    st.subheader(ctx.t("city_section"))
    st.html(section)
