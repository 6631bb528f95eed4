"""A reviewed figure without an English label (issue 20): saved as it is, shown in English by its Chinese label
marked "(untranslated)" wherever a label is shown, never an empty cell or an empty tick; in Chinese nothing
changes. The data exports (tidy CSV/JSON, the data package, the store) keep label_en empty: the data does not
invent a label; "Download this view" is the page as shown, so it carries the marked label.

The fixture is the small factory article (tests/factories.py) with one reviewed figure left untranslated: 甲市's
deleted street funding floor (jia-street-floor, 街道经费), a blank that Compare, Gaps, City, Reader and Data show.
"""

from __future__ import annotations

import io
import json
import sqlite3

import factories
import pandas as pd
import pytest
from apptest import downloaded, html, open_page, plotly_specs
from package_check import problems

from exports import package as export_package
from exports import sqlite as export_sqlite
from loaders import bundle, catalog, derive, load
from loaders.filters import Filters
from views import compare, gaps, reader, table
from views.highlight import marks
from views.i18n import t

FIG = "jia-street-floor"
ZH = "街道经费"
MARKED = f"{ZH} (untranslated)"
LABEL = t("cmp_col_label", "en")


@pytest.fixture
def path(tmp_path):
    doc = factories.document()
    (row,) = [m for m in doc["metrics"] if m["id"] == FIG]
    row["label_en"] = ""  # reviewed (no draft: true), no translation yet
    return factories.write(tmp_path, doc)


@pytest.fixture
def b(path):
    return bundle.build(path)


@pytest.fixture
def app(path, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(path))
    return path


def _by_id(df: pd.DataFrame, column: str) -> dict[str, str]:
    return dict(zip(df["id"], df[column], strict=True))


def _table_with(at, *columns: str) -> pd.DataFrame:
    return next(el.value for el in at.dataframe if set(columns) <= set(el.value.columns))


# 1/ the data: valid, and kept empty


def test_the_untranslated_figure_validates_and_keeps_its_label_en_empty(path):
    ds = load(path)
    (m,) = [m for m in ds.metrics if m.id == FIG]
    assert (m.draft, m.label_zh, m.label_en) == (False, ZH, "")
    assert _by_id(derive.frame(ds), "label_en")[FIG] == ""


# 2/ view models, in both languages


@pytest.mark.parametrize("lang, shown", [("en", MARKED), ("zh", ZH)])
def test_a_label_alone_and_a_label_pair_mark_it_in_english_only(b, lang, shown):
    row = b.frame[b.frame["id"] == FIG]
    assert table.label_in(row, lang).tolist() == [shown]
    assert table.labels(row, lang).tolist() == [shown]  # never 'x · ' with an empty other half
    translated = b.frame[b.frame["id"] == "jia-community-floor"]
    pair = "Community funding floor · 社区经费" if lang == "en" else "社区经费 · Community funding floor"
    assert table.labels(translated, lang).tolist() == [pair]


def test_a_label_en_of_only_spaces_is_untranslated_too(b):
    row = b.frame[b.frame["id"] == FIG].assign(label_en="  ")
    assert table.label_in(row, "en").tolist() == [MARKED]
    assert table.labels(row, "en").tolist() == [MARKED]


def test_an_untranslated_draft_is_marked_both_ways(b):
    row = b.frame[b.frame["id"] == FIG].assign(draft=True)
    assert table.label_in(row, "en").tolist() == [f"[draft] {MARKED}"]


@pytest.mark.parametrize("lang, shown", [("en", MARKED), ("zh", ZH)])
def test_compare_tick_hover_and_table(b, lang, shown):
    rows = b.frame[b.frame["indicator"] == "funding_floor"]
    charted = compare.chart_rows(rows, b.cities, b.indicators, b.metric_types, lang)
    mine = charted.set_index("id").loc[FIG]
    assert mine["label"] == shown
    assert shown in mine["inner"].replace("<br>", "")  # 甲市 has two floors: its tick names the figure
    spec = compare.compare_bars(charted, b.cities, lang).to_plotly_json()
    hovers = [
        h
        for tr in spec["data"]
        for i, h in zip(tr.get("customdata") or [], tr.get("hovertext") or [], strict=True)
        if i == FIG
    ]
    assert len(hovers) == 1 and shown in hovers[0]
    tab = compare.table(rows, b.cities, b.indicators, b.metric_types, Filters(lang=lang))
    assert _by_id(tab, t("cmp_col_label", lang))[FIG] == shown


@pytest.mark.parametrize("lang, shown", [("en", MARKED), ("zh", ZH)])
def test_gaps_listing_and_evidence(b, lang, shown):
    listing = gaps.listing(b.frame, b.texts, b.cities, b.metric_types, lang)
    assert _by_id(listing, t("cmp_col_label", lang))[FIG] == shown
    _, evidence = gaps.removed(b.frame, b.frame, b.texts, b.cities, lang)
    assert _by_id(evidence, t("cmp_col_label", lang))[FIG] == shown


