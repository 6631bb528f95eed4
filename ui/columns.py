"""Turn loaders.table's plain column specs into st.column_config objects."""

from __future__ import annotations

import streamlit as st

from loaders import table

KINDS = {
    "text": st.column_config.TextColumn,
    "number": st.column_config.NumberColumn,
    "link": st.column_config.LinkColumn,
}


def config(lang: str, keep: list[str] | None = None) -> dict:
    return {col: KINDS[spec.pop("kind")](**spec) for col, spec in table.columns(lang, keep).items()}
