"""Every page writes a figure the same way: the same at_most, range, blank, partial and missing-section rows,
put through each page's view (and through the pages themselves), come out as the same strings."""

from __future__ import annotations

import copy
import hashlib

import factories
import pytest
from apptest import open_page

from loaders import bundle
from loaders.filters import Filters
from views import city, compare, gaps, reader, table
from views.highlight import marks

# the factory article, with a sentence more in 乙市's section: a figure with 近 (at most) and a range
TEXT = factories.SOURCE_TEXT + "坚持服务近20年,每社区配备1至3名专干。"
EXTRA = [
    {
        "id": "yi-years",
        "source": "src",
        "city": "yi",
        "type": "other",
        "label_zh": "服务年限",
        "label_en": "Years of service",
        "value": 20,
        "unit": "年",
        "qualifier": "at_most",
        "status": "reported",
        "quote": "坚持服务近20年",
        "anchor": "坚持服务近",
    },
    {
        "id": "yi-staff",
        "source": "src",
        "city": "yi",
        "type": "other",
        "label_zh": "专干",
        "label_en": "Staff per community",
        "low": 1,
        "high": 3,
        "unit": "名",
        "qualifier": "range",
        "status": "reported",
        "quote": "每社区配备1至3名专干",
        "anchor": "每社区配备",
    },
]
# figure id -> how every page writes it (English, Chinese)
EXPECTED = {
    "yi-years": ("≤ 20 年", "≤ 20 年"),
    "yi-staff": ("1–3 名", "1–3 名"),
    "jia-instructors": ("【?】 名 (not in source)", "【?】 名 (原文缺失)"),
    "yi-matters": ("> 【?】0 件 (digits cut)", "> 【?】0 件 (数字残缺)"),
    "bing-missing": ("no section in the source", "原文无此章节"),
}


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    doc = factories.document(sources=[factories.source(sha256=hashlib.sha256(TEXT.encode("utf-8")).hexdigest())])
    doc["metrics"] += copy.deepcopy(EXTRA)
    return factories.write(tmp_path_factory.mktemp("one-writer"), doc, source_text=TEXT)


@pytest.fixture(scope="module")
def fb(path):
    return bundle.build(path)


def expected(lang: str, ids) -> dict[str, str]:
    return {i: EXPECTED[i][0 if lang == "en" else 1] for i in ids}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_pages_view_writes_the_rows_the_same(fb, lang):
    rows = fb.frame[fb.frame["id"].isin(EXPECTED)]
    f = Filters(lang=lang)
    col = {"en": "As written", "zh": "原文写法"}[lang]
    seen: dict[str, dict[str, str]] = {}

    # Data (and the City profile's tables): the display table
    shown = table.display(rows, fb.cities, fb.metric_types, lang, f)
    seen["data"] = dict(zip(shown["id"], shown["written"], strict=True))
    # Compare: its table (a missing section is listed apart, not compared)
    compared = rows[rows["status"] != "missing_section"]
    tab = compare.table(compared, fb.cities, fb.indicators, fb.metric_types, f)
    seen["compare"] = dict(zip(tab["id"], tab[col], strict=True))
    chart = compare.chart_rows(compared, fb.cities, fb.indicators, fb.metric_types, lang)
    seen["compare chart"] = dict(zip(chart["id"], chart["text"], strict=True))
    # Gaps: every figure in its sentence
    listed = gaps.listing(rows, fb.texts, fb.cities, fb.metric_types, lang)
    seen["gaps"] = dict(zip(listed["id"], listed[col], strict=True))
    # City profile: one city at a time
    seen["city"] = {}
    for cid in ("jia", "yi", "bing"):
        prof = city.profile(fb, f, cid, lang)
        ids = fb.frame.loc[fb.frame["city"] == cid].sort_values(["start", "at", "id"], kind="stable")
        by_label = {g.type: g.frame for g in prof.groups}
        for kind, part in by_label.items():
            kind_ids = ids[ids["type"] == kind]["id"].tolist()
            seen["city"].update(dict(zip(kind_ids, part["written"], strict=True)))
    # Source reader: the chosen figure's details, and the hover title of its highlight
    label = {"en": "As written", "zh": "原文写法"}[lang]
    seen["reader"] = {r["id"]: dict(reader.details(r, lang))[label] for r in rows.to_dict(orient="records")}
    seen["reader hover"] = {m.id: m.title.split("]: ", 1)[1].rsplit(" · ", 1)[0] for m in marks(rows, lang)}

    for page, written in seen.items():
        got = {i: w for i, w in written.items() if i in EXPECTED}
        assert got == expected(lang, got), page
        assert len(got) >= (4 if page.startswith("compare") else 5) - (page == "city"), (page, got)


@pytest.mark.app
@pytest.mark.parametrize(
    ("page", "params", "column"),
    [
        ("data", {}, "written"),
        ("compare", {"type": "other,staffing"}, "As written"),
        ("gaps", {}, "As written"),
    ],
)
def test_each_page_shows_the_rows_the_same(path, monkeypatch, page, params, column):
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = open_page(page, **params)
    cells = {}
    for el in at.dataframe:
        df = el.value
        if "id" in df.columns and column in df.columns:
            cells.update(dict(zip(df["id"], df[column], strict=True)))
    got = {i: w for i, w in cells.items() if i in EXPECTED}
    assert got == expected("en", got) and len(got) >= 4, (page, cells)