@pytest.mark.parametrize("lang, shown", [("en", MARKED), ("zh", ZH)])
def test_reader_hover_details_and_picker(b, lang, shown):
    row = b.frame[b.frame["id"] == FIG]
    (mark,) = marks(row, lang)
    assert mark.title.startswith(f"{shown} [{FIG}]: ")
    details = dict(reader.details(row.iloc[0].to_dict(), lang))
    assert details[t("col_label", lang)] == shown
    v = reader.view(b.frame, Filters(lang=lang), lang, list(b.sources), b.appearances)
    assert v.labels[FIG] == f"{shown} · {FIG}"


# 3/ the pages, in English (AppTest on the fixture)


@pytest.mark.app
def test_compare_page_marks_it_in_its_table_and_its_chart(app):
    at = open_page("compare", indicator="funding_floor")
    assert _by_id(_table_with(at, LABEL, "id"), LABEL)[FIG] == MARKED
    hovers = [h for spec in plotly_specs(at) for tr in spec["data"] for h in tr.get("hovertext") or []]
    assert any(MARKED in h for h in hovers)


@pytest.mark.app
def test_gaps_page_marks_it_in_the_listing(app):
    at = open_page("gaps")
    assert _by_id(_table_with(at, LABEL, t("gaps_col_context", "en"), "id"), LABEL)[FIG] == MARKED


@pytest.mark.app
def test_city_page_marks_it_in_the_profile_and_the_section(app):
    at = open_page("city", profile="jia")
    labels = {lab for el in at.dataframe if "label" in el.value.columns for lab in el.value["label"]}
    assert MARKED in labels and "" not in labels
    assert f'title="{MARKED} [{FIG}]' in html(at)  # the highlighted figure's hover in the section


@pytest.mark.app
def test_reader_page_marks_it_in_the_details_and_the_hover(app):
    at = open_page("reader", id=FIG)
    details = html(at).split('<div class="reader"')[0]
    assert MARKED in details
    assert f'title="{MARKED} [{FIG}]' in html(at)


@pytest.mark.app
def test_data_page_marks_it_and_its_files_say_what_each_is(app, media):
    at = open_page("data", city="jia")
    (df,) = [el.value for el in at.dataframe if "label" in el.value.columns]
    assert _by_id(df, "label")[FIG] == MARKED
    _, view = downloaded(at, media, "download_view_csv")  # the view as shown: the marked label
    shown = pd.read_csv(io.BytesIO(view), dtype=str, keep_default_na=False)
    assert MARKED in shown.to_csv()
    _, tidy = downloaded(at, media, "download_filtered_json")  # the data: label_en stays empty
    assert {r["id"]: r["label_en"] for r in json.loads(tidy)}[FIG] == ""


@pytest.mark.app
def test_chinese_pages_show_the_chinese_label_unmarked(app):
    at = open_page("data", city="jia", lang="zh")
    (df,) = [el.value for el in at.dataframe if "label" in el.value.columns]
    assert _by_id(df, "label")[FIG] == ZH


# 4/ the exports: label_en stays empty, the package validates


def test_tidy_exports_keep_label_en_empty_never_a_made_up_label(path):
    df = derive.frame(load(path))
    back = pd.read_csv(io.StringIO(derive.export_csv(df)), dtype=str, keep_default_na=False)
    assert _by_id(back, "label_en")[FIG] == "" and _by_id(back, "label_zh")[FIG] == ZH
    assert {r["id"]: r["label_en"] for r in derive.export_records(df)}[FIG] == ""


def test_the_data_package_validates_with_the_label_en_cell_empty(path, tmp_path):
    folder = export_package.write(catalog.from_dataset(load(path)), tmp_path / "package")
    assert problems(folder) == []
    back = pd.read_csv(folder / "figures.csv", dtype=str, keep_default_na=False)
    assert _by_id(back, "label_en")[FIG] == ""
    fields = json.loads((folder / "datapackage.json").read_text())["resources"]
    (figures,) = [r for r in fields if r["name"] == "figures"]
    by_name = {f["name"]: f for f in figures["schema"]["fields"]}
    assert "required" not in by_name["label_en"].get("constraints", {})
    assert by_name["label_zh"]["constraints"]["required"] is True  # the Chinese label is never missing


def test_the_store_keeps_label_en_empty(path, tmp_path):
    db = export_sqlite.copy_store(path, tmp_path / "figures.db")
    with sqlite3.connect(db) as conn:
        got = conn.execute("SELECT label_zh, label_en FROM figures_full WHERE id = ?", (FIG,)).fetchone()
    assert got == (ZH, "")
