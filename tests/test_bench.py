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
from loaders.problems import MetricsError

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
    assert f"| 1x | {len(bundle.build(synth.CURATED).frame)} |" in doc  # the loader at the curated size
    for target in ("3× the floor page", "Loader ≤ 1 s at 100x", "Cold start", "RSS growth"):
        assert target in doc
    results = json.loads(raw.read_text(encoding="utf-8"))
    assert set(results["reruns"]["1"]) == {"bench/floor_page.py", "entry only", *listed}


def test_synthetic_copies_validate_and_scale_every_status(tmp_path):
    one = bundle.build(synth.make(1, tmp_path / "one"))
    three = bundle.build(synth.make(3, tmp_path / "three"))
    assert len(three.frame) == 3 * len(one.frame)
    assert len(three.cities) == 3 * len(one.cities) and len(three.sources) == 3
    for status, n in one.frame["status"].value_counts().items():
        assert (three.frame["status"] == status).sum() == 3 * n  # blanks stay blanks, never dropped
    assert three.frame["value"].isna().sum() == 3 * one.frame["value"].isna().sum()
    # every copy has its own sections, and each figure sits in its own copy's section
    assert len(three.sections) == 3 * len(one.sections)
    copy2 = three.frame[three.frame["id"].str.endswith("-x2")]
    assert set(copy2["city"].astype(str)) == {f"{c}_x2" for c in one.cities}
    assert set(copy2["source"]) == {f"{s}-x2" for s in one.sources}


def test_curated_file_is_the_1x_data(tmp_path):
    b = bundle.build(synth.make(1, tmp_path))
    curated = bundle.build(ROOT / "data" / "metrics.yaml")
    assert b.frame.drop(columns=["line"]).equals(curated.frame.drop(columns=["line"]))
    assert b.texts == curated.texts


def test_heading_in_two_sources_is_still_refused_at_scale(tmp_path):
    path = synth.make(3, tmp_path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    heading = next(c["section_heading"] for c in doc["cities"] if c["id"] == "jining")
    src = doc["sources"][2]
    text = tmp_path / src["file"]
    raw = (text.read_text(encoding="utf-8") + "\n" + heading + "\n").encode("utf-8")
    text.write_bytes(raw)
    src["sha256"] = hashlib.sha256(raw).hexdigest()
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(MetricsError) as err:
        bundle.build(path)
    refused = [p for p in err.value.problems if p.loc[-1] == "section_heading"]
    assert [p.loc for p in refused] == [("cities", 1, "section_heading")]  # jining of copy 0, and only it
    assert "more than one place" in refused[0].message
