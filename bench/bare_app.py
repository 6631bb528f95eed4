"""The bare app: what any Streamlit app costs to start and show."""

import streamlit as st

st.write("hello")
