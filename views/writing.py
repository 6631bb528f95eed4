"""The one writer of a figure "as written": qualifier, number and unit as the text gives them.

Every page writes figures through as_written() (or written(), without the gap note). Decided renderings:
  exact 18 个 · at_least ≥ 10 万元 · more_than > 14 万名 · at_most ≤ 20 年 · range 1–3 名
  blank (number deleted): 【?】 名, after its qualifier when the text keeps one (≥ 【?】 万元)
  partial (digits cut): 【?】 then the surviving digits (> 【?】0 件)
  missing section: words only ("no section in the source"): nothing was deleted, the section never was there.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from loaders import numerals
from loaders.models import NUMBER_MISSING, STATUSES
from views.i18n import GAP_MARK, t

SYMBOLS = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "range": ""}
"""How a qualifier is written before a number (at_most is the text's 近 'nearly' or 不超过)."""
COLUMNS = ("status", "qualifier", "value", "low", "high", "unit", "digits_shown")
"""The columns of the tidy frame the writer reads."""


def text_of(col: pd.Series) -> pd.Series:
    """A column as plain Python strings ('' for a missing value), for vectorised joining."""
    return col.astype("string").fillna("").astype(object)


def join(a: pd.Series, b: pd.Series, sep: str = " ") -> pd.Series:
    """a + sep + b row by row, leaving out the separator where either side is empty."""
    return a.where(b == "", a.where(a == "", a + sep) + b)


def numbers(col: pd.Series) -> pd.Series:
    """Each number as the text writes it (numerals.arabic), formatted once per distinct value; '' when missing."""
    values = col.astype("Float64")
    out = pd.Series("", index=col.index, dtype=object)
    known = values.notna().to_numpy()
    if known.any():
        distinct, where = np.unique(values[known].to_numpy(dtype=float), return_inverse=True)
        out[known] = np.array([numerals.arabic(v) for v in distinct], dtype=object)[where]
    return out


def no_section(lang: str) -> str:
    """The words-only marker of a missing section."""
    return t("no_section_marker", lang)


def written(df: pd.DataFrame, lang: str) -> pd.Series:
    """Every row of df (tidy-frame columns COLUMNS) as written: '≥ 10 万元', '1–3 名', '【?】 名', '> 【?】0 件'."""
    status, qualifier = text_of(df["status"]), text_of(df["qualifier"])
    number = numbers(df["value"]).where(qualifier != "range", numbers(df["low"]) + "–" + numbers(df["high"]))
    number = number.where(~status.isin(NUMBER_MISSING), GAP_MARK + text_of(df["digits_shown"]))
    symbol = qualifier.map(SYMBOLS).fillna("").astype(object)
    out = join(join(symbol, number), text_of(df["unit"]))
    return out.where(status != "missing_section", no_section(lang))


def gap_note(status: str, lang: str) -> str:
    """What the source left out, in words: 'not in source' (deleted), 'digits cut'; '' otherwise.

    A missing section has none: its marker already says it in words.
    """
    if status == "partial":
        return t("digits_cut", lang)
    if status == "blank":
        return t("not_in_source", lang)
    return ""


def as_written(df: pd.DataFrame, lang: str) -> pd.Series:
    """written() with the gap spelt out after it: '【?】 名 (not in source)', '> 【?】0 件 (digits cut)'."""
    out = written(df, lang)
    notes = text_of(df["status"]).map({s: gap_note(s, lang) for s in STATUSES}).fillna("").astype(object)
    return out.where(notes == "", out + " (" + notes + ")")


def one(row: Mapping, lang: str) -> str:
    """as_written() of a single row (a dict of tidy-frame fields; missing fields count as empty)."""
    frame = pd.DataFrame([{c: row.get(c) for c in COLUMNS}])
    return as_written(frame, lang).iloc[0]
