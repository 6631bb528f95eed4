"""Many sources: places with levels, appearances per source, and figure files included per source."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import factories as fx
import pytest
import yaml

from loaders import derive
from loaders.dataset import load
from loaders.problems import FiguresError

ROOT = Path(__file__).resolve().parent.parent

SECOND_TEXT = "丁区街道调查:\n丁区共有社区12个,其中3个社区配备专职社工名。\n"


def _two_sources(tmp_path: Path, rows: list[dict] | None = None, **src_over) -> Path:
    """The factory dataset plus a second source whose figures live in figures/second.yaml."""
    (tmp_path / "source").mkdir(exist_ok=True)
    (tmp_path / "source" / "second.txt").write_text(SECOND_TEXT, encoding="utf-8")
    doc = fx.document()
    doc["cities"].append({"id": "ding", "zh": "丁区", "en": "Ding District", "level": "district", "parent": "jia"})
    second = fx.source(
        id="second",
        file="source/second.txt",
        sha256=hashlib.sha256(SECOND_TEXT.encode()).hexdigest(),
        figures="figures/second.yaml",
        appearances=[{"place": "ding", "has_section": False}],
        main_place="ding",
    )
    second.update(src_over)
    doc["sources"].append(second)
    path = fx.write(tmp_path, doc)
    rows = rows if rows is not None else [_row()]
    (tmp_path / "figures").mkdir(exist_ok=True)
    text = "# the second source's figures\n" + yaml.safe_dump({"metrics": rows}, allow_unicode=True, sort_keys=False)
    (tmp_path / "figures" / "second.yaml").write_text(text, encoding="utf-8")
    return path


def _row(**over) -> dict:
    row = {
        "id": "ding-communities",
        "source": "second",
        "city": "ding",
        "type": "other",
        "label_zh": "社区",
        "label_en": "Communities",
        "value": 12,
        "unit": "个",
        "status": "reported",
        "quote": "丁区共有社区12个",
    }
    row.update(over)
    return row


def _problems(path: Path) -> list[str]:
    with pytest.raises(FiguresError) as exc:
        load(path)
    return [str(p) for p in exc.value.problems]


def test_figures_of_an_included_file_load_beside_the_seed_figures(tmp_path):
    ds = load(_two_sources(tmp_path))
    assert ds.files["ding-communities"].endswith("figures/second.yaml")
    assert ds.files["jia-secretaries"].endswith("metrics.yaml")
    assert ds.figure_files["second"] == tmp_path / "figures" / "second.yaml"
    assert ds.lines["ding-communities"] == 3  # after the comment line and `metrics:`
    df = derive.frame(ds)
    assert df.set_index("id").loc["ding-communities", "source"] == "second"


def test_a_problem_in_an_included_file_names_that_file_and_its_line(tmp_path):
    path = _two_sources(tmp_path, rows=[_row(), _row(id="ding-typo", quote="丁区共有社区13个", value=13)])
    out = _problems(path)
    assert len(out) == 1
    figures = str(tmp_path / "figures" / "second.yaml")
    line = fx.line_of(tmp_path / "figures" / "second.yaml", "quote: 丁区共有社区13个")
    assert out[0].startswith(f"{figures}:{line}: metrics[1].quote: not found in source 'second'")


def test_invalid_yaml_in_an_included_file_names_that_file(tmp_path):
    path = _two_sources(tmp_path)
    (tmp_path / "figures" / "second.yaml").write_text("metrics:\n\t- id: x\n", encoding="utf-8")
    out = _problems(path)
    assert any(p.startswith(str(tmp_path / "figures" / "second.yaml") + ":2: invalid YAML") for p in out), out


def test_a_row_in_another_sources_file_is_refused(tmp_path):
    path = _two_sources(tmp_path, rows=[_row(source="src", quote="专职书记12名", city="jia", id="x-moved", value=12)])
    out = _problems(path)
    assert any("metrics[0].source: this file holds the figures of source 'second'" in p for p in out), out


def test_an_id_used_in_two_files_names_both(tmp_path):
    path = _two_sources(tmp_path, rows=[_row(id="jia-secretaries")])
    out = _problems(path)
    assert any(
        "figures/second.yaml:3: metrics[0].id: duplicate id 'jia-secretaries' (first used at " in p
        and "metrics.yaml:" in p
        for p in out
    ), out


def test_a_missing_figure_file_is_a_problem_of_its_source(tmp_path):
    path = _two_sources(tmp_path)
    (tmp_path / "figures" / "second.yaml").unlink()
    out = _problems(path)
    assert any("sources[1].figures: cannot use figure file" in p for p in out), out


def test_a_figure_file_outside_the_data_folder_is_refused(tmp_path):
    out = _problems(_two_sources(tmp_path, figures="../elsewhere.yaml"))
    assert any("sources[1].figures: '../elsewhere.yaml' must be a path inside" in p for p in out), out


def test_a_figure_for_a_place_the_source_does_not_name_is_refused(tmp_path):
    path = _two_sources(tmp_path, rows=[_row(city="yi")])
    out = _problems(path)
    assert any("metrics[0].city: 'yi' is not among the appearances of source 'second'" in p for p in out), out


@pytest.mark.parametrize(
    ("appearances", "field", "message"),
    [
        ([{"place": "atlantis"}], "appearances[0].place", "unknown place 'atlantis'"),
        ([{"place": "ding"}, {"place": "ding"}], "appearances[1].place", "'ding' appears twice in source 'second'"),
        ([{"place": "ding", "has_section": True}], "appearances[0].section_heading", "required when has_section"),
        (
            [{"place": "ding", "has_section": True, "section_heading": "甲省甲市:第一节"}],
            "appearances[0].section_heading",
            "the heading must occur once in source 'second'; found 0 times",
        ),
        (
            [{"place": "ding", "announced_as": "戊区"}],
            "appearances[0].announced_as",
            "'戊区' does not occur in source 'second'",
        ),
    ],
)
def test_appearance_rules(tmp_path, appearances, field, message):
    out = _problems(_two_sources(tmp_path, appearances=appearances))
    assert any(f"sources[1].{field}: {message}" in p for p in out), out


def test_main_place_must_be_one_of_the_appearances(tmp_path):
    out = _problems(_two_sources(tmp_path, main_place="jia"))
    assert any("sources[1].main_place: 'jia' is not among this source's appearances" in p for p in out), out


@pytest.mark.parametrize(
    ("parent", "message"),
    [("atlantis", "unknown place 'atlantis'"), ("ding", "'ding' lies inside itself through its parents")],
)
def test_parent_rules(tmp_path, parent, message):
    path = _two_sources(tmp_path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["cities"][-1]["parent"] = parent
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = _problems(path)
    assert any(f"cities[3].parent: {message}" in p for p in out), out


def test_a_level_outside_the_value_set_is_refused(tmp_path):
    doc = fx.document()
    doc["cities"][0]["level"] = "metropolis"
    out = _problems(fx.write(tmp_path, doc))
    assert any("cities[0].level: input should be 'country', 'province'" in p for p in out), out


def test_sections_and_announcements_belong_to_the_source_that_makes_them(tmp_path):
    ds = load(_two_sources(tmp_path))
    assert ("src", "jia") in ds.sections and ("second", "ding") not in ds.sections
    assert ds.appearances["src", "bing"].announced_as == "丙省丙县"
    assert not ds.appearances["second", "ding"].has_section


def test_rejected_proposals_are_read_from_the_figure_file(tmp_path):
    path = _two_sources(tmp_path)
    figures = tmp_path / "figures" / "second.yaml"
    doc = yaml.safe_load(figures.read_text(encoding="utf-8"))
    doc["rejected"] = [{"quote": "其中3个社区", "start": 20, "value": 3, "status": "reported", "reason": "a part"}]
    figures.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    ds = load(path)
    assert [r.quote for r in ds.rejected["second"]] == ["其中3个社区"]


SEED_FACTS = {
    row["id"]: row for row in json.loads((ROOT / "tests" / "data" / "seed_figures_v1.json").read_text(encoding="utf-8"))
}
"""tests/data/seed_figures_v1.json: every field of every seed figure as exported before the many-sources model
(`export --format json`), now read as facts by figure id: a curator who corrects one figure updates that
figure's entry and breaks only that figure's test; a figure added to the seed is no fact here and breaks none."""


@pytest.fixture(scope="module")
def seed_now() -> dict[str, dict]:
    return {r["id"]: r for r in derive.export_records(derive.frame(load(ROOT / "data" / "metrics.yaml")))}


@pytest.mark.parametrize("fid", sorted(SEED_FACTS))
def test_a_seed_figure_keeps_every_pinned_field(fid, seed_now):
    assert fid in seed_now, f"{fid}: no longer in the data (a curator removed it? then remove its pinned facts)"
    differ = {k: (v, seed_now[fid].get(k)) for k, v in SEED_FACTS[fid].items() if seed_now[fid].get(k) != v}
    assert not differ, f"{fid}: pinned, now: {differ}"


def test_the_seed_source_announces_two_places_it_has_no_section_for():
    ds = load(ROOT / "data" / "metrics.yaml")
    sid = "dangjian-forum-urban-2020"
    absent = {p for (s, p), a in ds.appearances.items() if s == sid and a.announced_as and not a.has_section}
    assert absent == {"baoshan", "chengdu_jinniu"}
    assert ds.cities["chengdu_jinniu"].level == "district" and ds.cities["chengdu_jinniu"].parent == "chengdu"


MANY = ROOT / "tests" / "fixtures" / "many_sources" / "metrics.yaml"


def test_a_gap_is_paired_with_the_same_place_and_indicator_reported_in_another_source():
    from loaders.elsewhere import reported_elsewhere

    out = reported_elsewhere(derive.frame(load(MANY)))
    assert out.to_dict("records") == [
        {"id": "fxa-jia-street-funding", "other_id": "fxb-jia-street-funding", "other_source": "fx-survey"}
    ]


def test_reported_elsewhere_never_pairs_a_figure_with_its_own_source(tmp_path):
    from loaders.elsewhere import reported_elsewhere

    df = derive.frame(load(fx.write(tmp_path)))  # one source: jia's blank and reported funding floors
    assert reported_elsewhere(df).empty
