"""views.writing: the one writer of a figure as written, in both languages, one row or thousands at once."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.numerals import arabic
from views import writing
from views.i18n import GAP_MARK

pytestmark = pytest.mark.unit


def row(**over) -> dict:
    base = {
        "status": "reported",
        "qualifier": "exact",
        "value": None,
        "low": None,
        "high": None,
        "unit": None,
        "digits_shown": None,
    }
    return {**base, **over}


# (fields, written in English, written in Chinese): the renderings issue 9 decided, the same on every page
CASES = [
    ({"value": 18.0, "unit": "个"}, "18 个", "18 个"),
    ({"value": 10.0, "unit": "万元", "qualifier": "at_least"}, "≥ 10 万元", "≥ 10 万元"),
    ({"value": 14.0, "unit": "万名", "qualifier": "more_than"}, "> 14 万名", "> 14 万名"),
    ({"value": 20.0, "unit": "年", "qualifier": "at_most"}, "≤ 20 年", "≤ 20 年"),
    ({"low": 1.0, "high": 3.0, "unit": "名", "qualifier": "range"}, "1–3 名", "1–3 名"),
    ({"value": 6.5, "unit": "万元", "qualifier": "at_least"}, "≥ 6.5 万元", "≥ 6.5 万元"),
    ({"value": 88.0, "unit": "%"}, "88 %", "88 %"),
    ({"value": 4.0}, "4", "4"),
    ({"status": "blank", "unit": "名"}, f"{GAP_MARK} 名", f"{GAP_MARK} 名"),
    ({"status": "blank", "unit": "万元", "qualifier": "at_least"}, f"≥ {GAP_MARK} 万元", f"≥ {GAP_MARK} 万元"),
    (
        {"status": "partial", "unit": "件", "qualifier": "more_than", "digits_shown": "0"},
        f"> {GAP_MARK}0 件",
        f"> {GAP_MARK}0 件",
    ),
    ({"status": "partial", "unit": "项", "digits_shown": pd.NA}, f"{GAP_MARK} 项", f"{GAP_MARK} 项"),
    ({"status": "missing_section", "unit": pd.NA}, "no section in the source", "原文无此章节"),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_case_is_written_as_decided_all_at_once(lang):
    frame = pd.DataFrame([row(**fields) for fields, *_ in CASES])
    expected = [en if lang == "en" else zh for _, en, zh in CASES]
    assert list(writing.written(frame, lang)) == expected


def test_a_missing_section_is_words_never_the_deleted_number_mark():
    frame = pd.DataFrame([row(status="missing_section", unit="名")])
    for lang in ("en", "zh"):
        assert GAP_MARK not in writing.as_written(frame, lang).iloc[0]


def test_the_gap_is_spelt_out_after_the_figure_in_the_ui_language():
    assert writing.one(row(status="blank", unit="名"), "en") == f"{GAP_MARK} 名 (not in source)"
    assert writing.one(row(status="blank", unit="名"), "zh") == f"{GAP_MARK} 名 (原文缺失)"
    assert writing.one(row(status="partial", unit="件", digits_shown="0"), "en") == f"{GAP_MARK}0 件 (digits cut)"
    assert writing.one(row(value=3.0, unit="名"), "en") == "3 名"
    assert writing.one(row(status="missing_section"), "en") == "no section in the source"


def test_one_row_at_a_time_is_the_same_as_all_at_once(b):
    some = b.frame.groupby(["status", "qualifier"], observed=True).head(3)  # every kind of figure, a few of each
    records = some.to_dict(orient="records")
    for lang in ("en", "zh"):
        assert [writing.one(r, lang) for r in records] == list(writing.as_written(some, lang))


def test_every_curated_figure_is_written_with_its_own_number(b):
    for r, out in zip(b.frame.to_dict(orient="records"), writing.written(b.frame, "en"), strict=True):
        if r["status"] == "reported":
            number = f"{arabic(r['low'])}–{arabic(r['high'])}" if r["qualifier"] == "range" else arabic(r["value"])
            assert number in out and GAP_MARK not in out, r["id"]
        elif r["status"] == "missing_section":
            assert out == "no section in the source", r["id"]
        else:
            assert GAP_MARK in out, r["id"]


@pytest.mark.parametrize(
    ("fid", "text"),
    [
        ("gz-community-funding-floor", "≥ 10 万元"),
        ("gz-street-funding-floor", "≥ 【?】 万元"),
        ("gz-community-organizers", "1–3 名"),
        ("jn-matters-resolved", "> 【?】0 件"),
        ("jn-xie-years", "≤ 20 年"),
        ("jn-beneficiaries", "> 6 万人次"),
        ("jn-community-worker-income", "≥ 6.5 万元"),
        ("bs-missing-section", "no section in the source"),
    ],
)
def test_seed_figures_are_written_as_the_article_gives_them(b, fid, text):
    assert writing.written(b.frame[b.frame["id"] == fid], "en").iloc[0] == text
