"""A curator adds a valid figure: the whole fast tier still passes on the data with it (no test is pinned to
today's totals). The fast tier reruns in a subprocess with $METRICS_FILE pointing at a copy of data/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


def with_extra_figure(tmp_path: Path) -> Path:
    """A copy of data/ whose metrics file has one more valid figure; its path."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "metrics.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["metrics"].append(EXTRA)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_fast_tier_passes_on_the_data_with_one_more_valid_figure(tmp_path):
    path = with_extra_figure(tmp_path)
    grown, today = bundle.build(path), bundle.build(ROOT / "data" / "metrics.yaml")
    assert len(grown.frame) == len(today.frame) + 1 and EXTRA["id"] in set(grown.frame["id"])
    env = {**os.environ, "METRICS_FILE": str(path)}
    cmd = [sys.executable, "-m", "pytest", "-x", "--tb=short", "-p", "no:cacheprovider", "--ignore=tests/browser"]
    cmd += ["-m", "(unit or app) and not slow", "--hypothesis-profile=fast"]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert f"real data: {path}" in run.stdout  # the tier ran on the copy, not on data/
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
