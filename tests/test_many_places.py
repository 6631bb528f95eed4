"""Charts of hundreds of places: the busiest by default, the others summed in one row, nothing dropped."""

from __future__ import annotations

import pytest

from bench import synth
from loaders import bundle
from views import gaps, overview
from views.charts import TOP_PLACES, busiest


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> bundle.Bundle:
    return bundle.build(synth.make(60, tmp_path_factory.mktemp("many")))  # 40 synthetic places and the curated


def test_busiest_places_come_first_and_ties_keep_registry_order(many):
    order = busiest(many.frame, 0)
    counts = many.frame["city"].astype(str).value_counts()
    assert [counts[c] for c in order] == sorted(counts[order], reverse=True)
    assert busiest(many.frame, 5) == order[:5] and len(order) > 20


def test_overview_chart_shows_the_busiest_places_and_one_row_for_the_rest(many):
    df = many.frame
    n = df["city"].nunique()
    fig = overview.overview_bars(df, many.cities, many.metric_types, "en", top=20)
    places = {label for trace in fig.data for label in trace.y[0]}
    assert len(places) == 21 and f"{n - 20} other places" in places
    assert sum(sum(trace.x) for trace in fig.data) == len(df)  # every figure still counted
    assert (
        len(
            {
                label
                for trace in overview.overview_bars(df, many.cities, many.metric_types, "en").data
                for label in trace.y[0]
            }
        )
        == n
    )


def test_heatmap_shows_the_busiest_places_and_one_row_for_the_rest(many):
    cells = gaps.cell_counts(many.frame)
    fig = gaps.gaps_heatmap(cells, many.cities, many.metric_types, "zh", top=20)
    rows = fig.data[0].y
    n = many.frame["city"].nunique()
    assert len(rows) == 21 and rows[-1] == f"其他{n - 20}个地区"
    assert sum(sum(v for v in row if v is not None) for row in fig.data[0].z) == cells["gaps"].sum()
    assert len(gaps.gaps_heatmap(cells, many.cities, many.metric_types, "en").data[0].y) == n


@pytest.mark.app
@pytest.mark.parametrize(
    ("page", "key", "chart"), [("overview", "w_overview_places", None), ("gaps", "w_gaps_places", "gaps_heatmap")]
)
def test_a_page_of_many_places_offers_the_busiest_and_all(tmp_path, monkeypatch, page, key, chart):
    from apptest import open_page, plotly_specs, texts

    monkeypatch.setenv("METRICS_FILE", str(synth.make(60, tmp_path)))
    at = open_page(page)
    picker = at.selectbox(key=key)
    assert picker.value == TOP_PLACES[0] and "pick places in the sidebar" in texts(at)

    def rows(at) -> set[str]:
        spec = plotly_specs(at, chart)[0]
        return {y for trace in spec["data"] for y in (trace["y"][0] if page == "overview" else trace["y"])}

    assert len(rows(at)) == TOP_PLACES[0] + 1  # the busiest and one row for the others
    picker.select(0).run()
    assert len(rows(at)) > TOP_PLACES[0] + 1 and not any("other places" in r for r in rows(at))


@pytest.mark.app
def test_overview_lists_the_places_many_sources_leave_out_in_one_table(tmp_path, monkeypatch):
    from apptest import open_page

    path = synth.make(60, tmp_path)
    monkeypatch.setenv("METRICS_FILE", str(path))
    b = bundle.build(path)
    absent = b.frame[b.frame["status"] == "missing_section"]
    assert absent["source"].nunique() > 5
    at = open_page("overview")
    (table,) = [d.value for d in at.dataframe if "Quote" in d.value.columns]
    assert len(table) == len(absent) and set(table["Quote"]) == set(absent["quote"])
    assert len(at.warning) == 1


def test_compare_charts_the_figures_of_the_busiest_places_only(many):
    from views import compare

    df = compare.ordered(many.frame[many.frame["indicator"].notna()])
    kept, _, _ = compare.charted(df, 20, most=len(df))
    assert kept["city"].nunique() == 20 and set(kept["city"]) == set(busiest(df, 20))
    assert len(compare.charted(df, 0, most=len(df))[0]) == len(df)
    capped, shown, groups = compare.charted(df, 0, most=200)  # whole indicators, in order, within the cap
    assert len(capped) <= 200 and shown < groups == df["indicator"].nunique()
    assert list(dict.fromkeys(capped["indicator"])) == list(dict.fromkeys(df["indicator"]))[:shown]


@pytest.mark.app
def test_data_page_of_many_sources_lists_their_notes_in_one_table(tmp_path, monkeypatch):
    from apptest import open_page

    monkeypatch.setenv("METRICS_FILE", str(synth.make(60, tmp_path)))
    at = open_page("data")
    (notes,) = [d.value for d in at.dataframe if "Language" in d.value.columns]
    assert len(notes) == 60 and notes["Language"].eq("zh").all()
    one = open_page("data", source="syn-0007")  # a selection of one source: its notes, as a list
    assert not [d for d in one.dataframe if "Language" in d.value.columns]
