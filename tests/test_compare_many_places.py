"""The viewer with a dozen places from four sources (factories.dozen): colours, labels, ticks and names that
say level and province, on the view models (the browser test looks at the same data: browser/test_dozen_places)."""

from __future__ import annotations

import factories
import pytest

from loaders import bundle
from loaders.filters import Filters
from views import compare, overview
from views.i18n import place_names


@pytest.fixture
def dozen(tmp_path):
    return bundle.build(factories.dozen(tmp_path))


def _chart(b, f: Filters, top: int = 0):
    df = compare.select(b.frame, f)
    shown, _, _ = compare.charted(df, top)
    rows = compare.chart_rows(shown, b.cities, b.indicators, b.metric_types, f.lang)
    return rows, compare.compare_bars(rows, b.cities, f.lang)


def _bar_colours(fig) -> dict[str, set[str]]:
    """Place (by figure id's row) -> the colours its bars are drawn in."""
    out: dict[str, set[str]] = {}
    for tr in fig.data:
        if tr.type == "bar" and tr.customdata is not None and tr.meta != "gap":
            for fid, colour in zip(tr.customdata, tr.marker.color, strict=True):
                out.setdefault(fid, set()).add(colour)
    return out


def test_no_two_places_share_a_colour_on_a_chart_of_a_dozen(dozen):
    rows, fig = _chart(dozen, Filters(type=("service_centers",)))
    place_of = dict(zip(rows["id"], rows["city"], strict=True))
    colours: dict[str, set[str]] = {}
    for fid, c in _bar_colours(fig).items():
        colours.setdefault(place_of[fid], set()).update(c)
    assert all(len(c) == 1 for c in colours.values())  # one colour per place
    flat = [next(iter(c)) for c in colours.values()]
    assert len(colours) >= 10 and len(set(flat)) == len(flat)  # and no two places the same
    keys = [tr.name for tr in fig.data if tr.type == "bar" and tr.x == (None,)]
    assert len(keys) == len(set(keys)) == len(colours)  # a legend key per place


@pytest.mark.app
def test_beyond_a_dozen_places_bars_are_coloured_by_status_and_the_page_says_so(tmp_path, monkeypatch):
    from apptest import open_page

    from views.theme import STATUS_COLORS

    path = factories.dozen(tmp_path, thirteen=True)
    b = bundle.build(path)
    rows, fig = _chart(b, Filters(type=("service_centers",)))
    assert rows["city"].nunique() == compare.MAX_COLOURED + 1
    assert set().union(*_bar_colours(fig).values()) == {STATUS_COLORS["reported"]}
    assert not [tr for tr in fig.data if tr.type == "bar" and tr.x == (None,)]  # no key that would name places
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = open_page("compare", type="service_centers")
    at.selectbox(key="w_compare_places").set_value(0).run()  # all places
    captions = [c.value for c in at.caption]
    assert any(c.startswith("13 places in the chart, more than 12 colours tell apart") for c in captions), captions
    at = open_page("compare", type="service_centers")  # the ten with most figures: colour by place, nothing said
    assert not any("colours tell apart" in c.value for c in at.caption)


def test_registry_colours_stay_when_they_already_differ_and_are_replaced_when_two_collide():
    cities = {f"p{i}": None for i in range(14)}
    assert compare.place_colors(["p0", "p1"], cities) == {"p0": "#2f855a", "p1": "#6b46c1"}  # the seed's, as before
    both = compare.place_colors(["p0", "p12"], cities)  # p12 has p0's colour in a 12-colour palette
    assert len(set(both.values())) == 2


def test_a_long_group_label_is_cut_to_the_rows_it_spans_and_said_in_full_on_hover(dozen):
    rows, fig = _chart(dozen, Filters(type=("service_centers",)))
    one = rows[rows["id"] == "dz-survey-d-dong-stations"].iloc[0]
    room = compare.row_lines({"公顷": 11, "个": 3})["个"]  # the panel of 个 holds three rows
    assert one["group"].count("<br>") == room - 1 and one["group"].endswith("…")
    assert one["group_full"].startswith("Party-building guidance stations opened in newly built")
    hover = next(
        h
        for tr in fig.data
        if tr.customdata is not None
        for fid, h in zip(tr.customdata, tr.hovertext, strict=True)
        if fid == one["id"]
    )  # noqa: E501
    assert "Party-building guidance stations opened in newly built residential compounds and business" in hover
    for g, full in zip(rows["group"], rows["group_full"], strict=True):
        assert g.count("<br>") < compare.MAX_GROUP_LINES
        assert g.replace("<br>", " ").rstrip("…").split()[0] == full.split()[0]


def test_log_ticks_are_apart_and_legible(dozen):
    ticks, labels = compare.log_ticks([0.8, 0.9, 1.5, 45])
    assert labels == ["0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100"]
    ticks, labels = compare.log_ticks([0.8, 2400])  # five decades: powers of ten only
    assert labels == ["0.1", "1", "10", "100", "1,000", "10,000"]
    _, fig = _chart(dozen, Filters())
    log_axes = [a for k, a in fig.layout.to_plotly_json().items() if k.startswith("xaxis") and a.get("type") == "log"]
    assert log_axes and all(a["ticktext"] and len(a["ticktext"]) == len(a["tickvals"]) for a in log_axes)


def test_places_of_several_levels_and_provinces_say_both(dozen):
    names = place_names(["c-jia", "s-nan", "p-yi", "k-zhong"], dozen.cities, "en")
    assert names["c-jia"] == "Jia City · 甲市 (city, Jia Province)"
    assert names["s-nan"] == "Nan Subdistrict · 南街道 (subdistrict, Jia Province)"  # by its parent chain
    assert names["p-yi"] == "Yi Province · 乙省 (province)"  # a province is not repeated
    one_province = place_names(["c-jia", "c-ding"], dozen.cities, "en")  # one level, one province: plain names
    assert one_province == {"c-jia": "Jia City · 甲市", "c-ding": "Ding City · 丁市"}
    rows, _ = _chart(dozen, Filters(type=("service_centers",)))
    assert "Xin Town (town, Bing Province)" in set(rows["place_full"]) or "t-xin" not in set(rows["city"])
    table = compare.table(
        compare.select(dozen.frame, Filters()), dozen.cities, dozen.indicators, dozen.metric_types, Filters()
    )  # noqa: E501
    assert "Nan Subdistrict · 南街道 (subdistrict, Jia Province)" in set(table["City"])


def test_the_seed_names_and_colours_are_as_before(b):
    """The seed's places have no province in their parent chain yet: no province is added to its names."""
    names = place_names(["guangzhou", "jining", "chengdu_jinniu"], b.cities, "en")
    assert names["guangzhou"] == "Guangzhou · 广州 (city)"
    assert compare.place_colors(["guangzhou", "jining"], b.cities) == {"guangzhou": "#2f855a", "jining": "#6b46c1"}


def test_overview_total_equals_every_row_of_four_sources(dozen):
    head = overview.headline(dozen.frame, dozen.sections)
    assert head.figures == len(dozen.frame) and head.no_section == 0
    assert overview.counts_note(head, "en") is None  # nothing left out, nothing said
