"""views.gaps and views.text: gap context strings, counts and completeness, and the digit-length evidence."""

from __future__ import annotations

import re

import oracles
import pandas as pd
import pytest
from factories import write
from hypothesis import given
from hypothesis import strategies as st

from loaders import bundle
from loaders.filters import Filters, apply
from loaders.models import GAPS, NUMBER_MISSING
from views import absent, gaps
from views import text as text_module
from views.i18n import GAP_MARK
from views.text import Around

SEED = "dangjian-forum-urban-2020"


def _cell(b, city: str, kind: str) -> str:
    rows = b.frame[(b.frame["city"] == city) & (b.frame["type"] == kind)]
    return f"{rows['status'].isin(GAPS).sum()} / {len(rows)}"


def _row(b, fid):
    return next(r for r in b.frame.itertuples() if r.id == fid)


def _ctx(b, fid):
    rows = b.frame[b.frame["id"] == fid]
    return Around.of(rows, b.texts).contexts(rows)[0]


def test_gap_context_marks_the_figures_own_blank(b):
    ctx = _ctx(b, "gz-instructors-total")
    assert "全市共配备*建指导员【?】名" in ctx
    assert ctx.count(GAP_MARK) == 1  # the sentence's other blanks are other rows
    other = _ctx(b, "gz-community-deputy-secretaries-total")
    assert "专职副书记【?】名" in other and "指导员【?】" not in other
    assert ctx.endswith("。")  # the whole sentence, with its full stop


@pytest.mark.parametrize(
    "fid, part",
    [
        ("jn-matters-resolved", "事项【?】0余件"),  # cut: the surviving digit follows the mark
        ("gz-assist-items-before", "35类【?】项"),
        ("gz-beijing-study-year", "【?】年12月"),
        ("jn-grid-branch-funding-floor", "不少于【?】元工作经费"),
    ],
)
def test_gap_context_for_blank_and_partial(b, fid, part):
    assert part in _ctx(b, fid)


def test_reported_and_section_contexts_have_no_mark(b):
    assert GAP_MARK not in _ctx(b, "gz-community-funding-floor")
    section = _ctx(b, "bs-missing-section")
    assert GAP_MARK not in section and "云南保山" in section


def test_snippet_is_short_and_centred_on_the_gap(b):
    rows = b.frame[b.frame["id"] == "gz-instructors-total"]
    s = Around.of(rows, b.texts).snippets(rows)[0]
    assert "指导员【?】名" in s and len(s) <= 2 * 18 + len(GAP_MARK) + 2


