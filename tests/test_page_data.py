"""Data page: the filtered table, CSV/JSON downloads of the filtered and the full table, source notes."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from apptest import downloaded, html, open_page, texts

from loaders import bundle
from loaders.dataset import metrics_path
from ui import cache
from views import table as table_module
from views.i18n import GAP_MARK

pytestmark = pytest.mark.app  # AppTest runs of the dashboard


def text_of(at, managers, key: str) -> str:
    return downloaded(at, managers, key)[1].decode("utf-8")


def table(at):
    (df,) = [el.value for el in at.dataframe]
    return df


def test_full_table_blank_is_empty_never_zero_and_written_with_gap_mark(b):
    at = open_page("data")
    df = table(at)
    assert len(df) == len(b.frame)
    lawyers = df[df["id"] == "jn-lawyers"].iloc[0]
    assert pd.isna(lawyers["value"])
    assert lawyers["written"] == f"{GAP_MARK} 名 (not in source)"
    assert not (df[df["status"] == "Blank (number deleted)"]["value"].fillna(-1) == 0).any()
    assert f"{len(b.frame)} of {len(b.frame)} figures" in texts(at)


def test_filters_apply_to_the_table(b):
    df = table(open_page("data", status="blank", city="jining"))
    assert 0 < len(df) < len(b.frame) and "jn-lawyers" in set(df["id"])
    assert set(df["status"]) == {"Blank (number deleted)"} and set(df["city"]) == {"Jining · 济宁"}


def test_downloads_filtered_is_smaller_and_blanks_are_empty_or_null(media, b):
    at = open_page("data", status="blank")
    labels = [
        button.label
        for button in at.get("download_button")
        if "_filtered_" in button.proto.id or "_full_" in button.proto.id
    ]
    n, total = int((b.frame["status"] == "blank").sum()), len(b.frame)
    assert (
        len(labels) == 4
        and f"Filtered table, CSV ({n} rows)" in labels
        and f"Full table, JSON ({total} rows)" in labels
    )
    filtered = list(csv.DictReader(io.StringIO(text_of(at, media, "download_filtered_csv"))))
    full = list(csv.DictReader(io.StringIO(text_of(at, media, "download_full_csv"))))
    assert 0 < len(filtered) == n < len(full) == total
    assert all(r["status"] == "blank" and r["value"] == "" for r in filtered)
    records = json.loads(text_of(at, media, "download_filtered_json"))
    assert len(records) == len(filtered)
    assert all(r["value"] is None for r in records)
    everything = json.loads(text_of(at, media, "download_full_json"))
    assert len(everything) == total
    assert next(r for r in everything if r["id"] == "gz-community-funding-floor")["value"] == 10


def test_source_metadata_alongside():
    at = open_page("data")
    body = html(at)
    assert "Party-Building Forum" in body and "党建论坛" in body
    assert "Masked characters" in body and "Deleted numbers" in body and "事项0余件" in body


def test_chinese_ui(b):
    at = open_page("data", lang="zh")
    assert at.title[0].value == "数据表"
    assert f"完整表格 CSV({len(b.frame)} 行)" in [button.label for button in at.get("download_button")]
    assert "被删除的数字" in html(at)
    assert table(at)[lambda d: d["id"] == "jn-lawyers"]["written"].iloc[0] == f"{GAP_MARK} 名 (原文缺失)"


def test_empty_selection_shows_message_and_downloads_still_offer_the_full_table(b):
    at = open_page("data", city="baoshan", status="reported")
    assert any("No figures match" in i.value for i in at.info)
    assert not at.dataframe
    assert f"Full table, CSV ({len(b.frame)} rows)" in [button.label for button in at.get("download_button")]


def test_the_prepared_table_shared_by_sessions_is_left_untouched(monkeypatch):
    at = open_page("data", city="guangzhou", lang="zh")
    at.run()
    path = str(metrics_path())
    shared = cache.get()  # the Bundle the pages used

    def recomputed(*args):
        raise AssertionError("the page's table is not the one in the cache")

    monkeypatch.setattr(table_module, "prepare", recomputed)
    prepared = cache._prepared(shared, "zh")
    monkeypatch.undo()
    fresh = bundle.build(path)
    pd.testing.assert_frame_equal(prepared, table_module.prepare(fresh.frame, fresh.cities, fresh.metric_types, "zh"))
