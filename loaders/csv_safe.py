"""CSV cells a spreadsheet will not run as formulas (OWASP's "CSV injection" defence), shared by every CSV export.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single quote in
front (`'=1+2`): Excel, LibreOffice and Google Sheets then show it as text instead of evaluating it. A cell that
is a plain number (`-3`, `+1.5`, `-2e3`) is left alone, as are number columns: a negative number stays a number.
The JSON, SQLite and data-package JSON files keep every text verbatim; only CSV cells carry the quote.
"""

from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value):
    """value, with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def frame(df: pd.DataFrame) -> pd.DataFrame:
    """df with cell() applied to its text columns (numbers, booleans and dates untouched); headers too."""
    out = df.copy(deep=False)
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if s.dtype == object or isinstance(s.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            out.isetitem(i, s.astype(object).map(cell))
    return out.rename(columns={c: cell(c) for c in out.columns if isinstance(c, str)})
