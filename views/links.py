"""The one URL builder: every address a view links to, built from the filters' query string."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import quote_plus, urlencode

import pandas as pd

from loaders.filters import Filters, to_params

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9_.~-]")


def reader_link(filters: Filters, figure: str, source: str | None = None) -> str:
    """Relative address of the Source reader opened at a figure, keeping the current filters.

    source: the figure's source, which the reader then shows (source=<id>): the address names the text it opens.
    """
    f = replace(filters, id=figure, notices=())
    if source is not None:
        f = replace(f, source=(source,))
    return "reader?" + urlencode(to_params(f))


def reader_links(ids: pd.Series, filters: Filters, sources: pd.Series | None = None) -> pd.Series:
    """reader_link() for every id at once: the query is built once per source, each id put where id= goes."""
    marker = "\x00"
    ids = list(ids.astype("string").fillna("").astype(object))
    if _URL_UNSAFE.search("".join(ids)):  # ids are slugs, which urlencode leaves as they are; quote anything else
        ids = [quote_plus(i) for i in ids]
    srcs = [None] * len(ids) if sources is None else list(sources.astype(object))
    parts: dict = {}
    out = []
    for i, sid in zip(ids, srcs, strict=True):
        if sid not in parts:
            parts[sid] = reader_link(filters, marker, sid).split(quote_plus(marker), 1)
        prefix, suffix = parts[sid]
        out.append(prefix + i + suffix)
    return pd.Series(out, dtype="string")
