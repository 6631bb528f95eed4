"""'Download this view' on every page: the file holds the rows and columns the page shows, headed as the page
heads them, in its language, named after the page and its filters, and built only when it is clicked. The Data
page's zips are data packages that validate, the selection's holding only the selected figures.

What each page shows is read from its elements (the dataframe as the browser gets it, the chart's spec, the
reader's HTML), never from the download code, on the two-source fixture (`many`) and the small one (`small`).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from apptest import column_config, downloaded, html, open_page, plotly_specs, spec_values
from package_check import problems

from loaders import bundle
from views.i18n import t

pytestmark = pytest.mark.app

VIEW_PAGES = ("overview", "compare", "gaps", "city", "reader", "data")


def link_id(address: str) -> str:
    """The figure a reader link opens (its id= key)."""
    return parse_qs(urlparse(address).query)["id"][0]


def as_seen(el) -> pd.DataFrame:
    """A dataframe element as the browser shows it: hidden columns left out, columns under their headings, and a
    reader link as the id of the figure it opens (unless the table shows the id itself), every cell as text."""
    config, df = column_config(el), el.value.reset_index(drop=True)
    shows_id = "id" in df.columns and not config.get("id", {}).get("hidden")
    out = {}
    for col in df.columns:
        spec = config.get(col, {})
        if spec.get("hidden"):
            continue
        if spec.get("type_config", {}).get("type") == "link":
            ids = [link_id(a) for a in df[col]]
            if shows_id:
                assert ids == df["id"].tolist()  # the link and the id name the same figure
            else:
                out["id"] = ids
            continue
        out[spec.get("label") or col] = df[col]
    return cells(pd.DataFrame(out))


def cells(df: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text a CSV holds; a missing value is an empty cell."""
    return df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)


def read_csv(blob: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(blob), dtype=str, keep_default_na=False)


def the_table(at, column: str):
    """The dataframe element of the run that has this column (AppTest does not expose a dataframe's key)."""
    return next(el for el in at.dataframe if column in el.value.columns)


def view_csv(at, media) -> tuple[str, pd.DataFrame]:
    name, blob = downloaded(at, media, "download_view_csv")
    return name, read_csv(blob)


def test_compare_download_is_its_table_and_named_after_the_type(many, media):
    at = open_page("compare", type="funding")
    name, got = view_csv(at, media)
    assert name == "compare_type-funding.csv"
    seen = as_seen(the_table(at, "reader"))
    pd.testing.assert_frame_equal(got, seen)
    assert "id" in got.columns and "reader" not in got.columns
    blank = got[got["Status"] == "Blank (number deleted)"]
    assert len(blank) and blank["As written"].str.contains("not in source").all()  # said so, never 0

    name, blob = downloaded(at, media, "download_view_json")
    assert name == "compare_type-funding.json"
    records = json.loads(blob)
    assert [r["id"] for r in records] == seen["id"].tolist() and list(records[0]) == list(seen.columns)


def test_a_file_name_leaves_out_what_does_not_shape_the_page(many, media):
    # profile= is the City page's, id= the reader's: carried in the address, they change nothing on Compare
    at = open_page("compare", type="funding", profile="jia", id="fxa-jia-year")
    assert view_csv(at, media)[0] == "compare_type-funding.csv"
    at = open_page("city", profile="yi", city="jia")  # the City page shows its profile, whatever city= says
    assert view_csv(at, media)[0] == "city_profile-yi.csv"


def test_compare_download_follows_the_chosen_indicator_and_the_language(many, media):
    at = open_page("compare", indicator="street_funding_floor", lang="zh")
    name, got = view_csv(at, media)
    assert name == "compare_lang-zh_indicator-street_funding_floor.csv"
    pd.testing.assert_frame_equal(got, as_seen(the_table(at, "reader")))
    assert t("cmp_col_city", "zh") in got.columns and set(got["id"]) >= {"fxa-jia-street-funding"}


def test_gaps_download_is_its_listing_under_only_blanks_in_chinese(many, media):
    at = open_page("gaps", only_blanks="1", lang="zh")
    name, got = view_csv(at, media)
    assert name == "gaps_lang-zh_only_blanks-1.csv"
    listing = the_table(at, t("gaps_col_around", "zh"))
    pd.testing.assert_frame_equal(got, as_seen(listing))
    assert set(got[t("status", "zh")]) <= {t(f"status_{s}", "zh") for s in ("blank", "partial", "missing_section")}
    assert len(got) == len(listing.value) > 0


def test_data_download_is_the_table_as_shown_with_its_headings(many, media):
    at = open_page("data", city="jia", lang="zh")
    name, got = view_csv(at, media)
    assert name == "data_city-jia_lang-zh.csv"
    table = the_table(at, "reader")
    pd.testing.assert_frame_equal(got, as_seen(table))
    assert t("city", "zh") in got.columns and set(got[t("city", "zh")]) == {"甲市 · Jia"}
    blanks = got[got["id"] == "fxa-jia-centres"]
    assert blanks[t("col_value", "zh")].tolist() == [""]  # a deleted number is an empty cell, never 0

    _, blob = downloaded(at, media, "download_view_json")
    record = next(r for r in json.loads(blob) if r["id"] == "fxa-jia-centres")
    assert record[t("col_value", "zh")] is None


