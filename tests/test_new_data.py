"""A curator adds a valid figure, and a new source through add-source with its own figure file: the whole fast
tier still passes on the data with them (no test is pinned to today's totals or to one source). The fast tier
reruns in a subprocess with $METRICS_FILE pointing at a copy of data/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from curation import add_source, figure_file
from loaders import bundle

ROOT = Path(__file__).resolve().parent.parent
EXTRA = {
    # a second figure on a sentence another figure already quotes, of another metric type, in Guangzhou
    "id": "gz-extra-figure-for-the-new-data-test",
    "source": "dangjian-forum-urban-2020",
    "city": "guangzhou",
    "type": "other",
    "label_zh": "行业党委(测试用新增数据)",
    "label_en": "Industry Party committees (a figure added by the new-data test)",
    "value": 18,
    "unit": "个",
    "status": "reported",
    "quote": "成立律师、注册会计师、物业服务、社会工作等18个行业*委",
    "anchor": "社会工作等",
}


# A second text, our own sentences in the genre's style: a section for Guangzhou, a count and a deleted number.
NEW_TEXT = (
    "本期关注广东广州的社区服务。\n广东广州:社区里的新变化\n调查显示,全市新建*群服务驿站35个,每个驿站配备专职人员名。\n"
)
NEW_FIGURES = [
    {
        "id": "newdata-gz-stations",
        "source": "new-data-test-source",
        "city": "guangzhou",
        "type": "service_centers",
        "label_zh": "党群服务驿站",
        "label_en": "Party-mass service stations",
        "value": 35,
        "unit": "个",
        "status": "reported",
        "quote": "全市新建*群服务驿站35个",
    },
    {
        "id": "newdata-gz-station-staff",
        "source": "new-data-test-source",
        "city": "guangzhou",
        "type": "staffing",
        "label_zh": "驿站专职人员",
        "label_en": "Full-time staff per station",
        "unit": "名",
        "status": "blank",
        "quote": "每个驿站配备专职人员名",
        "anchor": "每个驿站配备专职人员",
    },
]


def with_extra_figure(tmp_path: Path) -> Path:
    """A copy of data/ whose seed figure file has one more valid figure, as a curator adds it; the entry's path."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".history"))
    path = data / "metrics.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    seed = next(s for s in doc["sources"] if s["id"] == EXTRA["source"])
    figures = data / seed["figures"]
    figures.write_text(figures.read_text(encoding="utf-8") + figure_file.rows_text([EXTRA]), encoding="utf-8")
    return path


def with_new_source(tmp_path: Path) -> Path:
    """with_extra_figure(), plus a source registered by add-source, as the README says, and its figures."""
    path = with_extra_figure(tmp_path)
    text = tmp_path / "new.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    added = add_source.add_source(path, text, "new-data-test-source", title_en="A source added by the new-data test")
    assert [a.place for a in added.appearances if a.has_section] == ["guangzhou"]
    body = added.figures_file.read_text(encoding="utf-8").replace("metrics: []\n", "")
    body += yaml.safe_dump({"metrics": NEW_FIGURES}, allow_unicode=True, sort_keys=False)
    added.figures_file.write_text(body, encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_fast_tier_passes_on_the_data_with_one_more_figure_and_one_more_source(tmp_path):
    path = with_new_source(tmp_path)
    grown, today = bundle.build(path), bundle.build(ROOT / "data" / "metrics.yaml")
    assert len(grown.frame) == len(today.frame) + 1 + len(NEW_FIGURES) and EXTRA["id"] in set(grown.frame["id"])
    assert len(grown.sources) == len(today.sources) + 1
    env = {**os.environ, "METRICS_FILE": str(path)}
    cmd = [sys.executable, "-m", "pytest", "-x", "--tb=short", "-p", "no:cacheprovider", "--ignore=tests/browser"]
    cmd += ["-m", "(unit or app) and not slow", "--hypothesis-profile=fast"]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert f"real data: {path}" in run.stdout  # the tier ran on the copy, not on data/
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
