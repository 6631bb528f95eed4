"""Helpers for AppTest: open a page with query parameters, and the one place that reads element protobufs.

AppTest exposes some element fields only on their protobuf (`el.proto`: a chart's spec, an html body, a
dataframe's column config, a download button's deferred file). Tests read them through these helpers, so a
change in Streamlit's messages is mended here once.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path, PurePosixPath

import numpy as np
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from ui.registry import by_url

ROOT = Path(__file__).resolve().parent.parent


def open_page(page: str | None = None, **params) -> AppTest:
    """Run the entry (with params in the query string), then switch to the page at /<page> (ui.registry)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(by_url(page).path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_specs(at: AppTest, key: str | None = None) -> list[dict]:
    """The plotly figure specs of the run (key: only the chart with that widget key)."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart") if key is None or el.proto.id.endswith(key)]


def spec_values(v) -> list:
    """A chart spec's array as a list (plotly may encode numeric arrays as base64 'bdata')."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v) if v is not None else []


def html(at: AppTest) -> str:
    """The bodies of every st.html element of the run, joined."""
    return "\n".join(el.proto.body for el in at.get("html"))


def column_config(df_element) -> dict:
    """A dataframe element's column config, as the browser receives it."""
    return json.loads(df_element.proto.columns)


def download(at: AppTest, key: str):
    """The download button whose key contains key: (its element, its deferred file id, its url)."""
    button = next(b for b in at.get("download_button") if key in b.proto.id)
    return button, button.proto.deferred_file_id, button.proto.url


def keep_media_managers(monkeypatch) -> list[MediaFileManager]:
    """Keep the media file managers AppTest creates (newest last), so a test can build and read what a download
    button serves (the `media` fixture of tests/conftest.py)."""
    managers: list[MediaFileManager] = []

    class Kept(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Kept)
    return managers


def downloaded(at: AppTest, managers: list[MediaFileManager], key: str) -> tuple[str, bytes]:
    """(file name, bytes) the browser gets when the button is clicked: the file is built then (a deferred
    download), so the test also checks that nothing was built before the click."""
    button, deferred, url = download(at, key)
    assert deferred and not url, f"{key}: the file was built before the click"
    url = managers[-1].execute_deferred(deferred)
    file = managers[-1].read_file(PurePosixPath(url).stem)
    return file.filename, file.content


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
