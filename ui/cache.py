"""Every st.cache_* of the app: the loaded Bundle, and the page views that are rebuilt only when the data,
the filters or the language change.

A Bundle is keyed by its version (a digest of the files it was built from), never hashed whole: it is large.
The Bundle and the cache_resource views are one object shared by every session (unpickling a copy per run
costs more than the page itself): never mutate them (tests/test_shared_bundle.py checks the pages don't).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from loaders import cache as snapshot
from loaders.bundle import Bundle
from loaders.dataset import metrics_path
from loaders.filters import Filters, apply
from loaders.problems import FiguresError
from views import city, compare, elsewhere, gaps, overview, reader, sidebar, table
from views import data as views_data

BY_VERSION = {Bundle: lambda b: b.version}


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, version: str) -> Bundle:
    # version is part of the cache key only: it changes whenever a file's content does (loaders.cache).
    # cache_resource, not cache_data: one shared Bundle instead of an unpickled copy per call (two per
    # rerun; 7 MB at 100x the data, see docs/benchmarks.md). Every session reads it: never mutate it.
    # loaders.cache.load: the snapshot on disk when the files are unchanged since it was written (a restart
    # validates nothing), and only the changed sources validated again otherwise.
    return snapshot.load(path)


def get() -> Bundle | FiguresError:
    """The current data, or the error listing every problem (errors are never cached).

    Each rerun asks snapshot.version: a stat of each file, a hash only of one whose stat changed.
    """
    path = str(metrics_path())
    try:
        return _load(path, snapshot.version(path))
    except FiguresError as exc:
        return exc


def _key(f: Filters, **fixed) -> Filters:
    # notices say what the address had wrong; they change no view. fixed: fields a view does not depend on.
    return replace(f, notices=(), **fixed)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _reader_view(b: Bundle, f: Filters) -> reader.View:
    return reader.view(b.frame, f, f.lang, list(b.texts), b.appearances)


def reader_view(b: Bundle, f: Filters) -> reader.View:
    """views.reader.view of the whole table: the source it shows follows the chosen figure and the filters."""
    return _reader_view(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def _elsewhere(b: Bundle, lang: str) -> dict[str, list[str]]:
    return elsewhere.notes(b.frame, b.sources, lang)


def elsewhere_notes(b: Bundle, lang: str) -> dict[str, list[str]]:
    """views.elsewhere.notes of the whole table: gap id -> other sources' figures for it, in words."""
    return _elsewhere(b, lang)


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs=BY_VERSION)
def _reader_text(b: Bundle, source: str, f: Filters) -> str:
    return reader.source_html(b.frame, b.texts[source], source, f)


def reader_text(b: Bundle, source: str, f: Filters) -> str:
    """One source rendered as HTML with the figures the reader shows in it."""
    return _reader_text(b, source, _key(f))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def _prepared(b: Bundle, lang: str) -> pd.DataFrame:
    return table.prepare(b.frame, b.cities, b.metric_types, lang)


