"""'Download this view': the file holds exactly the rows and columns given, and is named after page and filters."""

from __future__ import annotations

import io
import json
import zipfile

import factories
import pandas as pd
import pytest
from package_check import problems

from exports import view as export_view
from loaders import bundle
from loaders.filters import Filters, apply


@pytest.fixture
def b(tmp_path):
    return bundle.build(factories.write(tmp_path))


def shown(b) -> pd.DataFrame:
    """A page-like table: labels, the value as written, numbers left empty for gaps."""
    df = b.frame
    return pd.DataFrame(
        {
            "id": df["id"],
            "city": df["city_en"],
            "written": ["【?】" if s != "reported" else "ok" for s in df["status"]],
            "value": df["value"],
            "status": df["status"],
        }
    ).reset_index(drop=True)


@pytest.mark.parametrize(
    ("page", "filters", "fmt", "name"),
    [
        ("compare", {"type": "funding"}, "csv", "compare_type-funding.csv"),
        ("compare", Filters(type=("funding",)), "csv", "compare_type-funding.csv"),
        (
            "data",
            Filters(city=("jia", "yi"), status=("blank",), lang="zh"),
            "json",
            "data_city-jia+yi_status-blank_lang-zh.json",
        ),
        ("overview", None, "csv", "overview.csv"),
        ("overview", Filters(), "json", "overview.json"),
        ("reader", {"id": "jia-year", "source": "src"}, "csv", "reader_id-jia-year_source-src.csv"),
        ("../gaps", {"city": "a/b"}, "csv", "gaps_city-a-b.csv"),
    ],
)
def test_file_names_say_the_page_and_the_filters(page, filters, fmt, name):
    assert export_view.file_name(page, filters, fmt) == name


def test_long_file_names_are_cut_but_stay_distinct():
    many = Filters(city=tuple(f"city-{i:03d}" for i in range(40)))
    other = Filters(city=tuple(f"city-{i:03d}" for i in range(41)))
    a, b = export_view.file_name("data", many, "csv"), export_view.file_name("data", other, "csv")
    assert a != b and len(a) <= export_view.MAX_NAME + len(".csv") and a.startswith("data_city-city-000+")


def test_csv_holds_exactly_the_rows_and_columns_shown_with_gaps_empty(b):
    view = shown(b)
    name, blob = export_view.view_file(view, "data", Filters(), "csv")
    assert name == "data.csv"
    back = pd.read_csv(io.BytesIO(blob), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(view.columns)
    assert back["id"].tolist() == view["id"].tolist()
    gaps = back[back["status"] != "reported"]
    assert len(gaps) > 0 and (gaps["value"] == "").all()
    assert back.set_index("id").loc["jia-secretaries", "value"] in ("12", "12.0")


def test_json_holds_the_same_rows_with_null_for_gaps(b):
    view = shown(b)
    records = json.loads(export_view.view_bytes(view, "json"))
    assert [list(r) for r in records] == [list(view.columns)] * len(view)
    by_id = {r["id"]: r for r in records}
    assert by_id["jia-instructors"]["value"] is None and by_id["jia-instructors"]["status"] == "blank"
    assert by_id["jia-secretaries"]["value"] == 12


def test_headers_follow_the_page_language(b):
    blob = export_view.view_bytes(shown(b), "csv", labels={"city": "城市", "value": "数值"})
    assert blob.decode("utf-8").splitlines()[0] == "id,城市,written,数值,status"


def _zip_figures(blob: bytes) -> tuple[list[str], dict]:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        figures = pd.read_csv(zf.open("figures.csv"))
        descriptor = json.loads(zf.read("datapackage.json"))
    return figures["id"].tolist(), descriptor


def test_the_data_package_of_a_selection_and_of_the_full_table(b, tmp_path):
    f = Filters(type=("funding",), lang="zh")
    selected = apply(b.frame, f)
    name, blob = export_view.package_file(b, selected, f)
    assert name == "data_package_type-funding.zip"
    ids, descriptor = _zip_figures(blob)
    assert ids == selected["id"].tolist() and descriptor["selection"] == "type=funding"
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        zf.extractall(tmp_path / "sel")
    assert problems(tmp_path / "sel") == []

    name, blob = export_view.package_file(b)
    ids, descriptor = _zip_figures(blob)
    assert name == "data_package.zip" and ids == b.frame["id"].tolist()
    assert descriptor["selection"] == "all figures"


def test_unknown_formats_are_refused(b):
    with pytest.raises(ValueError, match="unknown format"):
        export_view.view_file(shown(b), "data", None, "xlsx")
