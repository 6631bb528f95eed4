"""Shared state: language and filters live in session state and in the query string; the page's context.

The entry hands each run's Bundle to its page through st.session_state (a public, per-session channel):
handoff() holds it there while nav.run() runs the page, context() reads it. A page that finds none was not
run through the entry (a deep link before the server switched to navigation mode, see ui.compat): it
switches the server and reruns through the entry.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from loaders import filters as flt
from loaders.bundle import Bundle
from ui import compat
from views.i18n import t

FIELDS = (
    "source",
    "city",
    "type",
    "status",
    "qualifier",
    "lang",
    "indicator",
    "id",
    "profile",
    "only_blanks",
    "drafts",
)
_HANDOFF = "_entry_bundle"  # session-state key: the Bundle the entry loaded for this run


@dataclass(frozen=True)
class Context:
    bundle: Bundle
    filters: flt.Filters
    lang: str

    def t(self, key: str) -> str:
        return t(key, self.lang)


def value(name: str):
    """The current value of a shared filter (or the language)."""
    return st.session_state.get(f"v_{name}", getattr(flt.Filters(), name))


def current() -> flt.Filters:
    return flt.Filters(**{name: value(name) for name in FIELDS})


def _store(f: flt.Filters) -> None:
    for name in FIELDS:
        st.session_state[f"v_{name}"] = getattr(f, name)


def sync_from_url(b: Bundle | None) -> tuple[str, ...]:
    """Seed state from the address when it came from outside (a new session or a link)."""
    qp = st.query_params.to_dict()
    written = st.session_state.get("_qp_written")
    if written is not None and (not qp or qp == written):
        return ()
    allowed = flt.allowed_ids(b.frame, b.sources) if b is not None else {}
    # every value of a repeated key (to_dict keeps the last one only): 2,000 of them get a notice, not silence
    every = {k: v if len(v := st.query_params.get_all(k)) > 1 else qp[k] for k in qp}
    f = flt.parse(every, allowed)
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
    now = value(name)
    st.session_state[key] = list(now) if isinstance(now, tuple) else now

    def copy():
        v = st.session_state[key]
        st.session_state[f"v_{name}"] = tuple(v) if isinstance(v, list) else v

    return {"key": key, "on_change": copy}


def set_value(name: str, value) -> None:
    st.session_state[f"v_{name}"] = value


@contextmanager
def handoff(b: Bundle):
    """The entry's `with` around nav.run(): the page of this run finds b; once it is over, no page does."""
    st.session_state[_HANDOFF] = b
    try:
        yield
    finally:
        st.session_state.pop(_HANDOFF, None)


def context() -> Context:
    """What every page starts with: data, filters and language for this run."""
    b = st.session_state.get(_HANDOFF)
    if b is None:
        # Not run through the entry: a deep link on a fresh server ran the page alone. Switch the server to
        # st.navigation mode and rerun through the entry. Checked per run, not by a global flag: when several
        # first requests arrive together, sessions that started before the switch must rerun too.
        compat.use_navigation_mode()
        st.rerun()
    f = current()
    return Context(bundle=b, filters=f, lang=f.lang)
