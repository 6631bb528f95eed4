"""The one URL builder: every address a view links to, built from the filters' query string."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import quote_plus, urlencode

import pandas as pd

from loaders.filters import Filters, to_params

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9_.~-]")


def reader_link(filters: Filters, figure: str) -> str:
    """Relative address of the Source reader opened at a figure, keeping the current filters."""
    return "reader?" + urlencode(to_params(replace(filters, figure=figure, notices=())))


def reader_links(ids: pd.Series, filters: Filters) -> pd.Series:
    """reader_link() for every id at once: the query is built once, each id put where id= goes."""
    marker = "\x00"
    prefix, suffix = reader_link(filters, marker).split(quote_plus(marker), 1)
    ids = list(ids.astype("string").fillna("").astype(object))
    if _URL_UNSAFE.search("".join(ids)):  # ids are slugs, which urlencode leaves as they are; quote anything else
        ids = [quote_plus(i) for i in ids]
    return pd.Series([prefix + i + suffix for i in ids], dtype="string")
