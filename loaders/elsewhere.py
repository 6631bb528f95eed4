"""Reported elsewhere: a gap in one source beside the same (place, indicator) reported in another source."""

from __future__ import annotations

import pandas as pd

from loaders.models import NUMBER_MISSING

COLUMNS = ["id", "other_id", "other_source"]


def reported_elsewhere(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (gap, other figure): id is a blank or partial figure, other_id a reported figure of the same
    place and indicator in another source. Never merged into the gap's value: the pages show it beside it."""
    keyed = df[df["indicator"].notna()]
    gaps = keyed[keyed["status"].isin(NUMBER_MISSING)][["id", "source", "city", "indicator"]]
    reported = keyed[keyed["status"] == "reported"][["id", "source", "city", "indicator"]]
    if gaps.empty or reported.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in COLUMNS})
    pairs = gaps.merge(reported, on=["city", "indicator"], suffixes=("", "_other"))
    pairs = pairs[pairs["source"] != pairs["source_other"]]
    out = pairs.rename(columns={"id_other": "other_id", "source_other": "other_source"})[COLUMNS]
    return out.reset_index(drop=True).astype("string")
