"""A readable page for a broken metrics file: every problem, escaped, no traceback."""

from __future__ import annotations

import streamlit as st

from loaders.problems import FiguresError
from views.i18n import t


def render_problems(err: FiguresError, lang: str) -> None:
    st.title(t("errors_title", lang))
    st.error(t("errors_intro", lang))
    # st.code shows text verbatim, never as HTML or Markdown.
    st.code("\n".join(str(p) for p in err.problems), language=None, wrap_lines=True)
    st.caption(f"{len(err.problems)} problem(s). Fix the file and reload this page.")
