"""Helpers for AppTest: open a page with query parameters, read its plotly specs."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_page(page: str | None = None, **params) -> AppTest:
    """Run the entry (with params in the query string), then switch to pages/<page>.py."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    """All visible text-like elements of a run, joined (for 'the page says X' checks)."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "code",
    ):
        parts.extend(str(getattr(el, "value", "")) for el in at.get(kind))
    for el in at.get("metric"):
        parts.append(f"{el.label} {el.value}")
    return "\n".join(parts)
