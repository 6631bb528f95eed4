"""FLOOR page: the least a real page does (one plotly bar chart of 100 points, a table, one selectbox)."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
rows = st.selectbox("Rows", [100, 50], format_func=lambda n: f"{n} rows", key="floor_rows")  # bench/interaction.py
df = pd.DataFrame({"x": [f"item {i}" for i in range(rows)], "y": [(i * 37) % 101 for i in range(rows)]})
st.plotly_chart(go.Figure(go.Bar(x=df["x"], y=df["y"])), key="floor_chart")
st.dataframe(df, key="floor_table")
st.caption(f"{rows} rows shown")  # what bench/interaction.py waits for after a change
