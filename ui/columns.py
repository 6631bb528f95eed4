"""views' plain column descriptions turned into Streamlit's column configs."""

from __future__ import annotations

import streamlit as st

from views import table


def column(spec: table.Column):
    """One views.table.Column as an st.column_config object."""
    common = {"label": spec.label, "help": spec.help, "width": spec.width, "pinned": spec.pinned or None}
    common = {k: v for k, v in common.items() if v is not None}
    if spec.kind == "number":
        return st.column_config.NumberColumn(**common, format=spec.number_format)
    if spec.kind == "link":
        return st.column_config.LinkColumn(**common, display_text=spec.link_text)
    return st.column_config.TextColumn(**common)


def config(lang: str, keep: list[str] | None = None) -> dict:
    """column_config for views.table.display's columns (keep: only these)."""
    return {col: column(spec) for col, spec in table.columns(lang, keep).items()}
