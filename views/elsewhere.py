"""Reported elsewhere, in words: beside a gap, the same place and indicator as another source reports it.

Shared by the Gaps page and the reader. The other source's figure is shown as that source's, with its own
quote, and never merged into the gap's value (loaders.elsewhere pairs them).
"""

from __future__ import annotations

import pandas as pd

from loaders.elsewhere import reported_elsewhere
from views.i18n import source_titles, t
from views.writing import written


def notes(df: pd.DataFrame, sources: dict, lang: str) -> dict[str, list[str]]:
    """Gap id -> one sentence per other source's figure ('deleted here; reported as ≥ 15 万元 in “…”: “…”')."""
    pairs = reported_elsewhere(df)
    if pairs.empty:
        return {}
    other = df.set_index("id").loc[pairs["other_id"].astype(object)]
    shown = written(other, lang).tolist()
    titles = source_titles(sources, lang)
    out: dict[str, list[str]] = {}
    for gap, sid, w, quote in zip(pairs["id"], pairs["other_source"], shown, other["quote"], strict=True):
        out.setdefault(gap, []).append(t("elsewhere", lang).format(written=w, source=titles[sid], quote=quote))
    return out
