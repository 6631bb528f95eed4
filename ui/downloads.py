"""views' plain download descriptions drawn as Streamlit download buttons, each file built when it is clicked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import streamlit as st

from ui import registry
from ui.state import Context
from views import downloads
from views.downloads import Download


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


def buttons(items: Iterable[Download]) -> None:
    for d in items:
        download_button(d)


def shown(config: Mapping | None) -> downloads.Shown:
    """What a dataframe's column_config hides (None), draws as links (LinkColumn) and heads (label)."""
    hidden, links, labels = [], [], {}
    for col, spec in (config or {}).items():
        if spec is None:
            hidden.append(col)
        elif isinstance(spec, str):
            labels[col] = spec
        else:
            if (spec.get("type_config") or {}).get("type") == "link":
                links.append(col)
            if spec.get("label"):
                labels[col] = spec["label"]
    return downloads.Shown(tuple(hidden), tuple(links), labels)


def this_view(ctx: Context, page: str, table: downloads.Table, config: Mapping | None = None, **choices) -> None:
    """The page's 'download this view' control: its table as CSV and JSON, the columns as config shows them.

    Nothing is offered for an empty table: the page shows no rows then.
    """
    if isinstance(table, pd.DataFrame) and table.empty:
        return
    st.caption(ctx.t("download_view") + ": " + ctx.t(f"download_view_{page}"))
    with st.container(horizontal=True):
        ignores = registry.by_url(page).ignores
        buttons(downloads.this_view(page, table, ctx.filters, shown(config), ignores, **choices))
