"""The tidy frame and counts the pages draw from."""

from __future__ import annotations

import factories
import pandas as pd
import pytest
from pydantic import ValidationError

from loaders import derive, load, numerals
from loaders.bundle import build
from loaders.dataset import metrics_path
from loaders.models import Place


@pytest.fixture(scope="module")
def df(b):
    return b.frame


def test_columns_are_typed_and_blanks_stay_missing(df):
    assert isinstance(df["city"].dtype, pd.CategoricalDtype)
    assert list(df["status"].cat.categories) == ["reported", "blank", "partial", "missing_section"]
    assert str(df["value"].dtype) == "Float64" and str(df["start"].dtype) == "Int64"
    blanks = df[df["status"] != "reported"]
    assert blanks["value"].isna().all() and blanks["value_norm"].isna().all()
    assert not (blanks["value"].fillna(-1) == 0).any()


def test_offsets_point_into_the_source(df):
    texts = load(metrics_path()).texts
    for r in df.itertuples():
        text = texts[r.source]
        assert text[r.start : r.end] == r.quote
        assert r.start <= r.at <= r.end
    gap = df.set_index("id").loc["gz-instructors-total"]
    text = texts[gap["source"]]
    assert text[gap["at"] - 5 : gap["at"] + 1] == "*建指导员名"
    reported = df.set_index("id").loc["gz-industry-party-committees"]
    assert text[reported["at"] : reported["at_end"]] == "18"


def test_scaled_units_are_normalised(df):
    row = df.set_index("id").loc["gz-community-funding-floor"]
    assert (row["value"], row["unit"], row["value_norm"], row["unit_norm"]) == (10, "万元", 100000, "元")
    assert derive.normalise_unit("万人次") == (10000, "人次")
    assert derive.normalise_unit("万") == (1, "万")
    assert derive.normalise_unit(None) == (1, None)


def test_city_status_counts_every_city_and_status(df):
    table = derive.city_status(df)
    assert table.to_numpy().sum() == len(df) and table.loc["baoshan", "missing_section"] == 1
    for city in df["city"].cat.categories:
        for status in df["status"].cat.categories:
            assert table.loc[city, status] == ((df["city"] == city) & (df["status"] == status)).sum()
    assert table.loc["jining", "blank"] > 0


def test_bundle_holds_the_frozen_models_and_a_content_version(b, tmp_path):
    assert isinstance(b.cities["guangzhou"], Place) and b.cities["guangzhou"].zh == "广州"
    with pytest.raises(ValidationError):
        b.cities["guangzhou"].zh = "x"  # frozen: a page cannot change what every session shares
    assert build(b.path).version == b.version  # the same files, the same version
    copy = factories.write(tmp_path)
    first = build(copy).version
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert build(copy).version != first
    sid = "dangjian-forum-urban-2020"
    assert b.sections[sid, "jining"][0] < b.sections[sid, "chizhou"][0]
    assert b.texts[sid][b.sections[sid, "guangzhou"][0] :].startswith("广东广州")


@pytest.mark.parametrize(
    ("n", "forms"),
    [
        (3, ["三"]),
        (10, ["一十", "十"]),
        (2, ["二", "两"]),
        (18, ["一十八", "十八"]),
        (100, ["一百", "百"]),  # 百余名: a round hundred
        (1000, ["一千", "千"]),
        (105, ["一百零五"]),
    ],
)
def test_chinese_numerals(n, forms):
    assert numerals.chinese(n) == forms


def test_number_is_found_only_as_a_whole_number():
    assert numerals.find_number("4个暗访调研组和11个交叉调研组", 1) is None
    assert numerals.find_number("4个暗访调研组和11个交叉调研组", 11) == 8
    assert numerals.find_number("收入达到6.5万元", 6.5) == 4
    assert numerals.find_number("制定三类清单", 3) == 2
