"""Cached page views: what a page draws is rebuilt only when the data, the filters or the language change.

Keys: a token naming the loaded Bundle (ui.data keeps one per version of the files, so new files mean a new
token), plus the filters and whatever else the view depends on. `_b` itself is not hashed (it is large).
The reader's view, the prepared table and the city profile are cache_resource: one object shared by every
session (unpickling a copy per run costs more than the page itself), so like the Bundle, never mutate them.
"""

from __future__ import annotations

import itertools
import weakref
from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from loaders import city, reader, table
from loaders.bundle import Bundle
from loaders.filters import Filters

_tokens: dict[int, tuple[weakref.ref, str]] = {}
_count = itertools.count()


def _forget(key: int, ref: weakref.ref) -> None:
    if _tokens.get(key, (None,))[0] is ref:
        del _tokens[key]


def token(b: Bundle) -> str:
    """A name for this Bundle object, never given to another one (unlike id(), which is reused once it is freed)."""
    entry = _tokens.get(id(b))
    if entry is None or entry[0]() is not b:
        entry = (weakref.ref(b, partial(_forget, id(b))), f"bundle-{next(_count)}")
        _tokens[id(b)] = entry
    return entry[1]


def _key(f: Filters) -> Filters:
    return replace(f, notices=())  # notices say what the address had wrong; they change no view


@st.cache_resource(show_spinner=False, max_entries=32)
def _reader_view(_b: Bundle, key: str, f: Filters, source: str | None) -> reader.View:
    return reader.view(_b.frame, f, f.lang, list(_b.texts), source)


def reader_view(b: Bundle, f: Filters, source: str | None) -> reader.View:
    """loaders.reader.view of the whole table; source: the one picked (None: the first)."""
    return _reader_view(b, token(b), _key(f), source)


@st.cache_data(show_spinner=False, max_entries=128)
def _reader_text(_b: Bundle, key: str, source: str, f: Filters) -> str:
    return reader.source_html(_b.frame, _b.texts[source], source, f)


def reader_text(b: Bundle, source: str, f: Filters) -> str:
    """One source rendered as HTML with the figures the reader shows in it."""
    return _reader_text(b, token(b), source, _key(f))


@st.cache_resource(show_spinner=False, max_entries=8)
def _prepared(_b: Bundle, key: str, lang: str) -> pd.DataFrame:
    return table.prepare(_b.frame, _b.cities, _b.types, lang)


def data_table(b: Bundle, df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """loaders.table.display of df (rows of b.frame): labels and values as written are made once per language."""
    return table.display(df, b.cities, b.types, f.lang, f, prepared=_prepared(b, token(b), f.lang))


@st.cache_resource(show_spinner=False, max_entries=128)
def _city_profile(_b: Bundle, key: str, f: Filters, cid: str) -> tuple[city.Profile, str | None]:
    prof = city.profile(_b, f, cid, f.lang)
    if not prof.section:
        return prof, None
    sid, start, end = prof.section
    return prof, reader.render(_b.texts[sid], prof.marks, span=(start, end))


def city_profile(b: Bundle, f: Filters, cid: str) -> tuple[city.Profile, str | None]:
    """loaders.city.profile, and the city's section rendered with its figures highlighted (None: no section)."""
    return _city_profile(b, token(b), _key(f), cid)
