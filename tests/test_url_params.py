"""Hostile or stale addresses: bad values are dropped with a notice, good ones kept, the page still works."""

from __future__ import annotations

import re

import pytest
from apptest import ROOT, open_page
from streamlit.testing.v1 import AppTest

from views.i18n import t

pytestmark = pytest.mark.app  # AppTest runs of the dashboard

LONG = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"

# (query parameters, text the notice must contain)
BAD = [
    ({"city": "atlantis"}, "city: unknown value “atlantis” ignored"),
    ({"type": "weather"}, "type: unknown value “weather” ignored"),
    ({"lang": "fr"}, "lang: unknown value “fr” ignored"),
    ({"status": "guessed"}, "status: unknown value “guessed” ignored"),
    ({"city": LONG}, "city: value longer than 500 characters ignored"),
    ({"indicator": LONG}, "indicator: unknown value “xxxxxxxx"),
    ({"id": LONG}, "id: unknown value “xxxxxxxx"),
    ({"lang": LONG}, "lang: unknown value “xxxxxxxx"),
    ({"city": ",,,"}, "city: malformed value “,,,” ignored"),
    ({"city": "\x00"}, "city: unknown value “?” ignored"),
    ({"city": "%00"}, "city: unknown value “%00” ignored"),
    ({"city": "广州"}, "city: unknown value “广州” ignored"),
    ({"city": "GUANGZHOU"}, "city: unknown value “GUANGZHOU” ignored"),
    ({"city": SCRIPT}, "city: unknown value “\\<script\\>alert\\(1\\)\\</script\\>” ignored"),
    ({"id": "javascript:alert(1)"}, "id: unknown value “javascript\\:alert\\(1\\)” ignored"),
    (
        {"profile": "[x](javascript:alert(1))"},
        "profile: unknown value “\\[x\\]\\(javascript\\:alert\\(1\\)\\)” ignored",
    ),
    ({"only_blanks": "maybe"}, "only_blanks: unknown value “maybe” ignored"),
]


def notice(at, lang: str = "en") -> str:
    found = [w.value for w in at.warning if w.value.startswith(t("notice_ignored", lang))]
    assert len(found) == 1, [w.value for w in at.warning]
    return found[0]


def deep_link(page: str, **params) -> AppTest:
    """The first run of a session opened at /<page>?params (a shared link)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("params", "expected"), BAD, ids=[f"{k}={v[:20]!r}" for p, _ in BAD for k, v in p.items()])
def test_bad_value_is_ignored_with_a_notice_and_the_page_renders(params, expected):
    at = open_page(**params)
    assert expected in notice(at)
    assert at.title[0].value == "Overview"
    assert {m.label for m in at.metric} >= {"Figures", "Blank figures"}
    assert at.get("plotly_chart")
    assert not at.query_params.get(next(iter(params)))  # dropped from the address


def test_notice_never_carries_raw_html():
    at = open_page(city=SCRIPT, id=SCRIPT, profile=SCRIPT, lang=SCRIPT)
    text = notice(at)
    assert not re.search(r"(?<!\\)[<>()\[\]]", text), text  # every bracket is escaped for Markdown
    assert text.count("\\<script\\>") == 4


def test_valid_values_next_to_invalid_ones_are_kept():
    at = open_page(city="guangzhou,atlantis,jining", status=f"blank,{SCRIPT}", lang="zh")
    text = notice(at, "zh")
    assert "atlantis" in text and "\\<script\\>" in text
    assert at.multiselect(key="w_city").value == ["guangzhou", "jining"]
    assert at.multiselect(key="w_status").value == ["blank"]
    assert at.title[0].value == "概览"
    assert dict(at.query_params) == {"city": "guangzhou,jining", "status": "blank", "lang": "zh"}


def test_a_clean_address_shows_no_notice():
    at = open_page(city="guangzhou", type="funding", lang="en")
    assert not [w.value for w in at.warning if w.value.startswith(t("notice_ignored", "en"))]


@pytest.mark.parametrize("page", ["compare", "gaps", "city", "reader", "data"])
def test_every_page_survives_a_hostile_address(page):
    at = deep_link(page, city=f"{SCRIPT},guangzhou", type=LONG, id="javascript:alert(1)")
    assert "city: unknown value" in notice(at) and "type: value longer than" in notice(at)
    assert at.title[0].value == t(f"page_{page}", "en")
    assert at.multiselect(key="w_city").value == ["guangzhou"]
    assert dict(at.query_params) == {"city": "guangzhou"}
