"""The benchmark harness keeps working, and the loader stays correct on the synthetic data it measures."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench import synth
from bench.__main__ import pages
from loaders import bundle
from loaders.problems import FiguresError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_bench_reports_every_page(tmp_path):
    out, raw = tmp_path / "bench.md", tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out), "--json", str(raw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    doc = out.read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| ")]
    listed = pages()
    assert len(listed) >= 6
    for page in listed:  # one row per page of the app, with a time, in the rerun table
        assert any(line.startswith(f"| {Path(page).stem} |") and " ms (1) " in line for line in rows), page
    assert any(line.startswith("| `bench/floor_page.py` |") for line in rows)
    assert any(line.startswith("| entry only | Entry only |") for line in rows)  # the fixed cost, measured too
    curated = len(bundle.build(synth.CURATED).frame)
    assert f"| 1x | {curated:,} |" in doc  # the loader at the curated size
    store = doc.split("## 2. The store and the Curate page")[1].split("## 3.")[0]  # measured too, at 1x
    assert f"### 1x ({curated:,} figures" in store
    for step in ("`python -m loaders validate` from scratch", "Cold build", "Restart on unchanged data"):
        assert any(line.startswith(f"| {step}") and " ms (1)" in line for line in store.splitlines()), step
    for target in ("3× the floor page", "Loader ≤ 1 s at 100x", "Cold start", "RSS growth", "Curate page at 1000x"):
        assert target in doc
    # the drafter's sections: the seed's accuracy, and the eval texts per text with seen and unseen apart
    assert "<!-- draft-accuracy:begin -->" in doc and "<!-- draft-eval:begin -->" in doc
    assert "| **all unseen** |" in doc and "| **all seen** |" in doc
    results = json.loads(raw.read_text(encoding="utf-8"))
    assert set(results["reruns"]["1"]) == {"bench/floor_page.py", "entry only", *listed}


@pytest.fixture(scope="module")
def thirty(tmp_path_factory) -> tuple[Path, bundle.Bundle]:
    path = synth.make(30, tmp_path_factory.mktemp("thirty"))
    return path, bundle.build(path)  # raises FiguresError unless every figure validates


def test_synthetic_sources_validate_each_in_its_own_text_and_file(thirty):
    path, b = thirty
    assert list(b.sources) == synth.source_ids(30)  # the curated sources, whatever they are, then the synthetic
    assert len(set(b.texts.values())) == len(b.sources)  # every source its own text
    synthetic = [s for s in b.sources.values() if s.id.startswith("syn-")]
    assert len(synthetic) == 29
    for s in synthetic:
        assert s.figures == f"figures/{s.id}.yaml" and (path.parent / s.figures).is_file()
        assert s.file == f"source/{s.id}.txt"
    per_source = b.frame.groupby("source").size()
    assert per_source[[s.id for s in synthetic]].between(60, 140).all()  # about a hundred each


def test_synthetic_data_keeps_the_seeds_share_of_every_status(thirty):
    _, b = thirty
    seed = bundle.build(synth.CURATED).frame["status"].value_counts(normalize=True)
    syn = b.frame[b.frame["source"].str.startswith("syn-")]
    share = syn["status"].value_counts(normalize=True)
    for status in ("reported", "blank", "partial"):
        assert 0.5 * seed[status] <= share[status] <= 1.5 * seed[status], status
    assert (syn["status"] == "missing_section").sum() >= 1  # a few announced places have no section
    assert syn.loc[syn["status"] != "reported", "value"].isna().all()  # blanks stay blanks, never 0
    assert set(syn["qualifier"]) >= {"exact", "at_least", "more_than", "range"}


def test_synthetic_places_sit_at_several_levels_and_appear_in_several_sources(thirty):
    _, b = thirty
    syn = b.frame[b.frame["source"].str.startswith("syn-")]
    levels = set(syn["level"].astype(str))
    assert len(levels) >= 5
    for c in syn["city"].astype(str).unique():  # every place but a province has its parent in the registry
        place = b.cities[c]
        assert place.level == "province" or place.parent in b.cities
    sources_per_place = syn.groupby("city", observed=True)["source"].nunique()
    assert sources_per_place.max() >= 5 and (sources_per_place >= 2).mean() >= 0.5
    sources_per_indicator = syn.groupby("indicator")["source"].nunique()  # indicators shared across sources
    assert sources_per_indicator.max() >= 10


def test_synthetic_data_is_deterministic(tmp_path):
    a, b = synth.make(4, tmp_path / "a"), synth.make(4, tmp_path / "b")
    files = sorted(p.relative_to(a.parent).as_posix() for p in a.parent.rglob("*") if p.is_file())
    assert set(files) == synth.files(4)  # the entry, the curated files, a text and a figure file per synthetic source
    assert {"source/syn-0003.txt", "figures/syn-0003.yaml"} <= set(files) and "figures/syn-0004.yaml" not in files
    assert all((a.parent / f).read_bytes() == (b.parent / f).read_bytes() for f in files)
    assert synth.rows(a) == len(bundle.build(a).frame)


def test_curated_file_is_the_1x_data(tmp_path):
    b = bundle.build(synth.make(1, tmp_path))
    curated = bundle.build(ROOT / "data" / "metrics.yaml")
    assert b.frame.drop(columns=["line", "file"]).equals(curated.frame.drop(columns=["line", "file"]))
    assert b.texts == curated.texts


def test_a_heading_repeated_in_one_synthetic_text_is_refused_there_only(tmp_path):
    path = synth.make(3, tmp_path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    src = doc["sources"][2]
    heading = next(a["section_heading"] for a in src["appearances"] if a["has_section"])
    text = tmp_path / src["file"]
    raw = (text.read_text(encoding="utf-8") + heading + "\n").encode("utf-8")
    text.write_bytes(raw)
    src["sha256"] = hashlib.sha256(raw).hexdigest()
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(FiguresError) as err:
        bundle.build(path)
    refused = [p for p in err.value.problems if p.loc[-1] == "section_heading"]
    assert len(refused) == 1 and refused[0].loc[:2] == ("sources", 2)
    assert "found 2 times" in refused[0].message


@pytest.mark.slow
def test_the_store_bench_edits_rebuilds_and_saves_what_it_says(tmp_path):
    from bench import report, storebench

    out = storebench.run(str(synth.make(3, tmp_path)), runs=2, validate_runs=1)
    assert out["rows"] == synth.rows(tmp_path / "metrics.yaml")  # the restart read every figure
    assert len(set(out["edited"])) == 2  # each run another file, each rebuilt alone (checked inside)
    assert out["detect"]["kinds"] == ["unchanged"] and out["detect"]["after_touch_kind"] == "unchanged"
    cur = out["curate"]
    assert len(set(cur["sources"])) == 2 and len(cur["save"]) == 2
    assert cur["store_after_saves"] == "unchanged"  # every Save brought the store up to date itself
    doc = "\n".join(report.store_section({"store": {3: out}}))
    rows = [line for line in doc.splitlines() if line.startswith("| Curate: ")]
    assert len(rows) == 3 and all(" ms (2)" in r or " s (2)" in r for r in rows)


def test_the_review_bench_writes_its_own_section_and_leaves_the_rest(tmp_path):
    from bench import review

    res = {
        "proposals": 50,
        "decided": {"accept": 40, "fix": 5, "reject": 5},
        "wall_s": 100.0,
        "actions": 61,
        "keys": 50,
        "clicks": 6,
        "typed": 5,
        "per": {"accept": 1.0, "fix": 3.0, "reject": 1.0},
        "lost": [],
        "review_s": 90.0,
        "added": 2,
        "per_added": 4.5,
        "added_zh_retyped": None,
        "viewer": {
            "expected": 47,
            "problems": [],
            "reader": 47,
            "reader_untranslated": 1,
            "reader_right": 47,
            "data": 46,
            "data_untranslated": 0,
            "data_right": 46,
            "drafts_left": 0,
            "untranslated_expected": 1,
        },
    }
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\nearlier text\n\n## Later part\n\nkept\n", encoding="utf-8")
    review.write(res, out)
    missing = {**res["viewer"], "problems": ["data: shows 46 figures; not expected []; missing ['r9']"]}
    review.write({**res, "wall_s": 200.0, "lost": ["r1: not accepted"], "viewer": missing}, out)
    body = out.read_text(encoding="utf-8")
    assert body.count(review.HEADING) == 1 and "earlier text" in body and "kept" in body
    assert "| 200.0 s | < 180 s | MISSED |" in body and "- r1: not accepted" in body
    assert (
        "| 46 of 47 figures; 46 labelled as saved (English · Chinese, or without English the Chinese label marked); "
        "0 marked (untranslated), 1 expected | exactly the accepted | MISSED |" in body
    )
    assert (  # the reader's row: the one figure without English shown marked, as expected
        "| 47 of 47 figures; 47 labelled as saved (English · Chinese, or without English the Chinese label marked); "
        "1 marked (untranslated), 1 expected | exactly the accepted | met |" in body
    )
    assert "- data: shows 46 figures" in body
    assert [review.plan(i) for i in range(50)].count("accept") == 40
