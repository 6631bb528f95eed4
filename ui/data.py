"""The cached boundary between Streamlit and loaders/."""

from __future__ import annotations

import streamlit as st

from loaders import bundle
from loaders.dataset import metrics_path
from loaders.problems import MetricsError


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, fingerprint: tuple) -> bundle.Bundle:
    # fingerprint is part of the cache key only: any edit to the file or its sources reloads.
    # cache_resource, not cache_data: one shared Bundle instead of an unpickled copy per call (two per
    # rerun; 7 MB at 100x the data, see docs/benchmarks.md). Every session reads it: never mutate it.
    return bundle.build(path)


def get() -> bundle.Bundle | MetricsError:
    """The current data, or the error listing every problem (errors are never cached)."""
    path = str(metrics_path())
    try:
        return _load(path, bundle.fingerprint(path))
    except MetricsError as exc:
        return exc
