"""The files a page offers, as plain descriptions (ui/downloads.py draws them as download buttons).

"Download this view": the table a page shows, with the rows and columns it shows under the current filters and
language, headed as the page heads them, as CSV or JSON named after the page and the filters that shape it
(exports.view writes the bytes). A column the page links to the Source reader becomes the figure id the
link opens: a dashboard-relative address means nothing in a file, the id does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from exports import view as export_view
from loaders.filters import Filters, to_params
from views.i18n import t


@dataclass(frozen=True)
class Download:
    """One file the page offers; build() makes its bytes when it is asked for (a click), not on every run."""

    key: str
    label: str
    build: Callable[[], bytes]
    file_name: str
    mime: str


@dataclass(frozen=True)
class Shown:
    """How a page shows a table: the columns it hides, those it draws as reader links, and their headings."""

    hidden: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)


VIEW_FORMATS = ("csv", "json")
Table = pd.DataFrame | Callable[[], pd.DataFrame]
"""A page's table, or a function that makes it (then it is made on click only)."""


def name_params(f: Filters, ignores: tuple[str, ...] = ()) -> dict[str, str]:
    """The address keys that shape the page's view (all but ignores), as the file name spells them."""
    return {k: v for k, v in to_params(f).items() if k not in ignores}


def as_shown(df: pd.DataFrame, shown: Shown) -> pd.DataFrame:
    """df's columns as the page shows them, in order and headed as shown; a reader link becomes the figure id."""
    has_id = "id" in df.columns and "id" not in shown.hidden
    keep: list[str] = []
    for col in df.columns:
        if col in shown.links:
            if not has_id and "id" in df.columns:
                keep.append("id")
                has_id = True
        elif col not in shown.hidden:
            keep.append(col)
    return df[keep].rename(columns=dict(shown.labels))


def view_file(table: Table, shown: Shown, fmt: str) -> bytes:
    """The file of one view: as_shown(table) as CSV or JSON (a missing value empty / null, never 0)."""
    df = table() if callable(table) else table
    return export_view.view_bytes(as_shown(df, shown), fmt)


def this_view(
    page: str, table: Table, f: Filters, shown: Shown | None = None, ignores: tuple[str, ...] = (), **choices
) -> list[Download]:
    """'Download this view' of page as CSV and JSON; ignores: the address keys the page's view does not depend
    on; choices: what the page picked beyond the filters (e.g. profile=<city>) so that the name says it too."""
    params = name_params(replace(f, **choices) if choices else f, ignores)
    return [
        Download(
            key=f"download_view_{fmt}",
            label=t(f"download_view_{fmt}", f.lang),
            build=partial(view_file, table, shown or Shown(), fmt),
            file_name=export_view.file_name(page, params, fmt),
            mime=export_view.FORMATS[fmt],
        )
        for fmt in VIEW_FORMATS
    ]
