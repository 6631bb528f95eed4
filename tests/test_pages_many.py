"""Every page on the two-source fixture: what a page says about a source belongs to that source.

The fixture (tests/fixtures/many_sources, see the `many` fixture in conftest.py): fx-forum (sections for jia and
yi, bing announced without one, three blanks and a cut number) and fx-survey (dong, a subdistrict inside jia;
jia's street funding floor, which fx-forum leaves blank, is reported there as ≥ 15 万元).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apptest import html, open_page, plotly_specs, spec_values, texts

from views.i18n import GAP_MARK

pytestmark = pytest.mark.app
MANY_SOURCES = Path(__file__).resolve().parent / "fixtures" / "many_sources" / "metrics.yaml"

FORUM, SURVEY = "Fixture forum: two cities on grassroots work", "Fixture survey of East Subdistrict"


def frame_of(at, column: str):
    """The dataframe of the run that has this column (AppTest does not expose a dataframe's key)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def bar_rows(at) -> list[str]:
    """The inner row labels of the Compare chart (its y axis is [group, row])."""
    data = plotly_specs(at)[0]["data"]
    return [y for tr in data if tr["type"] == "bar" and isinstance(tr["y"][0], list) for y in tr["y"][1]]


def plain(markdown: str) -> str:
    """Markdown as read: backslash escapes (views.text.md) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def survey_places(path) -> int:
    """The places fx-survey's figures concern, read through the loader (not a count of today's fixture)."""
    from loaders.dataset import load

    return len({m.city for m in load(path).metrics if m.source == "fx-survey"})


def test_overview_counts_follow_the_source_filter(many):
    both = open_page()
    m = {x.label: x.value for x in both.metric}
    # 12 + bing's row; only the forum gives its places headed sections: 2 of the 3 it announces have one
    assert m["Figures"] == "13" and m["Places with a section in their source"] == "2 / 3"
    assert any(plain(w.value).startswith(f"In “{FORUM}”: Announced") for w in both.warning)
    survey = open_page(source="fx-survey")
    m = {x.label: x.value for x in survey.metric}
    assert m["Figures"] == "4" and m["Blank figures"] == "0"
    # a survey names places and gives none a headed section: no "0 / 0", the places its figures concern instead
    assert "Places with a section in their source" not in m
    assert m["Places the figures concern"] == str(survey_places(many))
    why = next(x for x in survey.metric if x.label == "Places the figures concern").help
    assert "No source in this selection gives places headed sections" in why
    assert not survey.warning  # fx-survey announces nothing it lacks: no "announced but absent" here


def test_every_page_counts_the_same_figures_and_says_what_a_count_leaves_out(many):
    """One total across pages: the Overview's, the Data page's, the reader's per source and the Gaps matrix's."""
    over = open_page()
    total = int({x.label: x.value for x in over.metric}["Figures"])
    data = open_page("data")
    assert f"{total} of {total} figures" in texts(data)
    reader = 0
    for source in ("fx-forum", "fx-survey"):
        m = re.search(r"(\d+) of \1 figures", texts(open_page("reader", source=source)))
        reader += int(m.group(1))
    assert reader == total
    gaps = open_page("gaps")
    cells = [c for c in frame_of(gaps, "Funding").to_numpy().ravel() if c]
    assert sum(int(c.split(" / ")[1]) for c in cells) == total
    bars = sum(sum(spec_values(tr["x"])) for tr in plotly_specs(over)[0]["data"])
    assert bars == total
    # bing is announced without a section: the counts that leave its row out say so in words
    note = next(c.value for c in over.caption if c.value.startswith("Figures counts every row"))
    assert f"{total - 1} with a number reported, blank or cut, and 1 for a place announced without" in note
    assert "Section missing only, and left out of Figures and of the share" in texts(gaps)
    survey = open_page(source="fx-survey")  # nothing left out: nothing said
    assert not any(c.value.startswith("Figures counts every row") for c in survey.caption)


def test_overview_rows_have_room_for_every_place_and_name_levels(many):
    spec = plotly_specs(open_page())[0]
    assert all(tr["orientation"] == "h" for tr in spec["data"])  # one labelled row per place and type
    names = {n for tr in spec["data"] for n in tr["y"][0]}
    assert "East Subdistrict · 东街道 (subdistrict)" in names and "Jia · 甲市 (city)" in names


def test_sidebar_offers_sources_with_counts(many):
    at = open_page()
    picker = at.multiselect(key="w_source")
    assert picker.options == [f"{FORUM} (9)", f"{SURVEY} (4)"]
    at.multiselect(key="w_source").select("fx-survey").run()
    assert at.query_params["source"] == "fx-survey"


def test_compare_puts_one_indicator_from_two_sources_side_by_side(many):
    at = open_page("compare", indicator="street_funding_floor")
    tab = frame_of(at, "id").set_index("id")
    assert tab.loc["fxa-jia-street-funding", "Source"] == "fx-forum"
    assert tab.loc["fxb-jia-street-funding", "Source"] == "fx-survey"
    assert tab.loc["fxa-jia-street-funding", "As written"].startswith(f"≥ {GAP_MARK} 万元")
    assert tab.loc["fxb-jia-street-funding", "As written"] == "≥ 15 万元"  # never merged into the blank
    rows = bar_rows(at)
    assert "Jia · fx-forum" in rows and "Jia · fx-survey" in rows


def test_compare_marks_levels_when_a_subdistrict_sits_beside_a_city(many):
    at = open_page("compare", indicator="community_workers")
    assert any("Places of different levels side by side (city, subdistrict)" in c.value for c in at.caption)
    rows = set(bar_rows(at))
    assert {"Yi (city)", "East Subdistrict (subdistrict)"} <= rows


def test_compare_offers_a_place_that_shares_no_indicator_by_type(small):
    at = open_page("compare", city="yi")  # yi has figures, none of an indicator another place reports
    assert any("shares" in i.value or "shared" in i.value for i in at.info)
    assert not any("No figures match" in i.value for i in at.info)
    assert set(frame_of(at, "id")["id"]) == {"yi-centers", "yi-matters", "yi-lists"}


def test_gaps_listing_names_each_rows_source_and_what_another_source_reports(many):
    at = open_page("gaps")
    tab = frame_of(at, "Reported elsewhere (another source)").set_index("id")
    assert tab.loc["fxa-jia-centres", "Source"] == "fx-forum" and tab.loc["fxb-dong-workers", "Source"] == "fx-survey"
    note = tab.loc["fxa-jia-street-funding", "Reported elsewhere (another source)"]
    assert "reported as ≥ 15 万元" in note and SURVEY in note
    assert tab.loc["fxa-jia-centres", "Reported elsewhere (another source)"] == ""
    assert any(plain(w.value).startswith(f"In “{FORUM}”") and "Bing" in plain(w.value) for w in at.warning)


def test_gaps_says_nothing_is_missing_and_paints_no_cell_as_missing(many):
    at = open_page("gaps", source="fx-survey")
    assert any("Nothing is missing in this selection" in s.value for s in at.success)
    heat = next(tr for tr in plotly_specs(at, "gaps_heatmap")[0]["data"] if tr["type"] == "heatmap")
    assert heat["zmin"] == 0 and heat["zmax"] >= 1
    assert {z for row in heat["z"] for z in row if z is not None} == {0}
    with_gaps = open_page("gaps")
    assert not with_gaps.success


def test_gaps_evidence_comes_from_one_sources_text(many):
    at = open_page("gaps")
    picker = at.selectbox(key="gaps_evidence_source")
    assert picker.value == "fx-forum"
    forum = next(t.value for t in at.text if "numbers" in t.value)
    assert "1200" not in forum and "4 digits" not in forum  # fx-survey's 1200 is not pooled into fx-forum's
    at.selectbox(key="gaps_evidence_source").select("fx-survey").run()
    survey = next(t.value for t in at.text if "numbers" in t.value)
    assert survey != forum


def test_city_profile_picks_among_the_sources_that_name_the_place(many):
    at = open_page("city", profile="jia")
    picker = at.selectbox(key="city_source_jia")
    assert picker.value == "fx-forum" and picker.options == [FORUM, SURVEY]
    assert "Qian Moumou · 钱某某" in texts(at) and "把服务送到家门口" in html(at)
    at.selectbox(key="city_source_jia").select("fx-survey").run()
    assert not at.warning  # the survey simply names Jia: nothing is missing there (issue 19)
    bing = open_page("city", profile="bing")
    assert any(f"“{FORUM}” announces Bing" in plain(w.value) for w in bing.warning)


def test_data_page_shows_source_ids_and_the_citation_of_each_source_shown(many):
    at = open_page("data", source="fx-survey")
    tab = frame_of(at, "reader")
    assert set(tab["source"]) == {"fx-survey"}
    assert set(tab.loc[tab["city"].str.startswith("East"), "level"]) == {"subdistrict"}
    body = html(at)
    assert "https://example.org/fixture-survey" in body and "测试作者" in body and "source/fx_survey.txt" in body
    assert FORUM not in body  # only the citation of the source whose rows are shown


def test_unknown_address_key_is_named_with_a_hint(many):
    at = open_page(figure="fxa-jia-grids")  # the notice is shown on the first run, at the page the link opens
    assert any("unknown address key “figure” ignored (did you mean “id”?)" in plain(w.value) for w in at.warning)


DRAFT = {
    "id": "fxb-draft-communities",
    "source": "fx-survey",
    "city": "dong",
    "type": "other",
    "label_zh": "社区数(草稿)",
    "label_en": "Communities (a drafted proposal)",
    "value": 8,
    "unit": "个",
    "status": "reported",
    "quote": "东街道下辖社区8个",
    "draft": True,
    "reason": "a test's drafted row",
}


@pytest.fixture
def with_draft(tmp_path, monkeypatch):
    """The two-source fixture copied, with one unreviewed draft row in fx-survey's figure file."""
    import shutil

    import yaml

    shutil.copytree(MANY_SOURCES.parent, tmp_path / "data")
    figures = tmp_path / "data" / "figures" / "fx-survey.yaml"
    doc = yaml.safe_load(figures.read_text(encoding="utf-8"))
    doc["metrics"].append(DRAFT)
    figures.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "data" / "metrics.yaml"))


def test_drafts_are_left_out_unless_asked_for_and_marked_when_shown(with_draft):
    hidden = open_page("data")
    assert "fxb-draft-communities" not in set(frame_of(hidden, "reader")["id"])
    assert hidden.toggle(key="w_drafts").value is False
    shown = open_page("data", drafts="1")
    tab = frame_of(shown, "reader").set_index("id")
    assert tab.loc["fxb-draft-communities", "label"].startswith("[draft] Communities (a drafted proposal)")
    assert not tab.loc["fxb-dong-communities", "label"].startswith("[draft]")
    overview = {m.label: m.value for m in open_page(drafts="1").metric}
    assert overview["Figures"] == "14"  # 13 curated + the draft, only when asked for
    assert {m.label: m.value for m in open_page().metric}["Figures"] == "13"
    reader = open_page("reader", drafts="1", source="fx-survey")
    assert any(v.startswith("[draft]") for v in reader.selectbox(key="w_id").options if v)
