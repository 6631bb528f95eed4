"""Chart builders: blanks are never a numeric 0, units never share an axis, qualifiers stay visible."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from apptest import spec_values as _values

from loaders.filters import Filters
from loaders.models import NUMBER_MISSING as GAP_STATUSES
from views import charts, compare, gaps, overview


def _axis(layout: dict, ref: str | None, letter: str) -> dict:
    """Layout entry of an axis reference: 'x' -> xaxis, 'x3' -> xaxis3."""
    ref = ref or letter
    return layout.get(f"{letter}axis{ref[1:]}", {})


def _is_gap_axis(axis: dict) -> bool:
    return axis.get("visible") is False and list(axis.get("range", [])) == [0, 1]


def blank_violations(spec: dict, blank_ids: set[str]) -> list[str]:
    """The rule every chart keeps: a blank or cut figure is drawn, and never as a number.

    - it appears in the chart (never dropped);
    - any point for it on a value axis has no value (null), never 0;
    - where it is drawn, it sits on a gap axis (hidden, range [0, 1]) at a non-zero position.
    Points are identified by customdata (the figure id).
    """
    problems = []
    layout = spec.get("layout", {})
    drawn = set()
    for tr in spec.get("data", []):
        ids = [c[0] if isinstance(c, list) else c for c in _values(tr.get("customdata"))]
        horizontal = tr.get("orientation") == "h"
        vkey, letter = ("x", "x") if horizontal else ("y", "y")
        values = _values(tr.get(vkey))
        axis = _axis(layout, tr.get(f"{letter}axis"), letter)
        for i, fid in enumerate(ids):
            if fid not in blank_ids:
                continue
            v = values[i] if i < len(values) else None
            if v is None:
                continue
            drawn.add(fid)
            if not _is_gap_axis(axis):
                problems.append(f"{fid}: value {v!r} on a value axis ({tr.get('name')})")
            elif v == 0:
                problems.append(f"{fid}: drawn at 0")
    missing = blank_ids - drawn
    if missing:
        problems.append(f"not drawn: {sorted(missing)}")
    return problems


def blank_ids_in(spec: dict, frame: pd.DataFrame) -> set[str]:
    """Blank/partial figure ids that the chart's points refer to."""
    gap_ids = set(frame.loc[frame["status"].isin(GAP_STATUSES), "id"])
    ids = set()
    for tr in spec.get("data", []):
        ids |= {c[0] if isinstance(c, list) else c for c in _values(tr.get("customdata"))}
    return ids & gap_ids


def _spec(fig: go.Figure) -> dict:
    return fig.to_plotly_json()


def _rows(b, f: Filters, lang="en"):
    df = compare.select(b.frame, f)
    return df, compare.chart_rows(df, b.cities, b.indicators, b.metric_types, lang)


@pytest.mark.parametrize(
    "f",
    [Filters(), Filters(type=("funding",)), Filters(type=("staffing", "organizations")), Filters(status=("blank",))],
    ids=["shared", "funding", "two-types", "only-blank"],
)
def test_compare_chart_never_draws_a_blank_as_zero(b, f):
    df, rows = _rows(b, f)
    expected = set(df.loc[df["status"].isin(GAP_STATUSES), "id"])
    assert expected, "the view must contain blanks for this test to mean anything"
    spec = _spec(compare.compare_bars(rows, b.cities, "en"))
    assert blank_violations(spec, expected) == []


def test_rule_catches_a_blank_drawn_as_zero_and_a_dropped_blank():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[0, 5], customdata=["gap-1", "ok"]))
    assert blank_violations(_spec(fig), {"gap-1"}) == ["gap-1: value 0 on a value axis (None)"]
    assert blank_violations(_spec(fig), {"gap-2"}) == ["not drawn: ['gap-2']"]
    on_gap_axis = go.Figure(go.Bar(x=["a"], y=[0], customdata=["gap-1"], yaxis="y2"))
    on_gap_axis.update_layout(yaxis2={"visible": False, "range": [0, 1], "overlaying": "y"})
    assert blank_violations(_spec(on_gap_axis), {"gap-1"}) == ["gap-1: drawn at 0"]


def test_funding_chart_shows_qualifier_normalised_value_and_marked_blanks(b):
    df, rows = _rows(b, Filters(type=("funding",)), "zh")
    spec = _spec(compare.compare_bars(rows, b.cities, "zh"))
    bars = {fid: (tr, i) for tr in spec["data"] for i, fid in enumerate(_values(tr.get("customdata")))}
    tr, i = bars["gz-community-funding-floor"]
    assert _values(tr["x"])[i] == 100000.0  # 10 万元 drawn in 元
    assert tr["text"][i] == "≥ 10 万元"
    for fid in ("gz-street-funding-floor", "jn-grid-branch-funding-floor"):
        tr, i = bars[fid]
        assert tr["meta"] == "gap"
        assert "原文缺失" in tr["text"][i] and "【?】" in tr["text"][i]
        assert tr["marker"]["pattern"]["shape"] == "/"


