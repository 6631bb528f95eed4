"""views.table, views.links, views.data, views.text: the display table, reader links, downloads, source notes."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from loaders.filters import Filters, apply, parse
from views import data, links, table, text
from views.i18n import GAP_MARK


def test_display_keeps_blanks_empty_never_zero(b):
    df = table.display(b.frame, b.cities, b.metric_types, "en")
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
    df = table.display(b.frame, b.cities, b.metric_types, "zh")
    one = df[df["id"] == "gz-community-funding-floor"].iloc[0]
    assert one["city"] == "广州 · Guangzhou" and one["status"] == "已报道" and one["type"].startswith("经费保障")


def test_reader_link_opens_the_figure_and_keeps_the_filters(b):
    link = links.reader_link(Filters(status=("blank",), lang="zh"), "jn-lawyers")
    assert link.startswith("reader?")
    params = dict(p.split("=") for p in link.split("?", 1)[1].split("&"))
    assert params == {"status": "blank", "lang": "zh", "id": "jn-lawyers"}
    again = parse(params, {"id": set(b.frame["id"])})
    assert again.id == "jn-lawyers" and again.status == ("blank",) and again.lang == "zh"


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(status=("blank",), city=("jining", "guangzhou"), lang="zh", profile="jining", only_blanks=True),
    ],
)
def test_display_table_links_every_row_to_the_reader_keeping_the_filters(b, f):
    df = apply(b.frame, f)
    shown = table.display(df, b.cities, b.metric_types, f.lang, f)
    assert list(shown["reader"]) == [links.reader_link(f, i, s) for i, s in zip(df["id"], df["source"], strict=True)]
    odd = pd.Series(["a b", "ü&x"])  # not slugs: quoted as urlencode would
    assert list(links.reader_links(odd, f)) == [links.reader_link(f, i) for i in odd]
    assert list(links.reader_links(odd, f, pd.Series(["s1", "s2"]))) == [
        links.reader_link(f, "a b", "s1"),
        links.reader_link(f, "ü&x", "s2"),
    ]
    prepared = table.prepare(b.frame, b.cities, b.metric_types, f.lang)  # the full table, made once
    pd.testing.assert_frame_equal(table.display(df, b.cities, b.metric_types, f.lang, f, prepared=prepared), shown)


def test_downloads_filtered_has_fewer_rows_and_blanks_stay_empty_or_null(b):
    filtered = apply(b.frame, Filters(status=("blank",), city=("jining",)))
    files = {d.key: d for d in data.downloads(filtered, b.frame, "en")}
    assert all(callable(d.build) for d in files.values())  # built when asked for, not on every run
    assert set(files) == {
        "download_filtered_csv",
        "download_filtered_json",
        "download_full_csv",
        "download_full_json",
    }
    rows = {
        k: list(csv.DictReader(io.StringIO(files[f"download_{k}_csv"].build().decode()))) for k in ("filtered", "full")
    }
    assert 0 < len(rows["filtered"]) < len(rows["full"]) == len(b.frame)
    assert all(r["value"] == "" and r["status"] == "blank" for r in rows["filtered"])
    records = json.loads(files["download_full_json"].build().decode("utf-8"))
    assert len(records) == len(b.frame)
    blank = next(r for r in records if r["id"] == "jn-lawyers")
    assert blank["value"] is None and blank["status"] == "blank"
    assert "名" in files["download_full_json"].build().decode("utf-8")  # ensure_ascii=False: readable Chinese
    assert files["download_filtered_csv"].label == f"Filtered table, CSV ({len(filtered)} rows)"


def test_columns_cover_the_display_table_with_the_right_kinds():
    spec = table.columns("zh")
    assert list(spec) == table.DISPLAY_COLUMNS
    assert {c for c, s in spec.items() if s.kind == "number"} == {"value", "low", "high"}
    assert spec["reader"].kind == "link" and spec["value"].label == "数值"
    assert list(table.columns("en", ["label", "quote"])) == ["label", "quote"]


def test_source_notes_and_definition_list_escape_everything(b):
    notes = data.source_notes(b.sources, "en")
    assert len(notes) == len(b.sources)
    fields = dict(notes[list(b.sources).index("dangjian-forum-urban-2020")])
    assert fields["Title"].startswith("Party-Building Forum")
    assert fields["Language"] == "zh"
    assert "`*`" in fields["Masked characters"] and "blank" in fields["Deleted numbers"]
    out = text.definition_list([("<b>", '<script>x</script> & "q"')])
    assert "<script" not in out and "&lt;script&gt;" in out and "&lt;b&gt;" in out


def test_md_makes_markdown_inert():
    assert text.md("[click](http://x) *bold*") == r"\[click\]\(http\://x\) \*bold\*"


def test_a_label_missing_in_one_language_is_shown_once_in_the_other():
    df = pd.DataFrame({"label_zh": ["行业党委", "甲"], "label_en": ["", "A"], "draft": [True, False]})
    assert list(table.labels(df, "en")) == ["[draft] 行业党委 (untranslated)", "A · 甲"]
    assert list(table.labels(df, "zh")) == ["[草稿] 行业党委", "甲 · A"]


def test_an_accepted_figure_without_english_shows_its_chinese_label_marked_untranslated_never_empty():
    df = pd.DataFrame({"label_zh": ["网格员", ""], "label_en": [pd.NA, ""], "draft": [False, False]})
    assert list(table.labels(df, "en")) == ["网格员 (untranslated)", ""]