def data_table(b: Bundle, df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """views.table.display of df (rows of b.frame): labels and values as written are made once per language."""
    return table.display(df, b.cities, b.metric_types, f.lang, f, prepared=_prepared(b, f.lang))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _data_view(b: Bundle, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = apply(b.frame, f)
    return df, data_table(b, df, f)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _data_sources(b: Bundle, f: Filters) -> tuple[pd.DataFrame | None, list]:
    df = _data_view(b, f)[0]
    in_view = set(df["source"].dropna().unique()) | set(f.source)
    selected = {sid: src for sid, src in b.sources.items() if sid in in_view} if in_view else b.sources
    if len(selected) > table.LIST_SOURCES:  # hundreds of sources: one table, not a list each
        return views_data.source_table(selected, f.lang), []
    return None, views_data.source_notes(selected, f.lang)


def data_sources(b: Bundle, f: Filters) -> tuple[pd.DataFrame | None, list]:
    """The sources of the rows the Data page shows (or of the source filter), and what it says of them: one
    table when there are more than LIST_SOURCES, else each one's notes. Once per (data version, filters)."""
    return _data_sources(b, _key(f))


def data_view(b: Bundle, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows the filters select and their display table, built once per filter (100,000 rows at 1000x)."""
    return _data_view(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=128, hash_funcs=BY_VERSION)
def _city_profile(b: Bundle, f: Filters, cid: str, source: str | None) -> tuple[city.Profile, str | None]:
    prof = city.profile(b, f, cid, f.lang, source)
    return prof, city.section_html(b, prof)


def city_profile(b: Bundle, f: Filters, cid: str, source: str | None = None) -> tuple[city.Profile, str | None]:
    """views.city.profile, and the place's section rendered with its figures highlighted (None: no section)."""
    return _city_profile(b, _key(f), cid, source)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _gaps_listing(b: Bundle, f: Filters) -> pd.DataFrame:
    notes = elsewhere_notes(b, f.lang)
    return gaps.listing(apply(b.frame, f), b.texts, b.cities, b.metric_types, f.lang, notes)


def gaps_listing(b: Bundle, f: Filters) -> pd.DataFrame:
    """views.gaps.listing of the figures the filters select: every figure in its sentence (100,000 at 1000x)."""
    return _gaps_listing(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _gaps_removed(b: Bundle, f: Filters, source: str) -> tuple[gaps.DigitCounts, pd.DataFrame]:
    df = apply(b.frame, replace(f, only_blanks=False))  # the evidence counts every status
    return gaps.removed(df[df["source"] == source], b.frame, b.texts, b.cities, f.lang)


def gaps_removed(b: Bundle, f: Filters, source: str) -> tuple[gaps.DigitCounts, pd.DataFrame]:
    """views.gaps.removed of the selection in one source's text (never pooled across sources): the surviving
    numbers' digits and the sentences around the gaps."""
    return _gaps_removed(b, _key(f, only_blanks=False), source)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def compare_options(b: Bundle) -> tuple[list[str], dict[str, int]]:
    """Compare's indicator picker: its options, and per indicator how many places report it (per data version)."""
    return compare.indicator_options(b.frame), compare.city_counts(b.frame)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _compare_selection(b: Bundle, f: Filters) -> tuple[pd.DataFrame, list[str], bool]:
    df, absent, unshared = compare.select(b.frame, f), compare.no_section(b.frame, f), False
    if df.empty and compare.mode(f) == "shared":
        df = compare.unshared(b.frame, f)  # a place that shares no indicator still has figures: by type
        unshared = not df.empty
    return df, absent, unshared


def compare_selection(b: Bundle, f: Filters) -> tuple[pd.DataFrame, list[str], bool]:
    """The figures Compare compares, the places announced without a section, and whether they are offered by
    type because nothing is shared: once per (data version, filters)."""
    return _compare_selection(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _compare_table(b: Bundle, f: Filters) -> pd.DataFrame:
    return compare.table(_compare_selection(b, f)[0], b.cities, b.indicators, b.metric_types, f)


def compare_table(b: Bundle, f: Filters) -> pd.DataFrame:
    """views.compare.table of compare_selection: the figures as written, once per (data version, filters)."""
    return _compare_table(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _overview_counts(b: Bundle, f: Filters) -> tuple[pd.DataFrame, overview.Headline, dict]:
    df = apply(b.frame, f)
    return df, overview.headline(df, b.sections), overview.missing_sections(df, b.cities, f.lang)


def overview_counts(b: Bundle, f: Filters) -> tuple[pd.DataFrame, overview.Headline, dict]:
    """The rows the filters select, the Overview's headline counts and the places announced without a section:
    once per (data version, filters); a rerun that changes neither counts nothing again."""
    return _overview_counts(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _overview_chart(b: Bundle, f: Filters, top: int):
    return overview.overview_bars(_overview_counts(b, f)[0], b.cities, b.metric_types, f.lang, top)


def overview_chart(b: Bundle, f: Filters, top: int):
    """views.overview.overview_bars of overview_counts' rows, top places: once per (data version, filters, top)."""
    return _overview_chart(b, _key(f), top)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _compare_chart(b: Bundle, f: Filters, top: int):
    df = _compare_selection(b, f)[0]
    shown, n_groups, n_all = compare.charted(df, top)
    rows = compare.chart_rows(shown, b.cities, b.indicators, b.metric_types, f.lang)
    return compare.compare_bars(rows, b.cities, f.lang), n_groups, n_all, int(shown["city"].nunique())


def compare_chart(b: Bundle, f: Filters, top: int):
    """Compare's chart of compare_selection's figures at the top places, how many of how many indicators (or
    types) it draws, and how many places: once per (data version, filters, top), not per rerun."""
    return _compare_chart(b, _key(f), top)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _compare_levels(b: Bundle, f: Filters) -> list[str]:
    return compare.levels(_compare_selection(b, f)[0])


def compare_levels(b: Bundle, f: Filters) -> list[str]:
    """views.compare.levels of compare_selection's figures, once per (data version, filters)."""
    return _compare_levels(b, _key(f))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def _sidebar_options(b: Bundle, lang: str) -> sidebar.Options:
    return sidebar.options(b, lang)


def sidebar_options(b: Bundle, lang: str) -> sidebar.Options:
    """views.sidebar.options: the filters' options and labels with counts, once per (data version, language)."""
    return _sidebar_options(b, lang)


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _gaps_counts(b: Bundle, f: Filters) -> gaps.Counts:
    return gaps.counts(apply(b.frame, replace(f, only_blanks=False)), b.cities, b.metric_types, b.texts, f.lang)


def gaps_counts(b: Bundle, f: Filters) -> gaps.Counts:
    """views.gaps.counts of the selection (every status: "only blanks" narrows the listing only), once per
    (data version, filters)."""
    return _gaps_counts(b, _key(f, only_blanks=False))


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs=BY_VERSION)
def _gaps_heatmap(b: Bundle, f: Filters, top: int):
    return gaps.gaps_heatmap(_gaps_counts(b, f).cells, b.cities, b.metric_types, f.lang, top)


def gaps_heatmap(b: Bundle, f: Filters, top: int):
    """views.gaps.gaps_heatmap of gaps_counts' cells at the top places, once per (data version, filters, top)."""
    return _gaps_heatmap(b, _key(f, only_blanks=False), top)