def test_city_download_is_the_profiles_figures_by_type(many, media):
    at = open_page("city", profile="jia", status="blank,reported")
    name, got = view_csv(at, media)
    assert name == "city_status-blank+reported_profile-jia.csv"
    groups = [el for el in at.dataframe if "reader" in el.value.columns]
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len(groups) == len(titles) > 1
    seen = pd.concat([as_seen(el) for el in groups], ignore_index=True)
    pd.testing.assert_frame_equal(got.drop(columns=[t("type", "en")]), seen)
    per_group = [f"**{g}** ({n})" for g, n in got[t("type", "en")].value_counts(sort=False).items()]
    assert [re.sub(r"\\(.)", r"\1", x) for x in titles] == per_group  # each row under its group's heading
    assert {"fxa-jia-street-funding", "fxb-jia-street-funding"} <= set(got["id"])  # both sources' figures


def test_overview_download_is_the_counts_behind_its_chart(many, media):
    at = open_page(source="fx-forum")
    name, got = view_csv(at, media)
    assert name == "overview_source-fx-forum.csv"
    bars: dict[tuple[str, str, str], int] = {}
    for trace in plotly_specs(at, "overview_chart")[0]["data"]:
        for place, kind, n in zip(*trace["y"], spec_values(trace["x"]), strict=True):
            bars[(place, kind, trace["name"])] = n
    statuses = [c for c in got.columns if c not in ("City", "Metric type", "Total")]
    rows = got.set_index(["City", "Metric type"])
    assert sorted(rows.index) == sorted({(p, k) for p, k, _ in bars})  # one row per bar of the chart
    for (place, kind), row in rows.iterrows():
        assert {s: int(row[s]) for s in statuses} == {s: bars.get((place, kind, s), 0) for s in statuses}
        assert int(row["Total"]) == sum(int(row[s]) for s in statuses)
    assert {s for *_, s in bars} <= set(statuses)


def test_reader_download_is_the_figures_highlighted_in_the_text_shown(many, media):
    at = open_page("reader", status="blank", id="fxa-jia-month")  # a reported figure opened beside the blanks
    name, got = view_csv(at, media)
    assert name == "reader_source-fx-forum_status-blank_id-fxa-jia-month.csv"
    anchors = re.findall(r'<span id="fig-([^"]+)" class="fig-anchor">', html(at))
    assert sorted(got["id"]) == sorted(anchors) and len(got) == len(anchors) > 1
    assert set(got.loc[got["id"] != "fxa-jia-month", "Status"]) == {"Blank (number deleted)"}
    assert got.set_index("id").loc["fxa-jia-month", "As written"] == "5 月"


def test_reader_download_follows_the_text_chosen(many, media):
    at = open_page("reader", source="fx-survey")
    name, got = view_csv(at, media)
    anchors = re.findall(r'<span id="fig-([^"]+)" class="fig-anchor">', html(at))
    assert name == "reader_source-fx-survey.csv" and sorted(got["id"]) == sorted(anchors)
    assert all(i.startswith("fxb-") for i in got["id"])


@pytest.mark.parametrize("page", VIEW_PAGES)
def test_every_page_offers_its_view_as_csv_and_json_built_on_click(small, media, page):
    at = open_page(page)
    for fmt in ("csv", "json"):
        name, blob = downloaded(at, media, f"download_view_{fmt}")  # asserts nothing was built before the click
        assert name == f"{page}.{fmt}" or name.startswith(f"{page}_") and name.endswith(f".{fmt}")
        rows = read_csv(blob) if fmt == "csv" else pd.DataFrame(json.loads(blob))
        assert len(rows) > 0


def test_a_page_that_shows_no_rows_offers_no_view_but_the_full_package(many):
    at = open_page("data", city="bing", status="reported")  # bing has no section: nothing reported
    keys = [b.proto.id for b in at.get("download_button")]
    assert not any("download_view" in k or "download_package_filtered" in k for k in keys)
    assert any("download_package_full" in k for k in keys)


def _unzipped(blob: bytes, folder) -> pd.DataFrame:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        zf.extractall(folder)
    return pd.read_csv(folder / "figures.csv", dtype=str, keep_default_na=False)


def test_data_page_zip_of_the_selection_validates_and_holds_only_its_figures(many, media, tmp_path):
    at = open_page("data", type="funding")
    shown_ids = the_table(at, "reader").value["id"].tolist()
    name, blob = downloaded(at, media, "download_package_filtered")
    assert name == "data_package_type-funding.zip"
    figures = _unzipped(blob, tmp_path / "sel")
    assert problems(tmp_path / "sel") == []
    assert figures["id"].tolist() == shown_ids and set(figures["type"]) == {"funding"}
    blank = figures[figures["id"] == "fxa-jia-street-funding"].iloc[0]
    assert blank["status"] == "blank" and blank["value"] == ""  # empty plus its status, never 0


def test_data_page_zip_of_the_full_table_validates(many, media, tmp_path):
    at = open_page("data", type="funding")
    name, blob = downloaded(at, media, "download_package_full")
    assert name == "data_package.zip"
    figures = _unzipped(blob, tmp_path / "full")
    assert problems(tmp_path / "full") == []
    assert figures["id"].tolist() == bundle.build(many).frame["id"].tolist()