def test_units_get_their_own_panels_and_log_when_magnitudes_differ(b):
    rows = pd.DataFrame(
        [
            dict(id="a", city="guangzhou", city_name="G", group="g", label="a", facet="元", status="reported"),
            dict(id="b", city="jining", city_name="J", group="g", label="b", facet="元", status="reported"),
            dict(id="c", city="jining", city_name="J", group="h", label="c", facet="个", status="reported"),
        ]
    ).assign(
        y=[1.0, 1000.0, 4.0], err=[None, None, None], text=["1 元", "1000 元", "4 个"], quote="q", inner=["G", "J", "J"]
    )
    spec = _spec(compare.compare_bars(rows, b.cities, "en"))
    axes = {fid: tr["xaxis"] for tr in spec["data"] for fid in tr.get("customdata") or []}
    assert axes["a"] == axes["b"] != axes["c"]
    layout = spec["layout"]
    assert _axis(layout, axes["a"], "x").get("type") == "log"
    assert _axis(layout, axes["c"], "x").get("type") != "log"
    titles = [a["text"] for a in layout["annotations"]]
    assert "unit: 元" in titles and "unit: 个" in titles


def test_range_is_midpoint_with_error_bars(b):
    df, rows = _rows(b, Filters(type=("staffing",), city=("guangzhou",)))
    spec = _spec(compare.compare_bars(rows, b.cities, "en"))
    tr = next(tr for tr in spec["data"] if "gz-community-organizers" in _values(tr.get("customdata")))
    i = _values(tr["customdata"]).index("gz-community-organizers")
    assert _values(tr["x"])[i] == 2.0
    assert _values(tr["error_x"]["array"])[i] == 1.0
    assert tr["text"][i] == "1–3 名"


