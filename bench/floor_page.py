"""FLOOR page: the least a real page does (one plotly bar chart of 100 points, a 100-row table)."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
df = pd.DataFrame({"x": [f"item {i}" for i in range(100)], "y": [(i * 37) % 101 for i in range(100)]})
st.plotly_chart(go.Figure(go.Bar(x=df["x"], y=df["y"])), key="floor_chart")
st.dataframe(df, key="floor_table")
