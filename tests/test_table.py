"""loaders/table.py: value as written, the display table, downloads and source notes."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from loaders import bundle, table
from loaders.filters import Filters, apply, parse
from loaders.i18n import GAP_MARK
from loaders.numerals import arabic


@pytest.fixture(scope="module")
def b():
    return bundle.build()


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


WRITTEN_CASES = [
    ({"value": 18.0, "unit": "个"}, "18 个"),
    ({"value": 10.0, "unit": "万元", "qualifier": "at_least"}, "≥ 10 万元"),
    ({"value": 14.0, "unit": "万名", "qualifier": "more_than"}, "> 14 万名"),
    ({"value": 20.0, "unit": "年", "qualifier": "at_most"}, "≈ ≤ 20 年"),
    ({"low": 1.0, "high": 3.0, "unit": "名", "qualifier": "range"}, "1–3 名"),
    ({"value": 6.5, "unit": "万元", "qualifier": "at_least"}, "≥ 6.5 万元"),
    ({"value": 88.0, "unit": "%"}, "88 %"),
    ({"value": 4.0}, "4"),
    ({"status": "blank", "unit": "名"}, f"{GAP_MARK} 名"),
    ({"status": "blank", "unit": "万元", "qualifier": "at_least"}, f"≥ {GAP_MARK} 万元"),
    ({"status": "partial", "unit": "件", "qualifier": "more_than", "digits_shown": "0"}, f"> {GAP_MARK}0 件"),
    ({"status": "partial", "unit": "项", "digits_shown": pd.NA}, f"{GAP_MARK} 项"),
    ({"status": "missing_section", "unit": pd.NA}, GAP_MARK),
]


@pytest.mark.parametrize(("fields", "expected"), WRITTEN_CASES)
def test_value_as_written(fields, expected):
    assert table.written(row(**fields)) == expected


def test_value_as_written_for_many_rows_at_once_matches_one_at_a_time(b):
    cases = pd.DataFrame([row(**fields) for fields, _ in WRITTEN_CASES])
    assert list(table.written_all(cases)) == [expected for _, expected in WRITTEN_CASES]
    records = b.frame.to_dict(orient="records")
    assert list(table.written_all(b.frame)) == [table.written(r) for r in records]
    for lang in ("en", "zh"):
        assert list(table.shown_all(b.frame, lang)) == [table.shown(r, lang) for r in records]
        assert list(table.labels(b.frame, lang)) == [table.label(r, lang) for r in records]


def test_gap_is_spelt_out_in_the_ui_language():
    assert table.shown(row(status="blank", unit="名"), "en") == f"{GAP_MARK} 名 (not in source)"
    assert table.shown(row(status="blank", unit="名"), "zh") == f"{GAP_MARK} 名 (原文缺失)"
    assert table.shown(row(status="partial", unit="件", digits_shown="0"), "en") == f"{GAP_MARK}0 件 (digits cut)"
    assert table.shown(row(value=3.0, unit="名"), "en") == "3 名"


def test_every_curated_figure_is_written_with_its_own_number(b):
    for r in b.frame.to_dict(orient="records"):
        out = table.written(r)
        if r["status"] == "reported":
            number = f"{arabic(r['low'])}–{arabic(r['high'])}" if r["qualifier"] == "range" else arabic(r["value"])
            assert number in out and GAP_MARK not in out, r["id"]
        else:
            assert GAP_MARK in out, r["id"]


def test_display_keeps_blanks_empty_never_zero(b):
    df = table.display(b.frame, b.cities, b.types, "en")
    assert list(df.columns) == table.DISPLAY_COLUMNS and len(df) == len(b.frame)
    blanks = df[b.frame["status"].eq("blank").to_numpy()]
    assert len(blanks) > 20
    assert blanks["value"].isna().all() and not (blanks["value"] == 0).any()
    assert blanks["written"].str.contains(GAP_MARK, regex=False).all()
    assert blanks["written"].str.endswith("(not in source)").all()
    assert df["value"].dtype == "Float64"
    one = df[df["id"] == "gz-community-funding-floor"].iloc[0]
    assert one["written"] == "≥ 10 万元" and one["value"] == 10 and one["status"] == "Reported"
    assert one["city"] == "Guangzhou · 广州" and one["qualifier"] == "at least (≥)"


def test_display_in_chinese_puts_chinese_first(b):
    df = table.display(b.frame, b.cities, b.types, "zh")
    one = df[df["id"] == "gz-community-funding-floor"].iloc[0]
    assert one["city"] == "广州 · Guangzhou" and one["status"] == "已报道" and one["type"].startswith("经费保障")


def test_reader_link_opens_the_figure_and_keeps_the_filters(b):
    link = table.reader_link(Filters(status=("blank",), lang="zh"), "jn-lawyers")
    assert link.startswith("reader?")
    params = dict(p.split("=") for p in link.split("?", 1)[1].split("&"))
    assert params == {"status": "blank", "lang": "zh", "id": "jn-lawyers"}
    again = parse(params, {"figure": set(b.frame["id"])})
    assert again.figure == "jn-lawyers" and again.status == ("blank",) and again.lang == "zh"


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(status=("blank",), city=("jining", "guangzhou"), lang="zh", profile="jining", only_blanks=True),
    ],
)
def test_display_table_links_every_row_to_the_reader_keeping_the_filters(b, f):
    df = apply(b.frame, f)
    shown = table.display(df, b.cities, b.types, f.lang, f)
    assert list(shown["reader"]) == [table.reader_link(f, i) for i in df["id"]]
    odd = pd.Series(["a b", "ü&x"])  # not slugs: quoted as urlencode would
    assert list(table.reader_links(odd, f)) == [table.reader_link(f, i) for i in odd]
    prepared = table.prepare(b.frame, b.cities, b.types, f.lang)  # the full table, made once
    pd.testing.assert_frame_equal(table.display(df, b.cities, b.types, f.lang, f, prepared=prepared), shown)


def test_downloads_filtered_has_fewer_rows_and_blanks_stay_empty_or_null(b):
    filtered = apply(b.frame, Filters(status=("blank",), city=("jining",)))
    files = {d["key"]: d for d in table.downloads(filtered, b.frame, "en")}
    assert all(callable(d["data"]) for d in files.values())  # built when asked for, not on every run
    assert set(files) == {
        "download_filtered_csv",
        "download_filtered_json",
        "download_full_csv",
        "download_full_json",
    }
    rows = {
        k: list(csv.DictReader(io.StringIO(files[f"download_{k}_csv"]["data"]().decode())))
        for k in ("filtered", "full")
    }
    assert 0 < len(rows["filtered"]) < len(rows["full"]) == len(b.frame)
    assert all(r["value"] == "" and r["status"] == "blank" for r in rows["filtered"])
    records = json.loads(files["download_full_json"]["data"]().decode("utf-8"))
    assert len(records) == len(b.frame)
    blank = next(r for r in records if r["id"] == "jn-lawyers")
    assert blank["value"] is None and blank["status"] == "blank"
    assert "名" in files["download_full_json"]["data"]().decode("utf-8")  # ensure_ascii=False: readable Chinese
    assert files["download_filtered_csv"]["label"] == f"Filtered table, CSV ({len(filtered)} rows)"


def test_columns_cover_the_display_table_with_the_right_kinds():
    spec = table.columns("zh")
    assert list(spec) == table.DISPLAY_COLUMNS
    assert {c for c, s in spec.items() if s["kind"] == "number"} == {"value", "low", "high"}
    assert spec["reader"]["kind"] == "link" and spec["value"]["label"] == "数值"
    assert list(table.columns("en", ["label", "quote"])) == ["label", "quote"]


def test_source_notes_and_definition_list_escape_everything(b):
    (notes,) = table.source_notes(b.sources, "en")
    fields = dict(notes)
    assert fields["Title"].startswith("Party-Building Forum")
    assert fields["Language"] == "zh"
    assert "`*`" in fields["Masked characters"] and "blank" in fields["Deleted numbers"]
    out = table.definition_list([("<b>", '<script>x</script> & "q"')])
    assert "<script" not in out and "&lt;script&gt;" in out and "&lt;b&gt;" in out


def test_md_makes_markdown_inert():
    assert table.md("[click](http://x) *bold*") == r"\[click\]\(http\://x\) \*bold\*"
