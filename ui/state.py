"""Shared state: language and filters live in session state and in the query string."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from loaders import filters as flt
from loaders.bundle import Bundle
from loaders.i18n import both, qualifier_label, status_label, t
from loaders.models import QUALIFIERS, STATUSES
from loaders.problems import MetricsError
from ui import data

FIELDS = ("city", "type", "status", "qualifier", "lang", "indicator", "figure", "profile", "only_blanks")
_run = threading.local()  # the entry and its page run in one script thread: the entry marks the run


@dataclass(frozen=True)
class Context:
    bundle: Bundle
    filters: flt.Filters
    lang: str

    def t(self, key: str) -> str:
        return t(key, self.lang)


def ensure_entry() -> None:
    """Route a deep link on a fresh server through dashboard.py.

    Streamlit decides once per server whether a pages/ folder means the legacy multipage mode;
    until the entry's st.navigation has run, a deep link like /compare runs pages/compare.py alone
    (no page config, wrong sidebar). Switch to st.navigation mode and rerun through the entry.
    The test is per run, not the global flag: when several first requests arrive together, the
    sessions that started before the switch would otherwise go on without the entry (and lose the
    filters in their address).
    """
    through_entry = getattr(_run, "through_entry", False)
    _run.through_entry = False
    if not through_entry:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _get(name):
    return st.session_state.get(f"v_{name}", getattr(flt.Filters(), name))


def current() -> flt.Filters:
    return flt.Filters(**{name: _get(name) for name in FIELDS})


def _store(f: flt.Filters) -> None:
    for name in FIELDS:
        st.session_state[f"v_{name}"] = getattr(f, name)


def sync_from_url(b: Bundle | None) -> tuple[str, ...]:
    """Seed state from the address when it came from outside (a new session or a link)."""
    _run.through_entry = True
    _run.bundle = b  # the page reuses it: one load (and one fingerprint of the files) per run
    qp = st.query_params.to_dict()
    written = st.session_state.get("_qp_written")
    if written is not None and (not qp or qp == written):
        return ()
    allowed = flt.allowed_ids(b.frame) if b is not None else {}
    f = flt.parse(qp, allowed)
    _store(f)
    st.session_state["_qp_written"] = qp
    return f.notices


def write_url() -> None:
    """Put the current view into the address so copying it shares the view."""
    params = flt.to_params(current())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state["_qp_written"] = params


def bind(name: str) -> dict:
    """Widget kwargs that keep a value across pages (Streamlit drops state of unrendered widgets)."""
    key = f"w_{name}"
    value = _get(name)
    st.session_state[key] = list(value) if isinstance(value, tuple) else value

    def copy():
        v = st.session_state[key]
        st.session_state[f"v_{name}"] = tuple(v) if isinstance(v, list) else v

    return {"key": key, "on_change": copy}


def context() -> Context:
    """What every page starts with: data, filters and language for this run."""
    ensure_entry()
    b = getattr(_run, "bundle", None) or data.get()
    _run.bundle = None
    if isinstance(b, MetricsError):  # the entry already showed the problems
        st.stop()
    f = current()
    return Context(bundle=b, filters=f, lang=f.lang)


def render_sidebar(b: Bundle) -> None:
    """Language switch and the shared filters."""
    lang = _get("lang")
    with st.sidebar:
        st.radio(
            t("language", lang),
            options=list(flt.LANGS),
            format_func={"en": "English", "zh": "中文"}.get,
            horizontal=True,
            **bind("lang"),
        )
        lang = _get("lang")
        st.subheader(t("filters", lang))
        df = b.frame
        n_type = df["type"].value_counts()
        st.multiselect(
            t("city", lang),
            options=list(b.cities),
            format_func=lambda c: both(b.cities[c], lang),
            placeholder=t("all", lang),
            **bind("city"),
        )
        st.multiselect(
            t("type", lang),
            options=list(b.types),
            format_func=lambda x: f"{both(b.types[x], lang)} ({int(n_type.get(x, 0))})",
            placeholder=t("all", lang),
            **bind("type"),
        )
        st.multiselect(
            t("status", lang),
            options=list(STATUSES),
            format_func=lambda s: status_label(s, lang),
            placeholder=t("all", lang),
            **bind("status"),
        )
        st.multiselect(
            t("qualifier", lang),
            options=list(QUALIFIERS),
            format_func=lambda q: qualifier_label(q, lang),
            placeholder=t("all", lang),
            **bind("qualifier"),
        )


def set_value(name: str, value) -> None:
    st.session_state[f"v_{name}"] = value
