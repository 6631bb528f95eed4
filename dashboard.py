"""Entry: page config, shared state, navigation. Each page lives in pages/, listed in ui/registry.py."""

import streamlit as st

from loaders.problems import MetricsError
from ui import cache, errors, mode, registry, sidebar, state
from views.i18n import t

st.set_page_config(page_title="Reported figures", page_icon="📊", layout="wide")

bundle = cache.get()
notices = state.sync_from_url(None if isinstance(bundle, MetricsError) else bundle)
lang = state.current().lang
pages = registry.served(mode.curating())  # make curate adds the one page that writes; make run never has it
nav = st.navigation(
    [
        st.Page(p.path, title=t(p.title_key, lang), url_path=p.url, icon=p.icon, default=p is registry.DEFAULT)
        for p in pages
    ]
)
if isinstance(bundle, MetricsError):
    if mode.curating() and nav.url_path == registry.CURATE.url:  # the page that can fix them shows them on rows
        with state.handoff(bundle):
            nav.run()
        st.stop()
    errors.render_problems(bundle, lang)
    st.stop()
sidebar.render(bundle)
if notices:
    st.warning(f"{t('notice_ignored', lang)}: " + "; ".join(notices), icon=":material/link_off:")
state.write_url()
with state.handoff(bundle):
    nav.run()
