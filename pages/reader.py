"""Placeholder until the page lands."""

import streamlit as st

from ui import state

ctx = state.context()
st.title(ctx.t("page_reader"))
