"""Entry: page config, shared state, navigation. Each page lives in pages/."""

import streamlit as st

from loaders.i18n import t
from loaders.problems import MetricsError
from ui import data, errors, mode, state

st.set_page_config(page_title="Reported figures", page_icon="📊", layout="wide")

bundle = data.get()
notices = state.sync_from_url(None if isinstance(bundle, MetricsError) else bundle)
lang = state.current().lang
PAGES = [
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/compare.py", "page_compare", "compare", ":material/bar_chart:"),
    ("pages/gaps.py", "page_gaps", "gaps", ":material/grid_on:"),
    ("pages/city.py", "page_city", "city", ":material/location_city:"),
    ("pages/reader.py", "page_reader", "reader", ":material/article:"),
    ("pages/data.py", "page_data", "data", ":material/table:"),
]
if mode.curating():  # make curate: the one page that writes; never registered in the viewer (make run)
    PAGES.append(("pages/curate.py", "page_curate", "curate", ":material/edit_note:"))
nav = st.navigation(
    [
        st.Page(path, title=t(key, lang), url_path=url, icon=icon, default=(url == "overview"))
        for path, key, url, icon in PAGES
    ]
)
if isinstance(bundle, MetricsError):
    errors.render_problems(bundle, lang)
    st.stop()
state.render_sidebar(bundle)
if notices:
    st.warning(f"{t('notice_ignored', lang)}: " + "; ".join(notices), icon=":material/link_off:")
state.write_url()
nav.run()
