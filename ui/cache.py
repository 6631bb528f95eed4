"""Every st.cache_* of the app: the Bundle read from the store, and the page views that are rebuilt only when
the data, the filters or the language change.

A Bundle is keyed by its version (a digest of the files the store was built from), never hashed whole: it is
large. The Bundle and the cached views are one object shared by every session (unpickling a copy per run costs
more than the page itself): never mutate them (tests/test_shared_bundle.py checks the pages don't).
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
import streamlit as st

from loaders import store
from loaders.bundle import Bundle
from loaders.dataset import metrics_path
from loaders.filters import Filters, apply
from loaders.problems import FiguresError
from views import absent, city, compare, elsewhere, gaps, overview, reader, sidebar, table
from views import data as views_data

BY_VERSION = {Bundle: lambda b: b.version}


@st.cache_resource(show_spinner=False, max_entries=4)
def _read(db: str, version: str) -> Bundle:
    # version is part of the key only: the store's digest of its inputs. cache_resource, not cache_data: one
    # shared Bundle instead of an unpickled copy per call. Every session reads it: never mutate it.
    return store.read(db)


def get() -> Bundle | FiguresError:
    """The current data, or the error listing every problem (errors are never cached).

    Each rerun asks the store whether a file changed (a stat of each, a hash only of one whose stat changed);
    a changed figure file rebuilds that source's rows only, and an invalid edit leaves the store as it was.
    """
    try:
        built = store.ensure(metrics_path())
    except FiguresError as exc:
        return exc
    return _read(str(built.path), built.version)


def view(max_entries: int = 32, **fixed):
    """Cache a view function f(bundle, filters, *args) per (data version, filters, args).

    The filters' notices (what the address had wrong) change no view and are left out of the key; fixed names
    filter fields the view does not depend on, set to one value in the key (e.g. only_blanks=False).
    """

    def wrap(fn):
        cached = st.cache_resource(show_spinner=False, max_entries=max_entries, hash_funcs=BY_VERSION)(fn)

        @functools.wraps(fn)
        def call(b: Bundle, f: Filters, *args):
            return cached(b, replace(f, notices=(), **fixed), *args)

        return call

    return wrap


def per_language(fn):
    """Cache a view function f(bundle, lang) per (data version, language)."""
    return st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)(fn)


# Reader


@view()
def reader_view(b: Bundle, f: Filters) -> reader.View:
    """views.reader.view of the whole table: the source it shows follows the chosen figure and the filters."""
    return reader.view(b.frame, f, f.lang, list(b.texts), b.appearances)


@view(max_entries=128)
def reader_text(b: Bundle, f: Filters, source: str) -> str:
    """One source rendered as HTML with the figures the reader shows in it."""
    return reader.source_html(b.frame, b.texts[source], source, f)


@per_language
def elsewhere_notes(b: Bundle, lang: str) -> dict[str, list[str]]:
    """views.elsewhere.notes of the whole table: gap id -> other sources' figures for it, in words."""
    return elsewhere.notes(b.frame, b.sources, lang)


# Data


@per_language
def _prepared(b: Bundle, lang: str) -> pd.DataFrame:
    return table.prepare(b.frame, b.cities, b.metric_types, lang)