def test_hover_text_is_escaped(b):
    rows = pd.DataFrame(
        [dict(id="x", city="guangzhou", city_name="<b>G</b>", group="g", inner="G", label="<script>", facet="个")]
    ).assign(status="reported", y=[3.0], err=[None], text="3 个", quote="<img src=x>")
    spec = _spec(compare.compare_bars(rows, b.cities, "en"))
    hover = next(tr for tr in spec["data"] if tr.get("customdata"))["hovertext"][0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "<img" not in hover


def _hover(trace: dict, i: int, j: int) -> str:
    """The hover text the browser shows for heatmap cell (i, j): the template filled in from the cell's data."""
    data = _values(trace["customdata"])
    if isinstance(trace["customdata"], dict) and "shape" in trace["customdata"]:
        data = np.array(data).reshape([int(n) for n in str(trace["customdata"]["shape"]).split(",")]).tolist()
    cell = {"x": trace["x"][j], "y": trace["y"][i]}
    text = re.sub(r"%\{customdata\[(\d+)\]\}", lambda m: str(data[i][j][int(m.group(1))]), trace["hovertemplate"])
    text = re.sub(r"%\{(x|y)\}", lambda m: cell[m.group(1)], text)
    return text.replace("<extra></extra>", "")


def test_gaps_heatmap_leaves_empty_cells_empty_and_counts_in_hover(b):
    cells = gaps.cell_counts(b.frame)
    spec = _spec(gaps.gaps_heatmap(cells, b.cities, b.metric_types, "en"))
    hm = spec["data"][0]
    cities = [c for c in b.cities if c in set(b.frame["city"])]
    types = [t for t in b.metric_types if t in set(b.frame["type"])]
    z = {(c, t): hm["z"][i][j] for i, c in enumerate(cities) for j, t in enumerate(types)}
    text = {(c, t): hm["text"][i][j] for i, c in enumerate(cities) for j, t in enumerate(types)}
    empty = [(c, t) for c in cities for t in types if not ((b.frame["city"] == c) & (b.frame["type"] == t)).any()]
    assert empty and all(z[k] is None and text[k] == "" for k in empty)  # no figure: an empty cell, not 0
    n_baoshan = int((b.frame["city"] == "baoshan").sum())
    assert z[("baoshan", "other")] == n_baoshan and text[("baoshan", "other")] == f"{n_baoshan} / {n_baoshan}"
    gz_staff = _hover(hm, cities.index("guangzhou"), types.index("staffing"))
    assert gz_staff.startswith("Guangzhou · 广州 (city) · Staffing<br>")  # the seed mixes levels: a district too
    rows = b.frame[(b.frame["city"] == "guangzhou") & (b.frame["type"] == "staffing")]
    for status, label in (("blank", "Blank (number deleted)"), ("reported", "Reported")):
        assert f"{label}: {int((rows['status'] == status).sum())}" in gz_staff


def test_heatmap_hover_escapes_names_and_counts_every_status(b):
    cities = {"x": SimpleNamespace(en="<b>X</b>", zh="<b>X</b>", level="city")}
    types = {"t": SimpleNamespace(en="T&T", zh="T&T")}
    cells = pd.DataFrame([{"city": "x", "type": "t", "reported": 2, "blank": 1, "partial": 0, "missing_section": 0}])
    cells = cells.assign(gaps=1, total=3)
    hm = _spec(gaps.gaps_heatmap(cells, cities, types, "en"))["data"][0]
    assert _hover(hm, 0, 0) == (
        "&lt;b&gt;X&lt;/b&gt; · T&amp;T<br>Reported: 2<br>Blank (number deleted): 1"
        "<br>Partial (digits cut): 0<br>Section missing: 0"
    )


def test_digit_histogram_shows_every_length_and_the_deleted_count(b):
    counts = gaps.removed(b.frame, b.frame, b.texts, b.cities, "en")[0]
    spec = _spec(gaps.digit_histogram(counts, "en"))
    xs = [x for tr in spec["data"] for x in tr["x"]]
    assert {"1 digit", "2 digits", "3 digits", "4+ digits", "Deleted or cut (length unknown)"} <= set(xs)
    deleted = next(tr for tr in spec["data"] if tr["x"] == ["Deleted or cut (length unknown)"])
    assert _values(deleted["y"]) == [counts.blanks + counts.partial]
    assert spec["layout"]["title"]["text"].startswith("Evidence, not data")


def test_overview_bars_still_split_by_status(b):
    spec = _spec(overview.overview_bars(b.frame, b.cities, b.metric_types, "en"))
    assert {tr["name"] for tr in spec["data"]} >= {"Reported", "Blank (number deleted)"}


VIEWS = [Filters(), Filters(type=("funding",)), Filters(type=("staffing", "organizations")), Filters(city=("jining",))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_built_as_plain_data_are_what_plotly_validation_makes_of_them(b, lang):
    """compare_bars, gaps_heatmap and digit_histogram skip plotly's validation (for speed): validating them
    must accept every setting and change nothing."""
    figures = [compare.compare_bars(_rows(b, f, lang)[1], b.cities, lang) for f in VIEWS]
    figures.append(gaps.gaps_heatmap(gaps.cell_counts(b.frame), b.cities, b.metric_types, lang))
    figures.append(gaps.digit_histogram(gaps.removed(b.frame, b.frame, b.texts, b.cities, "en")[0], lang))
    for fig in figures:
        spec = _spec(fig)
        assert go.Figure(spec).to_plotly_json() == spec


@pytest.mark.parametrize(
    "weights, titles, spacing",
    [
        ([2.5], ["only"], 0.3),
        ([2.5, 4.5, 3.5], ["a", "", "c"], 0.07),
        ([1.5 + i for i in range(9)], list("abcdefghi"), 0.01),
    ],
)
def test_stacked_panels_lay_out_like_make_subplots(weights, titles, spacing):
    from plotly.subplots import make_subplots

    expected = make_subplots(
        rows=len(weights), cols=1, row_heights=weights, subplot_titles=titles, vertical_spacing=spacing
    ).layout.to_plotly_json()
    expected.pop("template")
    assert charts.stacked_panels(weights, titles, spacing) == expected


def test_compare_legend_names_each_city_once_in_the_colour_of_its_bars(b):
    spec = _spec(compare.compare_bars(_rows(b, Filters(), "en")[1], b.cities, "en"))
    entries = [tr for tr in spec["data"] if tr.get("showlegend") is not False and tr.get("name")]
    names = [tr["name"] for tr in entries]
    assert len(names) == len(set(names)) and {"Guangzhou", "Jining", "Chizhou", "not in source"} <= set(names)
    key = {tr["legendgroup"]: tr["marker"]["color"] for tr in entries if tr["legendgroup"] != "not_in_source"}
    city_of = dict(zip(b.frame["id"], b.frame["city"].astype(str), strict=True))
    colours = {}
    for tr in spec["data"]:
        if tr["type"] == "bar" and tr.get("meta") != "gap" and tr.get("customdata"):
            for fid, colour in zip(tr["customdata"], tr["marker"]["color"], strict=True):
                colours.setdefault(city_of[fid], set()).add(colour)
    assert colours and all(colours[city] == {key[city]} for city in colours)
    assert spec["layout"]["legend"]["itemclick"] is False  # an entry is a key: its bars are in other traces
