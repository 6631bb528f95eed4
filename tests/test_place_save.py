"""The Places step's save: validated first, refused when stale, atomic, undoable, every other byte kept; then
the three texts of our own go from add-source to places accepted to drafts written to a valid dataset."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import factories as fx
import pytest
from place_texts import COUNTY, SUBDISTRICT, SURVEY

from curation import add_source, place_save, places
from drafting import write as draft_write
from loaders.dataset import load
from loaders.problems import FiguresError

ROOT = Path(__file__).resolve().parent.parent


def _register(tmp_path: Path, text: str, sid: str = "new") -> Path:
    path = fx.write(tmp_path)
    f = tmp_path / f"{sid}.txt"
    f.write_text(text, encoding="utf-8")
    add_source.add_source(path, f, sid, title_zh=text.splitlines()[0])
    return path


def _tree(tmp_path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}


def _ok(plan):
    return [p for p in plan.resolution.proposals if not p.problem]


def test_accepted_places_go_into_cities_and_the_appearances_every_other_byte_kept(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)
    before = path.read_text(encoding="utf-8")
    plan = place_save.plan(path, "new")
    place_save.save(plan, _ok(plan), plan.resolution.main_place)
    after = path.read_text(encoding="utf-8")
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    assert [line.split() for line in removed] == [["-", "appearances:", "[]"]]  # that source's empty list only
    ds = load(path)
    sub = ds.cities["chengyang_subdistrict"]
    assert (sub.zh, sub.level, sub.parent, sub.en) == ("城阳街道", "street", "chengyang", "Chengyang Subdistrict")
    assert (ds.cities["chengyang"].code, ds.cities["chengyang"].parent) == ("370214", "qingdao")
    assert ds.sources["new"].main_place == "chengyang_subdistrict"
    app = ds.appearances["new", "chengyang"]
    assert app.named_as == ["青岛市城阳区", "城阳区"] and not app.has_section
    assert ("new", "shandong") not in ds.appearances  # implied (a parent), not named by the text


def test_undo_restores_the_bytes_exactly(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)
    before = path.read_bytes()
    plan = place_save.plan(path, "new")
    place_save.save(plan, _ok(plan))
    assert place_save.can_undo(path)
    place_save.undo(path)
    assert path.read_bytes() == before
    assert not place_save.can_undo(path)


def test_a_stale_metrics_file_is_refused_and_nothing_written(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)
    plan = place_save.plan(path, "new")
    path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    edited = _tree(tmp_path)
    with pytest.raises(place_save.Stale, match="changed on disk since the places were proposed"):
        place_save.save(plan, _ok(plan))
    assert _tree(tmp_path) == edited


def _refused(tmp_path, path, accepted, match):
    tree = _tree(tmp_path)
    plan = place_save.plan(path, "new")
    with pytest.raises(place_save.PlacesError, match=match):
        place_save.save(plan, accepted(plan))
    assert _tree(tmp_path) == tree


def test_a_name_the_divisions_do_not_know_is_refused(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)

    def renamed(plan):
        out = _ok(plan)
        qd = next(p for p in out if p.id == "qingdao")
        qd.entry = {k: v for k, v in qd.entry.items() if k != "code"} | {"zh": "青州岛市"}
        return out

    _refused(tmp_path, path, renamed, "青州岛市 is not among China's administrative divisions")


def test_two_candidate_places_for_one_name_are_refused_until_one_is_chosen(tmp_path):
    path = _register(tmp_path, "鼓楼区新建服务站9个。\n")
    _refused(tmp_path, path, lambda plan: plan.resolution.proposals, "divisions are called 鼓楼区")
    plan = place_save.plan(path, "new")
    (amb,) = [p for p in plan.resolution.proposals if p.problem]
    chosen = place_save.choose(amb, "320106", set(plan.known))
    assert (chosen.entry["zh"], chosen.entry["province_zh"], chosen.problem) == ("鼓楼区", "江苏", None)
    place_save.save(plan, [chosen])
    assert load(path).cities[chosen.id].code == "320106"


def test_a_code_already_used_by_another_registry_place_is_refused(tmp_path):
    doc = fx.document()
    doc["cities"].append({"id": "cy", "zh": "城阳", "en": "Chengyang", "level": "district", "code": "370214"})
    path = fx.write(tmp_path, doc)
    f = tmp_path / "n.txt"
    f.write_text("青岛市即墨区新建服务站9个。\n", encoding="utf-8")
    add_source.add_source(path, f, "new")

    def recoded(plan):
        out = _ok(plan)
        jimo = next(p for p in out if p.entry.get("code") == "370215")
        jimo.entry |= {"code": "370214", "zh": "城阳区"}
        return out

    _refused(tmp_path, path, recoded, "code 370214 is used by registry place 'cy'")


def test_a_parent_cycle_is_refused_with_the_file_line_and_field(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)

    def cycled(plan):
        out = _ok(plan)
        qd = next(p for p in out if p.id == "qingdao")
        qd.entry["parent"] = "chengyang"
        return out

    _refused(tmp_path, path, cycled, r"metrics\.yaml:\d+: cities\[\d+\]\.parent: 'qingdao' lies inside itself")


def test_merging_a_name_with_an_existing_place_writes_no_new_place(tmp_path):
    path = _register(tmp_path, "甲市城阳街道新建服务站9个。\n")
    plan = place_save.plan(path, "new")
    street = next(p for p in plan.resolution.proposals if p.entry["zh"] == "城阳街道")
    assert street.problem is None and street.entry["parent"] == "jia"  # a registry place encloses it
    merged = place_save.merge(street, "yi", plan.known)
    place_save.save(plan, [merged])
    ds = load(path)
    assert "城阳街道" not in {c.zh for c in ds.cities.values()}
    assert ds.appearances["new", "yi"].named_as == ["城阳街道"]


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # (a number's text -> the place its draft row is written for)
        (SUBDISTRICT, {"86个": "chengyang_subdistrict", "1200户": "chengyang_subdistrict", "15万元": "chengyang"}),
        (COUNTY, {"9个": "xiguo", "300余名": "dongmen", "20多个": "china"}),
        (SURVEY, {"15个": "chengqu", "20万元": "jinniu"}),
    ],
    ids=["subdistrict", "county", "survey"],
)
def test_a_text_goes_from_add_source_to_places_to_drafts_in_a_valid_dataset(tmp_path, text, facts):
    path = _register(tmp_path, text)
    plan = place_save.plan(path, "new")
    assert plan.resolution.problems == []
    place_save.save(plan, plan.resolution.proposals, plan.resolution.main_place)
    ds = load(path)
    d, report, held = draft_write.draft_source(ds, "new", path)
    assert held == []
    ds = load(path)  # the drafts validate with everything else
    rows = [m for m in ds.metrics if m.source == "new"]
    for number, place in facts.items():
        row = next(m for m in rows if number in m.quote and number.rstrip("个户名元万余") in m.quote)
        assert row.city == place, (number, row)
    assert "guangzhou" not in {m.city for m in rows} and "jia" not in {m.city for m in rows}


def test_the_cli_prints_every_proposal_and_accepts_them_with_a_flag(tmp_path):
    path = fx.write(tmp_path)
    f = tmp_path / "s.txt"
    f.write_text(SURVEY, encoding="utf-8")
    env_run = [sys.executable, "-m", "curation", "add-source", str(f), "--id", "survey", "--file", str(path)]
    out = subprocess.run(env_run, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "城区/晋城城区 at 18-20, 40-44 -> new place chengqu" in out.stdout
    assert "nothing saved" in out.stdout and "chengqu" not in path.read_text(encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "curation", "places", "survey", "--file", str(path), "--accept"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert load(path).cities["chengqu"].en == "Chengqu District"


def test_the_cli_says_why_and_exits_1_on_an_unknown_merge_target(tmp_path):
    path = _register(tmp_path, SUBDISTRICT)
    out = subprocess.run(
        [sys.executable, "-m", "curation", "places", "new", "--file", str(path), "--merge", "城阳区=nowhere"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 1 and "'nowhere' is not a registry place" in out.stderr


def test_resolving_reads_the_divisions_once():
    assert places.divisions() is places.divisions()


def test_a_place_a_text_simply_names_is_never_missing_a_section(tmp_path):
    """Only a source that gives places headed sections can leave one without: a news story names its places."""
    path = _register(tmp_path, COUNTY)
    plan = place_save.plan(path, "new")
    place_save.save(plan, plan.resolution.proposals, plan.resolution.main_place)
    ds = load(path)
    d, _, _ = draft_write.draft_source(ds, "new", path)
    assert [p for p in d.proposals if p.status == "missing_section"] == []
    fig = ds.figure_files["new"]
    fig.write_text(
        "metrics:\n- {id: x, source: new, city: nanzhan, type: other, label_zh: 章节缺失, label_en: Missing,"
        " status: missing_section, quote: 南站镇}\n",
        encoding="utf-8",
    )
    with pytest.raises(FiguresError, match=r"new\.yaml:2: metrics\[0\]\.status: source 'new' gives no place a headed"):
        load(path)


def test_the_city_profile_calls_a_named_place_named_and_keeps_the_seeds_announced_places(tmp_path, b):
    from loaders import bundle
    from loaders.filters import Filters
    from views import city

    path = _register(tmp_path, COUNTY)
    plan = place_save.plan(path, "new")
    place_save.save(plan, plan.resolution.proposals, plan.resolution.main_place)
    draft_write.draft_source(load(path), "new", path)
    nb = bundle.build(path)
    town = city.profile(nb, Filters(), "nanzhan", "en")
    assert (town.source, town.has_section, town.section_missing) == ("new", False, False)
    seed = city.profile(b, Filters(), "baoshan", "en")  # the seed's 保山: announced, no section
    assert seed.section_missing and seed.announcement


def test_add_source_accepts_the_places_with_a_flag_and_leaves_an_ambiguous_one_out(tmp_path):
    path = fx.write(tmp_path)
    f = tmp_path / "c.txt"
    f.write_text(COUNTY + "鼓楼区也来取经。\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "curation", "add-source", str(f), "--id", "county", "--file", str(path)]
    out = subprocess.run([*cmd, "--accept-places"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "left out: 鼓楼区: " in out.stdout and "divisions are called 鼓楼区" in out.stdout
    ds = load(path)
    assert ds.cities["xiguo"].parent == "nanzhan" and ds.sources["county"].main_place == "wenshang"
    assert ds.appearances["county", "china"].named_as == ["全国"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": "370214"}, "code", "code 370214 is used by place 'jia' already"),
        ({"parent": "nowhere"}, "parent", "unknown place 'nowhere'"),
        ({"parent": "bing"}, "parent", "'yi' lies inside itself through its parents"),
    ],
)
def test_the_validator_reports_registry_problems_by_file_line_and_field(tmp_path, change, field, message):
    doc = fx.document()
    doc["cities"][0] |= {"code": "370214", "parent": "yi"}
    doc["cities"][2] |= {"parent": "jia"}
    doc["cities"][1] |= change
    path = fx.write(tmp_path, doc)
    line = fx.line_of(path, f"{field}:", after="id: yi")
    with pytest.raises(FiguresError) as err:
        load(path)
    assert f"metrics.yaml:{line}: cities[1].{field}: {message}" in str(err.value)


def test_the_city_profile_says_where_a_place_lies_so_one_of_several_chengqu_is_told_apart(tmp_path):
    from loaders import bundle
    from loaders.filters import Filters
    from views import city

    path = _register(tmp_path, SURVEY)
    plan = place_save.plan(path, "new")
    place_save.save(plan, plan.resolution.proposals, plan.resolution.main_place)
    nb = bundle.build(path)
    assert city.profile(nb, Filters(), "chengqu", "en").within == "District in Jincheng · 晋城市, Shanxi · 山西省"
    assert city.profile(nb, Filters(), "gulou", "zh").within == "区,上级:福州市 · Fuzhou，福建省 · Fujian"
    assert city.profile(nb, Filters(), "shanxi", "en").within is None  # the country is left out: nothing to say
    assert city.profile(nb, Filters(), "jia", "en").within is None  # a place registered without a parent
