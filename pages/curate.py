"""Curate: review drafted figures beside the text, accept, fix or reject them, and save without losing anything."""

import streamlit as st

from ui import mode, state
from views.i18n import t

ctx = state.context()
lang = ctx.lang
st.title(t("page_curate", lang))
if not mode.curating():  # reached by address on a viewer: say so, and load nothing that writes
    st.error(t("curate_off", lang))
    st.stop()

from ui import curate as cu  # noqa: E402 (the write path is imported in curate mode only)
from ui import place_step  # noqa: E402
from views import curate as vm  # noqa: E402

st.caption(t("curate_intro", lang))

# 1/ PICK A SOURCE, OR REGISTER A NEW TEXT
cu.render_register(lang)
source = cu.pick_source(lang)
if source:  # the Places step: every place the text names, accepted before drafting
    place_step.render(source, lang)
review = cu.review(source) if source else None
if review is None:
    cu.render_message()
    st.stop()

# 2/ THE CURATOR'S LAST EDITS, THEN DRAFT / SAVE / UNDO / RELOAD
review = cu.absorb_edits(review)
cu.render_actions(review, lang)
cu.render_message()

# 3/ LIVE VALIDATION OF THE WHOLE DATASET WITH THE REVIEW APPLIED; WHERE THE CURATOR IS
result = vm.check(review)
cu.render_summary(vm.summary(review, result), review, lang)

# 4/ WHERE THE CURATOR IS; ONE PROPOSAL AT A TIME (THE TABLE AS THE OVERVIEW), OR THE WHOLE TABLE
opts = vm.options(result, review.sheet, lang)
cu.render_progress(review, lang)
cu.render_bulk(review, lang)
layout = cu.layout(lang)
shown = vm.table(review, result, cu.filters(lang, opts.get("type", {})))
if layout == "focus":
    cu.render_focus(review, result, opts, lang, cu.glossary())
    cu.render_overview(shown, lang)
else:
    cu.render_editor(shown, opts, lang)
    cu.render_text(review, result, lang)
cu.render_rejected(review, lang)
