"""views' plain column and download descriptions turned into Streamlit's column configs and buttons."""

from __future__ import annotations

import streamlit as st

from views import table
from views.data import Download


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


def download_button(d: Download) -> None:
    st.download_button(
        d.label,
        data=d.build,
        file_name=d.file_name,
        mime=d.mime,
        key=d.key,
        icon=":material/download:",
        on_click="ignore",
    )