@given(st.text(alphabet="ab。;\n!", min_size=1, max_size=40), st.data())
def test_sentence_bounds_cover_the_span_and_stop_at_punctuation(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    s, e = oracles.sentence_bounds(text, start, end)
    assert s <= start and end <= e <= len(text)
    assert not any(ch in text_module.SENTENCE_END for ch in text[s:start])


def test_around_gives_each_figure_the_bounds_of_the_single_figure_functions(tmp_path, b):
    small = bundle.build(write(tmp_path))
    for fb in (b, small):
        df = fb.frame.sample(frac=1, random_state=1)  # any row order
        around = Around.of(df, fb.texts)
        rows = list(df.itertuples())
        for r, sentence, paragraph in zip(rows, around.sentence, around.paragraph, strict=True):
            text = fb.texts[r.source]
            assert sentence == oracles.sentence_bounds(text, int(r.start), int(r.end)), r.id
            assert paragraph == oracles.paragraph_bounds(text, int(r.start), int(r.end)), r.id
        assert around.contexts(df) == [oracles.gap_context(r, fb.texts) for r in rows]
        assert around.snippets(df) == [oracles.gap_snippet(r, fb.texts) for r in rows]


@given(st.lists(st.text(alphabet="ab1。;\n!", max_size=30), min_size=1, max_size=4), st.data())
def test_around_matches_sentence_and_paragraph_bounds_on_random_texts(texts, data):
    rows = []
    for k, text in enumerate(texts):
        for _ in range(data.draw(st.integers(0, 3))):
            start = data.draw(st.integers(0, len(text)))
            end = data.draw(st.integers(start, len(text)))
            rows.append({"source": f"s{k}", "start": start, "end": end})
    df = pd.DataFrame(rows, columns=["source", "start", "end"])
    around = Around.of(df, {f"s{k}": text for k, text in enumerate(texts)})
    for r, sentence, paragraph in zip(rows, around.sentence, around.paragraph, strict=True):
        text = texts[int(r["source"][1:])]
        assert sentence == oracles.sentence_bounds(text, r["start"], r["end"])
        assert paragraph == oracles.paragraph_bounds(text, r["start"], r["end"])


def test_removed_is_digit_counts_and_evidence_together(b):
    for f in (Filters(), Filters(city=("jining",)), Filters(status=("reported",))):
        df = apply(b.frame, f)
        counts, table = gaps.removed(df, b.frame, b.texts, b.cities, "en")
        assert counts == oracles.digit_counts(df, b.frame, b.texts)
        near = table.set_index("id")["Surviving numbers in the paragraph (digits)"]
        for r in df[df["status"].isin(NUMBER_MISSING)].itertuples():
            text = b.texts[r.source]
            found = oracles.surviving_numbers(text, *oracles.paragraph_bounds(text, int(r.start), int(r.end)))
            found = [
                n for p, n in found if not any(a <= p < z for a, z in oracles.cut_spans(b.frame).get(r.source, []))
            ]
            assert near[r.id] == (" · ".join(f"{n} ({sum(c.isdigit() for c in n)})" for n in found) or "–"), r.id
    assert table.empty and counts.blanks == counts.partial == 0  # no gap among reported figures


def test_cell_counts_add_up(b):
    cells = gaps.cell_counts(b.frame)
    assert cells["total"].sum() == len(b.frame)
    gap_n = b.frame["status"].isin(["blank", "partial", "missing_section"]).sum()
    assert cells["gaps"].sum() == gap_n
    seed = gaps.cell_counts(b.frame[b.frame["source"] == "dangjian-forum-urban-2020"])  # facts of the seed source
    gz_staff = seed[(seed["city"] == "guangzhou") & (seed["type"] == "staffing")].iloc[0]
    assert (gz_staff["blank"], gz_staff["reported"], gz_staff["total"]) == (3, 5, 8)


def test_cell_counts_follow_the_filter(b):
    cells = gaps.cell_counts(apply(b.frame, Filters(city=("jining",), type=("funding", "volunteers"))))
    assert set(cells["city"]) == {"jining"} and set(cells["type"]) == {"funding", "volunteers"}


def test_matrix_table_is_text_with_empty_cells_for_no_figures(b):
    tab = gaps.matrix_table(gaps.cell_counts(b.frame), b.cities, b.metric_types, "zh")
    assert tab.loc["保山 · Baoshan (市)", "其他"] == _cell(b, "baoshan", "other")
    assert _cell(b, "baoshan", "other").startswith("1 / ")  # 保山's one row: the missing section
    if not ((b.frame["city"] == "chizhou") & (b.frame["type"] == "funding")).any():
        assert tab.loc["池州 · Chizhou (市)", "经费保障"] == ""  # no figure of the type: an empty cell, not 0 / 0
    assert tab.loc["广州 · Guangzhou (市)", "人员配备"] == _cell(b, "guangzhou", "staffing")


def test_completeness_per_city_and_type(b):
    cells = gaps.cell_counts(b.frame[b.frame["source"] == SEED])  # facts of the seed, whatever else is added
    by_city = gaps.completeness(cells, "city", b.cities, "en").set_index("City")
    assert by_city.loc["Chizhou · 池州 (city)", "Share reported"] == "100%"
    assert by_city.loc["Baoshan · 保山 (city)", "Share reported"] == "no section"
    assert by_city.loc["Baoshan · 保山 (city)", "share"] is pd.NA
    gz = by_city.loc["Guangzhou · 广州 (city)"]
    assert gz["share"] == pytest.approx(gz["Reported"] / gz["Figures"])
    by_type = gaps.completeness(cells, "type", b.metric_types, "zh").set_index("指标类型")
    assert by_type.loc["志愿服务 · Volunteers", "已报道占比"] == "0%"


def test_listing_in_text_order_with_marks(b):
    listed = gaps.listing(apply(b.frame, Filters(only_blanks=True)), b.texts, b.cities, b.metric_types, "en")
    assert set(listed["Status"]) == {"Blank (number deleted)", "Partial (digits cut)", "Section missing"}
    blanks = listed[listed["Status"] != "Section missing"]
    assert blanks["Sentence"].str.contains(GAP_MARK, regex=False).all()
    assert blanks["Around the figure"].str.contains(GAP_MARK, regex=False).all()
    everything = gaps.listing(b.frame, b.texts, b.cities, b.metric_types, "en")
    assert len(everything) == len(b.frame) > len(listed)


def test_missing_sections_name_the_city_and_the_sentence(b):
    per_source = absent.missing_sections(b.frame, b.cities, b.texts, "en")
    out = {m.city: m for m in per_source["dangjian-forum-urban-2020"]}  # a fact of the seed source
    assert {"baoshan", "chengdu_jinniu"} <= set(out)
    assert out["baoshan"].name == "Baoshan · 保山" and "四川成都金牛区" in out["chengdu_jinniu"].sentence


def test_surviving_numbers_leave_out_the_digits_of_cut_numbers(b):
    r = _row(b, "jn-matters-resolved")
    text = b.texts[r.source]
    s, e = oracles.paragraph_bounds(text, int(r.start), int(r.end))
    with_cut = [n for _, n in oracles.surviving_numbers(text, s, e)]
    without = [n for _, n in oracles.surviving_numbers(text, s, e, gaps.cut_spans(b.frame)[r.source])]
    assert "0" in with_cut and "0" not in without


def test_evidence_lists_each_gap_with_nearby_numbers(b):
    _, ev = gaps.removed(b.frame, b.frame, b.texts, b.cities, "en")
    ev = ev.set_index("id")
    n_gaps = b.frame["status"].isin(["blank", "partial"]).sum()
    assert len(ev) == n_gaps
    near = ev.loc["gz-instructors-total", "Surviving numbers in the paragraph (digits)"]
    assert near.startswith("1 (1) · 2 (1) · 4 (1)")
    assert ev.loc["gz-assist-items-before", "Longest (digits)"] == "2"


def test_digit_counts_on_the_article(b):
    seed = b.frame[b.frame["source"] == SEED]
    c, _ = gaps.removed(seed, b.frame, b.texts, b.cities, "en")
    cut = seed[(seed["status"] == "partial") & (seed["at_end"] > seed["at"])]
    assert c.surviving == len(re.findall(r"\d+(?:\.\d+)?", b.texts[SEED])) - len(cut)  # e.g. the "0" of 0余件
    assert c.longest == 2  # the seed article's numbers: none longer than 2 digits survived
    assert c.near[3] == c.near[4] == c.elsewhere[3] == c.elsewhere[4] == 0
    assert (c.blanks, c.partial) == ((seed["status"] == "blank").sum(), (seed["status"] == "partial").sum())
    assert "the longest has 2 digits" in gaps.evidence_summary(c, "en")


def test_digit_counts_on_a_small_file(tmp_path):
    fb = bundle.build(write(tmp_path))
    c, _ = gaps.removed(fb.frame, fb.frame, fb.texts, fb.cities, "en")
    # numbers in the factory text: 12, 3, 10, 7 (and the cut 0 of 0余件, which is left out)
    assert c.surviving == 4 and c.longest == 2
    assert (c.blanks, c.partial) == (3, 1)
    only_yi = apply(fb.frame, Filters(city=("yi",)))
    c2, _ = gaps.removed(only_yi, fb.frame, fb.texts, fb.cities, "en")
    assert c2.near[1] == 1  # 7 shares the paragraph with the cut figure


def test_the_text_tables_name_each_place_with_its_level_and_province_from_the_registry(tmp_path):
    """A survey of districts in three provinces beside the fixture's cities: every text table of places on the
    Gaps page (the matrix, completeness per place, the evidence) names them as the heatmap does."""
    from place_texts import SURVEY

    from curation import add_source, place_save
    from drafting import write as draft_write
    from loaders.dataset import load

    path = write(tmp_path)
    f = tmp_path / "survey.txt"
    f.write_text(SURVEY, encoding="utf-8")
    add_source.add_source(path, f, "survey")
    plan = place_save.plan(path, "survey")
    place_save.save(plan, plan.resolution.proposals, plan.resolution.main_place)
    draft_write.draft_source(load(path), "survey", path)
    nb = bundle.build(path)
    c = gaps.counts(nb.frame, nb.cities, nb.metric_types, nb.texts, "en")
    chengqu, gulou = "Chengqu District · 城区 (district, Shanxi)", "Gulou District · 鼓楼区 (district, Fujian)"
    assert {chengqu, gulou} <= set(c.matrix.index)
    assert {chengqu, gulou} <= set(c.by_city["City"])
    assert "Jia · 甲市 (city)" in set(c.matrix.index)  # a place with no province in the registry: its level only
    _, near = gaps.removed(nb.frame, nb.frame, nb.texts, nb.cities, "en")
    assert gulou in set(near["City"])  # 鼓楼区's deleted number of grid workers
    zh = gaps.counts(nb.frame, nb.cities, nb.metric_types, nb.texts, "zh")
    assert "城区 · Chengqu District (区，山西省)" in set(zh.matrix.index)
    assert heatmap_rows(c, nb) >= {chengqu, gulou}  # the same names as the chart above the tables


def heatmap_rows(c, nb) -> set[str]:
    return set(gaps.gaps_heatmap(c.cells, nb.cities, nb.metric_types, "en").to_dict()["data"][0]["y"])
