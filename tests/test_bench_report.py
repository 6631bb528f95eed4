"""The benchmark report's click section: every widget beside Datasette and the floor page, targets graded."""

from __future__ import annotations

import pytest

from bench import report


def fake(change_ms: dict[str, float], load_ms: dict[str, float] | None = None) -> dict:
    """Interaction results as bench.interaction.run returns them: every run at the given median."""
    load_ms = load_ms or {}
    return {k: {"change": [v / 1000] * 3, "load": [load_ms.get(k, 1000) / 1000] * 3} for k, v in change_ms.items()}


def section(it: dict) -> str:
    return "\n".join(report._interaction_section({"interaction": it}))


def target(it: dict, start: str) -> tuple[str, str, bool | None]:
    return next(r for r in report.interaction_targets({"interaction": it}) if r[0].startswith(start))


BOTH = {
    "floor": 400,
    "dashboard 1x": 150,
    "compare 1x": 300,
    "reader 1x": 800,
    "datasette 1x": 320,
    "dashboard 1000x": 500,
    "compare 1000x": 600,
    "reader 1000x": 900,
    "datasette 1000x": 400,
}


def test_each_widget_is_shown_at_each_scale_with_its_ratio_to_datasette_and_the_floor():
    doc = section(fake(BOTH))
    rows = {line.split(" | ")[0]: line for line in doc.splitlines() if line.startswith("| ")}
    compare = rows["| Compare's indicator picker"]
    assert "| 300 ms | 0.94× | 0.75× |" in compare  # 1x: 300 / 320, 300 / 400
    assert "| 600 ms | 1.50× | 1.50× |" in compare  # 1000x
    reader = rows["| the reader's figure picker"]
    assert "| 800 ms | 2.50× | 2.00× |" in reader and "| 900 ms | 2.25× | 2.25× |" in reader
    assert "| 150 ms | 0.47× |" in rows["| the sidebar's Metric type filter"]
    assert "| 320 ms | 1 | 0.80× | 400 ms | 1 | 1.00× |" in rows["| Datasette's facet link (type)"]
    assert "| 1x | ÷ Datasette | ÷ floor | 1000x | ÷ Datasette | ÷ floor |" in doc


@pytest.mark.parametrize(
    ("dashboard_ms", "verdict"),
    [(150, True), (170, False)],  # 0.5x of Datasette's 320 ms is 160 ms
)
def test_the_filter_change_is_graded_against_half_of_datasettes_click_at_1x(dashboard_ms, verdict):
    label, got, ok = target(fake({**BOTH, "dashboard 1x": dashboard_ms}), "Filter change ≤ 0.5×")
    assert ok is verdict and f"{dashboard_ms} ms vs 320 ms" in got
    assert ("**PASS**" if verdict else "**FAIL**") in section(fake({**BOTH, "dashboard 1x": dashboard_ms}))


def test_the_filter_change_at_1000x_is_graded_against_datasettes_click():
    _, _, ok = target(fake(BOTH), "Filter change ≤ 1× Datasette's facet click at 1000x")
    assert ok is False  # 500 ms vs 400 ms


def test_the_pickers_are_reported_beside_both_baselines_but_not_graded():
    label, got, ok = target(fake(BOTH), "Compare's indicator picker at 1x")
    assert ok is None and got == "300 ms: 0.94× Datasette's, 0.75× the floor's"
    label, got, ok = target(fake(BOTH), "The reader's figure picker at 1000x")
    assert ok is None and "2.25× Datasette's" in got


def test_the_warm_load_is_graded_against_the_floor_page_at_each_scale_measured():
    it = fake(BOTH, {"floor": 1000, "dashboard 1x": 1100, "dashboard 1000x": 1300})
    assert target(it, "Warm page load ≤ 1.2× the floor page's (1x)")[2] is True
    assert target(it, "Warm page load ≤ 1.2× the floor page's (1000x)")[2] is False


def test_a_scale_not_measured_says_so_instead_of_passing():
    one = {k: v for k, v in BOTH.items() if not k.endswith("1000x")}
    label, got, ok = target(fake(one), "Filter change ≤ 1× Datasette's facet click at 1000x")
    assert got == "not measured" and ok is None
    assert "1000x" not in section(fake(one)).split("Targets")[0]  # the tables show only the scales measured


def test_without_a_browser_run_the_section_says_it_was_not_measured():
    assert "Interaction not measured" in section({})
    assert report.interaction_targets({}) == [
        ("Interaction latency vs Datasette and the floor page", "not measured", None)
    ]


def test_every_run_shows_each_directions_own_median():
    it = fake(BOTH)
    it["dashboard 1x"] = {
        "change": [0.2, 0.6, 0.3, 0.7, 0.25, 0.65],
        "actions": ["pick the type funding", "clear the type filter"] * 3,
        "load": [1.0],
    }
    row = next(line for line in section(it).splitlines() if line.startswith("| dashboard 1x |"))
    assert "pick the type funding: 250 ms; clear the type filter: 650 ms" in row
