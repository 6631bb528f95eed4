"""Entry: page config, shared state, navigation. Each page lives in pages/, listed in ui/registry.py."""

import streamlit as st

from loaders.problems import FiguresError
from ui import cache, compat, errors, mode, registry, sidebar, state
from views.i18n import t

st.set_page_config(page_title="Reported figures", page_icon="📊", layout="wide")

bundle = cache.get()
notices = state.sync_from_url(None if isinstance(bundle, FiguresError) else bundle)
lang = state.current().lang
DEFAULT = registry.DEFAULT
pages = [
    st.Page(
        p.path,
        title=t(p.title_key, lang),
        url_path=compat.default_alias(p.url) if p is DEFAULT else p.url,
        icon=p.icon,
        default=p is DEFAULT,
    )
    for p in registry.served(mode.curating())  # make curate adds the one page that writes; make run never has it
]
# The default page under its own name too (/overview): hidden from the menu, same script (see ui.compat).
alias = st.Page(DEFAULT.path, title=t(DEFAULT.title_key, lang), url_path=DEFAULT.url, visibility="hidden")
nav = st.navigation([*pages, alias])
broken = isinstance(bundle, FiguresError)
if broken and not (mode.curating() and nav.url_path == registry.CURATE.url):  # Curate shows them on its rows
    errors.render_problems(bundle, lang)
    st.stop()
if not broken:
    sidebar.render(bundle)
    if notices:
        st.warning(f"{t('notice_ignored', lang)}: " + "; ".join(notices), icon=":material/link_off:")
    state.write_url()
with state.handoff(bundle):
    nav.run()