def data_table(b: Bundle, df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """views.table.display of df (rows of b.frame): labels and values as written are made once per language."""
    return table.display(df, b.cities, b.metric_types, f.lang, f, prepared=_prepared(b, f.lang))


@view()
def data_view(b: Bundle, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows the filters select and their display table, built once per filter (100,000 rows at 1000x)."""
    df = apply(b.frame, f)
    return df, data_table(b, df, f)


@view()
def data_sources(b: Bundle, f: Filters) -> tuple[pd.DataFrame | None, list]:
    """The sources of the rows the Data page shows (or of the source filter), and what it says of them: one
    table when there are more than LIST_SOURCES, else each one's notes."""
    df = data_view(b, f)[0]
    in_view = set(df["source"].dropna().unique()) | set(f.source)
    selected = {sid: src for sid, src in b.sources.items() if sid in in_view} if in_view else b.sources
    if len(selected) > table.LIST_SOURCES:  # hundreds of sources: one table, not a list each
        return views_data.source_table(selected, f.lang), []
    return None, views_data.source_notes(selected, f.lang)


# City profile


@view(max_entries=128)
def city_profile(b: Bundle, f: Filters, cid: str, source: str | None = None) -> tuple[city.Profile, str | None]:
    """views.city.profile, and the place's section rendered with its figures highlighted (None: no section)."""
    prof = city.profile(b, f, cid, f.lang, source)
    return prof, city.section_html(b, prof)


# Gaps


@view()
def gaps_listing(b: Bundle, f: Filters) -> pd.DataFrame:
    """views.gaps.listing of the figures the filters select: every figure in its sentence (100,000 at 1000x)."""
    notes = elsewhere_notes(b, f.lang)
    return gaps.listing(apply(b.frame, f), b.texts, b.cities, b.metric_types, f.lang, notes)


@view(only_blanks=False)
def gaps_removed(b: Bundle, f: Filters, source: str) -> tuple[gaps.DigitCounts, pd.DataFrame]:
    """views.gaps.removed of the selection in one source's text (never pooled across sources): the surviving
    numbers' digits and the sentences around the gaps. The evidence counts every status."""
    df = apply(b.frame, f)
    return gaps.removed(df[df["source"] == source], b.frame, b.texts, b.cities, f.lang)


@view(only_blanks=False)
def gaps_counts(b: Bundle, f: Filters) -> gaps.Counts:
    """views.gaps.counts of the selection (every status: "only blanks" narrows the listing only)."""
    return gaps.counts(apply(b.frame, f), b.cities, b.metric_types, b.texts, f.lang)


@view(only_blanks=False)
def gaps_heatmap(b: Bundle, f: Filters, top: int):
    """views.gaps.gaps_heatmap of gaps_counts' cells at the top places."""
    return gaps.gaps_heatmap(gaps_counts(b, f).cells, b.cities, b.metric_types, f.lang, top)


# Compare


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def compare_options(b: Bundle) -> tuple[list[str], dict[str, int]]:
    """Compare's indicator picker: its options, and per indicator how many places report it (per data version)."""
    return compare.indicator_options(b.frame), compare.city_counts(b.frame)


@view()
def compare_selection(b: Bundle, f: Filters) -> tuple[pd.DataFrame, list[str], bool]:
    """The figures Compare compares, the places announced without a section, and whether they are offered by
    type because nothing is shared."""
    df, absent, unshared = compare.select(b.frame, f), compare.no_section(b.frame, f), False
    if df.empty and compare.mode(f) == "shared":
        df = compare.unshared(b.frame, f)  # a place that shares no indicator still has figures: by type
        unshared = not df.empty
    return df, absent, unshared


@view()
def compare_table(b: Bundle, f: Filters) -> pd.DataFrame:
    """views.compare.table of compare_selection: the figures as written."""
    return compare.table(compare_selection(b, f)[0], b.cities, b.indicators, b.metric_types, f)


@view()
def compare_chart(b: Bundle, f: Filters, top: int):
    """Compare's chart of compare_selection's figures at the top places, how many of how many indicators (or
    types) it draws, and how many places."""
    df = compare_selection(b, f)[0]
    shown, n_groups, n_all = compare.charted(df, top)
    rows = compare.chart_rows(shown, b.cities, b.indicators, b.metric_types, f.lang)
    return compare.compare_bars(rows, b.cities, f.lang), n_groups, n_all, int(shown["city"].nunique())


@view()
def compare_levels(b: Bundle, f: Filters) -> list[str]:
    """views.compare.levels of compare_selection's figures."""
    return compare.levels(compare_selection(b, f)[0])


# Overview and sidebar


@view()
def overview_counts(b: Bundle, f: Filters) -> tuple[pd.DataFrame, overview.Headline, dict]:
    """The rows the filters select, the Overview's headline counts and the places announced without a section."""
    df = apply(b.frame, f)
    return df, overview.headline(df, b.sections), absent.missing_sections(df, b.cities, b.texts, f.lang)


@view()
def overview_chart(b: Bundle, f: Filters, top: int):
    """views.overview.overview_bars of overview_counts' rows, top places."""
    return overview.overview_bars(overview_counts(b, f)[0], b.cities, b.metric_types, f.lang, top)


@per_language
def sidebar_options(b: Bundle, lang: str) -> sidebar.Options:
    """views.sidebar.options: the filters' options and labels with counts, once per (data version, language)."""
    return sidebar.options(b, lang)
